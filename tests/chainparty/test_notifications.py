"""Notifications: written first, sent after commit or by the sweep, never twice, never lost."""
import pytest
from django.core import mail
from django.test import TestCase

from chainparty.celery import app as celery_app
from chainparty.models import Notification, NotificationDelivery, NotificationPreference
from chainparty.notifications import notify, send_pending
from chainparty.tasks import sweep_notifications
from tests.conftest import client_for

from .. import factories as f


@pytest.fixture
def person(db):
    return f.UserFactory(username="recipient", email="recipient@example.cn")


def test_notify_writes_the_bell_entry_and_a_pending_email(person):
    [notification] = notify([person], Notification.Kind.GENERAL, "有新诉求", "请及时受理", url="/")
    assert notification.deliveries.get().status == NotificationDelivery.Status.PENDING


def test_the_same_key_is_never_notified_twice(person):
    notify([person], Notification.Kind.NEED_REMIND, "催办", dedupe_key="need:1:remind")
    assert notify([person], Notification.Kind.NEED_REMIND, "催办", dedupe_key="need:1:remind") == []
    assert Notification.objects.filter(recipient=person).count() == 1


def test_the_sweep_sends_each_pending_copy_once(person, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    notify([person], Notification.Kind.GENERAL, "标题", "正文")
    assert send_pending() == 1
    assert send_pending() == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["recipient@example.cn"]


def test_a_person_who_turned_email_off_gets_only_the_bell(person):
    NotificationPreference.objects.create(user=person, kind=Notification.Kind.GENERAL, channel="email", enabled=False)
    [notification] = notify([person], Notification.Kind.GENERAL, "标题")
    assert not notification.deliveries.exists()


def test_the_webhook_is_off_unless_configured(person, settings):
    settings.NOTIFY_WEBHOOK_URL = ""
    [notification] = notify([person], Notification.Kind.GENERAL, "标题")
    assert list(notification.deliveries.values_list("channel", flat=True)) == ["email"]


def test_a_failing_channel_is_retried_by_the_sweep_and_then_given_up(person, settings):
    settings.EMAIL_BACKEND = "tests.chainparty.test_notifications.BrokenBackend"
    settings.NOTIFY_MAX_ATTEMPTS = 2
    notify([person], Notification.Kind.GENERAL, "标题")
    assert send_pending() == 0
    delivery = NotificationDelivery.objects.get()
    assert delivery.status == "pending" and delivery.attempts == 1 and "down" in delivery.last_error
    send_pending()
    delivery.refresh_from_db()
    assert delivery.status == "failed"


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")


class BrokerDownTest(TestCase):
    """A submission with the broker unreachable: saved, the user sees success, the sweep sends later."""

    def setUp(self):
        self.person = f.UserFactory(username="p", email="p@example.cn")
        self.saved = celery_app.conf.broker_url
        celery_app.conf.broker_url = "redis://127.0.0.1:9/0"   # nothing listens there
        celery_app.pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def tearDown(self):
        celery_app.conf.broker_url = self.saved
        celery_app.pool.force_close_all()
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    def test_notifications_wait_in_the_database_and_the_sweep_delivers_them(self):
        with self.settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), \
                self.captureOnCommitCallbacks(execute=True):
            notify([self.person], Notification.Kind.GENERAL, "有新诉求")
        delivery = NotificationDelivery.objects.get()
        self.assertEqual(delivery.status, "pending")
        with self.settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            self.assertEqual(sweep_notifications.apply().get(), 1)
        delivery.refresh_from_db()
        self.assertEqual(delivery.status, "sent")
        self.assertEqual(len(mail.outbox), 1)


def test_the_bell_shows_the_unread_count_and_reading_clears_it(world):
    notify([world.contact_a], Notification.Kind.GENERAL, "您的诉求已受理", url="/enterprises/")
    client = client_for(world.contact_a)
    assert client.get("/").context["unread_notifications"] == 1
    notification = Notification.objects.get(recipient=world.contact_a)
    assert client.post(f"/notifications/{notification.pk}/read/").url == "/enterprises/"
    assert client.get("/").context["unread_notifications"] == 0


def test_nobody_reads_or_marks_another_persons_notification(world):
    [notification] = notify([world.contact_a], Notification.Kind.GENERAL, "私密")
    client = client_for(world.contact_b)
    assert client.post(f"/notifications/{notification.pk}/read/").status_code == 404
    assert "私密" not in client.get("/notifications/").content.decode()
    notification.refresh_from_db()
    assert notification.read_at is None


def test_each_user_chooses_which_kinds_reach_them_by_email(world):
    client = client_for(world.contact_a)
    assert client.get("/notifications/settings/").status_code == 200
    client.post("/notifications/settings/", {"need_update:email": "on"})
    assert NotificationPreference.objects.get(user=world.contact_a, kind="general", channel="email").enabled is False
    assert not NotificationPreference.objects.filter(user=world.contact_a, kind="need_update").exists()
