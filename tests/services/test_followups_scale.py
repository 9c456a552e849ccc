"""The follow-up pass at scale: the same number of queries for 20 needs as for 200, and two passes at the same
time record (and notify) each follow-up once."""
from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from django.db.models import Count

from chainparty.models import Notification
from services import followups
from services.followups import ONE_BY_ONE_UP_TO, follow_up
from services.models import Assignment, FollowUp, Need, NeedEvent

TODAY = date(2026, 3, 16)


def make_needs(world, n: int) -> None:
    """The catch-up of a first pass, where every stage falls due: ``n`` needs in progress, overdue beyond the 通报
    delay, never replied to, with a pending extension request past its decision date; ``n`` resolved needs
    awaiting feedback; ``n`` not accepted in time, ``n`` assigned and not signed for in time and ``n`` resolved
    past their feedback window (asked for feedback, then closed automatically)."""
    past = TODAY - timedelta(days=20)
    common = dict(enterprise=world.enterprise_a, county=world.county_a, park=world.park_a,
                  category=Need.Category.POLICY, title="诉求", description="说明")
    working = Need.objects.bulk_create([
        Need(status=Need.Status.IN_PROGRESS, first_reply_due=past, due_date=past, remind_on=past,
             publicize_on=past, **common) for _ in range(n)])
    resolved = Need.objects.bulk_create([
        Need(status=Need.Status.RESOLVED, resolved_at=timezone.now(), feedback_due=due, **common)
        for due in [TODAY + timedelta(days=5), past] for _ in range(n)])
    waiting = Need.objects.bulk_create([Need(status=Need.Status.SUBMITTED, accept_due=past, **common)
                                        for _ in range(n)])
    unsigned = Need.objects.bulk_create([Need(status=Need.Status.ASSIGNED, sign_due=past, due_date=TODAY + timedelta(
        days=30), **common) for _ in range(n)])
    Need.chains.through.objects.bulk_create([Need.chains.through(need_id=need.pk, industrialchain_id=world.chain_a.pk)
                                             for need in [*working, *resolved, *waiting, *unsigned]])
    Assignment.objects.bulk_create([Assignment(need=need, department=world.department, due_date=past, sign_due=past,
                                               signed_at=None if need in unsigned else timezone.now(),
                                               responsible_person="张三", plan="办理")
                                    for need in [*working, *unsigned]])
    from services.models import ExtensionRequest

    ExtensionRequest.objects.bulk_create([ExtensionRequest(need=need, days=5, reason="原因", decision_due=past)
                                          for need in working])


def forget_everything() -> None:
    FollowUp.objects.all().delete()
    Notification.objects.all().delete()
    NeedEvent.objects.all().delete()


def queries_of_a_pass() -> tuple[int, dict]:
    """Queries of one pass. SQLite caps a statement at 999 parameters, so Django splits a bulk insert or
    update into several statements there: on SQLite count the reads (the writes are one statement per batch
    on PostgreSQL, where everything is counted)."""
    with CaptureQueriesContext(connection) as context:
        done = follow_up(today=TODAY)
    queries = [q["sql"] for q in context.captured_queries]
    if connection.vendor == "sqlite":
        queries = [sql for sql in queries if sql.lstrip().upper().startswith("SELECT")]
    return len(queries), done


def test_the_pass_runs_the_same_number_of_queries_for_20_and_for_200_needs(world):
    make_needs(world, 20)
    small, done_small = queries_of_a_pass()
    assert done_small == {kind: 40 if kind == FollowUp.Kind.FEEDBACK_REQUEST else 20 for kind in FollowUp.Kind}
    told_small = told()
    assert told_small
    forget_everything()
    Need.objects.all().delete()
    make_needs(world, 200)
    large, done_large = queries_of_a_pass()
    assert done_large == {kind: 400 if kind == FollowUp.Kind.FEEDBACK_REQUEST else 200 for kind in FollowUp.Kind}
    assert told() == told_small, "the same people are told of the same stages"
    assert not Notification.objects.values("recipient", "kind").annotate(n=Count("pk")).filter(n__gt=1).exists(), \
        "told of 200 needs by a stage, each person gets one notification listing them"
    assert small == large


def told() -> set[tuple[int, str]]:
    return set(Notification.objects.values_list("recipient_id", "kind"))


def test_a_person_told_of_many_needs_at_once_gets_one_notification_listing_them(world):
    make_needs(world, ONE_BY_ONE_UP_TO + 5)
    follow_up(today=TODAY)
    listing = Notification.objects.get(kind=Notification.Kind.NEED_PUBLICIZE, recipient=world.city_official)
    assert listing.title == f"列入每周通报：{ONE_BY_ONE_UP_TO + 5}项诉求"
    assert listing.url == reverse("services:need-list") + "?overdue=true" and f"另有{ONE_BY_ONE_UP_TO + 2}项" in listing.body
    assert FollowUp.objects.filter(kind=FollowUp.Kind.PUBLICIZE).count() == ONE_BY_ONE_UP_TO + 5
    follow_up(today=TODAY)
    assert Notification.objects.filter(kind=Notification.Kind.NEED_PUBLICIZE, recipient=world.city_official).count() == 1


def test_up_to_the_limit_each_need_is_notified_on_its_own(world):
    make_needs(world, ONE_BY_ONE_UP_TO)
    follow_up(today=TODAY)
    one_by_one = Notification.objects.filter(kind=Notification.Kind.NEED_PUBLICIZE, recipient=world.city_official)
    assert one_by_one.count() == ONE_BY_ONE_UP_TO
    assert all(note.url.startswith("/services/needs/") and note.url.rstrip("/").split("/")[-1].isdigit()
               for note in one_by_one)


