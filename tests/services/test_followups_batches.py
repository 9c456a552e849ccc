"""The follow-up pass over several batches: each batch reads only the follow-ups of its own needs, the people told
are worked out once per combination of chains, park and tasks, and the current tasks are read from their index."""
from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from services import followups
from chainparty.models import Notification
from services.followups import NeedFacts, People, follow_up
from services.models import Assignment, FollowUp, Need, NeedEvent
from tests import factories as f

TODAY = date(2026, 3, 16)
PAST = TODAY - timedelta(days=20)


def overdue_needs(world, n: int, *, chain=None, park=None, department=None, first=0) -> list[Need]:
    needs = Need.objects.bulk_create([
        Need(status=Need.Status.IN_PROGRESS, due_date=PAST, publicize_on=PAST, enterprise=world.enterprise_a,
             county=world.county_a, park=park or world.park_a, category=Need.Category.POLICY, title=f"诉求{i}",
             description="说明")
        for i in range(first, first + n)])
    Need.chains.through.objects.bulk_create([Need.chains.through(need_id=need.pk,
                                                                 industrialchain_id=(chain or world.chain_a).pk)
                                             for need in needs])
    Assignment.objects.bulk_create([Assignment(need=need, department=department or world.department, due_date=PAST,
                                               sign_due=PAST, signed_at=timezone.now(), responsible_person="张三",
                                               plan="办理") for need in needs])
    return needs


def test_a_pass_in_several_batches_skips_what_each_batch_recorded_before_without_asking_the_constraint(
        world, monkeypatch, caplog):
    """Every other need was supervised already: a pass walking 20 needs 7 at a time supervises the other 10, once
    each, and its queries leave the recorded ones out (the unique constraint never has to refuse one, which
    PostgreSQL's insert would log)."""
    monkeypatch.setattr(followups, "BATCH", 7)
    needs = overdue_needs(world, 20)
    recorded = needs[::2]
    FollowUp.objects.bulk_create([FollowUp(need=need, kind=FollowUp.Kind.SUPERVISE, stage=PAST.isoformat(),
                                           due_on=PAST) for need in recorded])
    with caplog.at_level(logging.INFO, logger="chainparty.inserts"):
        follow_up(today=TODAY)
    supervised = FollowUp.objects.filter(kind=FollowUp.Kind.SUPERVISE)
    assert sorted(supervised.values_list("need_id", flat=True)) == sorted(need.pk for need in needs)
    assert set(NeedEvent.objects.filter(kind=NeedEvent.Kind.SUPERVISE).values_list("need_id", flat=True)) == {
        need.pk for need in needs[1::2]}
    assert "not all new" not in caplog.text


def test_the_people_of_a_body_are_read_once_a_pass_however_many_batches_and_stages(world, monkeypatch):
    """20 needs of one chain and park, 7 a batch, due at three stages (催办, 督办, 通报): nine batches of people
    told, and each body's people read once."""
    monkeypatch.setattr(followups, "BATCH", 7)
    overdue_needs(world, 20)
    Need.objects.update(remind_on=PAST)
    with CaptureQueriesContext(connection) as captured:
        done = follow_up(today=TODAY)
    assert done[FollowUp.Kind.REMIND] == done[FollowUp.Kind.SUPERVISE] == done[FollowUp.Kind.PUBLICIZE] == 20
    reads = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SELECT")]
    for table in ("alliances_allianceposition", "parks_committeeposition", "chainparty_departmentstaff",
                  "chainparty_official"):
        assert sum(f'FROM "{table}"' in sql for sql in reads) == 1, table


def test_the_follow_ups_a_pass_returns_are_those_it_inserted(world):
    """Read from the insert itself on PostgreSQL: the ids, needs and deadlines of the new rows, none of the old."""
    needs = overdue_needs(world, 3)
    old = FollowUp.objects.create(need=needs[0], kind=FollowUp.Kind.SUPERVISE, stage="round1", due_on=PAST)
    created = followups._record(FollowUp.Kind.SUPERVISE, [(need.pk, PAST.isoformat(), PAST) for need in needs])
    assert sorted(row["need_id"] for row in created) == sorted(need.pk for need in needs)
    assert {row["pk"] for row in created} == set(FollowUp.objects.exclude(pk=old.pk).values_list("pk", flat=True))
    assert {row["due_on"] for row in created} == {PAST}


