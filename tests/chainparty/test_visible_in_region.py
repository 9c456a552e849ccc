"""``visible_in_region``: the records lying in an area that the user may read, with the scope's filter left out
only where it would select the same records again (an official's own area, for the record types that say what an
official reads there)."""
import pytest

from alliances.models import Agreement, IndustrialChain, Meeting
from chainparty.access import scope_for
from enterprises.models import Enterprise, MemberReport
from services.models import Need

from .. import factories as f


def _records(world):
    """Chains, enterprises, needs, meetings and member reports (drafts among them) on both sides and in the other
    city."""
    foreign_chain = f.ChainFactory(region=world.other_city)
    foreign_alliance = f.AllianceFactory(chain=foreign_chain)
    foreign_enterprise = f.EnterpriseFactory(county=world.other_county, park=f.ParkFactory(county=world.other_county),
                                             party_organization=f.PartyOrganizationFactory())
    return {
        IndustrialChain: [world.chain_a, world.chain_b, foreign_chain],
        Enterprise: [world.enterprise_a, world.enterprise_b, foreign_enterprise],
        Need: [f.NeedFactory(enterprise=world.enterprise_a), f.NeedFactory(enterprise=world.enterprise_b),
               f.NeedFactory(enterprise=foreign_enterprise)],
        Meeting: [f.MeetingFactory(alliance=world.alliance_a), f.MeetingFactory(alliance=world.alliance_b),
                  f.MeetingFactory(alliance=None, committee=world.committee_a, kind=Meeting.Kind.COMMITTEE_MONTHLY),
                  f.MeetingFactory(alliance=None, committee=world.committee_b, kind=Meeting.Kind.COMMITTEE_MONTHLY),
                  f.MeetingFactory(alliance=foreign_alliance)],
        MemberReport: [f.MemberReportFactory(organization=organization, year=2025, quarter=quarter, status=status)
                       for organization in (world.org_a, world.org_b, foreign_enterprise.party_organization)
                       for quarter, status in ((1, "approved"), (2, "submitted"), (3, "draft"))],
    }


def _ids(queryset):
    return set(queryset.values_list("pk", flat=True))


def test_the_records_are_there_to_compare(world):
    records = _records(world)
    city = world.city.subtree_ids()
    for model in records:
        assert set() < _ids(model.objects.visible_in_region(scope_for(world.city_official), city)) < _ids(
            model.objects.all())


@pytest.mark.parametrize("model", [IndustrialChain, Enterprise, Need, Meeting, MemberReport])
@pytest.mark.parametrize("role,region", [
    ("city_official", "city"), ("city_official", "county_a"), ("official_a", "county_a"),
    ("official_a", "county_b"), ("official_a", "other_city"), ("alliance_staff_a", "city"), ("contact_a", "city"),
    ("outsider", "city"), ("admin", "city"),
])
def test_the_records_are_those_of_the_area_the_user_may_read(world, model, role, region):
    _records(world)
    scope = scope_for(getattr(world, role))
    area_ids = getattr(world, region).subtree_ids()
    expected = _ids(model.objects.visible_to(scope).in_region(area_ids))
    assert _ids(model.objects.visible_in_region(scope, area_ids)) == expected


@pytest.mark.parametrize("model", [IndustrialChain, Enterprise, Need, Meeting, MemberReport])
def test_an_official_reading_their_own_area_is_not_filtered_twice(world, model):
    area_ids = world.county_a.subtree_ids()
    own_area = model.objects.visible_in_region(scope_for(world.official_a), area_ids)
    assert str(own_area.query) == str(model.objects.official_reads_in_region(area_ids).query)
    beyond = model.objects.visible_in_region(scope_for(world.official_a), world.city.subtree_ids())
    assert str(beyond.query) != str(model.objects.official_reads_in_region(world.city.subtree_ids()).query)


def test_agreements_keep_the_scope_an_enterprise_party_can_place_them_beyond_it(world):
    """An agreement of another city's alliance with a party in county A lies in county A, yet its alliance is not
    one county A's official reads: agreements must not say what an official reads (``official_reads_in_region``)."""
    foreign_alliance = f.AllianceFactory(chain=f.ChainFactory(region=world.other_city))
    local_party = f.AllianceMemberFactory(alliance=foreign_alliance, enterprise=world.enterprise_a)
    foreign_party = f.AllianceMemberFactory(alliance=foreign_alliance, enterprise=f.EnterpriseFactory(
        county=world.other_county, park=f.ParkFactory(county=world.other_county)))
    agreement = f.AgreementFactory(alliance=foreign_alliance, parties=[local_party, foreign_party])
    area_ids = world.county_a.subtree_ids()
    assert agreement in Agreement.objects.in_region(area_ids)
    assert agreement not in Agreement.objects.visible_in_region(scope_for(world.official_a), area_ids)
    assert Agreement.objects.official_reads_in_region(area_ids) is None


def test_an_agreements_chain_level_test_comes_before_its_parties(world):
    """PostgreSQL tries OR'ed subqueries in order: the few alliances first spare the join over every party."""
    sql = str(Agreement.objects.in_region(world.city.subtree_ids()).query)
    assert sql.index('"alliances_alliance"') < sql.index('"alliances_agreement_parties"')
