"""Visits: visible with the enterprise and to the body that made them; recorded and edited by that body."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chainparty.access import scope_for
from services.models import Visit

from .. import factories as f
from ..conftest import client_for

ROLES = ["admin", "city_official", "official_a", "official_b", "alliance_staff_a", "alliance_staff_b",
         "committee_staff_a", "committee_staff_b", "department_staff", "contact_a", "contact_b", "outsider"]


@pytest.fixture
def visits(world):
    """visit_a: alliance A at enterprise A; visit_b: committee B at enterprise B; visit_dept: the department
    (which sees no enterprise) at enterprise B."""
    return {
        "visit_a": f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, visitors="王秘书长"),
        "visit_b": f.VisitFactory(enterprise=world.enterprise_b, alliance=None, committee=world.committee_b,
                                  visitors="赵书记"),
        "visit_dept": f.VisitFactory(enterprise=world.enterprise_b, alliance=None, department=world.department,
                                     visitors="钱科长"),
    }


VISIBLE = {
    "admin": {"visit_a", "visit_b", "visit_dept"},
    "city_official": {"visit_a", "visit_b", "visit_dept"},
    "official_a": {"visit_a"},
    "official_b": {"visit_b", "visit_dept"},
    "alliance_staff_a": {"visit_a"},
    "alliance_staff_b": {"visit_b", "visit_dept"},
    "committee_staff_a": {"visit_a"},
    "committee_staff_b": {"visit_b", "visit_dept"},
    "department_staff": {"visit_dept"},
    "contact_a": {"visit_a"},
    "contact_b": {"visit_b", "visit_dept"},
    "outsider": set(),
}
EDITABLE = {role: set() for role in VISIBLE} | {
    "admin": VISIBLE["admin"], "alliance_staff_a": {"visit_a"}, "committee_staff_b": {"visit_b"},
    "department_staff": {"visit_dept"},
}


def names(queryset, visits) -> set[str]:
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, visit in visits.items() if visit.pk in ids}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_and_changes_the_visits_of_its_reach(world, visits, role):
    scope = scope_for(getattr(world, role))
    assert names(Visit.objects.visible_to(scope), visits) == VISIBLE[role]
    assert names(Visit.objects.editable_by(scope), visits) == EDITABLE[role]


@pytest.mark.parametrize("role", ROLES)
def test_pages_follow_the_scope(world, visits, role):
    client = client_for(getattr(world, role))
    page = client.get(reverse("services:visit-list")).content.decode()
    assert {name for name, visitor in [("visit_a", "王秘书长"), ("visit_b", "赵书记"), ("visit_dept", "钱科长")]
            if visitor in page} == VISIBLE[role]
    for name, visit in visits.items():
        detail = client.get(reverse("services:visit-detail", args=[visit.pk]))
        assert detail.status_code == (200 if name in VISIBLE[role] else 404)
        edit = client.get(reverse("services:visit-update", args=[visit.pk]))
        assert edit.status_code == (200 if name in EDITABLE[role] else 403 if name in VISIBLE[role] else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_people_of_a_visiting_body_open_the_record_page(world, role):
    response = client_for(getattr(world, role)).get(reverse("services:visit-create"))
    may = {"admin", "alliance_staff_a", "alliance_staff_b", "committee_staff_a", "committee_staff_b",
           "department_staff"}
    assert response.status_code == (200 if role in may else 403)


def form_data(world, **overrides):
    data = {"enterprise": world.enterprise_a.pk, "visited_on": "2026-04-02", "body": f"alliance:{world.alliance_a.pk}",
            "visitors": "王秘书长、李理事", "visitor_users": [world.alliance_staff_a.pk], "purpose": "了解用工需求",
            "findings": "企业反映招工难"}
    data.update(overrides)
    return data


def test_alliance_staff_record_a_visit_in_their_alliances_name(world):
    response = client_for(world.alliance_staff_a).post(reverse("services:visit-create"), form_data(world))
    visit = Visit.objects.get()
    assert response.status_code == 302 and response["Location"] == visit.get_absolute_url()
    assert visit.alliance == world.alliance_a and visit.committee is None and visit.department is None
    assert visit.created_by == world.alliance_staff_a
    assert list(visit.visitor_users.all()) == [world.alliance_staff_a]


def test_committee_staff_record_a_visit_in_their_committees_name(world):
    response = client_for(world.committee_staff_a).post(reverse("services:visit-create"), form_data(
        world, body=f"jointcommittee:{world.committee_a.pk}", visitor_users=[world.committee_staff_a.pk]))
    assert response.status_code == 302
    assert Visit.objects.get().committee == world.committee_a


@pytest.mark.parametrize("overrides,field", [
    ({"body": "alliance:{b}"}, "body"),
    ({"enterprise": "{enterprise_b}"}, "enterprise"),
    ({"visited_on": "2100-01-01"}, "visited_on"),
    ({"visitors": ""}, "visitors"),
    ({"visitor_users": ["{outsider}"]}, "visitor_users"),
])
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(world, overrides, field):
    values = {"b": world.alliance_b.pk, "enterprise_b": world.enterprise_b.pk, "outsider": world.outsider.pk}
    overrides = {key: [v.format(**values) for v in value] if isinstance(value, list) else value.format(**values)
                 for key, value in overrides.items()}
    response = client_for(world.alliance_staff_a).post(reverse("services:visit-create"), form_data(world, **overrides))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Visit.objects.exists()


def test_the_list_filters_by_period_and_key_enterprises(world, visits):
    f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, visited_on="2025-06-01",
                   visitors="去年的走访")
    client = client_for(world.city_official)
    page = client.get(reverse("services:visit-list"), {"period": "2025"}).content.decode()
    assert "去年的走访" in page and "王秘书长" not in page
    page = client.get(reverse("services:visit-list"), {"period": "2026Q1", "key": "true"}).content.decode()
    assert "王秘书长" in page and "赵书记" not in page and "去年的走访" not in page


def test_a_bad_period_is_reported_on_the_filter_form_not_a_500(world, visits):
    response = client_for(world.city_official).get(reverse("services:visit-list"), {"period": "2026Q5"})
    assert response.status_code == 200 and response.context["filter"].form.errors["period"]


@pytest.mark.parametrize("role", ["city_official", "alliance_staff_a"])
def test_the_list_makes_as_many_queries_for_200_visits_as_for_5(world, role):
    client, url = client_for(getattr(world, role)), reverse("services:visit-list")

    def add(n):
        for i in range(n):
            if i % 2:
                f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
            else:
                f.VisitFactory(enterprise=world.enterprise_a, alliance=None, committee=world.committee_a)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(5)
    few = count()
    add(195)
    assert count() == few
