"""``manage.py restore archive.tar.gz``: load a backup of ``manage.py backup`` into an empty database and storage."""
from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from .backup import media_root


class Command(BaseCommand):
    help = "Restore the database and the uploaded files from a backup archive (into an empty, migrated database)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        with tempfile.TemporaryDirectory() as work, tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                target = Path(member.name)
                if target.is_absolute() or ".." in target.parts or not (member.isfile() or member.isdir()):
                    raise CommandError(f"Refusing unsafe archive member {member.name!r}")
            tar.extractall(work, filter="data")
            # The history rows are in the backup: loading must not write new ones (m2m signals would).
            with transaction.atomic(), override_settings(SIMPLE_HISTORY_ENABLED=False):
                call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
            restored = 0
            source = Path(work) / "media"
            if source.exists():
                for file in source.rglob("*"):
                    if file.is_file():
                        target = media_root() / file.relative_to(source)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        target.write_bytes(file.read_bytes())
                        restored += 1
        self.stdout.write(f"restored {archive} ({restored} files)")
