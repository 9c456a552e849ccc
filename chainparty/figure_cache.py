"""The overview's numbers, computed once and kept for ``FIGURES_CACHE_SECONDS``.

At city scale the 28 figures of a period and of the period before are 50 aggregate queries over hundreds of
thousands of rows: a quarter to half a second of PostgreSQL, however the code around them is written. A figure
depends on the region and the period only, never on who asks (the region is checked against the user's reach
before), so one computation serves every official of the region until it is ``FIGURES_CACHE_SECONDS`` old
(default 300; 0 turns the cache off). The gap counts of the coverage are counted through the user's scope, so they
are kept per user. The overview says when its numbers were computed. The work report, the coverage page and the
figures API always compute afresh. The worker computes the figures officials land on before they are old
(``refresh_landing_figures``), so the first official of the day is served as fast as the second.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .coverage import GAPS, gap_counts
from .figures import Area, FigureValue, Period, compute_periods, default_period


@dataclass(frozen=True)
class Snapshot:
    """Numbers as computed at ``computed_at``."""

    computed_at: datetime
    values: Any


def _fresh(key: str, refresh: bool = False) -> Snapshot | None:
    """What the cache keeps under ``key`` while younger than the setting; None when off, missing, old or
    ``refresh``ed."""
    seconds = settings.FIGURES_CACHE_SECONDS
    if seconds <= 0 or refresh:
        return None
    cached = cache.get(key)
    if cached is not None and timezone.now() - cached.computed_at < timedelta(seconds=seconds):
        return cached
    return None


def _keep(key: str, values: Any, storable: Callable[[Any], Any] = lambda values: values) -> Snapshot:
    """``values`` as computed now, kept under ``key`` for the setting's seconds; ``storable`` drops what cannot be
    pickled."""
    fresh = Snapshot(timezone.now(), values)
    seconds = settings.FIGURES_CACHE_SECONDS
    if seconds > 0:
        cache.set(key, Snapshot(fresh.computed_at, storable(values)), timeout=seconds)
    return fresh


def _kept(key: str, compute: Callable[[], Any]) -> Snapshot:
    """``compute()`` from the cache while younger than the setting, else computed and kept now."""
    return _fresh(key) or _keep(key, compute())


def _without_records(values: dict[str, FigureValue]) -> dict[str, FigureValue]:
    return {pk: FigureValue(value.value, None, value.breakdown) for pk, value in values.items()}


def figures_for(area: Area, periods: list[Period], refresh: bool = False) -> list[Snapshot]:
    """Every registered figure of ``area`` in each period (values and breakdowns; records only when just computed),
    from the cache while young enough (``refresh``: computed afresh); those computed are computed together
    (``figures.compute_periods``: the overview's period and the one before read in one scan where a figure can say
    so, on two connections where they can be)."""
    def key(period: Period) -> str:
        return f"figures:{area.region.pk}:{period}"
    found = {period: _fresh(key(period), refresh) for period in periods}
    missing = [period for period, snapshot in found.items() if snapshot is None]
    for period, values in zip(missing, compute_periods(area, missing) if missing else []):
        found[period] = _keep(key(period), values, _without_records)
    return [found[period] for period in periods]


REFRESHING = "figures:refreshing"  # held by the refresh that runs


def refresh_landing_figures() -> int:
    """Compute afresh the figures officials land on, the worker's periodic job (chainparty/tasks.py): the region
    of each official's post, for the overview's default period and the one before. An official opening the
    overview is then served from the cache; other regions and periods are computed when first asked for.
    Returns the number of (region, period) computed; none while the cache is off or another refresh runs."""
    from .db_routers import reading_from_replica
    from .models import Official, Region

    seconds = settings.FIGURES_CACHE_SECONDS
    # One refresh at a time: a province's takes about a minute, and a busy worker could start the next meanwhile.
    if seconds <= 0 or not cache.add(REFRESHING, timezone.now(), timeout=seconds):
        return 0
    try:
        period = default_period()
        with reading_from_replica():
            regions = Region.objects.filter(pk__in=Official.objects.filter(
                active=True, user__is_active=True).values("region_id")).order_by("code")
            for region in regions:
                figures_for(Area.of(region), [period, period.previous()], refresh=True)
        return 2 * len(regions)
    finally:
        cache.delete(REFRESHING)



def gaps_of(scope, area: Area, period: Period) -> Snapshot:
    """The count of each kind of gap (coverage.py) the user sees in ``area``: a list of (GapKind, count)."""
    counts = _kept(f"gaps:{scope.user_id}:{area.region.pk}:{period}",
                   lambda: {gap.id: count for gap, count in gap_counts(scope, area, period)})
    return Snapshot(counts.computed_at, [(gap, counts.values[gap.id]) for gap in GAPS])
