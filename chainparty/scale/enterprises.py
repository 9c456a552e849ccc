"""The enterprises of a generated city: credit codes that pass GB 32100, one Party organisation each, alliance
memberships, contacts, and eight quarters of member-growth reports (mostly approved)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from alliances.models import AllianceMember
from chainparty.models import User
from enterprises.credit_code import check_character
from enterprises.models import Enterprise, EnterpriseContact, MemberReport, PartyOrganization, quarter_bounds

from .base import QUARTERS, City, quarter_start
from .rows import bulk
from .matrix import person

BRAND_FIRST = list("恒瑞华天新中金宏鑫盛泰丰隆源昌达力通远嘉德润安广东南西北海江山明鼎龙凯亿晶科信诚永欣晟创博")
BRAND_SECOND = list("星辉邦联宇越峰锦腾顺祥发兴旺元合利正美佳和瑞康泽辰光阳华盛")
SUFFIXES = ["科技有限公司", "股份有限公司", "制造有限公司", "实业有限公司"]
SEGMENTS = ["upstream", "midstream", "midstream", "downstream", "peer"]
LEVELS = ["senior", "senior", "middle", "middle", "middle", "junior", "none"]
OWNERSHIP = ["private"] * 6 + ["joint_stock", "foreign", "hmt", "mixed"]
RETURN_REASONS = ["入党申请书人数与台账不一致，请核对后重新报送。", "季度末党员人数与组织关系转接记录不符，请更正。"]


@dataclass(frozen=True)
class EnterpriseRow:
    """What the later stages need of an enterprise, without holding model instances for 20,000 of them."""

    pk: int
    name: str
    county_id: int
    park_id: int | None
    chain_ids: tuple[int, ...]
    contact_id: int | None
    is_key: bool
    is_chain_leader: bool
    organization_id: int


def build(city: City) -> None:
    rng, count = city.rng, city.counts["enterprises"]
    committee_of_park = {committee.park_id: committee for committee in city.committees}
    per_county: dict[int, int] = {}
    per_chain: dict[int, int] = {}
    leaders_left = {chain.pk: 2 for chain in city.chains}
    enterprises, organizations, chains_of = [], [], []
    for index in range(count):
        park = rng.choice(city.parks) if rng.random() < 0.75 else None
        county = park.county if park else rng.choice(city.counties)
        park_chain = committee_of_park[park.pk].chain if park else None
        chain = park_chain if park_chain and rng.random() < 0.8 else city.chains[index % len(city.chains)]
        second = rng.choice(city.chains) if rng.random() < 0.1 else chain
        chains = [chain] if second is chain else [chain, second]
        leader = leaders_left[chain.pk] > 0
        leaders_left[chain.pk] -= leader
        serial = per_county[county.pk] = per_county.get(county.pk, 0) + 1
        body = f"91{county.code}MC{serial:07d}"  # the demo city's codes use MA: the two never meet
        brand = per_chain[chain.pk] = per_chain.get(chain.pk, 0) + 1
        name = (f"{city.short}{BRAND_FIRST[brand % len(BRAND_FIRST)]}{BRAND_SECOND[brand // len(BRAND_FIRST) % len(BRAND_SECOND)]}"
                f"{chain.name.split('（')[0][:4]}{SUFFIXES[index % len(SUFFIXES)]}")
        above = leader or rng.random() < 0.25
        level = rng.choice(LEVELS)
        organizations.append(PartyOrganization(
            name=f"{name}党{'委' if leader else '支部'}", kind="committee" if leader else rng.choice(
                ["branch"] * 8 + ["general_branch"]),
            secretary_name=person(rng), secretary_management_level=level,
            secretary_is_investor=level == "senior" and rng.random() < 0.4,
            superior=f"{park.name if park else county.name}非公企业党委",
            founded_on=date(rng.randint(2008, 2020), rng.randint(1, 12), 1)))
        enterprises.append(Enterprise(
            name=name, credit_code=body + check_character(body), county=county, park=park,
            is_chain_leader=leader, is_above_scale=above, ownership=rng.choice(OWNERSHIP),
            size="large" if leader else rng.choice(["medium", "small", "small", "micro"]),
            employees=rng.randint(800, 5000) if leader else rng.randint(10, 600),
            address=f"{county.name}{park.name if park else ''}"))
        chains_of.append(chains)
    bulk(PartyOrganization, organizations)
    for enterprise, organization in zip(enterprises, organizations):
        enterprise.party_organization_id = organization.pk
    bulk(Enterprise, enterprises)
    bulk(Enterprise.chains.through, [Enterprise.chains.through(enterprise_id=enterprise.pk, industrialchain_id=chain.pk)
                                     for enterprise, chains in zip(enterprises, chains_of) for chain in chains])
    contacts = _contacts(city, enterprises)
    _memberships(city, enterprises, chains_of)
    city.enterprises = [
        EnterpriseRow(pk=e.pk, name=e.name, county_id=e.county_id, park_id=e.park_id, chain_ids=tuple(c.pk for c in chains),
                      contact_id=contacts.get(e.pk), is_key=(e.is_chain_leader or e.is_above_scale)
                      and any(c.is_key for c in chains), is_chain_leader=e.is_chain_leader,
                      organization_id=e.party_organization_id)
        for e, chains in zip(enterprises, chains_of)]


def _contacts(city: City, enterprises: list) -> dict[int, int]:
    """About half the enterprises have an approved contact (a user); returns enterprise id -> user id."""
    chosen = [e for e in enterprises if e.is_chain_leader or city.rng.random() < 0.5]
    password = make_password(None)
    people = bulk(User, [User(username=f"s{city.code}_contact{index}", name=f"{e.name[:20]} 党务联络员",
                              password=password) for index, e in enumerate(chosen, 1)])
    now = timezone.now()
    bulk(EnterpriseContact, [EnterpriseContact(user=user, enterprise=e, position="党支部组织委员",
                                               mobile=f"139{city.rng.randint(10_000_000, 99_999_999)}",
                                               status="approved", decided_at=now)
                             for user, e in zip(people, chosen)])
    return {e.pk: user.pk for e, user in zip(chosen, people)}


def _memberships(city: City, enterprises: list, chains_of: list) -> None:
    """Chain leaders and about 70% of the other enterprises are member units of their chains' alliances."""
    alliance_of = {alliance.chain_id: alliance for alliance in city.alliances}
    rows = []
    for enterprise, chains in zip(enterprises, chains_of):
        for chain in chains:
            if enterprise.is_chain_leader or city.rng.random() < 0.7:
                alliance = alliance_of[chain.pk]
                rows.append(AllianceMember(alliance=alliance, kind="enterprise", enterprise_id=enterprise.pk,
                                           segment="midstream" if enterprise.is_chain_leader else city.rng.choice(SEGMENTS),
                                           joined_on=alliance.founded_on))
    rows = list({(row.alliance.pk, row.enterprise_id): row for row in rows}.values())  # once per alliance
    bulk(AllianceMember, rows)
    index_of = {enterprise.pk: index for index, enterprise in enumerate(enterprises)}
    for row in rows:
        city.members_of.setdefault(row.alliance.pk, []).append(row.pk)
        city.member_enterprise[row.pk] = index_of[row.enterprise_id]


