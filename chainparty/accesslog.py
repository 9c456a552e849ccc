"""``log_access(request, what, obj=None)``: one AccessLog row per export, report or file download."""
from __future__ import annotations

from .models import AccessLog


def log_access(request, what: str, obj=None, detail: str = "") -> AccessLog:
    user = getattr(request, "user", None)
    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        what=str(what)[:200],
        object_repr=str(obj)[:200] if obj is not None else "",
        object_label=obj._meta.label if obj is not None else "",
        object_pk=str(obj.pk) if obj is not None else "",
        detail=str(detail)[:300],
        path=request.get_full_path()[:300] if hasattr(request, "get_full_path") else "",
        ip_address=request.META.get("REMOTE_ADDR") or None if hasattr(request, "META") else None,
    )
