"""Date ranges over timestamp columns, written so the column's index serves them."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone


def start_of(day: date) -> datetime:
    """Midnight starting ``day`` in the current time zone (the one ``__date`` lookups use)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def on_days(field: str, start: date | None = None, end: date | None = None) -> Q:
    """``field__date`` between ``start`` and ``end`` (inclusive), as a range on the timestamp itself: ``__date``
    casts every row's value, so PostgreSQL could use no index and read the whole table."""
    q = Q()
    if start is not None:
        q &= Q(**{f"{field}__gte": start_of(start)})
    if end is not None:
        q &= Q(**{f"{field}__lt": start_of(end + timedelta(days=1))})
    return q
