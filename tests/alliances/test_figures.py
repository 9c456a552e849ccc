"""Each figure on hand-built data, with the answer worked out next to it.

The `world` gives a city (321300) with county_a and county_b; chain_a (激光装备) has its joint committee in a
park of county_a, chain_b (酿造（酒）) in county_b; both alliances were founded on 2024-01-01. Every period below
has ended before the tests run, unless the test says otherwise.
"""
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from alliances.models import Activity, AlliancePosition, Meeting, Pairing
from chainparty.figures import REGISTRY, Area, Period

from .. import factories as f

Y2025, Q1 = Period(2025), Period(2025, 1)


def figure(figure_id, region, period):
    return REGISTRY[figure_id](Area.of(region), period)


def test_every_figure_of_this_issue_is_registered():
    assert {"F02", "F03", "F04", "F05", "F14", "F15", "F16", "F21", "F22", "F24", "F25", "F27", "F28"} <= set(REGISTRY)


def test_f02_counts_alliances_founded_and_not_dissolved(world):
    # + an alliance founded after 2025, one dissolved mid-2025, one in another city
    f.AllianceFactory(chain=f.ChainFactory(region=world.city), founded_on=date(2026, 1, 1))
    f.AllianceFactory(chain=f.ChainFactory(region=world.city), dissolved_on=date(2025, 6, 30))
    f.AllianceFactory(chain=f.ChainFactory(region=world.other_city))
    assert figure("F02", world.city, Y2025).value == 2        # a, b
    assert figure("F02", world.city, Q1).value == 3           # a, b and the one dissolved in June
    assert figure("F02", world.county_a, Y2025).value == 1    # chain_a has its committee in county_a
    assert figure("F02", world.province, Y2025).value == 3    # a, b and the other city's


def test_f03_counts_distinct_city_leaders_serving_as_advisors(world):
    advisor = dict(role=AlliancePosition.Role.ADVISOR, is_party_member=True, is_city_leader=True)
    f.AlliancePositionFactory(alliance=world.alliance_a, person_name="张三", **advisor)
    f.AlliancePositionFactory(alliance=world.alliance_b, person_name="张三", **advisor)   # same person, twice
    f.AlliancePositionFactory(alliance=world.alliance_b, person_name="李四", **{**advisor, "is_city_leader": False})
    f.AlliancePositionFactory(alliance=world.alliance_b, person_name="赵六", **{**advisor, "is_party_member": False})
    f.AlliancePositionFactory(alliance=world.alliance_b, person_name="王五", end_date=date(2025, 3, 31), **advisor)
    assert figure("F03", world.city, Y2025).value == 1        # 张三
    assert figure("F03", world.city, Q1).value == 2           # 张三, 王五 (still advising on 31 March)
    assert figure("F03", world.county_b, Q1).value == 2       # both advise alliance_b, whose chain is in county_b


def test_f04_counts_joint_committees_active_at_the_end(world):
    f.CommitteeFactory(park=f.ParkFactory(county=world.county_a), founded_on=date(2025, 7, 1))
    f.CommitteeFactory(park=f.ParkFactory(county=world.county_b), founded_on=date(2024, 1, 1),
                       dissolved_on=date(2025, 2, 1))
    assert figure("F04", world.city, Y2025).value == 3        # a, b and the one founded in July
    assert figure("F04", world.city, Q1).value == 2           # a, b
    assert figure("F04", world.county_a, Y2025).value == 2
    assert figure("F04", world.other_city, Y2025).value == 0


