"""The database session engine used without Redis (chainparty/session_store.py): Django's, read by a prepared
query. CI runs with Redis (cached_db), so these tests ask for the engine themselves."""
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from chainparty.session_store import SessionStore


@pytest.fixture
def database_sessions(settings):
    settings.SESSION_ENGINE = "chainparty.session_store"


def test_a_saved_session_is_read_back_in_one_query(db, django_assert_num_queries):
    store = SessionStore()
    store["region"] = "320100"
    store.save()
    with django_assert_num_queries(1):
        assert SessionStore(store.session_key).load() == {"region": "320100"}


def test_an_expired_or_unknown_session_reads_as_empty_and_gets_no_key(db):
    store = SessionStore()
    store["region"] = "320100"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    for key in (store.session_key, "no-such-session-key-at-all-here"):
        stale = SessionStore(key)
        assert stale.load() == {} and stale.session_key is None


def test_signing_in_and_out_with_database_sessions(world, database_sessions):
    client = Client()
    client.post("/accounts/login/", {"username": "official_a", "password": "correct-horse-battery"})
    assert client.get("/dashboard/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get("/dashboard/").status_code == 302
