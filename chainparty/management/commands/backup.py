"""``manage.py backup [archive.tar.gz]``: the database (dumpdata, natural keys) and the uploaded files in one archive.

Restore with ``manage.py restore archive.tar.gz`` into an empty, migrated database and an empty storage.
Works on SQLite and PostgreSQL alike; on a large PostgreSQL database ``pg_dump`` of the same moment plus
this archive's ``media/`` is the faster alternative (README, Backup and restore)."""
from __future__ import annotations

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

EXCLUDE = ["contenttypes", "auth.permission", "sessions.session", "admin.logentry"]


def media_root() -> Path:
    return Path(settings.STORAGES["default"]["OPTIONS"]["location"])


class Command(BaseCommand):
    help = "Back up the database and the uploaded files together into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="path of the archive (default var/backups/<time>.tar.gz)")

    def handle(self, *args, archive=None, **options):
        path = Path(archive or Path(settings.BASE_DIR) / "var" / "backups" /
                    f"portal-{timezone.now():%Y%m%d-%H%M%S}.tar.gz")
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as work:
            data = Path(work) / "data.json"
            with transaction.atomic():  # one consistent moment (repeatable on PostgreSQL)
                call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, output=str(data),
                             indent=None, verbosity=0)
            files = [p for p in media_root().rglob("*") if p.is_file()] if media_root().exists() else []
            manifest = {"created": timezone.now().isoformat(), "files": len(files),
                        "database": settings.DATABASES["default"]["ENGINE"]}
            with tarfile.open(path, "w:gz") as tar:
                tar.add(data, arcname="data.json")
                for file in files:
                    tar.add(file, arcname=f"media/{file.relative_to(media_root()).as_posix()}")
                raw = json.dumps(manifest).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(raw)
                tar.addfile(info, io.BytesIO(raw))
        self.stdout.write(f"{path} ({len(files)} files)")
        return None
