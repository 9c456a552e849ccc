"""The resources API: scoped lists, changes only by the publishing department, 400 on bad input."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Resource

from .. import factories as f
from ..conftest import api_client_for
from .test_resources_pages import READS_A, ROLES

URL = "/api/v1/resources/"


@pytest.fixture
def res_a(world):
    return f.ResourceFactory(department=world.department, target_chains=[world.chain_a], title="宿城激光贷")


def payload(world, **overrides):
    data = {"department": world.department.pk, "kind": "loan", "title": "宿城激光贷", "quota": "50000.00",
            "target_chains": [world.chain_a.pk], "target_categories": ["funding"], "published": True}
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_the_list_and_the_detail_follow_the_scope(world, res_a, role):
    client = api_client_for(getattr(world, role))
    ids = [row["id"] for row in client.get(URL).json()["results"]]
    assert ids == ([res_a.pk] if role in READS_A else [])
    assert client.get(f"{URL}{res_a.pk}/").status_code == (200 if role in READS_A else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_publishing_department_updates_or_deletes(world, res_a, role):
    client = api_client_for(getattr(world, role))
    expected = 200 if role in {"admin", "department_staff"} else 403 if role in READS_A else 404
    assert client.patch(f"{URL}{res_a.pk}/", {"title": "改"}, format="json").status_code == expected
    expected_delete = 204 if expected == 200 else expected
    assert client.delete(f"{URL}{res_a.pk}/").status_code == expected_delete


@pytest.mark.parametrize("role", ROLES)
def test_only_department_staff_and_admins_create(world, role):
    response = api_client_for(getattr(world, role)).post(URL, payload(world), format="json")
    if role in {"admin", "department_staff"}:
        assert response.status_code == 201, response.json()
        resource = Resource.objects.get()
        assert resource.target_categories == ["funding"] and list(resource.target_chains.all()) == [world.chain_a]
    else:
        assert response.status_code in (400, 403)  # no department of theirs to publish in
        assert not Resource.objects.exists()


@pytest.mark.parametrize("overrides,field", [
    ({"department": "other"}, "department"),
    ({"kind": "policy"}, "__all__"),
    ({"valid_from": "2026-12-31", "valid_to": "2026-01-01"}, "__all__"),
    ({"target_categories": ["weather"]}, "target_categories"),
    ({"target_chains": [999999]}, "target_chains"),
])
def test_bad_input_is_a_400_with_field_errors(world, overrides, field):
    if overrides.get("department") == "other":
        overrides["department"] = world.other_department.pk
    response = api_client_for(world.department_staff).post(URL, payload(world, **overrides), format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Resource.objects.exists()


def test_a_chain_of_another_city_cannot_be_targeted(world):
    far_chain = f.ChainFactory(region=world.other_city)
    response = api_client_for(world.department_staff).post(URL, payload(world, target_chains=[far_chain.pk]),
                                                           format="json")
    assert response.status_code == 400 and "target_chains" in response.json()


def test_filters_by_chain_category_and_search(world):
    funding = f.ResourceFactory(department=world.department, target_chains=[world.chain_a], title="资金",
                                target_categories=["funding"])
    labour = f.ResourceFactory(department=world.department, target_chains=[world.chain_b], title="用工",
                               target_categories=["labour"])
    client = api_client_for(world.admin)
    assert [r["id"] for r in client.get(URL, {"category": "funding"}).json()["results"]] == [funding.pk]
    assert [r["id"] for r in client.get(URL, {"chain": world.chain_b.pk}).json()["results"]] == [labour.pk]
    assert [r["id"] for r in client.get(URL, {"q": "用工"}).json()["results"]] == [labour.pk]


@pytest.mark.parametrize("role", ["admin", "contact_a"])
def test_the_list_makes_as_many_queries_for_200_resources_as_for_5(world, role):
    client = api_client_for(getattr(world, role))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL).status_code == 200
        return len(queries)

    for _ in range(5):
        f.ResourceFactory(department=world.department, target_chains=[world.chain_a, world.chain_b])
    few = count()
    for _ in range(195):
        f.ResourceFactory(department=world.department, target_chains=[world.chain_a, world.chain_b])
    assert count() == few
