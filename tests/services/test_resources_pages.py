"""Resource pages: contacts browse the resources for their chains, department staff publish and edit theirs."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.models import Resource

from .. import factories as f
from ..conftest import client_for

ROLES = ["admin", "city_official", "official_a", "official_b", "alliance_staff_a", "alliance_staff_b",
         "committee_staff_a", "committee_staff_b", "department_staff", "contact_a", "contact_b", "outsider"]
READS_A = {"admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff",
           "contact_a"}


@pytest.fixture
def res_a(world):
    return f.ResourceFactory(department=world.department, target_chains=[world.chain_a], title="宿城激光贷",
                             kind=Resource.Kind.LOAN, quota=50000)


@pytest.mark.parametrize("role", ROLES)
def test_the_list_shows_a_resource_to_exactly_those_who_may_read_it(world, res_a, role):
    response = client_for(getattr(world, role)).get(reverse("services:resource-list"))
    assert response.status_code == 200
    assert ("宿城激光贷" in response.content.decode()) is (role in READS_A)


@pytest.mark.parametrize("role", ROLES)
def test_the_detail_page_is_a_404_outside_the_scope(world, res_a, role):
    response = client_for(getattr(world, role)).get(reverse("services:resource-detail", args=[res_a.pk]))
    assert response.status_code == (200 if role in READS_A else 404)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_publishing_department_opens_the_edit_page(world, res_a, role):
    response = client_for(getattr(world, role)).get(reverse("services:resource-update", args=[res_a.pk]))
    expected = 200 if role in {"admin", "department_staff"} else 403 if role in READS_A else 404
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_department_staff_and_admins_open_the_publish_page(world, role):
    response = client_for(getattr(world, role)).get(reverse("services:resource-create"))
    assert response.status_code == (200 if role in {"admin", "department_staff"} else 403)


def test_anonymous_visitors_are_sent_to_log_in(client, world, res_a):
    response = client.get(reverse("services:resource-list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def form_data(world, **overrides):
    data = {"department": world.department.pk, "kind": "loan", "title": "宿城激光贷", "summary": "专项贷款",
            "body": "", "how_to_apply": "向市工信局申请", "contact_info": "", "quota": "50000",
            "valid_from": "2026-01-01", "valid_to": "2026-12-31", "target_chains": [world.chain_a.pk],
            "target_categories": ["funding"], "published": "on"}
    data.update(overrides)
    return data


def test_department_staff_publish_a_loan_for_their_chain(world):
    response = client_for(world.department_staff).post(reverse("services:resource-create"), form_data(world))
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.department == world.department and resource.published
    assert list(resource.target_chains.all()) == [world.chain_a] and resource.target_categories == ["funding"]
    assert client_for(world.contact_a).get(reverse("services:resource-list"), {"q": "激光"}).content.decode() \
        .count("宿城激光贷") == 1


def test_department_staff_may_target_any_chain_of_their_region(world):
    response = client_for(world.department_staff).post(reverse("services:resource-create"),
                                                       form_data(world, target_chains=[world.chain_b.pk]))
    assert response.status_code == 302
    assert list(Resource.objects.get().target_chains.all()) == [world.chain_b]


def test_department_staff_cannot_publish_in_another_departments_name(world):
    response = client_for(world.department_staff).post(reverse("services:resource-create"),
                                                       form_data(world, department=world.other_department.pk))
    assert response.status_code == 200 and "department" in response.context["form"].errors
    assert not Resource.objects.exists()


@pytest.mark.parametrize("overrides,field", [
    ({"kind": "policy"}, "__all__"),
    ({"quota": "-5"}, "__all__"),
    ({"valid_from": "2026-12-31", "valid_to": "2026-01-01"}, "__all__"),
    ({"title": ""}, "title"),
    ({"target_categories": ["weather"]}, "target_categories"),
])
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(world, overrides, field):
    response = client_for(world.department_staff).post(reverse("services:resource-create"),
                                                       form_data(world, **overrides))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Resource.objects.exists()


def test_an_edit_keeps_the_resource_within_the_department(world, res_a):
    response = client_for(world.department_staff).post(reverse("services:resource-update", args=[res_a.pk]),
                                                       form_data(world, title="宿城激光贷（二期）"))
    assert response.status_code == 302
    res_a.refresh_from_db()
    assert res_a.title == "宿城激光贷（二期）"


def test_a_read_only_user_cannot_post_an_edit(world, res_a):
    response = client_for(world.city_official).post(reverse("services:resource-update", args=[res_a.pk]),
                                                    form_data(world, title="改"))
    assert response.status_code == 403
    res_a.refresh_from_db()
    assert res_a.title == "宿城激光贷"


def test_contacts_do_not_see_expired_resources_but_department_staff_do(world):
    f.ResourceFactory(department=world.department, target_chains=[world.chain_a], title="过期政策",
                      valid_from="2020-01-01", valid_to="2020-12-31")
    assert "过期政策" not in client_for(world.contact_a).get(reverse("services:resource-list")).content.decode()
    assert "过期政策" in client_for(world.department_staff).get(reverse("services:resource-list")).content.decode()


def test_the_list_filters_by_category_and_chain(world):
    f.ResourceFactory(department=world.department, target_chains=[world.chain_a], title="资金政策",
                      target_categories=["funding"])
    f.ResourceFactory(department=world.department, target_chains=[world.chain_b], title="用工政策",
                      target_categories=["labour"])
    client = client_for(world.admin)
    page = client.get(reverse("services:resource-list"), {"category": "funding"}).content.decode()
    assert "资金政策" in page and "用工政策" not in page
    page = client.get(reverse("services:resource-list"), {"chain": world.chain_b.pk}).content.decode()
    assert "资金政策" not in page and "用工政策" in page


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["contact_a", "department_staff", "city_official"])
def test_the_list_makes_as_many_queries_for_200_resources_as_for_5(world, role):
    client, url = client_for(getattr(world, role)), reverse("services:resource-list")

    def add(n):
        for _ in range(n):
            f.ResourceFactory(department=world.department, target_chains=[world.chain_a, world.chain_b])

    add(5)
    few = count_queries(client, url)
    add(195)
    assert count_queries(client, url) == few
