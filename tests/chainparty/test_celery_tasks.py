"""The periodic tasks through Celery: with a real Redis broker and a real worker when CELERY_BROKER_URL is a
Redis URL (CI), eagerly otherwise. A scheduled task creates the meetings; a second run creates nothing new."""
from __future__ import annotations

import threading
import uuid
from contextlib import contextmanager
from datetime import date

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.conf import settings

from alliances.models import Meeting
from alliances.tasks import schedule_meetings
from chainparty.celery import app as celery_app
from chainparty.schedules import default_schedules, ensure_default_schedules
from chainparty.tasks import refresh_overview_figures
from services.models import FollowUp
from services.tasks import follow_up_needs

REAL_BROKER = settings.CELERY_BROKER_URL.startswith("redis://")
TODAY = "2026-03-20"


@contextmanager
def worker_running():
    """A real worker (solo pool, in a thread of this process, so it sees the test database) on a queue of
    its own, so parallel test processes sharing the broker never take each other's tasks."""
    queue = f"test-{uuid.uuid4().hex}"
    with start_worker(celery_app, pool="solo", concurrency=1, perform_ping_check=False, queues=[queue],
                      shutdown_timeout=30):
        yield queue


def run(task, **kwargs):
    """Run ``task`` through the broker and wait until the worker has finished it (no result backend needed)."""
    if not REAL_BROKER:
        return task.apply(kwargs=kwargs).get()
    done = threading.Event()
    results = {}
    task_id = str(uuid.uuid4())

    def finished(sender=None, task_id=None, retval=None, **extra):
        if task_id == expected:
            results["value"] = retval
            done.set()

    expected = task_id
    task_postrun.connect(finished, weak=False)
    try:
        task.apply_async(kwargs=kwargs, queue=run.queue, task_id=task_id)
        assert done.wait(60), "the worker did not run the task within a minute"
    finally:
        task_postrun.disconnect(finished)
    return results["value"]


@pytest.fixture
def broker():
    if not REAL_BROKER:
        yield None
        return
    # Broker-down tests in the same process close the app's connection pools, and kombu's global producer
    # registry would hand back a producer pool tied to a closed one: start from fresh pools.
    from kombu import pools

    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    pools.reset()
    with worker_running() as queue:
        run.queue = queue
        yield queue


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_a_scheduled_task_creates_the_meetings_and_a_second_run_nothing_new(world, broker):
    first = run(schedule_meetings, today=TODAY)
    assert first["created"] == 10
    assert Meeting.objects.filter(status=Meeting.Status.SCHEDULED).count() == 10
    second = run(schedule_meetings, today=TODAY)
    assert second["created"] == 0 and Meeting.objects.count() == 10


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_follow_up_task_records_each_follow_up_once(world, broker):
    from tests.services.test_followups_scale import make_needs

    make_needs(world, 5)
    first = run(follow_up_needs, today="2026-03-16")
    second = run(follow_up_needs, today="2026-03-16")
    assert first["publicize"] == 5 and second["publicize"] == 0
    assert FollowUp.objects.filter(kind="publicize").count() == 5


@pytest.mark.celery
@pytest.mark.django_db(transaction=True)
def test_the_worker_keeps_the_figures_officials_land_on(world, broker, settings):
    from django.core.cache import cache

    from chainparty.dashboards import default_period

    settings.FIGURES_CACHE_SECONDS = 300  # the worker is a thread of this process: it shares this cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "worker-refresh-test"}}
    cache.clear()
    assert run(refresh_overview_figures) == 2 * 3
    assert cache.get(f"figures:{world.city.pk}:{default_period()}") is not None


def test_the_tasks_acknowledge_late_and_retry_when_the_database_is_unavailable():
    from django.db import OperationalError

    for task in (schedule_meetings, follow_up_needs, refresh_overview_figures):
        assert task.acks_late is True
        assert OperationalError in task.autoretry_for and task.retry_backoff


@pytest.mark.django_db
def test_setup_schedules_creates_the_meetings_follow_up_and_digest_schedules_once():
    names = {schedule["task"] for schedule in default_schedules()}
    assert {"alliances.tasks.schedule_meetings", "services.tasks.follow_up_needs",
            "services.tasks.weekly_digest", "chainparty.tasks.refresh_overview_figures"} <= names
    assert ensure_default_schedules()
    assert ensure_default_schedules() == []
    from django_celery_beat.models import PeriodicTask

    digest = PeriodicTask.objects.get(task="services.tasks.weekly_digest")
    assert digest.crontab.day_of_week == "1" and digest.crontab.hour == "8"


def test_no_periodic_task_is_scheduled_ahead_with_an_eta():
    import pathlib

    for path in ("alliances/tasks.py", "services/tasks.py", "services/followups.py"):
        text = (pathlib.Path(settings.BASE_DIR) / path).read_text()
        assert "countdown" not in text and "eta=" not in text


def test_the_date_of_a_by_hand_run_is_parsed_from_text():
    assert date.fromisoformat(TODAY) == date(2026, 3, 20)