def test_f05_counts_distinct_party_organisations_of_member_enterprises(world):
    # enterprise_a (org_a, county_a) and enterprise_b (org_b, county_b) are members already.
    f.AllianceMemberFactory(alliance=world.alliance_b, enterprise=world.enterprise_a)        # org_a again
    joint = f.PartyOrganizationFactory(kind="joint_branch")
    for _ in range(2):
        f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(
            county=world.county_a, party_organization=joint))                                # joint branch, once
    f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(county=world.county_a))  # no org
    f.AllianceMemberFactory(alliance=world.alliance_a, left_on=date(2025, 3, 1), enterprise=f.EnterpriseFactory(
        county=world.county_a, party_organization=f.PartyOrganizationFactory()))             # left before the end
    assert figure("F05", world.city, Y2025).value == 3        # org_a, org_b, joint
    assert figure("F05", world.county_a, Y2025).value == 2    # org_a, joint
    assert figure("F05", world.county_b, Y2025).value == 1    # org_b


@pytest.fixture
def activities(world):
    at_park = dict(venue=Activity.Venue.PARK, park=world.park_a)
    f.ActivityFactory(alliance=world.alliance_a, kind="matchmaking", date=date(2025, 2, 1), workers_recommended=15,
                      **at_park)                                                                    # county_a
    f.ActivityFactory(alliance=world.alliance_a, kind="forum", date=date(2025, 5, 1), venue="enterprise",
                      enterprise=world.enterprise_b)                                                # county_b
    f.ActivityFactory(alliance=world.alliance_b, kind="face_to_face", date=date(2025, 8, 1))        # the city
    f.ActivityFactory(alliance=world.alliance_a, kind="matchmaking", date=date(2024, 12, 31), **at_park)  # 2024
    f.ActivityFactory(alliance=None, committee=world.committee_a, kind="recruitment", mode="offline",
                      date=date(2025, 3, 1), workers_recommended=120)                              # county_a (park)
    f.ActivityFactory(alliance=world.alliance_b, kind="recruitment", mode="online", date=date(2025, 4, 1),
                      workers_recommended=80)                                                       # the city
    f.ActivityFactory(alliance=None, committee=world.committee_b, kind="recruitment", date=date(2024, 12, 1),
                      workers_recommended=500)                                                      # 2024


def test_f14_counts_alliance_activities_where_they_were_held(world, activities):
    city = figure("F14", world.city, Y2025)
    # matchmaking, forum, face-to-face and the alliance's online recruitment; not the committee's
    assert city.value == 4
    assert city.breakdown == {"face_to_face": 1, "matchmaking": 1, "forum": 1, "recruitment": 1, "training": 0,
                              "other": 0}
    assert figure("F14", world.county_a, Y2025).value == 1    # the matchmaking at park_a
    assert figure("F14", world.county_b, Y2025).value == 1    # the forum at enterprise_b
    assert figure("F14", world.city, Q1).value == 1


def test_f21_counts_recruitment_events_online_and_offline(world, activities):
    city = figure("F21", world.city, Y2025)
    assert (city.value, city.breakdown) == (2, {"offline": 1, "online": 1})
    assert figure("F21", world.county_a, Y2025).value == 1    # the committee's, in its park's county
    assert figure("F21", world.county_b, Y2025).value == 0    # committee_b's was in 2024


def test_f22_sums_the_workers_recommended(world, activities):
    assert figure("F22", world.city, Y2025).value == 215      # 15 + 120 + 80
    assert figure("F22", world.county_a, Y2025).value == 135  # 15 + 120
    assert figure("F22", world.city, Period(2024)).value == 500


def test_f15_counts_alliances_with_an_open_service_center(world):
    f.ServiceCenterFactory(alliance=world.alliance_a, park=world.park_a, opened_on=date(2024, 6, 1))
    f.ServiceCenterFactory(alliance=world.alliance_a, park=world.park_b, opened_on=date(2025, 1, 1))
    f.ServiceCenterFactory(alliance=world.alliance_b, enterprise=world.enterprise_b, opened_on=date(2025, 9, 1))
    f.ServiceCenterFactory(alliance=world.alliance_b, park=world.park_b, opened_on=None)           # being built
    assert figure("F15", world.city, Y2025).value == 2        # a (twice, counted once) and b
    assert figure("F15", world.city, Q1).value == 1           # b opened in September
    assert figure("F15", world.county_b, Y2025).value == 2    # a's second center and b's stand in county_b
    assert figure("F15", world.county_a, Y2025).value == 1


