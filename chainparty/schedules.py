"""Default periodic schedules, stored in the database (django-celery-beat) so admins see and change them.

Each app's ``tasks.py`` may define ``SCHEDULES``: dicts with ``name``, ``task`` and either ``every``
(seconds) or ``crontab`` (a dict of crontab fields). ``ensure_default_schedules`` creates the missing
ones and leaves existing ones alone, so an administrator's change survives the next deployment.
"""
from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

APPS = ["chainparty", "alliances", "parks", "enterprises", "services"]


def default_schedules() -> list[dict]:
    schedules = []
    for app in APPS:
        try:
            module = import_module(f"{app}.tasks")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.tasks":
                raise
            continue
        schedules.extend(getattr(module, "SCHEDULES", []))
    return schedules


def ensure_default_schedules() -> list[str]:
    """Create the default schedules that do not exist yet; returns the names created."""
    created = []
    for schedule in default_schedules():
        if PeriodicTask.objects.filter(name=schedule["name"]).exists():
            continue
        timing = {}
        if "every" in schedule:
            timing["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=schedule["every"], period=IntervalSchedule.SECONDS)
        else:
            timing["crontab"], _ = CrontabSchedule.objects.get_or_create(
                timezone=settings.TIME_ZONE, **{key: str(value) for key, value in schedule["crontab"].items()})
        PeriodicTask.objects.create(name=schedule["name"], task=schedule["task"], **timing)
        created.append(schedule["name"])
    return created
