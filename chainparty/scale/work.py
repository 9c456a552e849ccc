"""The alliances' and committees' joint work in a generated city: service centers, activities, agreements,
pairings, leaders' instructions and typical cases."""
from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.db.models import Max

from alliances.demo import ACTIVITY_TITLES, CASE_TITLES, INSTRUCTIONS
from alliances.models import Activity, Agreement, Case, Instruction, Pairing, ServiceCenter

from .base import City
from .rows import bulk

AGREEMENT_KINDS = [("party_building", "党建共建协议"), ("joint_research", "技术攻关合作协议"),
                   ("supply_sales", "产销合作协议"), ("finance", "金融服务合作协议")]
ACTIVITY_KINDS = ["matchmaking", "matchmaking", "face_to_face", "forum", "training", "other", "recruitment"]


def _enterprise(city: City, member_id: int):
    return city.enterprises[city.member_enterprise[member_id]]


def service_centers(city: City) -> dict:
    """One open service center per alliance, in a park of its chain (or at a chain leader)."""
    park_of_chain = {}
    for committee in city.committees:
        park_of_chain.setdefault(committee.chain_id, committee.park)
    centers = []
    for alliance in city.alliances:
        park = park_of_chain.get(alliance.chain_id)
        host = None if park else next((m for m in city.members_of.get(alliance.pk, [])
                                       if _enterprise(city, m).is_chain_leader), None)
        centers.append(ServiceCenter(
            alliance=alliance, name=f"{alliance.chain.name}产业链党建联盟综合服务中心", park=park,
            enterprise_id=_enterprise(city, host).pk if host else None,
            address=f"{park.name}企业服务大厦" if park else "", opened_on=city.window_start - timedelta(days=200),
            functional_areas=["party_activities", "public_services", "product_exhibition"]))
    bulk(ServiceCenter, centers)
    return {center.alliance_id: center for center in centers}


def activities(city: City, centers: dict) -> None:
    rng = city.rng
    committees_of_chain = {}
    for committee in city.committees:
        committees_of_chain.setdefault(committee.chain_id, []).append(committee)
    rows, participants = [], []
    for _ in range(city.counts["activities"]):
        day = city.day_between(city.window_start, city.today)
        if rng.random() < 0.2:
            committee = rng.choice(city.committees)
            mode = rng.choice(["offline", "online"])
            rows.append(Activity(committee=committee, kind="recruitment", mode=mode, date=day, venue="park",
                                 park=committee.park, title=f"{committee.park.name}企业{'线上' if mode == 'online' else '线下'}招聘会",
                                 enterprises_reached=rng.randrange(8, 30), workers_recommended=rng.randrange(40, 260)))
            participants.append([])
            continue
        alliance = rng.choice(city.alliances)
        members = city.members_of.get(alliance.pk, [])
        kind = rng.choice(ACTIVITY_KINDS)
        where = rng.choice(["park", "enterprise", "service_center", "other"])
        venue = {"venue": "other"}
        if where == "park" and committees_of_chain.get(alliance.chain_id):
            venue = {"venue": "park", "park": rng.choice(committees_of_chain[alliance.chain_id]).park}
        elif where == "enterprise" and members:
            venue = {"venue": "enterprise", "enterprise_id": _enterprise(city, rng.choice(members)).pk}
        elif where == "service_center":
            venue = {"venue": "service_center", "service_center": centers[alliance.pk]}
        rows.append(Activity(
            alliance=alliance, kind=kind, date=day, mode=rng.choice(["online", "offline"]) if kind == "recruitment"
            else "offline", title=ACTIVITY_TITLES[kind].format(chain=alliance.chain.name, place=alliance.chain.name),
            enterprises_reached=rng.randrange(5, 40),
            workers_recommended=rng.randrange(20, 150) if kind == "recruitment" else 0,
            deals_reached=rng.randrange(0, 6) if kind in ("matchmaking", "forum") else 0, **venue))
        participants.append(rng.sample(members, min(len(members), rng.randrange(2, 6))))
    bulk(Activity, rows)
    through = Activity.participants.through
    bulk(through, [through(activity_id=activity.pk, alliancemember_id=member)
                   for activity, members in zip(rows, participants) for member in members], batch_size=5000)


