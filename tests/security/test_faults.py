"""Faults: a need submitted through the page while the message broker is down is saved, the user sees
success, and its notifications wait in the database for the sweep (nothing lost, nothing sent twice)."""
import pytest
from django.urls import reverse

from chainparty.celery import app as celery_app
from chainparty.models import NotificationDelivery
from chainparty.tasks import sweep_notifications
from services.models import Need
from tests.conftest import client_for


def _reset_pools():
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    saved = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:9/0"   # nothing listens there
    _reset_pools()
    yield
    celery_app.conf.broker_url = saved
    _reset_pools()


def test_a_need_submitted_while_the_broker_is_down_is_saved_and_notified_later(
        world, broker_down, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.alliance_staff_a.email = "sec@example.cn"
    world.alliance_staff_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.contact_a).post(reverse("services:need-submit"), {
            "enterprise": world.enterprise_a.pk, "category": "policy", "title": "政策咨询", "description": "咨询",
            "urgency": "normal"})
    need = Need.objects.get(title="政策咨询")
    assert response.status_code == 302 and response.url == reverse("services:need-detail", args=[need.pk])
    pending = NotificationDelivery.objects.filter(status="pending").count()
    assert sweep_notifications.apply().get() == pending
    assert sweep_notifications.apply().get() == 0   # a second sweep sends nothing twice
    assert not NotificationDelivery.objects.filter(status="pending").exists()
