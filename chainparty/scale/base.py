"""What every stage of the scale generator shares: the counts per city, the city being built, progress and
bulk inserts."""
from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

# Records per city at --scale 1 (issue 10: a province's size is 13 such cities).
PER_CITY = {
    "chains": 20, "parks": 30, "enterprises": 20_000, "needs": 200_000, "meetings": 40_000,
    "agreements": 10_000, "activities": 4_000, "visits": 12_000,
}
# Floors so that a tiny --scale still gives every kind of record (and every need status).
MINIMUM = {"chains": 2, "parks": 2, "enterprises": 24, "needs": 60, "meetings": 10, "agreements": 4,
           "activities": 4, "visits": 4}
COUNTIES_PER_CITY = 6
QUARTERS = 8


def counts_for(scale: float) -> dict[str, int]:
    return {name: max(MINIMUM[name], round(number * scale)) for name, number in PER_CITY.items()}


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def quarters_back(day: date, count: int) -> date:
    """The first day of the quarter ``count - 1`` quarters before the one of ``day``."""
    start = quarter_start(day)
    index = start.year * 4 + (start.month - 1) // 3 - (count - 1)
    return date(index // 4, 3 * (index % 4) + 1, 1)


class Progress:
    """Prints each finished stage with the seconds since the start."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.started = time.monotonic()

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def __call__(self, message: str) -> None:
        self.out.write(f"[{self.elapsed:7.1f}s] {message}\n")
        self.out.flush()


@dataclass
class City:
    """One generated city: its regions, bodies and the ids later stages link to, plus its own random stream."""

    number: int                        # 1 for the first city generated into the province, 2 for the next …
    code: str
    name: str
    short: str
    counts: dict[str, int]
    rng: random.Random
    today: date
    region: object = None
    province: object = None
    counties: list = field(default_factory=list)
    departments: list = field(default_factory=list)        # city departments, then county ones
    staff_of: dict = field(default_factory=dict)            # department id -> user id
    chains: list = field(default_factory=list)
    alliances: list = field(default_factory=list)           # same order as chains
    alliance_users: dict = field(default_factory=dict)      # alliance id -> user id (secretary general)
    parks: list = field(default_factory=list)
    committees: list = field(default_factory=list)          # same order as parks
    committee_users: dict = field(default_factory=dict)     # committee id -> user id (staff)
    enterprises: list = field(default_factory=list)         # plain tuples, see enterprises.EnterpriseRow
    members_of: dict = field(default_factory=dict)          # alliance id -> [AllianceMember id of enterprises]
    member_enterprise: dict = field(default_factory=dict)   # AllianceMember id -> enterprise index

    @property
    def window_start(self) -> date:
        """The first day of the eight quarters the city's activity spreads over (the running one included)."""
        return quarters_back(self.today, QUARTERS)

    def moment(self, day: date, hour_low: int = 8, hour_high: int = 17) -> datetime:
        """An aware moment in working hours on ``day``."""
        return timezone.make_aware(datetime.combine(day, datetime.min.time())) + timedelta(
            hours=self.rng.randint(hour_low, hour_high), minutes=self.rng.randint(0, 59))

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange(max((end - start).days, 0) + 1))