def test_people_are_told_per_need_and_shared_by_needs_alike(world):
    other_staff = f.DepartmentStaffFactory(user=f.UserFactory(username="other_department"),
                                           department=world.other_department).user
    [a1, a2] = overdue_needs(world, 2)
    [b] = overdue_needs(world, 1, chain=world.chain_b, park=world.park_b, department=world.other_department)
    people = People([a1.pk, a2.pk, b.pk], TODAY)

    assert world.alliance_staff_a in {*map(_user, people.dispatchers(a1.pk))}
    assert world.alliance_staff_a not in {*map(_user, people.dispatchers(b.pk))}
    assert world.committee_staff_b in {*map(_user, people.dispatchers(b.pk))}
    assert people.lead_department(a1.pk) == {world.department_staff.pk}
    assert people.lead_department(b.pk) == {other_staff.pk}
    assert people.chairs(b.pk) == people.dispatchers(b.pk)  # no chair: the bodies' staff
    # needs with the same chains, park and tasks share one answer, built once
    assert people.dispatchers(a1.pk) is people.dispatchers(a2.pk)
    assert people.lead_department(a1.pk) is people.lead_department(a2.pk)


def test_a_listing_names_the_first_needs_whoever_else_is_told_of_them(world):
    """The city official is told of every need publicised; the others differ by chain, park and department. The
    listing still counts them all and names the first three by follow-up."""
    needs = []
    for start in range(0, 24, 4):
        needs += overdue_needs(world, 2, first=start)
        needs += overdue_needs(world, 2, chain=world.chain_b, park=world.park_b, department=world.other_department,
                               first=start + 2)
    follow_up(today=TODAY)
    listing = Notification.objects.get(kind=Notification.Kind.NEED_PUBLICIZE, recipient=world.city_official)
    assert listing.title.endswith("24项诉求")
    assert listing.body.startswith("诉求0、诉求1、诉求2")
    first, last = FollowUp.objects.filter(kind=FollowUp.Kind.PUBLICIZE).order_by("pk")[::23]
    assert listing.dedupe_key == f"followups:{first.pk}-{last.pk}"


def _user(pk: int):
    from chainparty.models import User

    return User.objects.get(pk=pk)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_the_current_tasks_of_a_batch_are_read_from_their_index_alone(world):
    needs = overdue_needs(world, 5)
    with CaptureQueriesContext(connection) as captured:
        NeedFacts().tasks([need.pk for need in needs])
    [sql] = [query["sql"] for query in captured.captured_queries]
    with connection.cursor() as cursor:
        # a handful of rows: forbid the table scans the planner would rightly prefer, to see what the index serves;
        # and plain index scans, which on a table this small tie with the index-only one (the need's index chosen
        # in one CI run): only the covering index can then answer without the disabled plans
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using assignment_current_by_need" in plan


def test_the_rows_of_a_batch_carry_their_enterprise_name_read_once_a_pass(world):
    needs = overdue_needs(world, 3)
    later = Need.objects.create(status=Need.Status.IN_PROGRESS, due_date=PAST, enterprise=world.enterprise_b,
                                county=world.county_b, category=Need.Category.POLICY, title="另一项", description="说明")
    facts = NeedFacts()
    with CaptureQueriesContext(connection) as captured:
        first = facts.rows([need.pk for need in needs[:2]])
        second = facts.rows([needs[2].pk, later.pk])
    assert {row["enterprise__name"] for row in first.values()} == {world.enterprise_a.name}
    assert second[later.pk]["enterprise__name"] == world.enterprise_b.name
    names = [query["sql"] for query in captured.captured_queries if 'FROM "enterprises_enterprise"' in query["sql"]]
    assert len(names) == 2  # enterprise A once, then B alone
    assert not any('JOIN "enterprises_enterprise"' in query["sql"] for query in captured.captured_queries)


def test_a_deleted_user_is_cleared_from_the_events_they_made_and_only_those_are_indexed(world):
    [need] = overdue_needs(world, 1)
    someone = f.UserFactory(username="someone")
    theirs = NeedEvent.objects.create(need=need, kind=NeedEvent.Kind.PROGRESS, actor=someone,
                                      from_status=need.status, to_status=need.status)
    follow_up(today=TODAY)  # events without an actor
    someone.delete()
    theirs.refresh_from_db()
    assert theirs.actor_id is None and NeedEvent.objects.filter(kind=NeedEvent.Kind.SUPERVISE).exists()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN UPDATE services_needevent SET actor_id = NULL WHERE actor_id IN (%s)",
                           [world.admin.pk])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "needevent_actor" in plan
