"""Validators of the alliances app's uploads."""
from __future__ import annotations

from django.utils.deconstruct import deconstructible

from chainparty.uploads import DocumentValidator


@deconstructible
class UploadedDocumentValidator(DocumentValidator):
    """DocumentValidator for a model's file field: checks a file being uploaded, not the one already stored.

    Model validation runs on every save of the record; a stored file was checked when it came in, and
    re-reading it from storage each time would only cost (or fail, when storage is elsewhere).
    """

    def __call__(self, upload) -> None:
        if getattr(upload, "_committed", False) is True:
            return
        super().__call__(upload)
