"""Demo data of member growth and branch building: quarterly reports since the start of the year before last,
branch ratings, training sessions, demonstration sites, member posts, and the Party workers' certificates and
assessments, so that figures F06–F13 and F23 mean something in ``make run``.

Idempotent: records are found by their natural keys and created only when missing; every random choice comes
from ``city.rng_for(...)``, so two runs give the same data.
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from alliances.models import Alliance, AlliancePosition
from chainparty.demo import DemoCity
from parks.models import CommitteePosition, JointCommittee, PartyWorker, PartyWorkerAssessment

from .models import (BASICS, CRITERIA, BranchRating, DemonstrationSite, EnterpriseContact, MemberPost,
                     MemberPostProject, MemberReport, TrainingSession, quarter_bounds)

TRAINING_TOPICS = ["非公企业党组织书记履职能力提升专题培训班", "产业链党建工作专题培训班", "发展党员工作业务培训班",
                   "两新组织党务工作者持证上岗培训班", "“标准+示范”党支部建设专题培训班"]
POST_NAMES = {
    MemberPost.Kind.RESPONSIBILITY_AREA: "党员责任区",
    MemberPost.Kind.MODEL_POST: "党员示范岗",
    MemberPost.Kind.VANGUARD_TEAM: "党员突击队",
}
PROJECT_TITLES = {
    MemberPostProject.Kind.PRODUCT_DEVELOPMENT: ["新产品开发", "关键部件国产化"],
    MemberPostProject.Kind.TECHNICAL_INNOVATION: ["核心技术攻关", "智能化改造"],
    MemberPostProject.Kind.PROCESS_IMPROVEMENT: ["良品率提升", "降本增效工艺优化"],
}


def quarters_to_report(today: date) -> list[tuple[int, int]]:
    """Every completed quarter from the first of the year before last: two full years and this year so far."""
    current = (today.year, (today.month - 1) // 3 + 1)
    result, year, quarter = [], today.year - 2, 1
    while (year, quarter) < current:
        result.append((year, quarter))
        year, quarter = (year, quarter + 1) if quarter < 4 else (year + 1, 1)
    return result


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


@transaction.atomic
def load(city: DemoCity) -> None:
    organizations = _organizations(city)
    deciders = _deciders()
    _reports(city, organizations, deciders)
    _ratings(city, organizations, deciders)
    _sessions(city, organizations)
    _sites(city)
    _posts(city)
    _workers(city)


def _organizations(city: DemoCity) -> dict:
    """Each Party organisation with the first enterprise it belongs to (a joint branch covers several)."""
    organizations = {}
    for enterprise in city.enterprises:
        if enterprise.party_organization_id and enterprise.party_organization_id not in organizations:
            organizations[enterprise.party_organization_id] = (enterprise.party_organization, enterprise)
    return organizations


def _deciders() -> dict:
    """Who decides for an enterprise: a user of its park's committee, or of its chain's alliance."""
    by_park = dict(CommitteePosition.objects.filter(user__isnull=False).order_by("role", "pk")
                   .values_list("committee__park_id", "user_id")[::-1])
    by_chain = dict(AlliancePosition.objects.filter(user__isnull=False).order_by("role", "pk")
                    .values_list("alliance__chain_id", "user_id")[::-1])
    return {"park": by_park, "chain": by_chain}


def _decider_id(deciders: dict, enterprise) -> int | None:
    if enterprise.park_id:
        return deciders["park"].get(enterprise.park_id)
    for chain_id in enterprise.chains.values_list("pk", flat=True):
        if chain_id in deciders["chain"]:
            return deciders["chain"][chain_id]
    return None


def _reports(city: DemoCity, organizations: dict, deciders: dict) -> None:
    quarters = quarters_to_report(city.today)
    if not quarters:
        return
    existing = set(MemberReport.objects.values_list("organization_id", "year", "quarter"))
    contacts = dict(EnterpriseContact.objects.active().order_by("-pk").values_list("enterprise_id", "user_id"))
    new = []
    for organization, enterprise in organizations.values():
        rng = city.rng_for(f"member-reports:{organization.name}:{enterprise.credit_code}")
        members = rng.randint(5, 60)
        pending = rng.randint(0, 2)
        decider = _decider_id(deciders, enterprise)
        filer = contacts.get(enterprise.pk)
        for year, quarter in quarters:
            start, end = quarter_bounds(year, quarter)
            if (organization.founded_on and organization.founded_on > end) or (
                    organization.dissolved_on and organization.dissolved_on < start):
                continue
            # The "浚源" programme works: applications grow from year to year.
            applications = rng.choice([0, 1, 1, 2, 2, 3, 4, 6]) + int(rng.random() < 0.4 * (year - quarters[0][0]))
            activists = rng.randint(0, max(1, applications))
            candidates = rng.randint(0, 2)
            admitted = rng.randint(0, candidates + pending)
            transferred_in = rng.choice([0, 0, 0, 1, 2])
            members = max(members + admitted + transferred_in - rng.choice([0, 0, 0, 1]), admitted + transferred_in)
            report = MemberReport(
                organization=organization, year=year, quarter=quarter, members=members, applications=applications,
                activists=activists, candidates=candidates, candidates_carried_over=pending, admitted=admitted,
                hidden_members_found=rng.choice([0] * 8 + [1, 2]), transferred_in=transferred_in,
                filed_by_id=filer, submitted_at=at(end + timedelta(days=rng.randint(3, 12))))
            pending = report.candidates_pending
            report.status = _status(rng, (year, quarter) == quarters[-1])
            if report.status == MemberReport.Status.DRAFT:
                report.submitted_at = None
            elif report.status != MemberReport.Status.SUBMITTED:
                report.decided_by_id = decider
                report.decided_at = report.submitted_at + timedelta(days=rng.randint(1, 7))
            if report.status == MemberReport.Status.RETURNED:
                report.return_reason = rng.choice(["入党申请书人数与台账不一致，请核对后重新报送。",
                                                   "新发展党员人数超过发展对象人数，请核实。",
                                                   "季度末党员人数与组织关系转接记录不符，请更正。"])
            if (organization.pk, year, quarter) not in existing:
                new.append(report)
    bulk_create_with_history(new, MemberReport, batch_size=500)


def _status(rng, latest: bool) -> str:
    """Mostly approved; the latest quarter still has reports waiting, and a few were returned."""
    draw = rng.random()
    if latest:
        return ("approved" if draw < 0.5 else "submitted" if draw < 0.85 else "returned" if draw < 0.95
                else "draft")
    return "approved" if draw < 0.96 else "returned"


def _ratings(city: DemoCity, organizations: dict, deciders: dict) -> None:
    existing = set(BranchRating.objects.values_list("organization_id", "year"))
    new = []
    for organization, enterprise in organizations.values():
        rng = city.rng_for(f"branch-ratings:{organization.name}:{enterprise.credit_code}")
        level = rng.choice([12, 14, 15, 16, 17, 18])
        for year in (city.today.year - 2, city.today.year - 1):
            scores = {name: min(20, max(8, level + rng.randint(-2, 3))) for name, _label in BASICS}
            rating = BranchRating(organization=organization, year=year, rated_on=date(year + 1, 1, 15),
                                  rated_by_id=_decider_id(deciders, enterprise), **scores)
            rating.grade = rating.compute_grade()
            level = min(19, level + rng.choice([0, 1, 1]))
            if (organization.pk, year) not in existing:
                new.append(rating)
    bulk_create_with_history(new, BranchRating, batch_size=500)


def _sessions(city: DemoCity, organizations: dict) -> None:
    rng = city.rng_for("training-sessions")
    by_county: dict[int, list] = {}
    for organization, enterprise in organizations.values():
        by_county.setdefault(enterprise.county_id, []).append(organization)
    every = [organization for organization, _enterprise in organizations.values()]
    committees = {committee.park.county_id: committee for committee in
                  JointCommittee.objects.filter(pk__in=[c.pk for c in city.committees.values()]).select_related("park")}
    for year in range(city.today.year - 2, city.today.year + 1):
        plans = [(city.city, None, every, month) for month in (4, 10)]
        plans += [(county, committees.get(county.pk), by_county.get(county.pk, []), rng.choice([5, 6, 9]))
                  for county in city.counties.values()]
        for organizer, committee, pool, month in plans:
            start = date(year, month, rng.randint(8, 20))
            if start > city.today:
                continue
            topic = rng.choice(TRAINING_TOPICS)
            attending = rng.sample(pool, min(len(pool), rng.randint(3, 12))) if pool else []
            session, created = TrainingSession.objects.get_or_create(
                organizer=organizer, start_date=start, defaults=dict(
                    topic=topic, end_date=start + timedelta(days=rng.choice([0, 1, 2])), committee=committee,
                    location=f"{organizer.name}委党校", participants=len(attending) * rng.randint(1, 3) + rng.randint(5, 30)))
            if created:
                session.organizations.set(attending)


def _sites(city: DemoCity) -> None:
    """Last year every chain leader of an alliance's chain was nominated and most were awarded; this year a few
    nominations are open."""
    alliances = {alliance.chain_id: alliance for alliance in Alliance.objects.filter(
        pk__in=[alliance.pk for alliance in city.alliances.values()])}
    last_year = city.today.year - 1
    for enterprise in city.enterprises:
        if not enterprise.is_chain_leader:
            continue
        alliance = next((alliances[chain_id] for chain_id in enterprise.chains.values_list("pk", flat=True)
                         if chain_id in alliances), None)
        if alliance is None:
            continue
        rng = city.rng_for(f"demonstration-sites:{enterprise.name}")  # not the credit code: tests make theirs in sequence
        for year, decided in ((last_year, True), (city.today.year, False)):
            if not decided and rng.random() < 0.5:
                continue
            scores = {name: rng.randint(6, 10) for name, _label in CRITERIA}
            status = "nominated"
            if decided:
                status = "awarded" if sum(scores.values()) >= 68 or rng.random() < 0.4 else "declined"
            DemonstrationSite.objects.get_or_create(enterprise=enterprise, year=year, defaults=dict(
                alliance=alliance, evaluator="市委组织部“三高三好三强”评审组", status=status,
                nominated_on=date(year, 9, 1) if year < city.today.year else city.today,
                awarded_on=date(year, 12, 1) if status == "awarded" else None, **scores))


def _posts(city: DemoCity) -> None:
    for enterprise in city.enterprises:
        if not enterprise.party_organization_id or not (enterprise.is_chain_leader or enterprise.is_above_scale):
            continue
        rng = city.rng_for(f"member-posts:{enterprise.credit_code}")
        for kind in rng.sample(list(POST_NAMES), rng.randint(1, 2)):
            post, created = MemberPost.objects.get_or_create(
                enterprise=enterprise, name=f"{enterprise.name[:12]}{POST_NAMES[kind]}", defaults=dict(
                    kind=kind, leader_name=rng.choice(["王", "李", "张", "刘", "陈"]) + rng.choice(["伟", "敏", "静", "强"]),
                    members_involved=rng.randint(3, 15),
                    established_on=date(city.today.year - 2, rng.randint(1, 12), 1)))
            if not created:
                continue
            for project_kind in rng.sample(list(PROJECT_TITLES), rng.randint(1, 2)):
                taken_on = post.established_on + timedelta(days=rng.randint(30, 400))
                completed = taken_on + timedelta(days=180) < city.today and rng.random() < 0.6
                MemberPostProject.objects.create(
                    post=post, kind=project_kind, title=rng.choice(PROJECT_TITLES[project_kind]), taken_on=taken_on,
                    status="completed" if completed else "in_progress",
                    completed_on=taken_on + timedelta(days=rng.randint(60, 180)) if completed else None)


def _workers(city: DemoCity) -> None:
    """Certificates (持证上岗) for most Party workers who have none yet, and last year's assessment."""
    last_year = city.today.year - 1
    results = [PartyWorkerAssessment.Result.EXCELLENT] * 2 + [PartyWorkerAssessment.Result.COMPETENT] * 6 + [
        PartyWorkerAssessment.Result.BASICALLY_COMPETENT]
    for worker in PartyWorker.objects.order_by("pk"):
        rng = city.rng_for(f"party-worker:{worker.pk}:{worker.name}")
        if not worker.certificate_no and rng.random() < 0.8:
            worker.certificate_no = f"SQDW{last_year}{worker.pk:04d}"
            worker.certified_on = date(last_year, rng.randint(3, 11), 1)
            worker.save(update_fields=["certificate_no", "certified_on"])
        if worker.start_date is None or worker.start_date.year <= last_year:
            PartyWorkerAssessment.objects.get_or_create(worker=worker, year=last_year,
                                                        defaults={"result": rng.choice(results)})
