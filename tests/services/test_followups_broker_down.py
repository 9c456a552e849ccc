"""A need submitted on the page while the broker is unreachable: saved, the contact sees success, and the
dispatchers' notification waits in the database until the sweep delivers it."""
from __future__ import annotations

from django.core import mail
from django.test import TransactionTestCase
from django.urls import reverse

from chainparty.celery import app as celery_app
from chainparty.models import Notification, NotificationDelivery
from chainparty.tasks import sweep_notifications
from services.models import Need
from tests.conftest import client_for, world


def _reset_connections():
    celery_app.pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


class SubmissionWithTheBrokerDownTest(TransactionTestCase):
    """Real commits (TransactionTestCase), so the after-commit enqueue really runs and really fails."""

    def setUp(self):
        self.w = world.__wrapped__(None)   # the shared fixture's body, called in this test's database
        self.w.alliance_staff_a.email = "alliance@example.cn"
        self.w.alliance_staff_a.save()
        self.saved = celery_app.conf.broker_url
        celery_app.conf.broker_url = "redis://127.0.0.1:9/0"   # nothing listens there
        _reset_connections()

    def tearDown(self):
        celery_app.conf.broker_url = self.saved
        _reset_connections()

    def test_the_need_is_saved_the_user_sees_success_and_the_sweep_delivers_later(self):
        with self.settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            response = client_for(self.w.contact_a).post(reverse("services:need-submit"), {
                "enterprise": self.w.enterprise_a.pk, "category": "policy", "title": "技改补贴政策辅导",
                "description": "希望了解补贴申报条件", "urgency": "normal"}, follow=True)
            need = Need.objects.get(title="技改补贴政策辅导")
            self.assertEqual(response.redirect_chain[-1][0], reverse("services:need-detail", args=[need.pk]))
            self.assertContains(response, "技改补贴政策辅导")
            self.assertEqual([m.level_tag for m in response.context["messages"]], ["success"])
            self.assertEqual(need.status, Need.Status.SUBMITTED)
            notification = Notification.objects.get(recipient=self.w.alliance_staff_a, kind="need_submitted")
            delivery = notification.deliveries.get()
            self.assertEqual(delivery.status, NotificationDelivery.Status.PENDING)
            self.assertEqual(mail.outbox, [])
            self.assertGreaterEqual(sweep_notifications.apply().get(), 1)
        delivery.refresh_from_db()
        self.assertEqual(delivery.status, NotificationDelivery.Status.SENT)
        self.assertEqual(mail.outbox[-1].to, ["alliance@example.cn"])
