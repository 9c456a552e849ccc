"""Demo data of the alliances' and committees' work: two years of meetings (a few missed), activities,
agreements (with the report's named liquor and laser cooperations), pairings, service centers, leaders'
instructions and typical cases.

Idempotent: every record is found by its natural key (body, kind and period; title and date; …) and the
random choices come from ``city.rng_for(...)`` in a fixed order, so a second run changes nothing.
"""
from __future__ import annotations

import random
from datetime import date, time, timedelta

from django.db import transaction

from . import periods
from .models import (Activity, Agreement, AllianceMember, AlliancePosition, Case, Instruction, Meeting,
                     MeetingIssue, Pairing, ServiceCenter)

# The report's named cooperations: (word in the chain's name, title, enterprises by name, summary).
NAMED_AGREEMENTS = [
    ("酒", "浓香型白酒生产酿造技术联合研究", ["苏洋酿酒", "国鼎酒业", "国御酒业"],
     "洋河新区苏洋酿酒、国鼎酒业、国御酒业共同开展浓香型白酒生产酿造技术研究，达成产品研发合作意向。"),
    ("激光", "激光装备产业创新联合体", ["先进光源技术研究院有限公司", "卡米特激光", "永年激光"],
     "先进光源技术研究院有限公司与卡米特激光、永年激光等企业组建创新联合体，联合开展技术攻关，"
     "助推激光装备产业创新能力提升。"),
]

AGENDAS = {
    Meeting.Kind.MEMBER_CONGRESS: "一、审议联盟年度工作报告；二、审议年度惠企项目清单；三、表彰优秀成员单位。",
    Meeting.Kind.COUNCIL: "一、通报本季度联盟工作；二、梳理成员单位需求清单；三、研究下季度“联盟牵线·供需对接”安排。",
    Meeting.Kind.COMMITTEE_MONTHLY: "一、学习上级党委文件精神；二、通报园区企业党建工作；三、研究解决企业反映的问题。",
}
ISSUES = ["企业反映用工紧张，一线技术工人缺口较大。", "企业希望协调解决新建厂房用地指标。", "企业反映用电负荷不足，希望增容。",
          "企业流动资金紧张，希望对接金融机构。", "企业希望对接高校开展技术攻关。", "企业反映物流成本偏高。"]
ACTIVITY_TITLES = {
    Activity.Kind.FACE_TO_FACE: "理事长“面对面”走进{place}",
    Activity.Kind.MATCHMAKING: "“联盟牵线·供需对接”{chain}专场",
    Activity.Kind.FORUM: "{chain}产业技术发展论坛",
    Activity.Kind.RECRUITMENT: "{chain}企业专场招聘会",
    Activity.Kind.TRAINING: "{chain}企业党务工作者培训",
    Activity.Kind.OTHER: "{chain}党建联盟主题党日活动",
}
INSTRUCTIONS = ["产业链党建联盟工作成效明显，要总结经验，进一步推广。", "要聚焦企业急难愁盼，推动问题清单动态清零。",
                "请组织部牵头，会同相关部门做好联盟服务保障工作。", "联盟牵线搭桥的做法很好，要常态化开展供需对接。"]
CASE_TITLES = ["以链聚力：{name}党建引领产业协同", "支部结对促发展：{name}的实践", "党建搭台企业唱戏：{name}供需对接纪实",
               "创新联合体攻关记：{name}", "服务中心“四常两聚”：{name}"]


def load(city) -> None:
    """Add the work of every alliance and committee of the demo city (see the module docstring)."""
    with transaction.atomic():
        named = _named_members(city)  # first: every later choice among members then sees the same members
        centers = _service_centers(city)
        _meetings(city)
        _activities(city, centers)
        _agreements(city, named)
        _pairings(city)
        _instructions(city)
        _cases(city)


def _alliances(city):
    return [city.alliances[name] for name in sorted(city.alliances)]


def _committees(city):
    return [city.committees[name] for name in sorted(city.committees)]


def _members(alliance) -> list:
    return list(AllianceMember.objects.filter(alliance=alliance, enterprise__isnull=False)
                .select_related("enterprise").order_by("pk"))


def _periods(kind: str, first: date, last: date):
    """Each period of ``kind`` from the one containing ``first`` to the one containing ``last``."""
    start, end = periods.bounds_for_kind(kind, first)
    while start <= last:
        yield start, end
        start, end = periods.bounds_for_kind(kind, end + timedelta(days=1))


