"""Who reads and who changes a resource: published ones reach the people of the chains they target."""
import pytest

from chainparty.access import scope_for
from services.models import Resource

from .. import factories as f


@pytest.fixture
def resources(world):
    """res_a targets chain A, res_b chain B, res_all every chain of the city, draft_a is unpublished,
    res_other belongs to another city."""
    other_department = f.DepartmentFactory(name="泰州市工信局", region=world.other_city)
    return {
        "res_a": f.ResourceFactory(department=world.department, target_chains=[world.chain_a]),
        "res_b": f.ResourceFactory(department=world.other_department, target_chains=[world.chain_b]),
        "res_all": f.ResourceFactory(department=world.other_department),
        "draft_a": f.ResourceFactory(department=world.department, target_chains=[world.chain_a], published=False),
        "res_other": f.ResourceFactory(department=other_department),
    }


VISIBLE = {
    "admin": {"res_a", "res_b", "res_all", "draft_a", "res_other"},
    "city_official": {"res_a", "res_b", "res_all"},
    "official_a": {"res_a", "res_all"},
    "official_b": {"res_b", "res_all"},
    "alliance_staff_a": {"res_a", "res_all"},
    "alliance_staff_b": {"res_b", "res_all"},
    "committee_staff_a": {"res_a", "res_all"},
    "committee_staff_b": {"res_b", "res_all"},
    "department_staff": {"res_a", "res_all", "draft_a"},
    "contact_a": {"res_a", "res_all"},
    "contact_b": {"res_b", "res_all"},
    "outsider": set(),
}

EDITABLE = {role: set() for role in VISIBLE} | {
    "admin": set(VISIBLE["admin"]),
    "department_staff": {"res_a", "draft_a"},
}


def names(queryset, resources) -> set[str]:
    ids = set(queryset.values_list("pk", flat=True))
    return {name for name, resource in resources.items() if resource.pk in ids}


@pytest.mark.parametrize("role", VISIBLE)
def test_each_role_reads_the_resources_of_its_chains(world, resources, role):
    scope = scope_for(getattr(world, role))
    assert names(Resource.objects.visible_to(scope), resources) == VISIBLE[role]


@pytest.mark.parametrize("role", EDITABLE)
def test_only_the_publishing_department_changes_a_resource(world, resources, role):
    scope = scope_for(getattr(world, role))
    assert names(Resource.objects.editable_by(scope), resources) == EDITABLE[role]


def test_a_pending_contact_reads_no_resource(world, resources):
    contact = world.enterprise_a.contacts.get(user=world.contact_a)
    contact.status = contact.Status.PENDING
    contact.save()
    assert not Resource.objects.visible_to(scope_for(world.contact_a)).exists()


def test_a_contact_of_an_enterprise_without_chains_still_reads_the_resources_for_every_chain(world, resources):
    enterprise = f.EnterpriseFactory(county=world.county_a)
    user = f.EnterpriseContactFactory(enterprise=enterprise).user
    assert names(Resource.objects.visible_to(scope_for(user)), resources) == {"res_all"}


def test_a_county_resource_for_every_chain_does_not_reach_the_other_county(world):
    county_department = f.DepartmentFactory(name="宿城区人社局", region=world.county_a)
    resource = f.ResourceFactory(department=county_department)
    assert Resource.objects.visible_to(scope_for(world.contact_a)).filter(pk=resource.pk).exists()
    assert Resource.objects.visible_to(scope_for(world.official_a)).filter(pk=resource.pk).exists()
    assert not Resource.objects.visible_to(scope_for(world.contact_b)).filter(pk=resource.pk).exists()
    assert not Resource.objects.visible_to(scope_for(world.official_b)).filter(pk=resource.pk).exists()


def test_for_category_keeps_resources_naming_it_or_naming_none(world):
    funding = f.ResourceFactory(department=world.department, target_categories=["funding", "talent"])
    labour = f.ResourceFactory(department=world.department, target_categories=["labour"])
    anything = f.ResourceFactory(department=world.department, target_categories=[])
    assert set(Resource.objects.for_category("funding")) == {funding, anything}
    assert set(Resource.objects.for_category("labour")) == {labour, anything}
