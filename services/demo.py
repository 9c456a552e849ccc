"""Demo needs: a year of enterprise needs in every status, moved through the real workflow with back-dated
steps (so timelines, durations and deadlines are realistic, and some needs are overdue).

Idempotent: a need is found by its enterprise and title; one that exists is left as it is.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from alliances.models import AlliancePosition
from chainparty.access import active_on
from chainparty.models import DepartmentStaff
from enterprises.models import EnterpriseContact
from parks.models import CommitteePosition

from . import actions
from .models import Need, NeedCategory

TITLES = {
    NeedCategory.ENERGY: ["新增生产线用电增容", "申请峰谷电价政策", "天然气供气保障", "光伏屋顶并网接入"],
    NeedCategory.LAND: ["二期厂房建设用地指标", "标准厂房租赁", "工业用地土地证办理", "扩建项目用地规划调整"],
    NeedCategory.LABOUR: ["旺季普工招聘", "技术工人短缺", "引进熟练焊工", "员工宿舍配套"],
    NeedCategory.FUNDING: ["流动资金贷款", "设备更新贷款贴息", "技改项目融资", "应收账款融资对接"],
    NeedCategory.POLICY: ["智能化改造补贴申报辅导", "高新技术企业认定指导", "稳岗补贴政策咨询", "出口退税政策解读"],
    NeedCategory.TALENT: ["引进研发带头人", "高层次人才安居政策", "与高校共建实习基地", "工程师职称评审"],
    NeedCategory.TECHNOLOGY: ["激光切割工艺技术攻关", "产学研合作对接", "检测设备共享", "数字化车间改造方案"],
    NeedCategory.MARKET: ["对接链主企业采购", "参加行业展会", "拓展电商销售渠道", "本地配套供应商对接"],
    NeedCategory.APPROVALS: ["环评审批加快办理", "消防验收协调", "施工许可证办理", "排污许可证变更"],
    NeedCategory.OTHER: ["厂区周边道路修缮", "企业门前公交站设置", "子女入学协调", "厂区治安巡逻"],
}
OUTCOMES = ["经部门会商，已落实解决。", "已协调相关单位现场办理完毕。", "政策已兑现到位。", "已完成对接，企业确认。"]
PROGRESS = ["已召开协调会，明确责任分工。", "已赴企业现场调研。", "已与相关单位对接，正在办理。", "材料已齐全，进入审批流程。"]

# The status each demo need ends in, the first ten one each so every status is present.
TARGETS = [Need.Status.SUBMITTED, Need.Status.ACCEPTED, Need.Status.ASSIGNED, Need.Status.IN_PROGRESS,
           Need.Status.DEFERRED, Need.Status.RESOLVED, Need.Status.CLOSED, Need.Status.REOPENED,
           Need.Status.REJECTED, Need.Status.WITHDRAWN]
WEIGHTS = {Need.Status.CLOSED: 36, Need.Status.RESOLVED: 8, Need.Status.IN_PROGRESS: 16, Need.Status.DEFERRED: 5,
           Need.Status.ASSIGNED: 5, Need.Status.ACCEPTED: 4, Need.Status.SUBMITTED: 8, Need.Status.REOPENED: 4,
           Need.Status.REJECTED: 7, Need.Status.WITHDRAWN: 7}
NEEDS_PER_ENTERPRISE = 2
MAX_NEEDS = 160


@dataclass
class Cast:
    contact: object
    dispatcher: object
    department: object
    department_staff: object


class Clock:
    """Back-dated moments in working hours, never in the future: a step that would be is skipped."""

    def __init__(self, start: datetime, rng: random.Random):
        self.now, self.rng, self.limit = start, rng, timezone.now()

    def after(self, days_low: int, days_high: int) -> datetime | None:
        day = timezone.localdate(self.now) + timedelta(days=self.rng.randint(days_low, days_high))
        moment = timezone.make_aware(datetime.combine(day, time(self.rng.randint(8, 17), self.rng.randint(0, 59))))
        moment = max(moment, self.now + timedelta(minutes=5))
        if moment >= self.limit:
            return None
        self.now = moment
        return moment


def load(city) -> None:
    """Resources, projects and visits (demo_lists), then a year of needs through the real workflow."""
    from . import demo_lists

    demo_lists.load(city)
    load_needs(city)


def load_needs(city) -> None:
    rng = city.rng_for("services.needs")
    admin = get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    enterprises = list(city.enterprises)
    if not enterprises:
        return
    plans = []
    for index in range(min(MAX_NEEDS, NEEDS_PER_ENTERPRISE * len(enterprises))):
        target = TARGETS[index] if index < len(TARGETS) else rng.choices(list(WEIGHTS), list(WEIGHTS.values()))[0]
        plans.append((enterprises[index % len(enterprises)], target, random.Random(f"demo:services.need:{index}")))
    for enterprise, target, need_rng in plans:
        cast = _cast(enterprise, admin, city)
        if cast is not None:
            _play(enterprise, target, need_rng, cast, city.today)


def _cast(enterprise, admin, city) -> Cast | None:
    today = timezone.localdate()
    contact = EnterpriseContact.objects.active().filter(enterprise=enterprise).select_related("user").first()
    chain_ids = list(enterprise.chains.values_list("pk", flat=True))
    position = AlliancePosition.objects.filter(active_on(today), alliance__chain_id__in=chain_ids,
                                               user__isnull=False).select_related("user").first()
    if position is None and enterprise.park_id:
        position = CommitteePosition.objects.filter(active_on(today), committee__park_id=enterprise.park_id,
                                                    user__isnull=False).select_related("user").first()
    regions, region = set(), enterprise.county
    while region is not None:
        regions.add(region.pk)
        region = region.parent
    leads = [chain.lead_department for chain in enterprise.chains.select_related("lead_department")
             if chain.lead_department and chain.lead_department.region_id in regions]
    staffed = DepartmentStaff.objects.filter(active=True, department__region_id__in=regions).select_related(
        "department", "user").order_by("department__name")
    staff = next((s for s in staffed if leads and s.department_id == leads[0].pk), None) or staffed.first()
    department = staff.department if staff else (leads[0] if leads else None)
    if department is None:
        department = next((d for d in city.departments.values() if d.region_id in regions), None)
    people = Cast(contact=contact.user if contact else admin, dispatcher=position.user if position else admin,
                  department=department, department_staff=staff.user if staff else admin)
    if people.contact is None or department is None:
        return None
    return people


def _play(enterprise, target: str, rng: random.Random, cast: Cast, today) -> None:
    category = rng.choice(list(TITLES))
    title = rng.choice(TITLES[category])
    if Need.objects.filter(enterprise=enterprise, title=title).exists():
        return
    # Needs that end early in the workflow were raised recently; the others over the past year.
    recent = target in (Need.Status.SUBMITTED, Need.Status.ACCEPTED, Need.Status.ASSIGNED)
    days_ago = rng.randint(1, 6) if recent else rng.randint(20, 330)
    if target in (Need.Status.RESOLVED, Need.Status.REOPENED):
        days_ago = rng.randint(15, 45)
    if target in (Need.Status.IN_PROGRESS, Need.Status.DEFERRED):
        days_ago = rng.randint(5, 70)  # the older ones are past their due date
    start = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(9, rng.randint(0, 59))))
    clock = Clock(start, rng)
    amount = Decimal(rng.randrange(50, 2000, 10)) if category == NeedCategory.FUNDING else None
    workers = rng.randrange(10, 150, 5) if category == NeedCategory.LABOUR else None
    with transaction.atomic():
        need = actions.submit_need(
            acting_user=cast.contact, enterprise=enterprise, category=category, title=title,
            description=f"{enterprise.name}反映：{title}，希望联盟和相关部门帮助协调解决。", amount_requested=amount,
            workers_requested=workers, urgency=rng.choice(["normal", "normal", "normal", "urgent", "critical"]),
            source=Need.Source.FORM, at=start)
        _advance(need, target, rng, cast, clock)


def _advance(need: Need, target: str, rng, cast: Cast, clock: Clock) -> None:
    """Take the need along the workflow until it reaches ``target`` (or the present)."""
    def step(function, *args, low=0, high=2, **kwargs):
        moment = clock.after(low, high)
        if moment is None:
            raise _Stop
        return function(*args, at=moment, **kwargs)

    try:
        if target == Need.Status.SUBMITTED:
            return
        if target == Need.Status.REJECTED:
            step(actions.reject_need, need, acting_user=cast.dispatcher, kind=rng.choice(["duplicate", "out_of_scope"]),
                 reason="该事项不属于联盟协调范围，已告知企业通过12345热线反映。")
            return
        step(actions.accept_need, need, acting_user=cast.dispatcher, low=0, high=2)
        if target == Need.Status.ACCEPTED:
            return
        if target == Need.Status.WITHDRAWN:
            step(actions.withdraw_need, need, acting_user=cast.contact, reason="企业已自行解决。", low=1, high=5)
            return
        _assign(need, rng, cast, step)
        if rng.random() < 0.1:  # the department returns the task once, and the dispatcher assigns it again
            step(actions.return_need, need, acting_user=cast.department_staff, reason="需由牵头部门重新确认职责。")
            _assign(need, rng, cast, step)
        if target == Need.Status.ASSIGNED:
            return
        _work(need, rng, cast, step, target)
        if target in (Need.Status.IN_PROGRESS, Need.Status.DEFERRED):
            return
        _resolve(need, rng, cast, step)
        if target == Need.Status.RESOLVED:
            return
        if target == Need.Status.REOPENED or (target == Need.Status.CLOSED and rng.random() < 0.1):
            step(actions.give_feedback, need, acting_user=cast.contact, satisfaction="unsatisfied",
                 reason="问题仅部分解决，希望继续跟进。", low=1, high=5)
            if target == Need.Status.REOPENED:
                return
            _assign(need, rng, cast, step)
            _work(need, rng, cast, step, Need.Status.CLOSED)
            _resolve(need, rng, cast, step)
        need.refresh_from_db()
        ending = rng.random()
        if ending < 0.75:
            step(actions.give_feedback, need, acting_user=cast.contact, low=1, high=8,
                 satisfaction=rng.choice(["satisfied", "satisfied", "satisfied", "basically_satisfied"]))
        elif ending < 0.9:
            step(actions.close_need, need, acting_user=cast.dispatcher, note="电话回访，企业表示满意。", low=2, high=9)
        else:
            moment = clock.after(14, 20)
            if moment is None:
                raise _Stop
            actions.auto_close_need(need, at=moment)
    except _Stop:
        return


class _Stop(Exception):
    """The next step would lie in the future: the need stays where it is."""


def _assign(need, rng, cast, step) -> None:
    step(actions.assign_need, need, acting_user=cast.dispatcher, lead_department=cast.department,
         responsible_person=rng.choice(["王科长", "李主任", "张科长", "陈处长", "刘主任"]),
         responsible_phone=f"0527-8{rng.randint(1000000, 9999999)}", plan="牵头部门会同相关单位研究解决方案，限期办结。",
         low=0, high=1)


def _work(need, rng, cast, step, target) -> None:
    staff = cast.department_staff
    step(actions.sign_need, need, acting_user=staff, low=0, high=2)
    step(actions.reply_need, need, acting_user=staff, note="已收到任务书，正在研究办理，将及时反馈进展。", low=0, high=4)
    for _ in range(rng.randint(0, 2)):
        step(actions.add_progress, need, acting_user=staff, note=rng.choice(PROGRESS), low=2, high=10)
    if target == Need.Status.IN_PROGRESS and rng.random() < 0.4:
        extension = step(actions.request_extension, need, acting_user=staff, days=rng.randint(5, 15),
                         reason="涉及多个部门会签，需延长办理时限。", low=1, high=6)
        decision = rng.random()
        if decision < 0.5:
            step(actions.approve_extension, extension, acting_user=cast.dispatcher, low=0, high=1)
        elif decision < 0.75:
            step(actions.refuse_extension, extension, acting_user=cast.dispatcher, reason="时限内可以办结，请加快办理。",
                 low=0, high=1)
    if target == Need.Status.DEFERRED:
        moment = step(lambda at: at, low=1, high=5)
        actions.defer_need(need, acting_user=staff, explanation="受年度指标限制，当前无法立即解决，已向企业说明情况。",
                           timetable="待下一批次指标下达后优先安排。",
                           deferred_until=timezone.localdate() + timedelta(days=rng.randint(30, 120)), at=moment)


def _resolve(need, rng, cast, step) -> None:
    need.refresh_from_db()
    amount = workers = None
    if need.category == NeedCategory.FUNDING:
        amount = (need.amount_requested * Decimal(rng.choice(["0.6", "0.8", "1"]))).quantize(Decimal("1"))
    if need.category == NeedCategory.LABOUR:
        workers = int(need.workers_requested * rng.choice([0.5, 0.8, 1]))
    step(actions.resolve_need, need, acting_user=cast.department_staff, outcome=rng.choice(OUTCOMES),
         amount_solved=amount, workers_provided=workers, low=3, high=30)
