"""The registry of the figures of FIGURES.md (F01…F28), by id.

Each app's ``metrics.py`` registers the figures it owns with ``@register``; a figure not yet
registered is absent, never 0. A figure is a function of an ``Area`` (a region and every region
below it) and a ``Period`` that returns its value and the queryset of the records behind it.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Hashable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any, Callable

from django.apps import apps
from django.db.models import Aggregate, Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .beside import on_two_threads, reads_beside


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    """A year (``2026``) or a quarter (``2026Q3``)."""

    year: int
    quarter: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        match = re.fullmatch(r"(\d{4})(?:[Qq]([1-4]))?", (text or "").strip())
        if not match:
            raise PeriodError(_("A period is a year such as 2026 or a quarter such as 2026Q3."))
        year = int(match.group(1))
        if not 2000 <= year <= 2100:
            raise PeriodError(_("The year must lie between 2000 and 2100."))
        return cls(year, int(match.group(2)) if match.group(2) else None)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1)
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, 4)

    def year_earlier(self) -> Period:
        return Period(self.year - 1, self.quarter)

    def quarters(self) -> list[Period]:
        return [self] if self.quarter else [Period(self.year, q) for q in range(1, 5)]

    @property
    def label(self) -> str:
        if self.quarter is None:
            return _("Year %(year)d") % {"year": self.year}
        return _("Q%(quarter)d %(year)d") % {"year": self.year, "quarter": self.quarter}

    def __str__(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}Q{self.quarter}"


def default_period() -> Period:
    """The current quarter: what the overview shows when no period is asked for."""
    today = timezone.localdate()
    return Period(today.year, (today.month - 1) // 3 + 1)


@dataclass(frozen=True)
class Area:
    """A region and the ids of every region below it, which is what figures filter on."""

    region: Any
    ids: frozenset[int]

    @classmethod
    def of(cls, region, scope=None) -> "Area":
        """``scope``: an official's Scope, whose part of the region tree spares reading it again."""
        known = scope.subtree_ids(region.pk) if scope is not None else None
        return cls(region, frozenset(known if known is not None else region.subtree_ids()))


@dataclass
class FigureValue:
    """A figure's value and breakdown, and the records behind it: a queryset, or a function building one when
    ``records`` is first read (the overview shows values only, and building the querysets of figures whose value
    comes from an aggregate shared with others was a tenth of its time)."""

    value: int | Decimal | None
    records_of: QuerySet | Callable[[], QuerySet] | None = None
    breakdown: dict[str, int | Decimal | None] = field(default_factory=dict)

    @property
    def records(self) -> QuerySet | None:
        if callable(self.records_of):
            self.records_of = self.records_of()
        return self.records_of


@dataclass(frozen=True)
class Figure:
    id: str
    label: str  # lazily translated
    unit: str
    compute: Callable[[Area, Period], FigureValue]
    do_not_call_in_templates = True

    def __call__(self, area: Area, period: Period) -> FigureValue:
        return self.compute(area, period)


REGISTRY: dict[str, Figure] = {}


def register(figure_id: str, label, unit="") -> Callable:
    """Decorator: register ``compute(area, period)`` as the figure ``figure_id``."""
    if not re.fullmatch(r"F\d{2}", figure_id):
        raise ValueError(f"figure ids look like F01, not {figure_id!r}")

    def decorate(compute):
        REGISTRY[figure_id] = Figure(figure_id, label, unit, compute)
        return compute

    return decorate


def registered() -> list[Figure]:
    return [REGISTRY[key] for key in sorted(REGISTRY)]


class _Kept:
    """What one computation keeps: each key computed once, by the first thread to ask for it; a thread asking
    for a key another is computing waits for it (the figures are computed on two threads: ``_computed``).
    A key whose computation failed is not kept: the error reaches whoever waited for it."""

    def __init__(self):
        self._entries: dict[Hashable, Future] = {}
        self._lock = threading.Lock()

    def take(self, key: Hashable, compute: Callable[[list[Hashable]], dict[Hashable, Any]],
             along: Iterable[Hashable] = ()) -> Any:
        """The value of ``key``; if nobody has asked for it yet, ``compute(keys)`` gives it and those of ``along``
        not asked for either, all at once."""
        with self._lock:
            claimed = [] if key in self._entries else \
                [key, *(other for other in along if other != key and other not in self._entries)]
            for each in claimed:
                self._entries[each] = Future()
            entry = self._entries[key]
        if claimed:
            try:
                values = compute(claimed)
                results = [values[each] for each in claimed]  # a key left out must not leave a waiter waiting
            except BaseException as error:
                with self._lock:
                    for each in claimed:
                        self._entries.pop(each).set_exception(error)
                raise
            for each, value in zip(claimed, results):
                self._entries[each].set_result(value)
        return entry.result()


# Aggregates that several figures read (one scan of the member reports for F06–F09), kept for one computation,
# and the periods computed in it (the overview's period and the one before), which an aggregate read period by
# period may read in one scan (``shared_by_period``).
_shared: ContextVar[_Kept | None] = ContextVar("figures_shared", default=None)
_periods: ContextVar[tuple[Period, ...]] = ContextVar("figures_periods", default=())


