"""Hand-built records on both sides of the `world` for the dashboards and the report (year 2025).

``populate(world, n)`` adds, on each side (A in county_a, B in county_b), n of every kind of record the
figures and charts count; the dashboards' tests compare query counts at n and 10 × n.
"""
import itertools
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from alliances.models import Activity, Agreement, Meeting
from services.models import Need

from .. import factories as f


SERIAL = itertools.count(1)


def _at(day: date):
    return timezone.make_aware(datetime(day.year, day.month, day.day, 10))


def populate(world, n: int = 1) -> None:
    for side, county, enterprise, alliance, committee, member, park in (
            ("a", world.county_a, world.enterprise_a, world.alliance_a, world.committee_a, world.member_a, world.park_a),
            ("b", world.county_b, world.enterprise_b, world.alliance_b, world.committee_b, world.member_b, world.park_b)):
        for _ in range(n):
            i = next(SERIAL)
            funding = f.NeedFactory(enterprise=enterprise, category=Need.Category.FUNDING,
                                    submitted_at=_at(date(2025, 2, 1)), status=Need.Status.RESOLVED,
                                    resolved_at=_at(date(2025, 3, 1)), amount_solved=Decimal("150"))
            late = f.NeedFactory(enterprise=enterprise, category=Need.Category.LAND, submitted_at=_at(date(2025, 2, 2)),
                                 status=Need.Status.IN_PROGRESS, due_date=date(2025, 4, 1))
            f.AssignmentFactory(need=late, department=world.department)
            f.AssignmentFactory(need=funding, department=world.department, is_current=False)
            f.ActivityFactory(alliance=alliance, kind=Activity.Kind.MATCHMAKING, date=date(2025, 5, 1), venue=Activity.Venue.ENTERPRISE,
                              enterprise=enterprise, title=f"供需对接{side}{i}")
            f.ActivityFactory(alliance=None, committee=committee, kind=Activity.Kind.RECRUITMENT,
                              date=date(2025, 6, 1), workers_recommended=20, park=park, venue=Activity.Venue.PARK, title=f"招聘{side}{i}")
            partner = f.AllianceMemberFactory(alliance=alliance, enterprise=f.EnterpriseFactory(
                county=county, park=park, chains=[alliance.chain]))
            f.AgreementFactory(alliance=alliance, kind=Agreement.Kind.JOINT_RESEARCH, signed_on=date(2025, 3, 1),
                               parties=[member, partner], title=f"联合攻关{side}{i}")
            organization = f.PartyOrganizationFactory()
            f.EnterpriseFactory(county=county, park=park, party_organization=organization)
            f.MemberReportFactory(organization=organization, year=2025, quarter=1, applications=5, admitted=2)
            chain = f.ChainFactory(region=world.city)
            new_park = f.ParkFactory(county=county)
            f.MeetingFactory(alliance=f.AllianceFactory(chain=chain), kind=Meeting.Kind.COUNCIL,
                             period_start=date(2025, 1, 1), status=Meeting.Status.HELD, minutes="纪要",
                             date=date(2025, 2, 10), expected_count=8, attendance_count=7)
            f.MeetingFactory(alliance=None, committee=f.CommitteeFactory(park=new_park, chain=chain),
                             kind=Meeting.Kind.COMMITTEE_MONTHLY, period_start=date(2025, 2, 1),
                             status=Meeting.Status.MISSED)
