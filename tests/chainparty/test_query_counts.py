"""List pages and API lists run the same number of queries for 5 rows and for 200 rows."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.models import AllianceMember
from tests.conftest import api_client_for, client_for

from .. import factories as f


def grow(world, n: int) -> None:
    """Add ``n`` enterprises (each a member with its Party organisation), parks and chains on side A."""
    for i in range(n):
        organization = f.PartyOrganizationFactory()
        enterprise = f.EnterpriseFactory(county=world.county_a, park=world.park_a, chains=[world.chain_a],
                                         party_organization=organization)
        f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=enterprise,
                                segment=AllianceMember.Segment.UPSTREAM)
        park = f.ParkFactory(county=world.county_a)
        f.CommitteeFactory(park=park, chain=world.chain_a)
        f.AllianceFactory(chain=f.ChainFactory(region=world.city))


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


URLS = ["/chains/", "/parks/", "/enterprises/", f"/chains/{{chain}}/", "/parks/{park}/",
        "/api/v1/chains/", "/api/v1/alliances/", "/api/v1/parks/", "/api/v1/committees/",
        "/api/v1/enterprises/", "/api/v1/party-organizations/", "/api/v1/alliance-members/",
        "/api/v1/alliance-positions/", "/api/v1/party-workers/"]


@pytest.mark.parametrize("role", ["admin", "city_official", "alliance_staff_a"])
def test_lists_run_the_same_queries_for_5_and_200_rows(world, role):
    user = getattr(world, role)
    clients = {"page": client_for(user), "api": api_client_for(user)}
    urls = [url.format(chain=world.chain_a.pk, park=world.park_a.pk) for url in URLS]

    grow(world, 5)
    small = {url: count_queries(clients["api" if "/api/" in url else "page"], url) for url in urls}
    grow(world, 195)
    large = {url: count_queries(clients["api" if "/api/" in url else "page"], url) for url in urls}
    assert small == large
