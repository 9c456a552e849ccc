"""The overview's figure cache (chainparty/figure_cache.py): one computation per region and period serves every
official until it is FIGURES_CACHE_SECONDS old, then the figures are computed again, and a county's figures are
never served for the city or another county."""
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chainparty.figures import Area, Period, compute_periods
from tests import factories as f
from tests.conftest import client_for

from .dashboard_data import populate


@pytest.fixture
def cached(settings):
    """The cache turned on, in this process's memory (CI's Redis is shared by the parallel workers)."""
    settings.FIGURES_CACHE_SECONDS = 300
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "figure-cache-tests"}}
    from django.core.cache import cache

    cache.clear()


def f18(response):
    return next(card["value"] for card in response.context["cards"] if card["figure"].id == "F18")


def overview(user, **query):
    client = client_for(user)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/dashboard/", {"period": "2025", **query})
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def test_a_second_official_of_the_region_is_served_without_computing_the_figures(world, cached):
    populate(world)
    first, computing = overview(world.city_official)
    other_official = f.OfficialFactory(user=world.outsider, region=world.city).user
    second, served = overview(other_official)
    assert f18(first) == f18(second) == 4
    assert [card["value"] for card in first.context["cards"]] == [card["value"] for card in second.context["cards"]]
    area = Area.of(world.city)
    with CaptureQueriesContext(connection) as computation:
        compute_periods(area, [Period(2025), Period(2024)])
    figures = {query["sql"] for query in computation.captured_queries}
    assert len(figures) > 10 and figures & set(computing) == figures
    # none of the figures' queries was made again, but the area's bodies, which the gap counts read too
    assert len(figures & set(served)) == 2 and len(served) < len(computing) - 20
    assert second.context["computed_at"] == first.context["computed_at"]


def test_figures_are_recomputed_once_they_are_older_than_the_setting(world, cached, settings):
    populate(world)
    first, _ = overview(world.city_official)
    populate(world)  # four more needs of 2025 in the city
    still, _ = overview(world.city_official)
    assert f18(still) == f18(first) == 4, "within FIGURES_CACHE_SECONDS the page shows the figures it computed"
    later = timezone.now() + timedelta(seconds=settings.FIGURES_CACHE_SECONDS)
    with mock.patch("django.utils.timezone.now", return_value=later):
        fresh, _ = overview(world.city_official)
    assert f18(fresh) == 8
    assert fresh.context["computed_at"] == later


def test_a_county_is_never_served_the_citys_figures(world, cached):
    populate(world)
    city, _ = overview(world.city_official)
    county, _ = overview(world.official_a)
    other_period, _ = overview(world.city_official, period="2024")
    assert (f18(city), f18(county), f18(other_period)) == (4, 2, 0)


def test_the_page_says_when_its_figures_were_computed(world, cached):
    response, _ = overview(world.city_official)
    text = response.content.decode()
    start = text.index('id="figures-freshness"')
    assert "数据计算于" in text[start:start + 400] and "5 分钟" in text[start:start + 400]


def test_without_the_cache_every_view_computes_afresh(world):
    populate(world)
    first, computing = overview(world.city_official)
    populate(world)
    second, again = overview(world.city_official)
    assert (f18(first), f18(second)) == (4, 8) and len(computing) == len(again)


def gaps(response):
    return {gap.id: count for gap, count in response.context["gaps"]}


def test_gap_counts_are_kept_per_user_and_recounted_once_old(world, cached, settings):
    first, _ = overview(world.city_official)
    f.AlliancePositionFactory(alliance=world.alliance_a, role="advisor")
    assert gaps(overview(world.city_official)[0])["alliance-advisor"] == gaps(first)["alliance-advisor"] == 2
    assert gaps(overview(world.admin, region=world.city.code)[0])["alliance-advisor"] == 1, "another user's counts are their own"
    later = timezone.now() + timedelta(seconds=settings.FIGURES_CACHE_SECONDS)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert gaps(overview(world.city_official)[0])["alliance-advisor"] == 1


# The worker's refresh (chainparty.tasks.refresh_overview_figures) ------------------------------------------------

def landing(user):
    """The overview as an official lands on it: their region, the default period."""
    return overview(user, period="")


def kept(region, period):
    from django.core.cache import cache

    return cache.get(f"figures:{region.pk}:{period}")


def test_after_the_refresh_the_first_official_lands_on_figures_computed_by_the_worker(world, cached):
    from chainparty.dashboards import default_period
    from chainparty.figure_cache import refresh_landing_figures

    assert refresh_landing_figures() == 2 * 3  # the city and both counties hold a post, each for two periods
    with CaptureQueriesContext(connection) as queries:
        response = client_for(world.city_official).get("/dashboard/")
    assert not any('"services_need"' in query["sql"] for query in queries.captured_queries), \
        "the page computed a figure the worker had computed"
    period = default_period()
    assert response.context["period"] == period and kept(world.county_b, period.previous()) is not None
    assert kept(world.other_county, period) is None, "a region where no official holds a post waits to be asked"


def test_the_refresh_replaces_figures_younger_than_the_setting(world, cached):
    from chainparty.figure_cache import refresh_landing_figures

    refresh_landing_figures()
    assert f18(landing(world.official_a)[0]) == 0
    f.NeedFactory(enterprise=world.enterprise_a, submitted_at=timezone.now())
    assert f18(landing(world.official_a)[0]) == 0, "within the setting the page keeps what was computed"
    refresh_landing_figures()
    assert f18(landing(world.official_a)[0]) == 1


def test_without_the_cache_the_refresh_computes_nothing(world):
    from chainparty.figure_cache import refresh_landing_figures

    with CaptureQueriesContext(connection) as queries:
        assert refresh_landing_figures() == 0
    assert len(queries) == 0


def test_a_refresh_started_while_another_runs_computes_nothing(world, cached):
    from django.core.cache import cache

    from chainparty.figure_cache import REFRESHING, refresh_landing_figures

    cache.add(REFRESHING, timezone.now())
    assert refresh_landing_figures() == 0
    cache.delete(REFRESHING)
    assert refresh_landing_figures() == 6 and cache.get(REFRESHING) is None
