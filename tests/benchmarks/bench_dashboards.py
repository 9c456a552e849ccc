"""The officials' overview page and each of its chart endpoints, for the whole city and the current quarter."""
import pytest
from django.test import Client

from chainparty.charts import CHARTS
from chainparty.dashboards import default_period

from .harness import measure, within

TARGET = within(ratio=2, ms=300)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _get(client, url):
    def run():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response
    return run


def test_overview(client_outside_transaction, city, settings):
    """Served from the figure cache (chainparty/figure_cache.py): the warm-up computed the figures and gap counts."""
    settings.FIGURES_CACHE_SECONDS = 300
    measure("overview page (figures cached)",
            _get(client_outside_transaction, f"/dashboard/?region={city.code}&period={default_period()}"),
            target="<300 ms (its SQL is a few ms: the ratio measures the template)", check=within(ms=300))


def test_overview_computing_its_figures(client_outside_transaction, city, settings):
    """What the first official after the cache expires waits for: 28 figures × 2 periods computed, on two
    connections as production computes them (outside a transaction: chainparty/beside.py)."""
    settings.FIGURES_CACHE_SECONDS = 0
    measure("overview page (figures computed)",
            _get(client_outside_transaction, f"/dashboard/?region={city.code}&period={default_period()}"),
            target="≤2× SQL, <300 ms", check=TARGET)


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart(official, city, name):
    client = _client(official)
    measure(f"chart {name}", _get(client, f"/dashboard/charts/{name}.json?region={city.code}&period={default_period()}"),
            target="≤2× SQL, <300 ms", check=TARGET)


def test_signed_in_request_floor(official, city, monkeypatch):
    """What any chart costs before its own query: a chart that returns nothing, through the same view, sign-in,
    scope and area (the meetings charts' SQL is about this request's own)."""
    monkeypatch.setitem(CHARTS, "nothing", lambda scope, area, period, focus: {})
    measure("signed-in chart request doing nothing (the floor)",
            _get(_client(official), f"/dashboard/charts/nothing.json?region={city.code}&period={default_period()}"),
            target="— (for comparison)")