def test_a_second_pass_reads_only_and_sends_nothing(world):
    make_needs(world, 20)
    follow_up(today=TODAY)
    with CaptureQueriesContext(connection) as context:
        done = follow_up(today=TODAY)
    assert not any(done.values())
    assert len(context) == 9   # one read per stage
    assert not any(q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for q in context.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_two_passes_at_the_same_time_find_each_follow_up_once(world, monkeypatch):
    monkeypatch.setattr(followups, "ONE_BY_ONE_UP_TO", 1000)  # one notification per follow-up, to count them
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers (one database lock): concurrent passes need PostgreSQL; "
                    "the sequential case is test_followups.test_a_stage_is_never_sent_twice")
    make_needs(world, 50)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(follow_up(today=TODAY))
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sum(r[FollowUp.Kind.PUBLICIZE] for r in results) == 50
    assert FollowUp.objects.filter(kind=FollowUp.Kind.PUBLICIZE).count() == 50
    keys = list(Notification.objects.exclude(dedupe_key="").values_list("recipient_id", "dedupe_key"))
    assert len(keys) == len(set(keys))
    assert Notification.objects.filter(kind=Notification.Kind.NEED_PUBLICIZE,
                                       recipient=world.city_official).count() == 50


def resolved_needs_past_their_feedback_window(world, n: int) -> list[Need]:
    needs = Need.objects.bulk_create([
        Need(enterprise=world.enterprise_a, county=world.county_a, park=world.park_a, category=Need.Category.POLICY,
             title="诉求", description="说明", status=Need.Status.RESOLVED, resolved_at=timezone.now(),
             feedback_due=TODAY - timedelta(days=1)) for _ in range(n)])
    return needs


def test_auto_closing_runs_the_same_number_of_queries_for_20_and_for_200_needs(world):
    from services.followups import run_auto_close

    counts = []
    for n in (20, 200):
        needs = resolved_needs_past_their_feedback_window(world, n)
        with CaptureQueriesContext(connection) as context:
            assert run_auto_close(TODAY) == n
        sql = [q["sql"] for q in context.captured_queries]
        if connection.vendor == "sqlite":  # SQLite splits bulk statements by its parameter limit
            sql = [s for s in sql if s.lstrip().upper().startswith("SELECT")]
        counts.append(len(sql))
        closed = Need.objects.filter(pk__in=[need.pk for need in needs])
        assert set(closed.values_list("status", "closed_how").distinct()) == {
            (Need.Status.CLOSED, Need.Closing.AUTOMATIC)}
        assert NeedEvent.objects.filter(need__in=closed, kind=NeedEvent.Kind.CLOSE, to_status=Need.Status.CLOSED) \
            .count() == n
        assert Need.history.filter(id__in=[need.pk for need in needs], status=Need.Status.CLOSED).count() == n
    assert counts[0] == counts[1]


def test_auto_closing_leaves_a_need_whose_feedback_came_meanwhile(world):
    from services.actions import auto_close_needs

    late, answered = resolved_needs_past_their_feedback_window(world, 2)
    Need.objects.filter(pk=answered.pk).update(status=Need.Status.CLOSED)
    assert auto_close_needs([late.pk, answered.pk]) == [late.pk]
    assert not NeedEvent.objects.filter(need=answered).exists()


def test_supervision_finds_exactly_the_overdue_needs(world):
    """The pass says "overdue" with the current due date (for its index); the needs are those of overdue_q."""
    from services.followups import STAGES, run_stage

    past, later = TODAY - timedelta(days=3), TODAY + timedelta(days=3)
    S = Need.Status
    cases = [(S.IN_PROGRESS, past, None), (S.ASSIGNED, past, None), (S.IN_PROGRESS, later, None),
             (S.DEFERRED, later, past), (S.DEFERRED, past, later), (S.DEFERRED, past, None), (S.DEFERRED, later, None),
             (S.RESOLVED, past, None), (S.SUBMITTED, past, None), (S.IN_PROGRESS, None, None)]
    needs = Need.objects.bulk_create([
        Need(status=status, due_date=due_date, deferred_until=deferred_until, enterprise=world.enterprise_a,
             county=world.county_a, park=world.park_a, category=Need.Category.POLICY, title="诉求", description="说明")
        for status, due_date, deferred_until in cases])
    overdue = {needs[i].pk: day for i, day in [(0, past), (1, past), (3, past), (5, past)]}
    assert set(Need.objects.overdue(TODAY).values_list("pk", flat=True)) == set(overdue)
    assert run_stage(next(stage for stage in STAGES if stage.kind == FollowUp.Kind.SUPERVISE), TODAY) == 4
    assert dict(FollowUp.objects.filter(kind=FollowUp.Kind.SUPERVISE).values_list("need_id", "due_on")) == overdue


def test_the_listing_leads_to_the_overdue_needs_the_person_may_see(world):
    from tests.conftest import client_for

    make_needs(world, ONE_BY_ONE_UP_TO + 1)
    follow_up(today=TODAY)
    listing = Notification.objects.get(kind=Notification.Kind.NEED_PUBLICIZE, recipient=world.city_official)
    client = client_for(world.city_official)
    assert client.get(listing.url).status_code == 200
    # Overdue by today's date (the pass ran on TODAY, months ago): the publicised needs and the unsigned ones.
    in_progress = client.get(listing.url + "&status=in_progress")
    assert in_progress.context["paginator"].count == ONE_BY_ONE_UP_TO + 1