def test_f16_counts_agreements_signed_up_to_the_end_by_kind(world):
    partner_a = f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(county=world.county_a))
    in_b = f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(county=world.county_b))
    department = f.AllianceMemberFactory(alliance=world.alliance_a, kind="department", enterprise=None,
                                         department=world.department)
    partner_b = f.AllianceMemberFactory(alliance=world.alliance_b, enterprise=f.EnterpriseFactory(county=world.county_b))
    f.AgreementFactory(alliance=world.alliance_a, kind="joint_research", signed_on=date(2024, 5, 1),
                       parties=[world.member_a, partner_a])
    f.AgreementFactory(alliance=world.alliance_a, kind="finance", signed_on=date(2025, 3, 1),
                       parties=[world.member_a, department])
    f.AgreementFactory(alliance=world.alliance_b, kind="supply_sales", signed_on=date(2025, 7, 1), status="terminated",
                       parties=[world.member_b, partner_b])
    f.AgreementFactory(alliance=world.alliance_a, kind="party_building", signed_on=date(2025, 4, 1),
                       parties=[world.member_a, in_b])                                  # one party in each county
    f.AgreementFactory(alliance=world.alliance_b, kind="finance", signed_on=date(2026, 1, 10),
                       parties=[world.member_b, partner_b])                             # after 2025
    city = figure("F16", world.city, Y2025)
    assert city.value == 4
    assert city.breakdown == {"party_building": 1, "joint_research": 1, "supply_sales": 1, "finance": 1}
    assert figure("F16", world.county_a, Y2025).value == 3    # research, finance, party building
    assert figure("F16", world.county_b, Y2025).value == 2    # supply-sales, party building
    assert figure("F16", world.city, Q1).value == 2           # research, finance


def test_f24_counts_typical_cases_published(world):
    f.CaseFactory(alliance=world.alliance_a, published_on=date(2025, 1, 15))
    f.CaseFactory(alliance=None, enterprise=world.enterprise_b, published_on=date(2025, 6, 1))
    f.CaseFactory(alliance=world.alliance_b, enterprise=world.enterprise_b, published_on=date(2026, 2, 1))
    assert figure("F24", world.city, Y2025).value == 2
    assert figure("F24", world.county_a, Y2025).value == 1    # the alliance's case: its chain reaches county_a
    assert figure("F24", world.county_b, Y2025).value == 1    # enterprise_b's
    assert figure("F24", world.city, Q1).value == 1


def test_f25_counts_leaders_instructions(world):
    f.InstructionFactory(alliance=world.alliance_a, issued_on=date(2024, 11, 1))
    f.InstructionFactory(alliance=world.alliance_a, issued_on=date(2025, 5, 1))
    f.InstructionFactory(alliance=world.alliance_b, issued_on=date(2026, 1, 1))
    assert figure("F25", world.city, Y2025).value == 2
    assert figure("F25", world.city, Period(2024)).value == 1
    assert figure("F25", world.county_b, Y2025).value == 0


def _meeting(body, kind, start, status):
    held = status == Meeting.Status.HELD
    return f.MeetingFactory(alliance=body if kind != "committee_monthly" else None,
                            committee=body if kind == "committee_monthly" else None, kind=kind, period_start=start,
                            status=status, date=start if held else None)


