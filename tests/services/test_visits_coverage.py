"""Coverage of key enterprises by visits: the page and the figure F26, on hand-built data."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chainparty.figures import REGISTRY, Area, Period

from .. import factories as f
from ..conftest import client_for


@pytest.fixture
def key(world):
    """Key enterprises: A (chain leader, county A), A2 (above scale, county A), B3 (above scale, county B).
    Not key: A4 (small, on chain A), N5 (above scale, on a chain that is not key), C6 (above scale, no chain).
    Visits: A twice in 2026Q1, B3 in 2026Q3, A4 in 2026Q1 (not key), C6 in 2026Q2 (not key)."""
    not_key_chain = f.ChainFactory(region=world.city, is_key=False)
    e = {
        "A": world.enterprise_a,
        "A2": f.EnterpriseFactory(name="永年激光", county=world.county_a, park=world.park_a, chains=[world.chain_a],
                                  is_above_scale=True),
        "B3": f.EnterpriseFactory(name="国鼎酒业", county=world.county_b, park=world.park_b, chains=[world.chain_b],
                                  is_above_scale=True),
        "A4": f.EnterpriseFactory(name="小微企业", county=world.county_a, chains=[world.chain_a]),
        "N5": f.EnterpriseFactory(name="非重点链企业", county=world.county_a, chains=[not_key_chain],
                                  is_above_scale=True),
        "C6": f.EnterpriseFactory(name="链外企业", county=world.county_a, is_above_scale=True),
    }
    f.VisitFactory(enterprise=e["A"], alliance=world.alliance_a, visited_on="2026-01-15")
    f.VisitFactory(enterprise=e["A"], alliance=None, committee=world.committee_a, visited_on="2026-03-20")
    f.VisitFactory(enterprise=e["B3"], alliance=world.alliance_b, visited_on="2026-08-08")
    f.VisitFactory(enterprise=e["A4"], alliance=world.alliance_a, visited_on="2026-02-02")
    f.VisitFactory(enterprise=e["C6"], alliance=world.alliance_a, visited_on="2026-05-05")
    return e


def f26(region, period):
    return REGISTRY["F26"](Area.of(region), Period.parse(period))


def test_the_city_visited_two_of_its_three_key_enterprises_in_2026(world, key):
    value = f26(world.city, "2026")
    assert value.value == Decimal("66.7")  # 2 ÷ 3
    assert value.breakdown == {"key_enterprises": 3, "visited": 2}
    assert set(value.records) == {key["A"], key["B3"]}


def test_the_first_quarter_covers_one_in_three(world, key):
    assert f26(world.city, "2026Q1").value == Decimal("33.3")


def test_county_a_visited_one_of_its_two_key_enterprises(world, key):
    value = f26(world.county_a, "2026")
    assert value.value == Decimal("50.0") and value.breakdown == {"key_enterprises": 2, "visited": 1}


def test_a_region_without_key_enterprises_has_no_share(world, key):
    value = f26(world.other_city, "2026")
    assert value.value is None and value.breakdown == {"key_enterprises": 0, "visited": 0}


def test_a_period_without_visits_covers_nothing(world, key):
    assert f26(world.city, "2025").value == Decimal("0.0")


def test_f26_uses_a_fixed_number_of_queries(world, key, django_assert_max_num_queries):
    area = Area.of(world.city)
    with django_assert_max_num_queries(1):
        REGISTRY["F26"](area, Period(2026))


def test_the_coverage_page_lists_covered_and_uncovered_key_enterprises(world, key):
    response = client_for(world.city_official).get(reverse("services:visit-coverage"), {"period": "2026"})
    assert response.status_code == 200
    rows = {e.name: e.visits_in_period for e in response.context["object_list"]}
    assert rows == {"卡米特激光": 2, "永年激光": 0, "国鼎酒业": 1}
    assert (response.context["total"], response.context["covered"], response.context["share"]) == (
        3, 2, Decimal("66.7"))


def test_the_coverage_page_filters_the_uncovered_ones(world, key):
    response = client_for(world.city_official).get(reverse("services:visit-coverage"),
                                                   {"period": "2026Q1", "covered": "false"})
    assert {e.name for e in response.context["object_list"]} == {"永年激光", "国鼎酒业"}


def test_the_coverage_page_is_scoped(world, key):
    response = client_for(world.alliance_staff_a).get(reverse("services:visit-coverage"), {"period": "2026"})
    assert {e.name for e in response.context["object_list"]} == {"卡米特激光", "永年激光"}
    response = client_for(world.outsider).get(reverse("services:visit-coverage"), {"period": "2026"})
    assert response.status_code == 200 and not response.context["object_list"]


def test_a_bad_period_falls_back_to_this_year_with_a_message(world, key):
    response = client_for(world.city_official).get(reverse("services:visit-coverage"), {"period": "soon"})
    assert response.status_code == 200 and response.context["filter"].form.errors["period"]


def test_the_coverage_page_makes_as_many_queries_for_200_enterprises_as_for_5(world):
    client, url = client_for(world.city_official), reverse("services:visit-coverage")

    def add(n):
        for _ in range(n):
            enterprise = f.EnterpriseFactory(county=world.county_a, chains=[world.chain_a], is_above_scale=True)
            f.VisitFactory(enterprise=enterprise, alliance=world.alliance_a, visited_on="2026-02-01")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"period": "2026"}).status_code == 200
        return len(queries)

    add(5)
    few = count()
    add(195)
    assert count() == few