def agreements(city: City) -> None:
    rng = city.rng
    alliances = [a for a in city.alliances if len(city.members_of.get(a.pk, [])) >= 2]
    if not alliances:
        return
    rows, parties, seen = [], [], set()
    for _ in range(city.counts["agreements"]):
        alliance = rng.choice(alliances)
        members = rng.sample(city.members_of[alliance.pk], min(len(city.members_of[alliance.pk]), rng.randrange(2, 4)))
        kind, label = rng.choice(AGREEMENT_KINDS)
        title = f"{_enterprise(city, members[0]).name}与{_enterprise(city, members[1]).name}{label}"
        signed = city.day_between(city.window_start, city.today - timedelta(days=1))
        while (alliance.pk, title, signed) in seen:
            signed -= timedelta(days=1)
        seen.add((alliance.pk, title, signed))
        rows.append(Agreement(alliance=alliance, kind=kind, title=title, signed_on=signed,
                              amount=Decimal(rng.randrange(50, 3000)) if kind in ("finance", "supply_sales") else None,
                              status=rng.choice(["signed", "in_progress", "in_progress", "fulfilled"])))
        parties.append(members)
    bulk(Agreement, rows)
    through = Agreement.parties.through
    bulk(through, [through(agreement_id=agreement.pk, alliancemember_id=member)
                   for agreement, members in zip(rows, parties) for member in members], batch_size=5000)


def pairings(city: City) -> None:
    rng, rows, seen = city.rng, [], set()
    outcomes = {"branch": "两家企业党支部联合开展主题党日。", "research": "联合申报技术攻关项目。",
                "supply_sales": "建立稳定供货关系，实现本地配套采购。"}
    for alliance in city.alliances:
        members = city.members_of.get(alliance.pk, [])
        for _ in range(10 if len(members) >= 2 else 0):
            first, second = rng.sample(members, 2)
            kind = rng.choice(list(outcomes))
            start = city.day_between(city.window_start, city.today - timedelta(days=30))
            if (kind, first, second, start) in seen:
                continue
            seen.add((kind, first, second, start))
            end = start + timedelta(days=rng.randrange(180, 360)) if rng.random() < 0.2 else None
            rows.append(Pairing(alliance=alliance, kind=kind, first_id=first, second_id=second, start_date=start,
                                end_date=end if end and end < city.today else None, outcome=outcomes[kind]))
    bulk(Pairing, rows)


def instructions_and_cases(city: City) -> None:
    rng = city.rng
    bulk(Instruction, [Instruction(alliance=alliance, leader_name="挂钩市领导", leader_title="副市长",
                                   issued_on=city.day_between(city.window_start, city.today - timedelta(days=1)),
                                   content=rng.choice(INSTRUCTIONS), follow_up="联盟秘书处已制定落实方案。")
                       for alliance in city.alliances for _ in range(3)])
    # The demo city numbers its cases from 1: generated cases start after every number taken and after 100.
    number = max(Case.objects.aggregate(last=Max("series_number"))["last"] or 0, 100)
    cases = []
    for alliance in city.alliances:
        for _ in range(2):
            number += 1
            cases.append(Case(alliance=alliance, series_number=number,
                              title=rng.choice(CASE_TITLES).format(name=alliance.name),
                              published_on=city.day_between(city.window_start, city.today - timedelta(days=1)),
                              summary="提炼可学可鉴的经验做法，编入“产业链党建”典型案例系列。"))
    bulk(Case, cases)


def build(city: City) -> None:
    centers = service_centers(city)
    activities(city, centers)
    agreements(city)
    pairings(city)
    instructions_and_cases(city)
