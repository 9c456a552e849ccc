"""The officials' overview: cards in Chinese with measure words, links to the records, gap counts, the same
queries whatever the amount of data, and a county official only ever sees their county."""
import pytest
from django.utils.translation import pgettext
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Need
from tests.conftest import client_for

from .dashboard_data import populate


def card(response, figure_id):
    return next(card for card in response.context["cards"] if card["figure"].id == figure_id)


def test_cards_show_chinese_breakdowns_and_measure_words(world):
    populate(world)
    response = client_for(world.city_official).get("/dashboard/", {"period": "2025"})
    f18 = card(response, "F18")
    assert f18["value"] == 4
    assert (str(Need.Category.FUNDING.label), "2") in f18["items"]
    assert all(not label.isascii() for label, _value in f18["items"])
    assert card(response, "F01")["unit"] == "条"
    assert card(response, "F02")["unit"] == pgettext("measure word", "alliances")  # 个 (locale/fragments/issue8.po)


def test_a_figure_that_cannot_be_computed_shows_a_dash_not_zero(world):
    populate(world)
    response = client_for(world.city_official).get("/dashboard/", {"period": "2025"})
    assert card(response, "F07")["value"] is None
    html = response.content.decode()
    start = html.index('id="card-F07"')
    assert "—" in html[start:html.index("</a>", start)]


def test_the_overview_keeps_the_ids_the_browser_test_relies_on(world):
    html = client_for(world.city_official).get("/dashboard/", {"period": "2025"}).content.decode()
    for marker in ('id="id_region"', 'id="id_period"', 'id="card-F18"', 'id="download-report"',
                   'type="submit"', "/dashboard/report.docx?region=321300&amp;period=2025"):
        assert marker in html


def test_the_needs_card_links_to_the_needs_list_filtered_to_the_county_and_period(world):
    populate(world)
    client = client_for(world.official_a)
    url = card(client.get("/dashboard/", {"period": "2025Q1"}), "F18")["url"]
    assert url.startswith("/services/needs/all/?") and f"county={world.county_a.pk}" in url and "period=2025Q1" in url
    listed = client.get(url)
    assert listed.status_code == 200
    assert {need.enterprise_id for need in listed.context["object_list"]} == {world.enterprise_a.pk}


def test_other_cards_link_to_the_records_behind_them(world):
    response = client_for(world.city_official).get("/dashboard/", {"period": "2025"})
    assert card(response, "F16")["url"] == "/dashboard/figures/F16/?region=321300&period=2025"


def test_a_county_official_sees_only_their_countys_numbers(world):
    populate(world)
    response = client_for(world.official_a).get("/dashboard/", {"region": world.county_b.code, "period": "2025"})
    assert response.context["area"].region == world.county_a
    assert card(response, "F18")["value"] == 2
    assert card(response, "F20")["value"] == 150


def test_the_overview_shows_the_gap_counts(world):
    response = client_for(world.city_official).get("/dashboard/", {"period": "2025"})
    gaps = {gap.id: count for gap, count in response.context["gaps"]}
    assert gaps["alliance-advisor"] == 2  # neither alliance of the world has an advisor
    assert 'id="gap-alliance-advisor"' in response.content.decode()


@pytest.mark.parametrize("role", ["alliance_staff_a", "committee_staff_a", "contact_a", "department_staff",
                                  "outsider", "alliance_staff_b", "committee_staff_b", "contact_b"])
def test_people_who_are_not_officials_get_no_overview(world, role):
    assert client_for(getattr(world, role)).get("/dashboard/").status_code == 404


@pytest.mark.parametrize("role", ["admin", "city_official", "official_a", "official_b"])
def test_officials_and_admins_open_the_overview(world, role):
    assert client_for(getattr(world, role)).get("/dashboard/", {"period": "2025"}).status_code == 200


def test_the_overview_runs_the_same_queries_for_ten_times_the_data(world):
    client = client_for(world.city_official)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/dashboard/", {"period": "2025"}).status_code == 200
        return len(context)

    populate(world, 1)
    small = count()
    populate(world, 9)
    assert count() == small


def test_member_growth_cards_link_to_the_approved_reports_of_the_county(world):
    populate(world)
    client = client_for(world.official_a)
    url = card(client.get("/dashboard/", {"period": "2025"}), "F06")["url"]
    assert url.startswith("/enterprises/reports/?") and "status=approved" in url
    listed = client.get(url)
    assert listed.status_code == 200 and len(listed.context["object_list"]) == 1


def test_the_recruitment_card_of_the_whole_city_links_to_the_activity_list(world):
    populate(world)
    client = client_for(world.city_official)
    url = card(client.get("/dashboard/", {"period": "2025"}), "F21")["url"]
    assert url == "/chains/activities/?kind=recruitment&period=2025"
    assert len(client.get(url).context["object_list"]) == 2
    county_url = card(client.get("/dashboard/", {"region": world.county_a.code, "period": "2025"}), "F21")["url"]
    assert county_url.startswith("/dashboard/figures/F21/")
