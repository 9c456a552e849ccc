"""The chart endpoints: JSON through the same scope as the overview, and the same queries for ten times the data."""
from datetime import date
from types import SimpleNamespace
from unittest.mock import Mock, patch

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from alliances.models import Meeting
from chainparty import charts
from chainparty.access import scope_for
from chainparty.charts import CHARTS
from chainparty.figures import Area, Period
from services.models import Need
from tests.conftest import client_for

from .dashboard_data import populate


def chart(client, name, **query):
    response = client.get(f"/dashboard/charts/{name}.json", {"period": "2025", **query})
    assert response.status_code == 200, response.status_code
    return response.json()


def test_needs_by_category_counts_the_needs_of_the_area(world):
    populate(world)
    data = chart(client_for(world.city_official), "needs-category")
    funding = data["categories"].index(str(Need.Category.FUNDING.label))
    assert data["series"][0]["data"][funding] == 2
    assert sum(data["series"][0]["data"]) == 4


def test_a_county_official_gets_only_their_county_in_every_chart(world):
    populate(world)
    client = client_for(world.official_a)
    assert sum(chart(client, "needs-category", region=world.county_b.code)["series"][0]["data"]) == 2
    statuses = chart(client, "needs-status", region=world.county_b.code)["series"][0]["data"]
    assert sum(item["value"] for item in statuses) == 2
    assert chart(client, "overdue-department")["series"][0]["data"] == [1]
    growth = chart(client, "member-growth")
    assert sum(growth["series"][0]["data"]) == 5
    assert sum(sum(series["data"]) for series in chart(client, "agreements-kind")["series"]) == 1
    assert sum(chart(client, "activities-kind")["series"][0]["data"]) == 2
    assert world.committee_b.name not in chart(client, "meetings-committee-month")["y"]


def test_the_resolution_rate_per_chain_and_the_meeting_grids(world):
    populate(world)
    client = client_for(world.city_official)
    rates = chart(client, "resolution-chain")
    assert dict(zip(rates["categories"], rates["series"][0]["data"]))[world.chain_a.name] == 50.0
    grid = chart(client, "meetings-chain-quarter")
    assert grid["type"] == "heatmap" and len(grid["x"]) == 4
    assert [0, 100.0] == [grid["data"][0][0], grid["data"][0][2]]
    months = chart(client, "meetings-committee-month")
    assert len(months["x"]) == 12 and all(cell[2] == 0.0 for cell in months["data"])


@pytest.mark.parametrize("role", ["alliance_staff_a", "committee_staff_a", "contact_a", "department_staff", "outsider"])
def test_area_charts_are_for_officials_only(world, role):
    assert client_for(getattr(world, role)).get("/dashboard/charts/needs-category.json").status_code == 404


def test_an_unknown_chart_is_not_found(world):
    assert client_for(world.city_official).get("/dashboard/charts/nothing.json").status_code == 404


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_runs_the_same_queries_for_ten_times_the_data(world, name):
    client = client_for(world.city_official)

    def count():
        with CaptureQueriesContext(connection) as context:
            chart(client, name)
        return len(context)

    populate(world, 1)
    small = count()
    populate(world, 9)
    assert count() == small


GRIDS = [("meetings-chain-quarter", "_COUNCIL_GRID", Meeting.Kind.COUNCIL),
         ("meetings-committee-month", "_COMMITTEE_GRID", Meeting.Kind.COMMITTEE_MONTHLY)]


@pytest.mark.parametrize("name,grid,kind", GRIDS)
@pytest.mark.parametrize("official,region,prepared,bodies", [
    ("city_official", "city", True, 4), ("official_a", "county_a", True, 2),
    ("official_a", "county_b", False, 0)])  # not their area: through their scope, by the ORM
def test_an_officials_meeting_grid_is_read_by_the_prepared_query_as_the_orm_reads_it(
        world, name, grid, kind, official, region, prepared, bodies):
    populate(world, 2)
    scope = scope_for(getattr(world, official))
    area, period = Area.of(getattr(world, region), scope), Period(2025)
    grid = getattr(charts, grid)
    values = {"kind": kind, "start": date(2025, 1, 1), "end": date(2025, 12, 31), "today": timezone.localdate()}
    spy = Mock(wraps=grid.prepared)
    with patch.object(grid, "prepared", spy):
        rows = grid.rows(scope, area, period, charts.WHOLE_AREA, kind)
    assert spy.rows.called == prepared
    assert sorted(rows, key=str) == sorted(grid.query(charts.meetings(scope, area, charts.WHOLE_AREA), **values),
                                           key=str)
    assert len(rows) == bodies


def test_the_meeting_grids_count_what_is_due_on_the_day_they_are_asked(world, monkeypatch):
    """``today`` is a value of the prepared query, not a date kept from the first request."""
    populate(world)  # on each side a committee's monthly meeting of February 2025, missed
    client = client_for(world.city_official)
    monkeypatch.setattr(charts, "timezone", SimpleNamespace(localdate=lambda: date(2025, 2, 10)))
    assert chart(client, "meetings-committee-month")["data"] == []  # not due yet
    monkeypatch.setattr(charts, "timezone", SimpleNamespace(localdate=lambda: date(2025, 3, 10)))
    assert [cell[2] for cell in chart(client, "meetings-committee-month")["data"]] == [0.0, 0.0]


@pytest.mark.parametrize("name", [name for name, _grid, _kind in GRIDS])
def test_an_officials_meeting_grid_is_six_queries(world, name, django_assert_num_queries, settings):
    """The session, the user, their posts, the region tree, the region asked for, and the chart (sessions in the
    database, as without Redis; with Redis the session is read from the cache)."""
    settings.SESSION_ENGINE = "chainparty.session_store"
    populate(world)
    client = client_for(world.city_official)
    with django_assert_num_queries(6):
        chart(client, name)


@pytest.mark.parametrize("code", ["32\x001300", "9" * 300, "３２１３００"])
def test_a_region_code_that_cannot_be_one_is_unknown_not_an_error(world, code):
    client = client_for(world.city_official)
    page = client.get("/dashboard/", {"region": code, "period": "2025"})
    assert page.status_code == 200 and "未知的行政区划" in page.content.decode()
    assert client.get("/dashboard/charts/needs-category.json", {"region": code, "period": "2025"}).status_code == 200
