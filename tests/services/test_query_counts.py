"""The needs lists, on pages and in the API, take as many queries for 200 needs as for 5."""
from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chainparty.models import Notification
from services.models import Need
from tests import factories as f

from .needs_world import build, w  # noqa: F401  (fixtures)

STATUSES = [Need.Status.SUBMITTED, Need.Status.IN_PROGRESS, Need.Status.RESOLVED, Need.Status.ACCEPTED]


def make_needs(w, count: int) -> None:
    for index in range(count):
        status = STATUSES[index % len(STATUSES)]
        need = f.NeedFactory(enterprise=w.enterprise_a, status=status, accept_due=date(2026, 1, 5),
                             due_date=date(2026, 1, 20) if status == Need.Status.IN_PROGRESS else None)
        if status in (Need.Status.IN_PROGRESS, Need.Status.RESOLVED):
            f.AssignmentFactory(need=need, department=w.department)
            f.AssignmentFactory(need=need, department=w.other_department, is_lead=False)


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200, url
    return len(queries)


PAGES = [("alliance_staff_a", "services:need-list", {}),
         ("city_official", "services:need-list", {"chain": "chain_a", "period": "2026"}),
         ("contact_a", "services:my-needs", {}),
         ("alliance_staff_a", "services:need-inbox", {"tab": "new"}),
         ("committee_staff_a", "services:need-inbox", {"tab": "overdue"}),
         ("committee_staff_a", "services:need-inbox", {"tab": "feedback"}),
         ("department_staff", "services:assigned-needs", {})]


def resolve_params(w, params):
    return {key: getattr(w, value).pk if isinstance(value, str) and hasattr(w, value) else value
            for key, value in params.items()}


@pytest.mark.parametrize("role,page,params", PAGES)
def test_list_pages_take_the_same_queries_for_5_and_200_needs(w, as_user, role, page, params):
    client = as_user(getattr(w, role))
    url, params = reverse(page), resolve_params(w, params)
    make_needs(w, 5)
    count_queries(client, url, params)  # warm up: session, content types
    few = count_queries(client, url, params)
    make_needs(w, 195)
    assert count_queries(client, url, params) == few


@pytest.mark.parametrize("role,prefix", [("city_official", "needs"), ("contact_a", "needs"),
                                         ("department_staff", "needs"), ("alliance_staff_a", "need-events"),
                                         ("alliance_staff_a", "need-assignments")])
def test_api_lists_take_the_same_queries_for_5_and_200_needs(w, api_as, role, prefix):
    client = api_as(getattr(w, role))
    build(w, Need.Status.IN_PROGRESS)
    make_needs(w, 5)
    count_queries(client, f"/api/v1/{prefix}/")
    few = count_queries(client, f"/api/v1/{prefix}/")
    make_needs(w, 195)
    assert count_queries(client, f"/api/v1/{prefix}/") == few


def test_the_need_page_takes_a_bounded_number_of_queries(w, as_user, django_assert_max_num_queries):
    need = build(w, Need.Status.IN_PROGRESS)
    client = as_user(w.department_staff)
    client.get(reverse("services:need-detail", args=[need.pk]))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("services:need-detail", args=[need.pk])).status_code == 200


def test_a_need_in_the_api_takes_as_many_queries_for_seven_tasks_as_for_two(w, api_as):
    """Each task shows its department's name: read with the tasks, not one query per task (a reassigned need, or one
    with co-operating departments, has several)."""
    need = build(w, Need.Status.IN_PROGRESS)
    client = api_as(w.alliance_staff_a)
    url = f"/api/v1/needs/{need.pk}/"
    assert len(client.get(url).json()["assignments"]) == 2
    few = count_queries(client, url)
    for round_number in range(2, 7):
        f.AssignmentFactory(need=need, department=f.DepartmentFactory(region=w.city), is_lead=False,
                            round=round_number, is_current=False)
    assert len(client.get(url).json()["assignments"]) == 7
    assert count_queries(client, url) == few


def test_a_need_page_takes_as_many_queries_for_seven_tasks_as_for_two(w, as_user):
    need = build(w, Need.Status.IN_PROGRESS)
    client = as_user(w.alliance_staff_a)
    url = reverse("services:need-detail", args=[need.pk])
    client.get(url)
    few = count_queries(client, url)
    for round_number in range(2, 7):
        f.AssignmentFactory(need=need, department=f.DepartmentFactory(region=w.city), is_lead=False,
                            round=round_number, is_current=False)
    assert count_queries(client, url) == few


