"""Tasks of the core: sending notifications (after commit, and by a periodic sweep)."""
from celery import shared_task

from .notifications import send_pending


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def deliver_notifications(notification_ids: list[int]) -> int:
    """Send the pending e-mail and webhook copies of these notifications."""
    return send_pending(notification_ids)


@shared_task(acks_late=True)
def sweep_notifications() -> int:
    """Send whatever is still pending (the broker was down, a send failed): runs every minute."""
    return send_pending()


# Default periodic schedules of this app, created in the database by `manage.py setup_schedules`.
SCHEDULES = [
    {"name": "Send pending notifications (sweep)", "task": "chainparty.tasks.sweep_notifications", "every": 60},
]