@contextmanager
def computed_together(periods: Iterable[Period] = ()) -> Iterator[None]:
    """Within the block, an aggregate that several figures ask for through ``shared`` is queried once, and one
    asked for through ``shared_by_period`` is queried once for all of ``periods``."""
    token = _shared.set(_Kept()) if _shared.get() is None else None
    periods_token = _periods.set(tuple(periods)) if periods else None
    try:
        yield
    finally:
        if periods_token is not None:
            _periods.reset(periods_token)
        if token is not None:
            _shared.reset(token)


def shared(key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per ``key`` inside ``computed_together()``; a figure computed alone queries afresh."""
    kept = _shared.get()
    if kept is None:
        return compute()
    return kept.take(key, lambda keys: {key: compute()})


def shared_by_period(key: Hashable, period: Period, compute: Callable[[list[Period]], dict[Period, Any]]) -> Any:
    """``compute(periods)[period]``, where ``compute`` answers for several periods in one query: inside
    ``computed_together(periods)`` the first figure to ask reads every period of the block not yet read."""
    kept = _shared.get()
    if kept is None:
        return compute([period])[period]

    def each_period(keys: list[tuple[Hashable, Period]]) -> dict:
        values = compute([each for _key, each in keys])
        return {(key, each): values[each] for each in values}
    return kept.take((key, period), each_period, along=[(key, other) for other in _periods.get()])


def aggregated_by_period(key: Hashable, area: Area, period: Period, records: Callable[[Q], QuerySet],
                         within: Callable[[Period], Q], by: str | None = None, **aggregates: Aggregate) -> dict:
    """``records(within(period)).aggregate(**aggregates)``, in one query for every period computed together: the
    records of any of the periods, each aggregate filtered by its period. With ``by`` (a field), the aggregates
    per value of the field that any of the periods holds: ``{value: {name: …}}``.

    For figures whose records are few (bodies, posts, cases, agreements): their query costs the ORM more time to
    build than PostgreSQL to answer, and one query instead of one per period saves a round trip. Where
    ``records`` joins a many-valued relation, a record is joined once per row: count it ``distinct``."""
    def values(row: dict, index: int) -> dict[str, Any]:
        return {name: row[f"{name}_{index}"] for name in aggregates}

    def compute(periods: list[Period]) -> dict[Period, dict]:
        query = {f"{name}_{index}": _filtered(aggregate, within(each))
                 for index, each in enumerate(periods) for name, aggregate in aggregates.items()}
        matching = records(Q.create([within(each) for each in periods], Q.OR))
        if by is None:
            result = matching.aggregate(**query)
            return {each: values(result, index) for index, each in enumerate(periods)}
        rows = list(matching.order_by().values(by).annotate(**query))
        return {each: {row[by]: values(row, index) for row in rows} for index, each in enumerate(periods)}
    return shared_by_period((key, area.ids), period, compute)


def counted_by_period(key: Hashable, area: Area, period: Period, records: Callable[[Q], QuerySet],
                      within: Callable[[Period], Q]) -> FigureValue:
    """The number of ``records(within(period))``, counted as ``aggregated_by_period`` does; those records behind it."""
    counts = aggregated_by_period(key, area, period, records, within, total=Count("pk"))
    return FigureValue(counts["total"], lambda: records(within(period)))


def _filtered(aggregate: Aggregate, condition: Q) -> Aggregate:
    copy = aggregate.copy()
    copy.filter = condition if aggregate.filter is None else condition & aggregate.filter
    return copy


def computing() -> bool:
    """Inside ``computed_together()``: what ``shared`` keeps is kept until the block ends."""
    return _shared.get() is not None


def compute_all(area: Area, period: Period) -> list[tuple[Figure, FigureValue]]:
    """Every registered figure of ``period``, computed together (on two connections where it can be)."""
    with computed_together():
        values = _computed(area, [(period, figure) for figure in registered()])
    return [(figure, values[(period, figure.id)]) for figure in registered()]


def compute_periods(area: Area, periods: list[Period], two_threads: bool = True) -> list[dict[str, FigureValue]]:
    """Every registered figure of each period, by id: the periods computed together (``two_threads=False``: on
    this thread alone, for a caller whose second connection does other work)."""
    with computed_together(periods):
        values = _computed(area, [(period, figure) for period in periods for figure in registered()], two_threads)
    return [{figure.id: values[(period, figure.id)] for figure in registered()} for period in periods]


Computed = dict[tuple[Period, str], FigureValue]  # each figure's value, by period and figure id


def _computed(area: Area, work: list[tuple[Period, Figure]], two_threads: bool = True) -> Computed:
    """Each figure of ``work`` for its period. Where a second connection sees what this one reads
    (chainparty/beside.py), on two threads, each on its own connection: the database answers one thread's query
    while Python builds the other's. An aggregate that figures share is computed once, by whichever thread asks
    first (``_Kept``); taking the figures from the two ends of the registry keeps the threads on figures that
    share nothing until they meet."""
    if two_threads and reads_beside(apps.get_model("chainparty", "Region")):
        values = on_two_threads([partial(figure, area, period) for period, figure in work], "figures")
    else:
        values = [figure(area, period) for period, figure in work]
    return {(period, figure.id): value for (period, figure), value in zip(work, values)}


def percentage(part, whole) -> Decimal | None:
    """``part`` ÷ ``whole`` as a percentage with one decimal; None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def as_json_number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value
