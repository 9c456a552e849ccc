"""The Chain Party-Building Portal project: settings, URLs, Celery app and the shared core."""
from .celery import app as celery_app

__all__ = ("celery_app",)
