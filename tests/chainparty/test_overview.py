"""The officials' overview and the records behind each figure, scoped to the official's region."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import client_for

from .. import factories as f


def test_the_overview_shows_every_registered_figure_for_the_officials_region(world):
    response = client_for(world.city_official).get("/dashboard/", {"period": "2026Q3"})
    assert response.status_code == 200
    assert response.context["area"].region == world.city
    f01 = next(card for card in response.context["cards"] if card["figure"].id == "F01")
    assert f01["value"] == 2 and f01["previous"] == 2 and f01["change"] == 0


def test_a_city_official_can_switch_to_a_county(world):
    response = client_for(world.city_official).get("/dashboard/", {"region": "321302", "period": "2026"})
    assert response.context["area"].region == world.county_a


def test_a_county_official_cannot_open_another_countys_overview(world):
    response = client_for(world.official_a).get("/dashboard/", {"region": "321311", "period": "2026"})
    assert response.status_code == 200
    assert response.context["area"].region == world.county_a
    assert response.context["errors"]


@pytest.mark.parametrize("role", ["alliance_staff_a", "committee_staff_a", "contact_a", "department_staff",
                                  "outsider"])
def test_people_who_are_not_officials_have_no_city_overview(world, role):
    assert client_for(getattr(world, role)).get("/dashboard/").status_code == 404
    assert client_for(getattr(world, role)).get("/dashboard/figures/F01/").status_code == 404


def test_a_figure_card_links_to_the_records_behind_it(world):
    client = client_for(world.official_a)
    response = client.get("/dashboard/figures/F01/", {"region": "321302", "period": "2026"})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [world.chain_a]
    assert client.get("/dashboard/figures/F99/", {"period": "2026"}).status_code == 404


def test_a_bad_period_gets_a_message_not_an_error(world):
    response = client_for(world.city_official).get("/dashboard/", {"period": "2026Q7"})
    assert response.status_code == 200
    assert response.context["errors"]


def test_the_overview_runs_the_same_queries_at_two_sizes(world):
    client = client_for(world.city_official)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/dashboard/", {"period": "2026"}).status_code == 200
        return len(context)

    small = count()
    for _ in range(30):
        f.ChainFactory(region=world.city)
    assert count() == small
