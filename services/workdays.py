"""Working days in China: the ``holidays`` package's calendar plus the admin's overrides.

``holidays.China`` knows the statutory holidays of every year and, for the years whose arrangement the
State Council has announced, the days off and make-up workdays (调休). A year after the last one the
package carries, and without overrides in the table, is *not announced*: a deadline that runs into it is
computed from the statutory holidays alone and marked provisional.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=None)
def _china(year: int):
    return holidays.China(years=year)


@lru_cache(maxsize=1)
def package_last_announced_year() -> int:
    """The last year whose make-up workdays the installed holidays package carries."""
    try:
        from holidays.countries.china import ChinaStaticHolidays

        return max(ChinaStaticHolidays.special_public_holidays)
    except (ImportError, AttributeError, ValueError):  # a future layout of the package: ask it by its data
        year = date.today().year + 1
        while year > 2000 and not any(day.year == year for day in _china(year).weekend_workdays):
            year -= 1
        return year


class WorkingCalendar:
    """Answers "is this a working day" and does working-day arithmetic; reads overrides once per year touched."""

    def __init__(self, last_announced_year: int | None = None):
        self.last_announced_year = last_announced_year or package_last_announced_year()
        self._overrides: dict[int, dict[date, bool]] = {}

    def overrides(self, year: int) -> dict[date, bool]:
        if year not in self._overrides:
            from .models import WorkingDayOverride

            self._overrides[year] = dict(WorkingDayOverride.objects.filter(date__year=year)
                                         .values_list("date", "is_working_day"))
        return self._overrides[year]

    def is_announced(self, year: int) -> bool:
        """Whether the year's holiday arrangement is known (in the package, or entered as overrides)."""
        return year <= self.last_announced_year or bool(self.overrides(year))

    def is_working_day(self, day: date) -> bool:
        override = self.overrides(day.year).get(day)
        if override is not None:
            return override
        return _china(day.year).is_working_day(day)

    def add(self, start: date, days: int) -> tuple[date, bool]:
        """The ``days``-th working day after ``start`` (before it when negative), and whether it is provisional.

        ``start`` itself never counts: a need submitted on any day is due to be accepted "within 1 working
        day" on the next working day.
        """
        step = 1 if days >= 0 else -1
        remaining = abs(days)
        day = start
        while remaining:
            day += timedelta(days=step)
            if self.is_working_day(day):
                remaining -= 1
        low, high = sorted((start, day))
        provisional = any(not self.is_announced(year) for year in range(low.year, high.year + 1))
        return day, provisional

    def count(self, start: date, end: date) -> int:
        """Working days after ``start`` up to and including ``end`` (0 when ``end`` is not after ``start``)."""
        total = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_working_day(day):
                total += 1
        return total
