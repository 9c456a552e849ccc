"""Tasks of the core: sending notifications (after commit, and by a periodic sweep); keeping the overview's
figures fresh."""
from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from .figure_cache import refresh_landing_figures
from .notifications import send_pending


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_notifications(notification_ids: list[int]) -> int:
    """Send the pending e-mail and webhook copies of these notifications."""
    return send_pending(notification_ids)


@shared_task(acks_late=True)
def sweep_notifications() -> int:
    """Send whatever is still pending (the broker was down, a send failed): runs every minute."""
    return send_pending()


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def refresh_overview_figures() -> int:
    """The figures of each official's region for the default period and the one before, computed afresh."""
    return refresh_landing_figures()


# Default periodic schedules of this app, created in the database by `manage.py setup_schedules`.
SCHEDULES = [
    {"name": "Send pending notifications (sweep)", "task": "chainparty.tasks.sweep_notifications", "every": 60},
    # Twice per FIGURES_CACHE_SECONDS, so the figures officials land on never reach that age.
    {"name": "Overview figures: refresh", "task": "chainparty.tasks.refresh_overview_figures",
     "every": max(60, settings.FIGURES_CACHE_SECONDS // 2)},
]
