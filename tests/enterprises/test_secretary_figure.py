"""F10: the share of secretaries from middle management or above, among the Party organisations of alliance
member enterprises at the period's end."""
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.models import AllianceMember
from chainparty.figures import REGISTRY, Area, Period, compute_all
from enterprises.models import PartyOrganization
from tests import factories as f

LEVEL = PartyOrganization.ManagementLevel


def build(world):
    """County A: org_a (middle, member) and org_c (junior, investor, member) count; org_d (senior) is no member,
    org_e (senior) left the alliance in 2024, org_f (senior) was dissolved in 2024. County B: org_b (middle)."""
    org_c = f.PartyOrganizationFactory(secretary_management_level=LEVEL.JUNIOR, secretary_is_investor=True)
    f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(
        county=world.county_a, party_organization=org_c))
    f.EnterpriseFactory(county=world.county_a, party_organization=f.PartyOrganizationFactory(
        secretary_management_level=LEVEL.SENIOR))
    f.AllianceMemberFactory(alliance=world.alliance_a, joined_on=date(2023, 1, 1), left_on=date(2024, 6, 30),
                            enterprise=f.EnterpriseFactory(county=world.county_a, party_organization=f.PartyOrganizationFactory(
                                secretary_management_level=LEVEL.SENIOR)))
    f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(
        county=world.county_a, party_organization=f.PartyOrganizationFactory(
            secretary_management_level=LEVEL.SENIOR, founded_on=date(2020, 1, 1), dissolved_on=date(2024, 3, 1))),
        segment=AllianceMember.Segment.UPSTREAM)
    return world


def value(region, period="2025"):
    return REGISTRY["F10"](Area.of(region), Period.parse(period))


def test_the_share_counts_only_the_countys_member_organisations(world):
    build(world)
    county_a = value(world.county_a)
    assert county_a.value == Decimal("50.0")  # org_a of org_a and org_c
    assert county_a.breakdown == {"organizations": 2, "middle_or_above": 1, "in_management": 2, "investor": 1,
                                  "cross_appointed_share": Decimal("100.0")}
    assert value(world.county_b).value == Decimal("100.0")
    assert value(world.city).value == Decimal("66.7")  # 2 of 3


def test_a_member_that_left_counts_while_it_was_a_member(world):
    build(world)
    # At the end of 2024Q1 org_e is still a member (it left in June); org_f was dissolved in March.
    assert value(world.county_a, "2024Q1").breakdown["organizations"] == 3


def test_no_organisation_gives_a_dash(world):
    assert value(world.other_county).value is None


def test_computed_together_f05_counts_the_organisations_f10_reads_in_one_scan(world):
    """F05 (organisations covered) and F10 (their secretaries) are one set: one aggregate over it serves both."""
    build(world)
    area, period = Area.of(world.city), Period.parse("2025")
    alone = {figure_id: REGISTRY[figure_id](area, period) for figure_id in ("F05", "F10")}
    with CaptureQueriesContext(connection) as captured:
        together = {figure.id: result for figure, result in compute_all(area, period)}
    assert sum('FROM "enterprises_partyorganization"' in query["sql"] for query in captured.captured_queries) == 1
    assert together["F05"].value == alone["F05"].value == together["F10"].breakdown["organizations"] == 3
    assert (together["F10"].value, together["F10"].breakdown) == (alone["F10"].value, alone["F10"].breakdown)
    assert set(together["F05"].records) == set(together["F10"].records)
