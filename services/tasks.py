"""Celery tasks of the services app: the follow-up pass of the needs and the weekly digest.

The work itself is in ``services/followups.py``; tasks take dates as text (never instances), compute their
scope themselves, acknowledge late and retry with backoff when the database is briefly unavailable.
Nothing is scheduled ahead with an ETA: the pass reads the deadlines stored on the needs.
"""
from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import OperationalError

RETRY = dict(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600,
             max_retries=5)


def _day(today: str | None) -> date | None:
    return date.fromisoformat(today) if today else None


@shared_task(**RETRY)
def follow_up_needs(today: str | None = None) -> dict[str, int]:
    """One follow-up pass (reminders, 催办, 督办, 通报, extension reminders, 回访, automatic closing)."""
    from .followups import follow_up

    return {str(kind): count for kind, count in follow_up(_day(today)).items()}


@shared_task(**RETRY)
def weekly_digest(today: str | None = None) -> int:
    """The Monday digest per department and per alliance."""
    from .followups import weekly_digest as digest

    return digest(_day(today))


SCHEDULES = [
    {"name": "Needs: follow-up pass", "task": "services.tasks.follow_up_needs", "every": 900},
    {"name": "Needs: weekly digest", "task": "services.tasks.weekly_digest",
     "crontab": {"minute": 0, "hour": 8, "day_of_week": 1, "day_of_month": "*", "month_of_year": "*"}},
]
