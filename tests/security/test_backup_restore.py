"""A backup holds the database and the uploaded files; restored into an empty database and storage,
every record and every file is found again."""
import shutil

import pytest
from django.apps import apps
from django.core.management import call_command

from chainparty.management.commands.backup import EXCLUDE

from .side_b import build_side_b


def inventory():
    counted = {}
    for model in apps.get_models():
        label = model._meta.label_lower
        if model._meta.app_label in EXCLUDE or label in EXCLUDE or not model._meta.managed:
            continue
        counted[label] = sorted(model._base_manager.values_list("pk", flat=True))
    return counted


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_and_storage_finds_everything(world, settings, tmp_path):
    media = tmp_path / "media"
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"],
                                                          "OPTIONS": {"location": str(media)}}}
    objects = build_side_b(world)
    files = {p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()}
    assert len(files) == 2
    before = inventory()
    assert sum(len(pks) for pks in before.values()) > 100

    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    assert objects["need"].__class__.objects.count() == 0

    call_command("restore", str(archive))
    assert inventory() == before
    assert {p.relative_to(media): p.read_bytes() for p in media.rglob("*") if p.is_file()} == files
    need = objects["need"].__class__.objects.get(pk=objects["need"].pk)
    assert need.title == objects["need"].title and need.history.exists()
    assert objects["need_attachment"].__class__.objects.get(pk=objects["need_attachment"].pk).file.read().startswith(
        b"%PDF")
