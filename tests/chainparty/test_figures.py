"""F01 on hand-built data, and the figures endpoint and command for good and bad regions and periods."""
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chainparty.figures import REGISTRY, Area, Period, PeriodError
from tests.conftest import api_client_for

from .. import factories as f


def test_periods_parse_years_and_quarters():
    assert (Period.parse("2026").start, Period.parse("2026").end) == (date(2026, 1, 1), date(2026, 12, 31))
    q3 = Period.parse("2026Q3")
    assert (q3.start, q3.end) == (date(2026, 7, 1), date(2026, 9, 30))
    assert str(Period.parse("2026q1").previous()) == "2025Q4"
    assert str(q3.year_earlier()) == "2025Q3"
    assert [str(p) for p in Period.parse("2025").quarters()] == ["2025Q1", "2025Q2", "2025Q3", "2025Q4"]


@pytest.mark.parametrize("text", ["", "26", "2026Q5", "2026-3", "Q3", "1999"])
def test_a_malformed_period_is_refused(text):
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_f01_counts_the_key_chains_of_a_region(world):
    # world: two key chains of the city (激光装备 with a committee in county A, 酿造 with one in county B).
    f.ChainFactory(region=world.city, is_key=False)                 # not key: never counted
    f.ChainFactory(region=world.other_city)                          # another city
    county_chain = f.ChainFactory(region=world.county_a)             # a county's own chain
    period = Period.parse("2026")
    assert REGISTRY["F01"](Area.of(world.city), period).value == 3   # chain_a, chain_b, county_chain
    assert REGISTRY["F01"](Area.of(world.province), period).value == 4
    in_a = REGISTRY["F01"](Area.of(world.county_a), period)
    assert in_a.value == 2                                           # chain_a (committee there) + its own chain
    assert set(in_a.records) == {world.chain_a, county_chain}
    assert REGISTRY["F01"](Area.of(world.other_county), period).value == 0


def test_the_figures_endpoint_lists_every_registered_figure(world):
    response = api_client_for(world.city_official).get("/api/v1/figures/", {"region": "321300", "period": "2026Q3"})
    assert response.status_code == 200
    body = response.json()
    assert body["region"] == "321300" and body["period"] == "2026Q3"
    assert [row["id"] for row in body["figures"]] == sorted(REGISTRY)
    f01 = next(row for row in body["figures"] if row["id"] == "F01")
    assert f01["value"] == 2 and f01["label"]


def test_the_figures_endpoint_defaults_to_the_officials_region(world):
    response = api_client_for(world.official_a).get("/api/v1/figures/", {"period": "2026"})
    assert response.status_code == 200
    assert response.json()["region"] == "321302"


@pytest.mark.parametrize("params,field", [
    ({"region": "999999", "period": "2026"}, "region"),
    ({"region": "321300", "period": "2026Q9"}, "period"),
    ({"region": "321300"}, "period"),
    ({"region": "abc", "period": "x"}, "region"),
    ({"region": "32\x001300", "period": "2026"}, "region"),  # a NUL would fail PostgreSQL's query: never asked
    ({"region": "9" * 300, "period": "2026"}, "region"),
])
def test_the_figures_endpoint_explains_bad_input(world, params, field):
    response = api_client_for(world.city_official).get("/api/v1/figures/", params)
    assert response.status_code == 400
    assert field in response.json()


def test_a_region_outside_the_users_reach_answers_like_an_unknown_one(world):
    client = api_client_for(world.official_a)
    outside = client.get("/api/v1/figures/", {"region": "321311", "period": "2026"})
    unknown = client.get("/api/v1/figures/", {"region": "999999", "period": "2026"})
    assert outside.status_code == unknown.status_code == 400
    assert outside.json() == unknown.json()
    assert api_client_for(world.contact_a).get("/api/v1/figures/", {"period": "2026"}).status_code == 400


def test_anonymous_users_cannot_read_figures(client, world):
    assert client.get("/api/v1/figures/", {"region": "321300", "period": "2026"}).status_code in (401, 403)


def test_the_figures_command_prints_a_table_and_json(world):
    out = StringIO()
    call_command("figures", region="321300", period="2026", stdout=out)
    assert "F01" in out.getvalue()
    out = StringIO()
    call_command("figures", "--json", region="321300", period="2026Q1", stdout=out)
    data = json.loads(out.getvalue())
    assert data["period"] == "2026Q1"
    assert next(row for row in data["figures"] if row["id"] == "F01")["value"] == 2


@pytest.mark.parametrize("region,period,message", [
    ("999999", "2026", "Unknown region"), ("321300", "2026Q0", "统计期"),
])
def test_the_figures_command_refuses_bad_input_without_a_traceback(world, region, period, message):
    with pytest.raises(CommandError, match=message):
        call_command("figures", region=region, period=period)
