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


def test_overview(official, city):
    client = _client(official)
    measure("overview page", _get(client, f"/dashboard/?region={city.code}&period={default_period()}"),
            target="≤2× SQL, <300 ms", check=TARGET)


@pytest.mark.parametrize("name", list(CHARTS))
def test_chart(official, city, name):
    client = _client(official)
    measure(f"chart {name}", _get(client, f"/dashboard/charts/{name}.json?region={city.code}&period={default_period()}"),
            target="≤2× SQL, <300 ms", check=TARGET)
