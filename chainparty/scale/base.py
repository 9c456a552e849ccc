"""What every stage of the scale generator shares: the counts per city, the city being built and progress."""
from __future__ import annotations

import os
import random
import sys
import time as timer
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

# Records per city at --scale 1 (issue 10: a province's size is 13 such cities).
PER_CITY = {
    "chains": 20, "parks": 30, "enterprises": 20_000, "needs": 200_000, "meetings": 40_000,
    "agreements": 10_000, "activities": 4_000, "visits": 12_000,
}
# Floors so that a tiny --scale still gives every kind of record (and every need status).
MINIMUM = {"chains": 2, "parks": 2, "enterprises": 24, "needs": 60, "meetings": 10, "agreements": 10,
           "activities": 24, "visits": 24}
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


def database_cpu_seconds() -> float | None:
    """CPU seconds the database server process of this connection has used, when it runs on this machine."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


class Progress:
    """Prints each finished stage with the seconds since the start, and the CPU seconds spent (this process and
    the database's), which is what the run would take on a machine nobody else is using."""

    def __init__(self, out=None):
        self.out = out or sys.stdout
        self.started = timer.monotonic()
        self.cpu_started = self.process_cpu()
        self.database_started = database_cpu_seconds()

    @staticmethod
    def process_cpu() -> float:
        """User and system seconds of this process and of the children it waited for (the needs' producer)."""
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    @property
    def elapsed(self) -> float:
        return timer.monotonic() - self.started

    def cpu(self) -> str:
        database = database_cpu_seconds()
        spent = f"cpu {self.process_cpu() - self.cpu_started:.0f}s"
        if database is not None and self.database_started is not None:
            spent += f" + database {database - self.database_started:.0f}s"
        return spent

    def __call__(self, message: str) -> None:
        self.out.write(f"[{self.elapsed:7.1f}s] {message} ({self.cpu()})\n")
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

    @property
    def tz(self):
        return ZoneInfo(settings.TIME_ZONE)

    @property
    def since(self) -> date:
        """When the present people took up their posts and the member units joined (the bodies may be older)."""
        return date(self.window_start.year - 1, 3, 18)

    def moment(self, day: date, hour_low: int = 8, hour_high: int = 17) -> datetime:
        """An aware moment in working hours on ``day``."""
        minutes = int(self.rng.random() * 60 * (hour_high - hour_low + 1))
        return datetime.combine(day, time(hour_low + minutes // 60, minutes % 60), tzinfo=self.tz)

    def day_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange(max((end - start).days, 0) + 1))