def _sql_of(client, url, body):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, body, format="json")
    assert response.status_code in (200, 201), response.content
    return [query["sql"] for query in queries.captured_queries]


POSITIONS = '"position_kind"'  # the Scope's positions query (chainparty/access.py)


def test_a_transition_through_the_api_reads_the_users_positions_once_and_no_list_data(w, api_as):
    """The actions ask ``scope_for(acting_user)`` again, and the answer lists the need's transitions for the user:
    one positions query in the request; the need is read alone before the action (the list's chains and leading
    tasks are not prefetched for it) and with its detail after."""
    need = build(w, Need.Status.ACCEPTED)
    client = api_as(w.committee_staff_a)
    body = {"lead_department": w.department.pk, "responsible_person": "王科长", "plan": "两周内走访企业。"}
    statements = _sql_of(client, f"/api/v1/needs/{need.pk}/assign/", body)
    assert sum(POSITIONS in sql for sql in statements) == 1
    assert sum('"services_need_chains"' in sql for sql in statements) == 1  # the answer's chains only
    assert not any("_prefetch_related_val" in sql and '"is_lead"' in sql and "returned_at" in sql
                   for sql in statements)
    assert len(statements) <= 33
    need.refresh_from_db()
    assert need.status == Need.Status.ASSIGNED


def test_a_transition_through_the_api_does_not_read_back_the_row_it_saved(w, api_as):
    """The need's row is read to find it, to lock it and, with its detail, for the answer: not once more after the
    action saved it (the caller's instance takes what was saved)."""
    need = build(w, Need.Status.ACCEPTED)
    client = api_as(w.committee_staff_a)
    body = {"lead_department": w.department.pk, "responsible_person": "王科长", "plan": "两周内走访企业。"}
    statements = _sql_of(client, f"/api/v1/needs/{need.pk}/assign/", body)
    reads = [sql for sql in statements if sql.startswith('SELECT "services_need"."id", "services_need"."enterprise_id"')]
    assert len(reads) == 3, reads
    if connection.features.has_select_for_update:  # SQLite locks the whole database and writes no FOR UPDATE
        assert "FOR UPDATE" in reads[1]


def test_a_submission_through_the_api_reads_the_users_positions_once(w, api_as):
    client = api_as(w.contact_a)
    body = {"enterprise": w.enterprise_a.pk, "category": "labour", "title": "招工困难", "workers_requested": 30,
            "description": "急需一线操作工三十名。", "urgency": "normal", "source": "form"}
    statements = _sql_of(client, "/api/v1/needs/", body)
    assert sum(POSITIONS in sql for sql in statements) == 1


def test_a_submission_tells_the_dispatchers_without_reading_back_what_it_wrote(w, api_as):
    """The dispatchers' notification names the need and its enterprise and goes to the staff of its chains and
    park: the submission holds all of that, so it reads neither the need's row, nor its chains, nor the enterprise's
    name back (three queries a submission)."""
    client = api_as(w.contact_a)
    body = {"enterprise": w.enterprise_a.pk, "category": "labour", "title": "招工困难", "workers_requested": 30,
            "description": "急需一线操作工三十名。", "urgency": "normal", "source": "form"}
    reads = [sql for sql in _sql_of(client, "/api/v1/needs/", body) if sql.startswith("SELECT")]
    assert not [sql for sql in reads if sql.startswith('SELECT "services_need"."id" AS "pk", "services_need"."title"')], \
        "the need's row read back"
    assert not [sql for sql in reads if sql.startswith('SELECT "enterprises_enterprise"."id" AS "pk", '
                                                       '"enterprises_enterprise"."name" AS "name" FROM')], \
        "the enterprise's name read"
    assert not [sql for sql in reads if sql.startswith('SELECT "services_need_chains"."need_id"')], "its chains read"
    told = Notification.objects.get(kind=Notification.Kind.NEED_SUBMITTED, recipient=w.alliance_staff_a)
    assert "招工困难" in told.title and told.body == w.enterprise_a.name
    assert Notification.objects.filter(kind=Notification.Kind.NEED_SUBMITTED, recipient=w.committee_staff_a).exists()
