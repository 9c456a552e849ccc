"""The Celery application; tasks live in the tasks.py of the app whose records they touch."""
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chainparty.settings")

app = Celery("chainparty")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
