"""Safe spreadsheets: imports refuse oversized files and zip/XML bombs; exports neutralise formulae.

- ``check_import_file(data)``: at most ``settings.IMPORT_MAX_BYTES`` (default 5 MB) on disk and
  ``settings.IMPORT_MAX_UNCOMPRESSED_BYTES`` (default 50 MB) once unzipped, with a sane compression ratio,
  so a small .xlsx that inflates to gigabytes is refused before openpyxl opens it. openpyxl reads in
  read-only mode and, with ``defusedxml`` installed, refuses entity expansion (billion laughs).
- ``neutralise(value)``: text starting with = + - @ (or a tab / carriage return) gets a leading single
  quote, so no formula typed by a user runs in the reader's spreadsheet.
- ``SafeXLSX`` / ``SafeCSV``: django-import-export formats doing both (settings IMPORT_FORMATS /
  EXPORT_FORMATS); ``excel_admin.SafeImportExportMixin`` shows the refusal in Chinese and logs every export.
"""
from __future__ import annotations

import io
import zipfile

import tablib
from django.conf import settings
from django.utils.translation import gettext as _
from import_export.formats.base_formats import CSV, XLSX

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_RATIO = 200


class ImportRefused(ValueError):
    """A file refused before reading; the message is shown to the user as it is."""


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def neutralised(dataset: tablib.Dataset) -> tablib.Dataset:
    safe = tablib.Dataset(headers=[neutralise(h) for h in (dataset.headers or [])] or None, title=dataset.title)
    for row in dataset:
        safe.append([neutralise(value) for value in row])
    return safe


def check_import_file(data: bytes, *, spreadsheet: bool = True) -> None:
    limit = getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024)
    if len(data) > limit:
        raise ImportRefused(_("The file is larger than %(limit)s MB; split it into smaller files.")
                            % {"limit": limit // (1024 * 1024)})
    if not spreadsheet:
        return
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportRefused(_("This is not a valid Excel (.xlsx) file."))
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    if unpacked > getattr(settings, "IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024) or \
            unpacked / packed > MAX_RATIO:
        raise ImportRefused(_("The file expands to too much data once unpacked; it was not read."))


class SafeXLSX(XLSX):
    def create_dataset(self, in_stream):
        check_import_file(in_stream)
        try:
            return super().create_dataset(in_stream)
        except ImportRefused:
            raise
        except Exception:  # defusedxml refusals, broken XML, missing sheets: one clear message
            raise ImportRefused(_("This Excel file could not be read (damaged, or it contains forbidden XML)."))

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralised(dataset), **kwargs)


class SafeCSV(CSV):
    def create_dataset(self, in_stream, **kwargs):
        check_import_file(in_stream if isinstance(in_stream, bytes) else in_stream.encode(), spreadsheet=False)
        return super().create_dataset(in_stream, **kwargs)

    def export_data(self, dataset, **kwargs):
        return super().export_data(neutralised(dataset), **kwargs)