def test_f27_divides_meetings_held_by_meetings_due_per_kind(world):
    held, missed, scheduled, cancelled = "held", "missed", "scheduled", "cancelled"
    for month, status in ((1, held), (4, held), (7, missed), (10, scheduled)):      # a: 2 of 4 quarters
        _meeting(world.alliance_a, "council", date(2025, month, 1), status)
    for month, status in ((1, held), (4, cancelled)):                               # b: 1 of 2
        _meeting(world.alliance_b, "council", date(2025, month, 1), status)
    _meeting(world.alliance_a, "member_congress", date(2025, 1, 1), held)           # 1 of 1
    for month, status in ((1, held), (2, held), (3, held), (4, missed)):            # committee_a: 3 of 4
        _meeting(world.committee_a, "committee_monthly", date(2025, month, 1), status)
    _meeting(world.alliance_a, "council", date(2024, 10, 1), held)                  # 2024: not in 2025

    city = figure("F27", world.city, Y2025)
    assert city.value == Decimal("63.6")                      # (3 + 1 + 3) / (6 + 1 + 4) = 7 / 11
    assert city.breakdown["council"] == Decimal("50.0")       # 3 / 6
    assert (city.breakdown["council_held"], city.breakdown["council_due"]) == (3, 6)
    assert city.breakdown["member_congress"] == Decimal("100.0")
    assert city.breakdown["committee_monthly"] == Decimal("75.0")
    county_a = figure("F27", world.county_a, Y2025)
    assert county_a.value == Decimal("66.7")                  # (2 + 1 + 3) / (4 + 1 + 4) = 6 / 9
    q1 = figure("F27", world.city, Q1)
    # council 2/2, committee 3/3; the member congress is due in Q4, when its year ends
    assert (q1.value, q1.breakdown["member_congress"]) == (Decimal("100.0"), None)


def test_f27_counts_a_running_period_only_once_its_meeting_is_held(world):
    today = timezone.localdate()
    this_year = Period(today.year)
    _meeting(world.committee_a, "committee_monthly", today.replace(day=1), "held")     # held early: counts
    _meeting(world.alliance_a, "council", today.replace(day=1), "scheduled")           # not yet due
    value = figure("F27", world.city, this_year)
    assert (value.breakdown["committee_monthly_due"], value.breakdown["council_due"]) == (1, 0)
    assert value.value == Decimal("100.0")
    assert figure("F27", world.other_city, this_year).value is None                   # nothing due: no figure


def test_f28_counts_pairings_active_at_the_end_by_kind(world):
    partner_a = f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=f.EnterpriseFactory(county=world.county_a))
    partner_b = f.AllianceMemberFactory(alliance=world.alliance_b, enterprise=f.EnterpriseFactory(county=world.county_b))
    f.PairingFactory(first=world.member_a, second=partner_a, kind=Pairing.Kind.BRANCH, start_date=date(2024, 3, 1))
    f.PairingFactory(first=world.member_a, second=partner_a, kind=Pairing.Kind.RESEARCH, start_date=date(2025, 2, 1),
                     end_date=date(2025, 6, 30))
    f.PairingFactory(first=world.member_b, second=partner_b, kind=Pairing.Kind.SUPPLY_SALES,
                     start_date=date(2025, 10, 1))
    f.PairingFactory(first=partner_a, second=world.member_a, kind=Pairing.Kind.BRANCH, start_date=date(2026, 1, 1))
    city = figure("F28", world.city, Y2025)
    assert (city.value, city.breakdown) == (2, {"branch": 1, "research": 0, "supply_sales": 1})
    q1 = figure("F28", world.city, Q1)
    assert (q1.value, q1.breakdown) == (2, {"branch": 1, "research": 1, "supply_sales": 0})
    assert figure("F28", world.county_a, Y2025).value == 1


def test_the_figures_endpoint_lists_the_new_figures(world, activities):
    from ..conftest import api_client_for

    response = api_client_for(world.city_official).get("/api/v1/figures/?period=2025")
    rows = {row["id"]: row for row in response.json()["figures"]}
    assert rows["F22"]["value"] == 215 and rows["F21"]["breakdown"] == {"offline": 1, "online": 1}
    assert rows["F04"]["value"] == 2
