"""The visits API: scoped, changed only by the visiting body, 400 on bad input."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Visit

from .. import factories as f
from ..conftest import api_client_for
from .test_visits_pages import EDITABLE, ROLES, VISIBLE, visits  # noqa: F401  (fixture)

URL = "/api/v1/visits/"


@pytest.mark.parametrize("role", ROLES)
def test_lists_details_and_changes_follow_the_scope(world, visits, role):  # noqa: F811
    client = api_client_for(getattr(world, role))
    ids = {row["id"] for row in client.get(URL).json()["results"]}
    assert ids == {visits[name].pk for name in VISIBLE[role]}
    for name, visit in visits.items():
        assert client.get(f"{URL}{visit.pk}/").status_code == (200 if name in VISIBLE[role] else 404)
        response = client.patch(f"{URL}{visit.pk}/", {"findings": "补充"}, format="json")
        assert response.status_code == (200 if name in EDITABLE[role] else 403 if name in VISIBLE[role] else 404)


def payload(world, **overrides):
    data = {"enterprise": world.enterprise_a.pk, "visited_on": "2026-04-02", "alliance": world.alliance_a.pk,
            "visitors": "王秘书长", "findings": "企业反映招工难"}
    data.update(overrides)
    return data


def test_alliance_staff_record_a_visit_and_are_its_recorder(world):
    response = api_client_for(world.alliance_staff_a).post(URL, payload(world), format="json")
    assert response.status_code == 201, response.json()
    assert Visit.objects.get().created_by == world.alliance_staff_a
    assert response.json()["created_by"] == world.alliance_staff_a.pk


@pytest.mark.parametrize("overrides,field", [
    ({"alliance": None}, "__all__"),
    ({"committee": "A"}, "__all__"),
    ({"alliance": "B"}, "alliance"),
    ({"enterprise": "EB"}, "enterprise"),
    ({"visited_on": "2100-01-01"}, "visited_on"),
    ({"visitor_users": ["OUT"]}, "visitor_users"),
])
def test_bad_input_is_a_400_with_field_errors(world, overrides, field):
    values = {"A": world.committee_a.pk, "B": world.alliance_b.pk, "EB": world.enterprise_b.pk,
              "OUT": world.outsider.pk}
    overrides = {key: [values[v] for v in value] if isinstance(value, list) else values.get(value, value)
                 for key, value in overrides.items()}
    client = api_client_for(world.admin if field == "__all__" else world.alliance_staff_a)
    response = client.post(URL, payload(world, **overrides), format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Visit.objects.exists()


@pytest.mark.parametrize("role", ["contact_a", "official_a", "outsider"])
def test_people_of_no_visiting_body_cannot_record_a_visit(world, role):
    response = api_client_for(getattr(world, role)).post(URL, payload(world), format="json")
    assert response.status_code in (400, 403)
    assert not Visit.objects.exists()


def test_filters_by_period_chain_and_body(world, visits):  # noqa: F811
    older = f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, visited_on="2025-11-01")
    client = api_client_for(world.admin)
    assert {r["id"] for r in client.get(URL, {"period": "2025Q4"}).json()["results"]} == {older.pk}
    assert {r["id"] for r in client.get(URL, {"chain": world.chain_b.pk}).json()["results"]} == {
        visits["visit_b"].pk, visits["visit_dept"].pk}
    assert {r["id"] for r in client.get(URL, {"committee": world.committee_b.pk}).json()["results"]} == {
        visits["visit_b"].pk}
    response = client.get(URL, {"period": "someday"})
    assert response.status_code == 400 and "period" in response.json()


def test_the_list_makes_as_many_queries_for_200_visits_as_for_5(world):
    client = api_client_for(world.city_official)

    def add(n):
        for _ in range(n):
            visit = f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
            visit.visitor_users.set([world.alliance_staff_a])

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    add(5)
    few = count()
    add(195)
    assert count() == few
