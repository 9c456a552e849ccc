"""The Scope of each role: what it reaches on side A, and that side B stays invisible."""
import pytest

from alliances.models import Alliance, IndustrialChain
from chainparty.access import scope_for
from enterprises.models import Enterprise, PartyOrganization
from parks.models import JointCommittee, Park, PartyWorker

# For each role: the side-A and side-B objects it must see (True) or not (False), per model.
EXPECTED = {
    "admin":             dict(a=True, b=True),
    "city_official":     dict(a=True, b=True),
    "official_a":        dict(a=True, b=False),
    "alliance_staff_a":  dict(a=True, b=False),
    "committee_staff_a": dict(a=True, b=False),
    "contact_a":         dict(a=True, b=False),
    "outsider":          dict(a=False, b=False),
}


def visible(model, scope, obj) -> bool:
    return model.objects.visible_to(scope).filter(pk=obj.pk).exists()


@pytest.mark.parametrize("role", EXPECTED)
@pytest.mark.parametrize("model,attr", [
    (IndustrialChain, "chain"), (Alliance, "alliance"), (Park, "park"), (JointCommittee, "committee"),
    (Enterprise, "enterprise"), (PartyOrganization, "org"),
])
def test_each_role_sees_its_side_and_not_the_other(world, role, model, attr):
    scope = scope_for(getattr(world, role))
    expected = EXPECTED[role]
    assert visible(model, scope, getattr(world, f"{attr}_a")) is expected["a"]
    assert visible(model, scope, getattr(world, f"{attr}_b")) is expected["b"]


def test_party_workers_are_not_shown_to_enterprise_contacts(world):
    assert not PartyWorker.objects.visible_to(scope_for(world.contact_a)).exists()
    assert set(PartyWorker.objects.visible_to(scope_for(world.official_a))) == {world.worker_a}


def test_department_staff_see_the_chain_their_department_leads(world):
    scope = scope_for(world.department_staff)
    assert set(IndustrialChain.objects.visible_to(scope)) == {world.chain_a}
    assert not Enterprise.objects.visible_to(scope).exists()


def test_a_pending_contact_reaches_nothing(world):
    contact = world.enterprise_a.contacts.get(user=world.contact_a)
    contact.status = contact.Status.PENDING
    contact.save()
    assert not Enterprise.objects.visible_to(scope_for(world.contact_a)).exists()


def test_an_ended_position_gives_no_reach(world):
    from datetime import date
    position = world.alliance_a.positions.get(user=world.alliance_staff_a)
    position.end_date = date(2025, 1, 1)
    position.start_date = date(2024, 1, 1)
    position.save()
    assert scope_for(world.alliance_staff_a).alliance_ids == frozenset()


def test_a_position_that_started_in_the_past_and_has_not_ended_gives_reach(world):
    from datetime import date
    position = world.alliance_a.positions.get(user=world.alliance_staff_a)
    position.start_date = date(2024, 1, 1)
    position.save()
    assert scope_for(world.alliance_staff_a).alliance_ids == {world.alliance_a.pk}


def test_editable_follows_the_body(world):
    assert set(Alliance.objects.editable_by(scope_for(world.alliance_staff_a))) == {world.alliance_a}
    assert not Alliance.objects.editable_by(scope_for(world.city_official)).exists()
    assert set(JointCommittee.objects.editable_by(scope_for(world.committee_staff_a))) == {world.committee_a}
    assert set(Enterprise.objects.editable_by(scope_for(world.committee_staff_a))) == {world.enterprise_a}


def test_one_user_holding_every_kind_of_post_gets_all_of_them_in_two_queries(world, django_assert_num_queries):
    """Every request builds a Scope: one query for all the posts, one for the region tree (officials only)."""
    from tests import factories as f

    user = world.city_official
    f.AlliancePositionFactory(alliance=world.alliance_a, user=user)
    f.CommitteePositionFactory(committee=world.committee_b, user=user)
    f.PartyWorkerFactory(alliance=world.alliance_b, committee=None, user=user)
    f.DepartmentStaffFactory(user=user, department=world.department)
    f.EnterpriseContactFactory(user=user, enterprise=world.enterprise_a)
    with django_assert_num_queries(2):
        scope = scope_for(user)
    assert scope.official_region_ids == {world.city.pk}
    assert scope.region_ids == {world.city.pk, world.county_a.pk, world.county_b.pk}
    assert scope.alliance_ids == {world.alliance_a.pk, world.alliance_b.pk}
    assert scope.committee_ids == {world.committee_b.pk}
    assert scope.department_ids == {world.department.pk}
    assert scope.enterprise_ids == {world.enterprise_a.pk}
    assert scope.chain_ids == {world.chain_a.pk, world.chain_b.pk}
    assert scope.park_ids == {world.park_b.pk}
    with django_assert_num_queries(1):
        assert scope_for(world.contact_b).enterprise_ids == {world.enterprise_b.pk}


def test_an_officials_scope_knows_the_areas_below_their_region_without_reading_the_tree_again(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from chainparty.figures import Area

    scope = scope_for(world.city_official)
    with CaptureQueriesContext(connection) as queries:
        city, county = Area.of(world.city, scope), Area.of(world.county_a, scope)
    assert len(queries) == 0
    assert city.ids == frozenset(world.city.subtree_ids()) and county.ids == frozenset(world.county_a.subtree_ids())
    assert scope_for(world.official_a).subtree_ids(world.city.pk) is None, "above the official's reach: not known"
    assert Area.of(world.city, scope_for(world.official_a)).ids == city.ids  # read from the tree instead


def test_the_regions_above_a_county_are_read_in_one_query(world, django_assert_num_queries):
    from chainparty.models import Region

    with django_assert_num_queries(1):
        assert Region.ancestor_ids(world.county_a.pk) == {world.county_a.pk, world.city.pk, world.province.pk}
    assert Region.ancestor_ids(world.province.pk) == {world.province.pk}
    assert Region.ancestor_ids(None) == set()
    below = Region.objects.create(code="321399", name="试验街道", level=Region.Level.COUNTY, parent=world.county_a)
    assert Region.ancestor_ids(below.pk) == {below.pk, world.county_a.pk, world.city.pk, world.province.pk}


def test_outside_a_request_each_scope_reads_the_positions_afresh(world):
    """The worker and the shell keep no Scope: a post given between two calls is seen by the second."""
    from tests import factories as f

    user = f.UserFactory(username="newly_posted")
    assert not scope_for(user).alliance_ids
    f.AlliancePositionFactory(alliance=world.alliance_a, user=user)
    assert scope_for(user).alliance_ids == {world.alliance_a.pk}


def test_within_a_request_the_scope_of_a_user_is_built_once(world, django_assert_num_queries):
    """The actions a request calls ask ``scope_for(acting_user)`` again: the request's Scope answers."""
    from types import SimpleNamespace

    from chainparty.access import ScopeMiddleware

    user = world.alliance_staff_a

    def view(request):
        with django_assert_num_queries(1):
            first, second = scope_for(user), scope_for(user)
        assert first is second and first.alliance_ids == {world.alliance_a.pk}
        return "response"

    assert ScopeMiddleware(view)(SimpleNamespace(user=user)) == "response"
    with django_assert_num_queries(1):  # the request is over: read afresh
        scope_for(user)
