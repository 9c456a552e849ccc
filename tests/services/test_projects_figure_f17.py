"""F17: alliances with annual projects, and the number of projects, for the period's year."""
import pytest

from chainparty.figures import REGISTRY, Area, Period

from .. import factories as f


@pytest.fixture
def projects(world):
    # Alliance A: three projects in 2026, one of them cancelled (not counted).
    f.ProjectFactory(alliance=world.alliance_a, year=2026)
    f.ProjectFactory(alliance=world.alliance_a, year=2026, status="completed")
    f.ProjectFactory(alliance=world.alliance_a, year=2026, status="cancelled")
    # Alliance B: one in 2026 and one in 2025.
    f.ProjectFactory(alliance=world.alliance_b, year=2026)
    f.ProjectFactory(alliance=world.alliance_b, year=2025)
    # An alliance of another city.
    f.ProjectFactory(alliance=f.AllianceFactory(chain=f.ChainFactory(region=world.other_city)), year=2026)


def f17(region, period):
    return REGISTRY["F17"](Area.of(region), Period.parse(period))


def test_the_city_counts_three_projects_of_two_alliances_in_2026(world, projects):
    value = f17(world.city, "2026")
    assert value.value == 3 and value.breakdown == {"alliances": 2}
    assert value.records.count() == 3


def test_a_quarter_counts_the_projects_of_its_year(world, projects):
    assert f17(world.city, "2026Q2").value == 3


def test_2025_counts_one_project_of_one_alliance(world, projects):
    value = f17(world.city, "2025")
    assert value.value == 1 and value.breakdown == {"alliances": 1}


def test_a_county_counts_the_alliances_of_the_chains_in_it(world, projects):
    value = f17(world.county_a, "2026")
    assert value.value == 2 and value.breakdown == {"alliances": 1}


def test_a_year_without_projects_counts_zero(world, projects):
    value = f17(world.city, "2024")
    assert value.value == 0 and value.breakdown == {"alliances": 0}


def test_the_figures_endpoint_lists_f17_and_f26(world, projects, api_as):
    rows = {row["id"]: row for row in api_as(world.city_official).get(
        "/api/v1/figures/", {"region": "321300", "period": "2026"}).json()["figures"]}
    assert rows["F17"]["value"] == 3 and rows["F17"]["breakdown"] == {"alliances": 2}
    assert "F26" in rows


def test_f17_uses_a_fixed_number_of_queries(world, projects, django_assert_max_num_queries):
    area = Area.of(world.city)
    with django_assert_max_num_queries(2):
        REGISTRY["F17"](area, Period(2026))

