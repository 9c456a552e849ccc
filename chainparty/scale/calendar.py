"""The working-day calendar computed once per run, so that 200,000 needs' deadlines cost table look-ups."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date, timedelta

from services.workdays import WorkingCalendar


class PrecomputedCalendar(WorkingCalendar):
    """``WorkingCalendar`` answers (holidays package + overrides) for every day of a span, asked once each.

    ``add`` and ``count`` give what ``WorkingCalendar`` gives; a day outside the span falls back to it.
    """

    def __init__(self, first: date, last: date):
        super().__init__()
        self.first, self.last = first, last
        days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
        self.working = [day for day in days if self.is_working_day(day)]
        self.ordinals = [day.toordinal() for day in self.working]
        self.unannounced = {year for year in range(first.year, last.year + 1) if not self.is_announced(year)}
        # Steps of up to MARGIN working days from a day between these two stay inside the table.
        self.low, self.high = first + timedelta(days=2 * self.MARGIN), last - timedelta(days=2 * self.MARGIN)

    MARGIN = 60

    def add(self, start: date, days: int) -> tuple[date, bool]:
        if not (self.low <= start <= self.high and -self.MARGIN <= days <= self.MARGIN):
            return super().add(start, days)
        if days > 0:  # the days-th working day after start: start itself never counts
            day = self.working[bisect_right(self.ordinals, start.toordinal()) + days - 1]
        elif days < 0:
            day = self.working[bisect_left(self.ordinals, start.toordinal()) + days]
        else:
            day = start
        if not self.unannounced:
            return day, False
        low, high = sorted((start, day))
        return day, any(year in self.unannounced for year in range(low.year, high.year + 1))

    def count(self, start: date, end: date) -> int:
        if end <= start:
            return 0
        if start < self.first or end > self.last:
            return super().count(start, end)
        return bisect_right(self.ordinals, end.toordinal()) - bisect_right(self.ordinals, start.toordinal())
