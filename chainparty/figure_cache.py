"""The overview's figures, computed once per region and period and kept for ``FIGURES_CACHE_SECONDS``.

At city scale the 28 figures of a period and of the period before are 56 aggregate queries over hundreds of
thousands of rows: about a second of PostgreSQL, however the code around them is written. A figure depends on the
region and the period only, never on who asks (the region is checked against the user's reach before), so one
computation serves every official of the region until it is ``FIGURES_CACHE_SECONDS`` old (default 300; 0 turns
the cache off). The overview says when its figures were computed. The work report and the figures API always
compute afresh: they are documents of record.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .figures import Area, FigureValue, Period, registered


@dataclass(frozen=True)
class Snapshot:
    """The figures of one region and period as computed at ``computed_at`` (values and breakdowns, no records)."""

    computed_at: datetime
    values: dict[str, FigureValue]


def _key(area: Area, period: Period) -> str:
    return f"figures:{area.region.pk}:{period}"


def _compute(area: Area, period: Period) -> Snapshot:
    return Snapshot(timezone.now(), {figure.id: figure(area, period) for figure in registered()})


def figures_of(area: Area, period: Period) -> Snapshot:
    """Every registered figure of ``area`` in ``period``: from the cache while younger than the setting."""
    seconds = settings.FIGURES_CACHE_SECONDS
    if seconds <= 0:
        return _compute(area, period)
    cached = cache.get(_key(area, period))
    if cached is not None and timezone.now() - cached.computed_at < timedelta(seconds=seconds):
        return cached
    fresh = _compute(area, period)
    kept = {pk: FigureValue(value.value, None, value.breakdown) for pk, value in fresh.values.items()}
    cache.set(_key(area, period), Snapshot(fresh.computed_at, kept), timeout=seconds)
    return fresh
