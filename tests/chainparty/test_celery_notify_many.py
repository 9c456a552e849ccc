"""notify_many, the set-based notify() of the periodic tasks: once per person and key, in a few queries."""
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chainparty.models import Notification, NotificationDelivery, NotificationPreference
from chainparty.notifications import notify_many

from .. import factories as f


def messages_for(users, key_prefix="k"):
    return [({u.pk}, Notification.Kind.GENERAL, f"标题{i}", "正文", "/", f"{key_prefix}:{i}") for i, u in enumerate(users)]


def test_each_person_and_key_is_notified_once(db):
    people = [f.UserFactory(email=f"p{i}@example.cn") for i in range(3)]
    assert notify_many(messages_for(people)) == 3
    assert notify_many(messages_for(people)) == 0
    assert Notification.objects.count() == 3 and NotificationDelivery.objects.count() == 3


def test_people_without_email_or_who_turned_it_off_get_only_the_bell(db):
    silent = f.UserFactory(email="")
    chooser = f.UserFactory(email="c@example.cn")
    NotificationPreference.objects.create(user=chooser, kind=Notification.Kind.GENERAL, channel="email", enabled=False)
    inactive = f.UserFactory(email="i@example.cn", is_active=False)
    assert notify_many(messages_for([silent, chooser, inactive])) == 2
    assert not NotificationDelivery.objects.exists()


def test_the_number_of_queries_does_not_grow_with_the_number_of_messages(db):
    few, many = [f.UserFactory(email=f"a{i}@example.cn") for i in range(3)], \
        [f.UserFactory(email=f"b{i}@example.cn") for i in range(60)]
    with CaptureQueriesContext(connection) as small:
        notify_many(messages_for(few, "few"))
    with CaptureQueriesContext(connection) as large:
        notify_many(messages_for(many, "many"))
    assert len(small) == len(large)


def test_keys_said_to_be_new_that_are_not_are_still_notified_once(db):
    people = [f.UserFactory(email=f"n{i}@example.cn") for i in range(3)]
    assert notify_many(messages_for(people[:1])) == 1
    assert notify_many(messages_for(people), keys_are_new=True) == 2
    assert Notification.objects.count() == 3 and NotificationDelivery.objects.count() == 3
