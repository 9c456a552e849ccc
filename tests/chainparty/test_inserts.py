"""insert_rows: plain rows in one statement, each value as it was given, the other fields at their default."""
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from chainparty.inserts import insert_rows
from chainparty.models import Notification
from services.models import FollowUp, Need, NeedEvent

from .. import factories as f

AWKWARD = ['引号 "quoted" \\ backslash', "line\nbreak\ttab", "%s %(name)s {\"a\": 1}", "emoji 🙂 ' single", ""]


def a_need(world) -> Need:
    return Need.objects.create(enterprise=world.enterprise_a, county=world.county_a, category=Need.Category.POLICY,
                               title="诉求", description="说明")


def test_values_arrive_as_given_and_the_rest_at_their_defaults(world):
    need, run, day = a_need(world), uuid.uuid4(), date(2026, 2, 14)
    insert_rows(FollowUp, ["need_id", "kind", "stage", "due_on", "run"],
                [(need.pk, FollowUp.Kind.REMIND, text[:40], day + timedelta(days=i), run)
                 for i, text in enumerate(AWKWARD)])
    stored = list(FollowUp.objects.filter(run=run).order_by("pk").values_list("stage", "due_on", "recipients"))
    assert stored == [(text[:40], day + timedelta(days=i), 0) for i, text in enumerate(AWKWARD)]
    assert FollowUp.objects.filter(run=run, created_at__lte=timezone.now()).count() == len(AWKWARD)


def test_constants_are_the_same_in_every_row(world):
    need, run, at = a_need(world), uuid.uuid4(), timezone.now() - timedelta(days=2, microseconds=3)
    insert_rows(FollowUp, ["need_id", "stage", "due_on"], [(need.pk, f"s{i}", None) for i in range(3)],
                constants={"kind": FollowUp.Kind.SUPERVISE, "run": run}, ignore_conflicts=True, conflicts_are_rare=True)
    assert list(FollowUp.objects.filter(need=need).order_by("stage").values_list("stage", "kind", "run")) == [
        (f"s{i}", FollowUp.Kind.SUPERVISE, run) for i in range(3)]
    insert_rows(NeedEvent, ["need_id", "from_status"], [(need.pk, "assigned")] * 2,
                constants={"kind": NeedEvent.Kind.REMIND, "at": at, "note": AWKWARD[0]})
    assert list(NeedEvent.objects.filter(need=need, kind=NeedEvent.Kind.REMIND).values_list(
        "from_status", "at", "note")) == [("assigned", at, AWKWARD[0])] * 2


def test_conflicts_can_be_skipped(world):
    need, run = a_need(world), uuid.uuid4()
    rows = [(need.pk, FollowUp.Kind.REMIND, "2026-02-14", None, run)]
    insert_rows(FollowUp, ["need_id", "kind", "stage", "due_on", "run"], rows)
    insert_rows(FollowUp, ["need_id", "kind", "stage", "due_on", "run"], rows * 2, ignore_conflicts=True)
    assert FollowUp.objects.filter(need=need).count() == 1


def test_times_nulls_and_returned_columns(world):
    if connection.vendor != "postgresql":
        pytest.skip("returning= is PostgreSQL's")
    need, at, person = a_need(world), timezone.now() - timedelta(days=3, microseconds=7), f.UserFactory()
    insert_rows(NeedEvent, ["need_id", "kind", "at", "from_status", "to_status", "note"],
                [(need.pk, NeedEvent.Kind.REMIND, at, "assigned", "assigned", AWKWARD[0])])
    assert NeedEvent.objects.filter(need=need).values_list("at", "actor_id", "note").get() == (at, None, AWKWARD[0])
    created = insert_rows(Notification, ["recipient_id", "kind", "title", "dedupe_key"],
                          [(person.pk, Notification.Kind.GENERAL, text, f"k{i}") for i, text in enumerate(AWKWARD)],
                          returning=["id", "dedupe_key"])
    assert [key for _pk, key in created] == [f"k{i}" for i in range(len(AWKWARD))]
    assert list(Notification.objects.filter(pk__in=[pk for pk, _key in created]).order_by("pk")
                .values_list("title", "body", "url", "read_at")) == [(text, "", "", None) for text in AWKWARD]


def test_a_json_field_keeps_its_value(world):
    basis = [{"due_date": {"from": "2026-02-14", "steps": [5]}}, "just text", 7, [], {}]
    insert_rows(Need, ["enterprise_id", "county_id", "category", "title", "description", "deadline_basis"],
                [(world.enterprise_a.pk, world.county_a.pk, Need.Category.POLICY, f"诉求{i}", "说明", value)
                 for i, value in enumerate(basis)])
    stored = dict(Need.objects.filter(title__startswith="诉求").values_list("title", "deadline_basis"))
    assert stored == {f"诉求{i}": value for i, value in enumerate(basis)}
    assert set(Need.objects.filter(title__startswith="诉求").values_list("status", "reopen_count")) == {
        (Need.Status.SUBMITTED, 0)}