def reported_quarters(today: date) -> list[tuple[int, int]]:
    """The eight completed quarters before today's."""
    start = quarter_start(today)
    result = []
    for _ in range(QUARTERS):
        start = quarter_start(start - timedelta(days=1))
        result.append((start.year, (start.month - 1) // 3 + 1))
    return result[::-1]


def reports(city: City) -> None:
    """Eight quarters per organisation: approved mostly, a few returned; the latest has some still waiting."""
    rng = city.rng
    quarters = reported_quarters(city.today)
    decider = {committee.park_id: city.committee_users[committee.pk] for committee in city.committees}
    alliance_user = {alliance.chain_id: city.alliance_users[alliance.pk] for alliance in city.alliances}
    rows, now = [], timezone.now()
    for enterprise in city.enterprises:
        members, pending = rng.randint(3, 60), rng.randint(0, 2)
        decided_by = decider.get(enterprise.park_id) or alliance_user[enterprise.chain_ids[0]]
        for year, quarter in quarters:
            _start, end = quarter_bounds(year, quarter)
            applications = rng.choice([0, 0, 1, 1, 2, 3, 4]) + int(rng.random() < 0.3 * (year - quarters[0][0]))
            candidates = rng.randint(0, 2)
            admitted = rng.randint(0, candidates + pending)
            transferred_in = rng.choice([0, 0, 0, 1, 2])
            members = max(members + admitted + transferred_in - rng.choice([0, 0, 0, 1]), admitted + transferred_in)
            latest = (year, quarter) == quarters[-1]
            draw = rng.random()
            status = ("approved" if draw < 0.6 else "submitted" if draw < 0.85 else "returned" if draw < 0.95
                      else "draft") if latest else ("approved" if draw < 0.96 else "returned")
            submitted = city.moment(end + timedelta(days=rng.randint(3, 12)))
            if status != "draft" and submitted + timedelta(days=7) >= now:
                status = "draft"  # not filed yet
            report = MemberReport(
                organization_id=enterprise.organization_id, year=year, quarter=quarter, members=members,
                applications=applications, activists=rng.randint(0, max(1, applications)), candidates=candidates,
                candidates_carried_over=pending, admitted=admitted, hidden_members_found=rng.choice([0] * 9 + [1]),
                transferred_in=transferred_in, status=status, filed_by_id=enterprise.contact_id,
                submitted_at=None if status == "draft" else submitted)
            if status in ("approved", "returned"):
                report.decided_by_id, report.decided_at = decided_by, submitted + timedelta(days=rng.randint(1, 7))
            if status == "returned":
                report.return_reason = rng.choice(RETURN_REASONS)
            pending = report.candidates_pending
            rows.append(report)
        if len(rows) >= 20_000:
            bulk(MemberReport, rows)
            rows = []
    bulk(MemberReport, rows)
