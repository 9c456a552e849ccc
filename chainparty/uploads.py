"""Private uploads: checked by content and size, stored under random names, served only through scope.

Use ``checked_file_validators()`` on a FileField (forms and serializers run them), ``private_upload_to``
as its ``upload_to``, and ``serve_private_file(request, queryset, pk, field)`` in the download view:
the record is loaded through ``visible_to`` so a user who may not see it gets a 404.
"""
from __future__ import annotations

import mimetypes
import os
import uuid
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Kinds of document the portal accepts, by what the content is (not what the name says).
ALLOWED = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff(upload) -> str | None:
    """The kind of document by its first bytes: one of ALLOWED's keys, or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    result = None
    if kind is not None:
        extension = kind.extension
        if extension in ("pdf", "jpg", "png"):
            result = extension
        elif extension in ("doc", "xls", "ppt"):  # OLE2 compound files: Word or Excel 97-2003
            result = extension if extension in ALLOWED else None
        elif extension in ("docx", "xlsx", "zip"):
            result = _office_zip_kind(upload)
    upload.seek(position)
    return result


def _office_zip_kind(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        return None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if any(name.startswith("word/") for name in names):
        return "docx"
    if any(name.startswith("xl/") for name in names):
        return "xlsx"
    return None


@deconstructible
class DocumentValidator:
    """Refuses a file whose content is not an allowed document, or that is over the size limit."""

    def __init__(self, kinds=tuple(ALLOWED)):
        self.kinds = tuple(kinds)

    def __call__(self, upload) -> None:
        limit = settings.UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size).1f MB; files may be at most %(limit).1f MB."),
                code="too_large", params={"size": upload.size / 1048576, "limit": limit / 1048576})
        if sniff(upload) not in self.kinds:
            raise ValidationError(
                _("This file is not an accepted document. Upload a PDF, Word, Excel, JPEG or PNG file."),
                code="bad_type")

    def __eq__(self, other) -> bool:
        return isinstance(other, DocumentValidator) and self.kinds == other.kinds


def private_upload_to(instance, filename: str) -> str:
    """A random stored name under the model's folder; the user's file name is kept only as the extension."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"{instance._meta.app_label}/{instance._meta.model_name}/{uuid.uuid4().hex}{extension}"


def serve_private_file(request, queryset, pk, field_name: str, download_name: str | None = None):
    """Send a record's file to a user who may see the record; 404 otherwise or when there is no file."""
    obj = get_object_or_404(queryset.visible_to(request.scope), pk=pk)
    stored = getattr(obj, field_name)
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404
    name = download_name or f"{obj}{os.path.splitext(stored.name)[1]}"
    content_type = mimetypes.guess_type(stored.name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    from .accesslog import log_access

    log_access(request, f"download {field_name}", obj, detail=stored.name.rsplit("/", 1)[-1])
    response["X-Content-Type-Options"] = "nosniff"
    return response