def _day_in(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _meetings(city) -> None:
    today = city.today
    first = date(today.year - 1, 1, 1)
    next_quarter = periods.bounds(periods.QUARTER, today)[1] + timedelta(days=1)
    for alliance in _alliances(city):
        rng = city.rng_for(f"alliances.meetings.{alliance.chain.name}")
        chair = (AlliancePosition.objects.filter(alliance=alliance, role=AlliancePosition.Role.CHAIR)
                 .values_list("person_name", flat=True).first() or "")
        people = AlliancePosition.objects.filter(alliance=alliance).active(today).count()
        for start, end in _periods(Meeting.Kind.COUNCIL, first, next_quarter):
            _meeting(rng, today, alliance=alliance, kind=Meeting.Kind.COUNCIL, start=start, end=end, chair=chair,
                     expected=max(people, 9), place=f"{alliance.name}会议室", members=_members(alliance))
        for start, end in _periods(Meeting.Kind.MEMBER_CONGRESS, first, today):
            _meeting(rng, today, alliance=alliance, kind=Meeting.Kind.MEMBER_CONGRESS, start=start,
                     end=start + timedelta(days=89), chair=chair, expected=max(len(_members(alliance)), 12),
                     place=f"{alliance.chain.name}产业链党建联盟综合服务中心", members=_members(alliance), missable=False)
    for committee in _committees(city):
        rng = city.rng_for(f"alliances.meetings.{committee.park.name}")
        alliance = getattr(committee.chain, "alliance", None) if committee.chain_id else None
        members = [m for m in _members(alliance) if m.enterprise.park_id == committee.park_id] if alliance else []
        for start, end in _periods(Meeting.Kind.COMMITTEE_MONTHLY, first, today):
            _meeting(rng, today, committee=committee, kind=Meeting.Kind.COMMITTEE_MONTHLY, start=start, end=end,
                     chair=committee.secretary_name, expected=7, place=f"{committee.park.name}党群服务中心",
                     members=members)


def _meeting(rng, today, *, kind, start, end, chair, expected, place, members, alliance=None, committee=None,
             missable=True) -> None:
    """One regular meeting: held (most), missed (a few) or, for a period not yet over, scheduled."""
    roll = rng.random()
    held_on = _day_in(rng, start, min(end, today - timedelta(days=1))) if start < today else None
    attended = expected - rng.randrange(0, 4)
    hour = rng.choice([time(9, 0), time(14, 30)])
    raised = [(rng.choice(ISSUES), rng.choice(members) if members else None) for _ in range(rng.randrange(0, 3))]
    if end < today:
        status = Meeting.Status.MISSED if missable and roll < 0.08 else Meeting.Status.HELD
    elif held_on and roll < 0.4:
        status = Meeting.Status.HELD  # the running period's meeting, already held
    else:
        status = Meeting.Status.SCHEDULED
    defaults = {"status": status, "place": place, "start_time": hour, "expected_count": expected}
    if status == Meeting.Status.HELD:
        defaults.update(date=held_on, chair=chair, attendance_count=attended, agenda=AGENDAS[kind],
                        minutes=f"会议由{chair or '书记'}主持，应到{expected}人，实到{attended}人。会议通报了工作进展，"
                                f"讨论了成员单位反映的问题。",
                        decisions="一、形成问题清单，明确责任单位和办结时限；二、下次会议通报办理情况。")
    elif status == Meeting.Status.SCHEDULED:
        defaults.update(date=max(end - timedelta(days=10), today), agenda=AGENDAS[kind])
    meeting, created = Meeting.objects.get_or_create(alliance=alliance, committee=committee, kind=kind,
                                                     period_start=start, defaults=defaults)
    if created and status == Meeting.Status.HELD:
        MeetingIssue.objects.bulk_create([
            MeetingIssue(meeting=meeting, text=text, enterprise=member.enterprise if member else None,
                         raised_by=str(member.enterprise) if member else "") for text, member in raised])


def _service_centers(city) -> dict:
    centers = {}
    today = city.today
    for index, alliance in enumerate(_alliances(city)):
        rng = city.rng_for(f"alliances.centers.{alliance.chain.name}")
        committee = alliance.chain.committees.select_related("park").order_by("pk").first()
        leader = next((m.enterprise for m in _members(alliance) if m.enterprise.is_chain_leader), None)
        opened = date(today.year - 1, rng.randrange(3, 10), rng.randrange(1, 28))
        areas = ["party_activities", "public_services", "product_exhibition"] + rng.sample(["training", "talks"], 1)
        center, _created = ServiceCenter.objects.get_or_create(
            alliance=alliance, name=f"{alliance.chain.name}产业链党建联盟综合服务中心",
            defaults={"park": committee.park if committee else None,
                      "enterprise": leader if committee is None else None,
                      "address": f"{committee.park.name}企业服务大厦" if committee else "",
                      "functional_areas": areas, "opened_on": opened,
                      "description": "“大门常开、场所常用、活动常办、企业常来、聚人气、聚人心”的“四常两聚”服务阵地。"})
        centers[alliance.pk] = center
    return centers


def _activities(city, centers) -> None:
    today = city.today
    first = date(today.year - 1, 1, 1)
    kinds = [Activity.Kind.MATCHMAKING, Activity.Kind.MATCHMAKING, Activity.Kind.FACE_TO_FACE, Activity.Kind.FORUM,
             Activity.Kind.TRAINING, Activity.Kind.OTHER, Activity.Kind.RECRUITMENT]
    for alliance in _alliances(city):
        rng = city.rng_for(f"alliances.activities.{alliance.chain.name}")
        members = _members(alliance)
        committees = list(alliance.chain.committees.select_related("park").order_by("pk"))
        for start, end in _periods(Meeting.Kind.COUNCIL, first, today):
            for _ in range(rng.randrange(2, 4)):
                kind = rng.choice(kinds)
                day = _day_in(rng, start, min(end, today))
                where = rng.choice(["park", "enterprise", "service_center"])
                host = rng.choice(members) if members else None
                park = rng.choice(committees).park if committees else None
                participants = rng.sample(members, min(len(members), rng.randrange(2, 6)))
                numbers = (rng.randrange(5, 40), rng.randrange(20, 150) if kind == Activity.Kind.RECRUITMENT else 0,
                           rng.randrange(0, 6) if kind in (Activity.Kind.MATCHMAKING, Activity.Kind.FORUM) else 0)
                mode = rng.choice([Activity.Mode.ONLINE, Activity.Mode.OFFLINE])
                venue = {"venue": Activity.Venue.OTHER}
                if where == "park" and park:
                    venue = {"venue": Activity.Venue.PARK, "park": park}
                elif where == "enterprise" and host:
                    venue = {"venue": Activity.Venue.ENTERPRISE, "enterprise": host.enterprise}
                elif alliance.pk in centers:
                    venue = {"venue": Activity.Venue.SERVICE_CENTER, "service_center": centers[alliance.pk]}
                place = host.enterprise.name if host else alliance.chain.name
                _activity(alliance=alliance, kind=kind, date=day, participants=participants,
                          title=ACTIVITY_TITLES[kind].format(chain=alliance.chain.name, place=place),
                          mode=mode if kind == Activity.Kind.RECRUITMENT else Activity.Mode.OFFLINE,
                          enterprises_reached=numbers[0], workers_recommended=numbers[1], deals_reached=numbers[2],
                          **venue)
    for committee in _committees(city):
        rng = city.rng_for(f"alliances.activities.{committee.park.name}")
        for start, end in _periods(Meeting.Kind.COUNCIL, first, today):
            for mode in (Activity.Mode.OFFLINE, Activity.Mode.ONLINE):
                if rng.random() < 0.3:
                    continue
                chain = committee.chain.name if committee.chain_id else ""
                _activity(committee=committee, kind=Activity.Kind.RECRUITMENT, mode=mode,
                          date=_day_in(rng, start, min(end, today)), venue=Activity.Venue.PARK, park=committee.park,
                          title=f"{committee.park.name}{chain}企业{'线上' if mode == 'online' else '线下'}招聘会",
                          enterprises_reached=rng.randrange(8, 30), workers_recommended=rng.randrange(40, 260),
                          participants=[])


def _activity(*, participants, date, title, alliance=None, committee=None, **fields) -> None:
    activity, created = Activity.objects.get_or_create(alliance=alliance, committee=committee, title=title, date=date,
                                                       defaults=fields)
    if created and participants:
        activity.participants.set(participants)


def _find(city, name: str):
    return next((e for e in city.enterprises if e.name == name), None) or next(
        (e for e in city.enterprises if name in e.name), None)


def _named_members(city) -> dict:
    """The enterprises of the report's named cooperations, made members of their alliance if they are not yet."""
    named = {}
    for word, title, names, _summary in NAMED_AGREEMENTS:
        alliance = next((a for a in _alliances(city) if word in a.chain.name), None)
        enterprises = [_find(city, name) for name in names]
        if alliance is None or None in enterprises:
            continue
        named[title] = (alliance, [AllianceMember.objects.get_or_create(
            alliance=alliance, enterprise=enterprise,
            defaults={"kind": AllianceMember.Kind.ENTERPRISE,
                      "segment": AllianceMember.Segment.RESEARCH if "研究院" in enterprise.name
                      else AllianceMember.Segment.MIDSTREAM})[0] for enterprise in enterprises])
    return named


def _agreements(city, named) -> None:
    today = city.today
    for _word, title, _names, summary in NAMED_AGREEMENTS:
        if title not in named:
            continue
        alliance, parties = named[title]
        agreement, created = Agreement.objects.get_or_create(
            alliance=alliance, title=title, signed_on=date(today.year - 1, 6, 18),
            defaults={"kind": Agreement.Kind.JOINT_RESEARCH, "status": Agreement.Status.IN_PROGRESS,
                      "summary": summary})
        if created:
            agreement.parties.set(parties)
    kinds = [(Agreement.Kind.PARTY_BUILDING, "党建共建协议"), (Agreement.Kind.JOINT_RESEARCH, "技术攻关合作协议"),
             (Agreement.Kind.SUPPLY_SALES, "产销合作协议"), (Agreement.Kind.FINANCE, "金融服务合作协议")]
    for alliance in _alliances(city):
        rng = city.rng_for(f"alliances.agreements.{alliance.chain.name}")
        members = _members(alliance)
        for _ in range(rng.randrange(6, 11)):
            kind, label = rng.choice(kinds)
            signed = _day_in(rng, date(today.year - 1, 1, 1), today - timedelta(days=1))
            parties = rng.sample(members, min(len(members), rng.randrange(2, 4)))
            amount = rng.randrange(50, 3000) if kind in (Agreement.Kind.FINANCE, Agreement.Kind.SUPPLY_SALES) else None
            status = rng.choice([Agreement.Status.SIGNED, Agreement.Status.IN_PROGRESS, Agreement.Status.IN_PROGRESS,
                                 Agreement.Status.FULFILLED])
            if len(parties) < 2:
                continue
            title = f"{parties[0].enterprise.name}与{parties[1].enterprise.name}{label}"
            agreement, created = Agreement.objects.get_or_create(
                alliance=alliance, title=title, signed_on=signed,
                defaults={"kind": kind, "amount": amount, "status": status})
            if created:
                agreement.parties.set(parties)


def _pairings(city) -> None:
    today = city.today
    outcomes = {Pairing.Kind.BRANCH: "两家企业党支部联合开展主题党日、互派党员交流学习。",
                Pairing.Kind.RESEARCH: "联合申报技术攻关项目，共享检测设备。",
                Pairing.Kind.SUPPLY_SALES: "建立稳定供货关系，实现本地配套采购。"}
    for alliance in _alliances(city):
        rng = city.rng_for(f"alliances.pairings.{alliance.chain.name}")
        members = _members(alliance)
        for _ in range(rng.randrange(4, 9)):
            if len(members) < 2:
                break
            first, second = rng.sample(members, 2)
            kind = rng.choice(list(Pairing.Kind))
            start = _day_in(rng, date(today.year - 1, 1, 1), today - timedelta(days=30))
            end = start + timedelta(days=rng.randrange(180, 360)) if rng.random() < 0.2 else None
            Pairing.objects.get_or_create(alliance=alliance, kind=kind, first=first, second=second, start_date=start,
                                          defaults={"end_date": end if end and end < today else None,
                                                    "outcome": outcomes[kind]})


def _instructions(city) -> None:
    today = city.today
    for alliance in _alliances(city):
        rng = city.rng_for(f"alliances.instructions.{alliance.chain.name}")
        advisor = AlliancePosition.objects.filter(alliance=alliance, role=AlliancePosition.Role.ADVISOR).first()
        for _ in range(rng.randrange(1, 4)):
            issued = _day_in(rng, date(today.year - 1, 1, 1), today - timedelta(days=1))
            Instruction.objects.get_or_create(
                alliance=alliance, leader_name=advisor.person_name if advisor else "挂钩市领导", issued_on=issued,
                defaults={"leader_title": advisor.title if advisor else "", "content": rng.choice(INSTRUCTIONS),
                          "follow_up": "联盟秘书处已制定落实方案，并在理事会季度例会上通报办理情况。"})


def _cases(city) -> None:
    today = city.today
    rng = city.rng_for("alliances.cases")
    number = 0
    for alliance in _alliances(city):
        members = _members(alliance)
        for _ in range(2):
            number += 1
            enterprise = rng.choice(members).enterprise if members and rng.random() < 0.6 else None
            published = _day_in(rng, date(today.year - 1, 3, 1), today - timedelta(days=1))
            title = rng.choice(CASE_TITLES).format(name=enterprise.name if enterprise else alliance.name)
            Case.objects.get_or_create(series_number=number, defaults={
                "alliance": alliance, "enterprise": enterprise, "title": title, "published_on": published,
                "summary": "提炼可学可鉴的经验做法，编入“产业链党建”典型案例系列。"})
