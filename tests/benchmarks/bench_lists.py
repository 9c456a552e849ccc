"""The needs list API (a page of 50, filtered by chain and status) and the enterprises list page."""
from django.db.models import Count
from django.test import Client

from services.models import Need

from .harness import measure, within


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_needs_list_api(official, city):
    """The chain with the most needs in its most common open status, so the page is full."""
    chain_id, status, _n = Need.chains.through.objects.filter(need__county__parent=city).values_list(
        "industrialchain_id", "need__status").annotate(n=Count("need_id")).order_by("-n").first()
    client = _client(official)

    def run():
        response = client.get(f"/api/v1/needs/?chain={chain_id}&status={status}")
        assert response.status_code == 200 and response.json()["results"]
    measure("needs list API (50, chain+status)", run, target="≤3× SQL", check=within(ratio=3))


def test_enterprises_list_page(official):
    client = _client(official)

    def run():
        response = client.get("/enterprises/?page=2")
        assert response.status_code == 200
    measure("enterprises list page", run)
