"""Drill-down pages of one alliance, joint committee or enterprise: who may open which, and their figures."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chainparty.charts import FOCUS_CHARTS
from tests.conftest import client_for

from .dashboard_data import populate

ALLIANCE_A = {"admin": 200, "city_official": 200, "official_a": 200, "official_b": 404, "alliance_staff_a": 200,
              "alliance_staff_b": 404, "committee_staff_a": 404, "contact_a": 404, "department_staff": 404,
              "outsider": 404}
COMMITTEE_A = {"admin": 200, "city_official": 200, "official_a": 200, "official_b": 404, "alliance_staff_a": 404,
               "committee_staff_a": 200, "committee_staff_b": 404, "contact_a": 404, "department_staff": 404,
               "outsider": 404}
ENTERPRISE_A = {"admin": 200, "city_official": 200, "official_a": 200, "official_b": 404, "alliance_staff_a": 404,
                "committee_staff_a": 404, "contact_a": 200, "contact_b": 404, "department_staff": 404,
                "outsider": 404}


@pytest.mark.parametrize("role,status", ALLIANCE_A.items())
def test_the_alliance_dashboard_for_every_role(world, role, status):
    client = client_for(getattr(world, role))
    assert client.get(f"/dashboard/alliances/{world.alliance_a.pk}/").status_code == status
    chart = client.get("/dashboard/charts/needs-category.json", {"alliance": world.alliance_a.pk})
    assert chart.status_code == status


@pytest.mark.parametrize("role,status", COMMITTEE_A.items())
def test_the_committee_dashboard_for_every_role(world, role, status):
    client = client_for(getattr(world, role))
    assert client.get(f"/dashboard/committees/{world.committee_a.pk}/").status_code == status
    chart = client.get("/dashboard/charts/meetings-committee-month.json", {"committee": world.committee_a.pk})
    assert chart.status_code == status


@pytest.mark.parametrize("role,status", ENTERPRISE_A.items())
def test_the_enterprise_page_for_every_role(world, role, status):
    client = client_for(getattr(world, role))
    assert client.get(f"/dashboard/enterprises/{world.enterprise_a.pk}/").status_code == status
    chart = client.get("/dashboard/charts/needs-status.json", {"enterprise": world.enterprise_a.pk})
    assert chart.status_code == status


def test_the_alliance_dashboard_counts_only_the_alliance(world):
    populate(world)
    response = client_for(world.city_official).get(f"/dashboard/alliances/{world.alliance_a.pk}/", {"period": "2025"})
    figures = {figure["id"]: figure["value"] for figure in response.context["figures"]}
    assert figures["F18"] == 2 and figures["F16"] == 1 and figures["F14"] == 1 and figures["F06"] == 0
    assert {name for name, _url in response.context["charts"]} == set(FOCUS_CHARTS["alliance"])
    assert all(f"alliance={world.alliance_a.pk}" in url for _name, url in response.context["charts"])


def test_the_committee_and_enterprise_pages_count_only_their_body(world):
    populate(world)
    client = client_for(world.city_official)
    committee = client.get(f"/dashboard/committees/{world.committee_a.pk}/", {"period": "2025"})
    figures = {figure["id"]: figure["value"] for figure in committee.context["figures"]}
    assert figures["F14"] == 1 and figures["F18"] == 2 and figures["F06"] == 5
    enterprise = client.get(f"/dashboard/enterprises/{world.enterprise_a.pk}/", {"period": "2025"})
    figures = {figure["id"]: figure["value"] for figure in enterprise.context["figures"]}
    assert figures["F18"] == 2 and figures["F14"] == 1 and "F27" not in figures


def test_staff_and_contacts_are_led_to_their_own_page(world):
    assert client_for(world.alliance_staff_a).get("/dashboard/mine/").url == f"/dashboard/alliances/{world.alliance_a.pk}/"
    assert client_for(world.committee_staff_a).get("/dashboard/mine/").url == \
        f"/dashboard/committees/{world.committee_a.pk}/"
    assert client_for(world.contact_a).get("/dashboard/mine/").url == f"/dashboard/enterprises/{world.enterprise_a.pk}/"
    assert client_for(world.official_a).get("/dashboard/mine/").url == "/dashboard/"
    assert client_for(world.outsider).get("/dashboard/mine/").status_code == 404


def test_the_top_bar_shows_staff_and_contacts_the_way_to_their_own_page(world):
    for user in (world.alliance_staff_a, world.committee_staff_a, world.contact_a):
        assert 'href="/dashboard/mine/"' in client_for(user).get(reverse("notifications")).content.decode(), user
    for user in (world.official_a, world.department_staff, world.outsider):
        assert 'href="/dashboard/mine/"' not in client_for(user).get(reverse("notifications")).content.decode(), user


def test_a_body_page_runs_the_same_queries_for_ten_times_the_data(world):
    client = client_for(world.city_official)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(f"/dashboard/alliances/{world.alliance_a.pk}/", {"period": "2025"}).status_code == 200
        return len(context)

    populate(world, 1)
    small = count()
    populate(world, 9)
    assert count() == small
