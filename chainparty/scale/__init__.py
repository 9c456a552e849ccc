"""Generate cities of realistic data to measure the portal at a province's size (``manage.py generate_scale``).

One module per app's data, run in this order for each city: ``matrix`` (regions, departments, chains and
alliances, parks and committees), ``enterprises`` (enterprises, Party organisations, memberships, contacts,
member reports), ``needs`` (the workflow's rows), ``meetings``, ``work`` (activities, agreements …) and
``lists`` (visits, projects, training sessions, demonstration sites). Rows go in with ``bulk_create``
through the real models and constraints; side effects of the workflow (notifications, follow-ups, history
rows) are not written. Each city is its own transaction, so a failed run leaves no half city.
"""
from __future__ import annotations

import random
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from chainparty.models import Region

from . import enterprises, lists, matrix, meetings, needs, work
from .base import City, Progress, counts_for


def new_city(scale: float, seed: str) -> City:
    code, name, short = matrix.next_city(0)
    number = Region.objects.filter(level=Region.Level.CITY, parent__code=matrix.PROVINCE[0]).count() + 1
    return City(number=number, code=code, name=name, short=short, counts=counts_for(scale),
                rng=random.Random(f"scale:{seed}:{code}"), today=timezone.localdate())


def generate(*, cities: int = 1, scale: float = 1.0, seed: str = "1", out=None) -> list[City]:
    progress = Progress(out)
    made = []
    with translation.override(settings.LANGUAGE_CODE):
        for _ in range(cities):
            with transaction.atomic():
                city = new_city(scale, seed)
                progress(f"{city.name} ({city.code}), city {city.number} of the province: {city.counts}")
                first = meetings.first_year(city.today, city.counts["meetings"], city.counts["chains"],
                                            city.counts["parks"])
                founded = min(date(first, 1, 1), date(city.window_start.year - 1, 3, 18))
                matrix.build(city, founded)
                progress(f"  matrix: {len(city.chains)} chains and alliances, {len(city.parks)} parks and committees")
                enterprises.build(city)
                progress(f"  enterprises: {len(city.enterprises):,} with their Party organisations")
                enterprises.reports(city)
                progress("  member reports: 8 quarters")
                needs.build(city, progress)
                progress(f"  needs: {city.counts['needs']:,} with their events")
                meetings.build(city)
                progress(f"  meetings: {city.counts['meetings']:,}")
                work.build(city)
                progress(f"  activities, agreements, pairings, instructions, cases")
                lists.build(city)
                progress(f"  visits, projects, training sessions, demonstration sites")
            progress(f"{city.name} done")
            made.append(city)
    return made
