"""Needs at scale, in every status of the workflow, with the rows services/actions.py would have written.

Each need is *played* in memory along the workflow (submit → accept → assign → sign → reply → resolve →
feedback/close, with rejections, withdrawals, returns, extension requests, deferrals and reopenings) with
back-dated moments that stop at the present, setting the same fields and deadlines (through
``services.deadlines.Scheduler`` on a precomputed calendar) and collecting the same timeline events, task
letters, extension requests and feedback. Then every table is filled (rows.py), a chunk of needs at a time.
Notifications, follow-ups and history rows are side effects and are not written.
"""
from __future__ import annotations

import multiprocessing
import os
import traceback
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from services.deadlines import Scheduler
from services.demo import OUTCOMES, PROGRESS, TITLES
from services.models import (Assignment, CategoryDeadlines, ExtensionRequest, Feedback, Need, NeedCategory,
                             NeedEvent)

from .base import City
from .calendar import PrecomputedCalendar
from .rows import bulk_rows, copy, copy_text, new_ids

S = Need.Status
K = NeedEvent.Kind
CHUNK = 10_000

# Final status by the need's age: recent needs are still on their way, old ones mostly closed.
WEIGHTS_BY_AGE = [
    (3, {S.SUBMITTED: 40, S.ACCEPTED: 20, S.ASSIGNED: 20, S.IN_PROGRESS: 10, S.REJECTED: 5, S.WITHDRAWN: 3}),
    (45, {S.IN_PROGRESS: 30, S.DEFERRED: 5, S.ASSIGNED: 3, S.RESOLVED: 15, S.CLOSED: 30, S.REOPENED: 3,
          S.REJECTED: 7, S.WITHDRAWN: 5, S.ACCEPTED: 1, S.SUBMITTED: 1}),
    (10_000, {S.CLOSED: 78, S.REJECTED: 7, S.WITHDRAWN: 6, S.IN_PROGRESS: 3, S.DEFERRED: 2, S.RESOLVED: 1,
              S.REOPENED: 1, S.ASSIGNED: 0.5, S.ACCEPTED: 0.3, S.SUBMITTED: 0.2}),
]
# Every status once, started long enough ago to get there (days before today), so that each appears.
FORCED = [(S.SUBMITTED, 1), (S.ACCEPTED, 12), (S.ASSIGNED, 25), (S.IN_PROGRESS, 70), (S.DEFERRED, 70),
          (S.RESOLVED, 120), (S.CLOSED, 180), (S.REOPENED, 180), (S.REJECTED, 30), (S.WITHDRAWN, 40)]
CATEGORY_WEIGHTS = {"energy": 8, "land": 8, "labour": 16, "funding": 18, "policy": 14, "talent": 8, "technology": 10,
                    "market": 8, "approvals": 6, "other": 4}
PEOPLE = ["王科长", "李主任", "张科长", "陈处长", "刘主任", "赵科长"]
PLAN = "牵头部门会同相关单位研究解决方案，限期办结。"


class Stop(Exception):
    """The next step would lie in the future: the need stays where it is."""


class Timeline:
    """One need being played: the unsaved Need, and the rows that will hang on it once it has a pk."""

    def __init__(self, need: Need, scheduler: Scheduler, moment: datetime, chain_ids: tuple[int, ...]):
        self.need, self.scheduler, self.now, self.chain_ids = need, scheduler, moment, chain_ids
        self.events: list[tuple] = []
        self.assignments: list[dict] = []
        self.extensions: list[dict] = []
        self.feedback: list[dict] = []

    def record(self, kind: str, actor, at: datetime, from_status: str, note: str = "") -> None:
        """What ``actions._record`` does: the status-change stamp, and the event."""
        if self.need.status != from_status:
            self.need.status_changed_at = at
        self.events.append((kind, actor, at, from_status, self.need.status, note))

    def current(self) -> list[dict]:
        return [row for row in self.assignments if row["is_current"]]

    def end_round(self) -> None:
        for row in self.assignments:
            row["is_current"] = False


class Player:
    """Plays the needs of one city."""

    def __init__(self, city: City, now: datetime):
        self.city, self.rng, self.now = city, city.rng, now
        self.tz = timezone.get_current_timezone()
        self.calendar = PrecomputedCalendar(city.window_start - timedelta(days=60), city.today + timedelta(days=730))
        saved = {row.category: row for row in CategoryDeadlines.objects.all()}
        self.rules = {category: saved.get(category) or CategoryDeadlines.default_for(category)
                      for category in NeedCategory.values}
        self.dates: dict[date, str] = {}
        self.lead_of = {chain.pk: chain.lead_department_id for chain in city.chains}
        self.county_departments: dict[int, list[int]] = {}
        for department in city.departments:
            if department.region_id != city.region.pk:
                self.county_departments.setdefault(department.region_id, []).append(department.pk)
        self.city_departments = [d.pk for d in city.departments if d.region_id == city.region.pk]
        self.department_names = {d.pk: d.name for d in city.departments}
        self.committee_user = {c.park_id: city.committee_users[c.pk] for c in city.committees}
        self.alliance_user = {a.chain_id: city.alliance_users[a.pk] for a in city.alliances}
        self.sources = {value: str(label) for value, label in Need.Source.choices}
        self.rejections = {value: str(label) for value, label in Need.RejectionKind.choices}
        self.satisfactions = {value: str(label) for value, label in Need.Satisfaction.choices}
        self.categories, self.category_weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())

    # Time -----------------------------------------------------------------------------------------------------

    def fmt(self, day: date) -> str:
        if day not in self.dates:
            self.dates[day] = date_format(day)
        return self.dates[day]

    def at(self, day: date) -> datetime:
        minutes = 480 + int(self.rng.random() * 600)  # 08:00 to 17:59
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.tz)

    def step(self, timeline: Timeline, low: int, high: int) -> tuple[datetime, date]:
        """The next moment, ``low`` to ``high`` days on, in working hours; Stop if it is not yet."""
        day = timeline.now.date() + timedelta(days=low + int(self.rng.random() * (high - low + 1)))
        moment = max(self.at(day), timeline.now + timedelta(minutes=5))
        if moment >= self.now:
            raise Stop
        timeline.now = moment
        return moment, moment.date()

    # The need ---------------------------------------------------------------------------------------------------

    def target_for(self, submitted: date) -> str:
        age = (self.city.today - submitted).days
        weights = next(table for limit, table in WEIGHTS_BY_AGE if age <= limit)
        return self.rng.choices(list(weights), list(weights.values()))[0]

    def play(self, enterprise, submitted_at: datetime, target: str) -> Timeline:
        rng = self.rng
        category = rng.choices(self.categories, self.category_weights)[0]
        title = rng.choice(TITLES[category])
        contact = enterprise.contact_id
        dispatcher = (self.committee_user[enterprise.park_id] if enterprise.park_id and rng.random() < 0.5
                      else self.alliance_user[enterprise.chain_ids[0]])
        source = Need.Source.FORM if contact and rng.random() < 0.9 else rng.choice([Need.Source.VISIT,
                                                                                    Need.Source.MEETING])
        need = Need(enterprise_id=enterprise.pk, county_id=enterprise.county_id, park_id=enterprise.park_id,
                    category=category, title=title, description=f"{title}：企业反映相关问题，希望联盟和相关部门帮助协调解决。",
                    amount_requested=Decimal(rng.randrange(10, 500, 5)) if category == "funding" else None,
                    workers_requested=rng.randrange(10, 150, 5) if category == "labour" else None,
                    urgency=rng.choice(["normal", "normal", "normal", "urgent", "critical"]), source=source,
                    submitted_by_id=contact if source == Need.Source.FORM else dispatcher, submitted_at=submitted_at,
                    status_changed_at=submitted_at, status=S.SUBMITTED, deadline_basis={})
        timeline = Timeline(need, Scheduler(need, self.calendar, self.rules[category]), submitted_at,
                            enterprise.chain_ids)
        timeline.scheduler.add("accept_due", submitted_at.date(), timeline.scheduler.rules.accept_days)
        timeline.scheduler.finish()
        timeline.record(K.SUBMIT, need.submitted_by_id, submitted_at, "", self.sources[source])
        cast = (contact, dispatcher, self.department_for(enterprise))
        try:
            self.advance(timeline, target, cast)
        except Stop:
            pass
        return timeline

    def department_for(self, enterprise) -> int:
        county = self.county_departments.get(enterprise.county_id)
        if county and self.rng.random() < 0.2:
            return self.rng.choice(county)
        return self.lead_of[enterprise.chain_ids[0]]

    def advance(self, t: Timeline, target: str, cast) -> None:
        contact, dispatcher, department = cast
        rng = self.rng
        if target == S.SUBMITTED:
            return
        if target == S.REJECTED:
            return self.reject(t, dispatcher)
        self.accept(t, dispatcher)
        if target == S.ACCEPTED:
            return
        if target == S.WITHDRAWN:
            return self.withdraw(t, contact)
        self.assign(t, dispatcher, department)
        if rng.random() < 0.1:  # the department returns the task once; the dispatcher assigns it again
            self.give_back(t, department)
            self.assign(t, dispatcher, department)
        if target == S.ASSIGNED:
            return
        self.work(t, target, dispatcher, department)
        if target in (S.IN_PROGRESS, S.DEFERRED):
            return
        self.resolve(t, department)
        if target == S.RESOLVED:
            return
        if target == S.REOPENED or rng.random() < 0.08:
            self.feedback(t, contact, "unsatisfied")
            if target == S.REOPENED:
                return
            self.assign(t, dispatcher, department)
            self.work(t, S.CLOSED, dispatcher, department)
            self.resolve(t, department)
        ending = rng.random()
        if ending < 0.75 and contact:
            self.feedback(t, contact, rng.choice(["satisfied", "satisfied", "satisfied", "basically_satisfied"]))
        elif ending < 0.9:
            self.close(t, dispatcher)
        else:
            self.auto_close(t)

    # Transitions: each mirrors its function in services/actions.py ------------------------------------------------

    def accept(self, t: Timeline, actor) -> None:
        at, _day = self.step(t, 0, 2 if self.rng.random() < 0.95 else 6)
        t.need.status, t.need.accepted_at = S.ACCEPTED, at
        t.record(K.ACCEPT, actor, at, S.SUBMITTED)

    def reject(self, t: Timeline, actor) -> None:
        at, _day = self.step(t, 0, 2)
        need = t.need
        need.status, need.rejection_kind = S.REJECTED, self.rng.choice(list(self.rejections))
        need.rejection_reason, need.closed_at = "该事项不属于联盟协调范围，已告知企业通过12345热线反映。", at
        t.record(K.REJECT, actor, at, S.SUBMITTED, f"{self.rejections[need.rejection_kind]}：{need.rejection_reason}")

    def withdraw(self, t: Timeline, actor) -> None:
        at, _day = self.step(t, 1, 10)
        before = t.need.status
        t.need.status, t.need.closed_at = S.WITHDRAWN, at
        t.scheduler.finish()
        t.record(K.WITHDRAW, actor, at, before, "企业已自行解决。")

    def assign(self, t: Timeline, actor, department: int) -> None:
        at, day = self.step(t, 0, 1 if self.rng.random() < 0.9 else 4)
        need, scheduler = t.need, t.scheduler
        rules = scheduler.rules
        before = need.status
        t.end_round()
        round_number = max((row["round"] for row in t.assignments), default=0) + 1
        need.status = S.ASSIGNED
        scheduler.add("sign_due", day, rules.sign_days)
        if need.first_replied_at is None:
            scheduler.add("first_reply_due", day, rules.first_reply_days)
        scheduler.add("due_date", day, rules.due_days)
        scheduler.clear("deferred_until")
        scheduler.refresh_escalation()
        scheduler.finish()
        person = self.rng.choice(PEOPLE)
        common = dict(round=round_number, plan=PLAN, due_date=need.due_date, sign_due=need.sign_due,
                      assigned_by_id=actor, assigned_at=at, is_current=True, signed_at=None, signed_by_id=None,
                      returned_at=None, returned_by_id=None, return_reason="")
        t.assignments.append(dict(common, department_id=department, is_lead=True, responsible_person=person,
                                  responsible_phone=f"0527-8{self.rng.randint(1_000_000, 9_999_999)}"))
        co = [d for d in self.city_departments if d != department]
        names = ""
        if co and self.rng.random() < 0.2:
            partner = self.rng.choice(co)
            t.assignments.append(dict(common, department_id=partner, is_lead=False, responsible_person="",
                                      responsible_phone=""))
            names = self.department_names[partner]
        note = _("Leading: %(lead)s (%(person)s); due %(due)s.") % {
            "lead": self.department_names[department], "person": person, "due": self.fmt(need.due_date)}
        if names:
            note += " " + _("With: %(names)s.") % {"names": names}
        t.record(K.ASSIGN, actor, at, before, f"{note}\n{PLAN}")

    def give_back(self, t: Timeline, department: int) -> None:
        """``return_need`` by the leading department (退单)."""
        at, day = self.step(t, 0, 2)
        need, scheduler = t.need, t.scheduler
        lead = next(row for row in t.current() if row["is_lead"])
        reason = "需由牵头部门重新确认职责。"
        lead.update(returned_at=at, returned_by_id=self.city.staff_of.get(department), return_reason=reason,
                    is_current=False)
        before = need.status
        t.end_round()
        need.status = S.ACCEPTED
        scheduler.clear("sign_due", "due_date", "deferred_until")
        if need.first_replied_at is None:
            scheduler.clear("first_reply_due")
        scheduler.add("accept_due", day, scheduler.rules.accept_days)
        scheduler.refresh_escalation()
        scheduler.finish()
        t.record(K.RETURN, self.city.staff_of.get(department), at, before,
                 f"{self.department_names[department]}：{reason}")

    def work(self, t: Timeline, target: str, dispatcher, department: int) -> None:
        """Sign, reply, progress; for a need that stays in progress maybe an extension request; maybe defer."""
        rng, staff, need = self.rng, self.city.staff_of.get(department), t.need
        at, _day = self.step(t, 0, 2)
        lead = next(row for row in t.current() if row["is_lead"])
        lead.update(signed_at=at, signed_by_id=staff)
        before = need.status
        need.status = S.IN_PROGRESS
        t.scheduler.finish()
        t.record(K.SIGN, staff, at, before, self.department_names[department])
        at, _day = self.step(t, 0, 4)
        if need.first_replied_at is None:
            need.first_replied_at = at
        t.record(K.REPLY, staff, at, need.status, "已收到任务书，正在研究办理，将及时反馈进展。")
        for _ in range(rng.randint(0, 2)):
            at, _day = self.step(t, 2, 10)
            t.record(K.PROGRESS, staff, at, need.status, rng.choice(PROGRESS))
        if target == S.IN_PROGRESS and rng.random() < 0.4:
            self.extension(t, staff, dispatcher, lead)
        if target == S.DEFERRED:
            self.defer(t, staff)

    def extension(self, t: Timeline, staff, dispatcher, lead: dict) -> None:
        at, day = self.step(t, 1, 6)
        need, scheduler, rng = t.need, t.scheduler, self.rng
        days = rng.randint(5, scheduler.rules.max_extension_days)
        decision_due, _provisional = self.calendar.add(day, scheduler.rules.extension_decision_days)
        reason = "涉及多个部门会签，需延长办理时限。"
        request = dict(assignment=lead, days=days, reason=reason, status="pending", requested_by_id=staff,
                       requested_at=at, decision_due=decision_due, previous_due=need.due_date, new_due=None,
                       decided_by_id=None, decided_at=None, decision_note="")
        t.extensions.append(request)
        t.record(K.REQUEST_EXTENSION, staff, at, need.status,
                 _("%(days)d more working days: %(reason)s") % {"days": days, "reason": reason})
        decision = rng.random()
        if decision >= 0.75:
            return  # still awaiting the decision
        at, day = self.step(t, 0, 1)
        if decision < 0.5:
            scheduler.extend("due_date", days)
            scheduler.refresh_escalation()
            scheduler.finish()
            for row in t.current():
                row["due_date"] = need.due_date
            request.update(status="approved", decided_by_id=dispatcher, decided_at=at, new_due=need.due_date)
            t.record(K.APPROVE_EXTENSION, dispatcher, at, need.status,
                     _("Due date moved from %(old)s to %(new)s.") % {"old": self.fmt(request["previous_due"]),
                                                                       "new": self.fmt(need.due_date)})
        else:
            note = "时限内可以办结，请加快办理。"
            request.update(status="refused", decided_by_id=dispatcher, decided_at=at, decision_note=note)
            t.record(K.REFUSE_EXTENSION, dispatcher, at, need.status, note)

    def defer(self, t: Timeline, staff) -> None:
        at, day = self.step(t, 1, 5)
        need, scheduler = t.need, t.scheduler
        until = day + timedelta(days=self.rng.randint(30, 120))
        need.status = S.DEFERRED
        need.explanation = "受年度指标限制，当前无法立即解决，已向企业说明情况。"
        need.timetable = "待下一批次指标下达后优先安排。"
        scheduler.fix("deferred_until", until)
        scheduler.refresh_escalation()
        scheduler.finish()
        t.record(K.DEFER, staff, at, S.IN_PROGRESS, _("%(explanation)s\nTimetable: %(timetable)s (by %(date)s)") % {
            "explanation": need.explanation, "timetable": need.timetable, "date": self.fmt(until)})

    def resolve(self, t: Timeline, department: int) -> None:
        at, day = self.step(t, 3, 30)
        need, scheduler, rng = t.need, t.scheduler, self.rng
        staff = self.city.staff_of.get(department)
        before = need.status
        need.status, need.outcome, need.resolved_at = S.RESOLVED, rng.choice(OUTCOMES), at
        need.amount_solved = need.workers_provided = None
        figures = []
        if need.category == NeedCategory.FUNDING:
            need.amount_solved = (need.amount_requested * Decimal(rng.choice(["0.6", "0.8", "1"]))).quantize(Decimal("1"))
            figures.append(_("%(amount)s (10,000 yuan) solved") % {"amount": need.amount_solved})
        if need.category == NeedCategory.LABOUR:
            need.workers_provided = int(need.workers_requested * rng.choice([0.5, 0.8, 1]))
            figures.append(_("%(workers)d workers provided") % {"workers": need.workers_provided})
        if need.first_replied_at is None:
            need.first_replied_at = at
        need.resolution_working_days = self.calendar.count(need.submitted_at.astimezone(self.tz).date(), day)
        scheduler.add("feedback_due", day, scheduler.rules.feedback_days)
        scheduler.refresh_escalation()
        scheduler.finish()
        t.record(K.RESOLVE, staff, at, before, "\n".join(part for part in (need.outcome, "；".join(figures)) if part))

    def feedback(self, t: Timeline, contact, satisfaction: str) -> None:
        at, day = self.step(t, 1, 8)
        need, scheduler = t.need, t.scheduler
        reason = "问题仅部分解决，希望继续跟进。" if satisfaction == "unsatisfied" else ""
        t.feedback.append(dict(satisfaction=satisfaction, reason=reason, given_by_id=contact, given_at=at,
                               round=max((row["round"] for row in t.assignments), default=1)))
        need.satisfaction = satisfaction
        if satisfaction == "unsatisfied":
            need.status, need.reopen_count = S.REOPENED, need.reopen_count + 1
            need.resolved_at = need.resolution_working_days = None
            t.end_round()
            scheduler.clear("feedback_due")
            scheduler.add("accept_due", day, scheduler.rules.accept_days)
        else:
            need.status, need.closed_at, need.closed_how = S.CLOSED, at, Need.Closing.FEEDBACK
        scheduler.finish()
        t.record(K.FEEDBACK, contact, at, S.RESOLVED,
                 "：".join(part for part in (self.satisfactions[satisfaction], reason) if part))

    def close(self, t: Timeline, actor) -> None:
        at, _day = self.step(t, 2, 9)
        t.need.status, t.need.closed_at, t.need.closed_how = S.CLOSED, at, Need.Closing.DISPATCHER
        t.scheduler.finish()
        t.record(K.CLOSE, actor, at, S.RESOLVED, "电话回访，企业表示满意。")

    def auto_close(self, t: Timeline) -> None:
        """``auto_close_need`` by the follow-up pass, on the morning after the feedback deadline."""
        at = datetime.combine(t.need.feedback_due + timedelta(days=1), time(2, 0), tzinfo=self.tz)
        if at >= self.now:
            raise Stop
        t.now = at
        t.need.status, t.need.closed_at, t.need.closed_how = S.CLOSED, at, Need.Closing.AUTOMATIC
        t.scheduler.finish()
        t.record(K.CLOSE, None, at, S.RESOLVED, str(Need.Closing.AUTOMATIC.label))


def forced(city: City, player: Player) -> list[Timeline]:
    """One need in each status, started long enough ago to get there (retried further back if it did not)."""
    enterprises = [e for e in city.enterprises if e.contact_id] or city.enterprises
    timelines = []
    for target, days_ago in FORCED:
        for attempt in range(1, 8):
            day = city.today - timedelta(days=days_ago * attempt)
            timeline = player.play(city.rng.choice(enterprises), min(player.at(day), player.now - timedelta(hours=1)),
                                   target)
            if timeline.need.status == target:
                break
        timelines.append(timeline)
    return timelines


def plans(city: City, player: Player, count: int):
    """(enterprise, submitted_at, target) for ``count`` needs, spread over the window, the status drawn by age."""
    rng, enterprises = city.rng, city.enterprises
    with_contact = [e for e in enterprises if e.contact_id] or enterprises
    span = (city.today - city.window_start).days
    drawn = [(rng.randrange(span + 1), rng.choice(with_contact) if rng.random() < 0.9 else rng.choice(enterprises))
             for _ in range(count)]
    # In submission order, as a live table receives them: rows of the same weeks share pages, which is what the
    # period queries of the dashboards meet in production (random order would scatter every quarter's rows).
    drawn.sort(key=lambda pair: pair[0])
    for offset, enterprise in drawn:
        day = city.window_start + timedelta(days=offset)
        yield enterprise, min(player.at(day), player.now - timedelta(hours=1)), player.target_for(day)


NEED_COLUMNS = [field.attname for field in Need._meta.concrete_fields]
CHAIN_COLUMNS = ["need_id", "industrialchain_id"]
EVENT_COLUMNS = ["need_id", "kind", "actor_id", "at", "from_status", "to_status", "note"]
FEEDBACK_COLUMNS = ["need_id", "satisfaction", "reason", "round", "given_by_id", "given_at"]
ASSIGNMENT_COLUMNS = [field.attname for field in Assignment._meta.concrete_fields if field.attname != "id"]
EXTENSION_COLUMNS = [field.attname for field in ExtensionRequest._meta.concrete_fields
                     if field.attname not in ("id", "assignment_id")]
# Tables whose rows need no id of their own (or have it already): formatted by the producer process.
TABLES = [(Need, NEED_COLUMNS, "needs"), (Need.chains.through, CHAIN_COLUMNS, "chains"),
          (NeedEvent, EVENT_COLUMNS, "events"), (Feedback, FEEDBACK_COLUMNS, "feedback")]


def batch_of(timelines: list[Timeline], ids: list[int]) -> dict:
    """The rows of a chunk of played needs, their ids given; task letters keep a local index for the requests."""
    batch = {"count": len(timelines), "needs": [], "chains": [], "events": [], "feedback": [], "assignments": [],
             "extensions": []}
    for timeline, pk in zip(timelines, ids):
        need = timeline.need
        need.pk = pk
        batch["needs"].append([getattr(need, column) for column in NEED_COLUMNS])
        batch["chains"] += [(pk, chain_id) for chain_id in timeline.chain_ids]
        batch["events"] += [(pk, *event) for event in timeline.events]
        batch["feedback"] += [(pk, *[row[column] for column in FEEDBACK_COLUMNS[1:]]) for row in timeline.feedback]
        for row in timeline.assignments:
            row["index"], row["need_id"] = len(batch["assignments"]), pk
            batch["assignments"].append([row[column] for column in ASSIGNMENT_COLUMNS])
        for row in timeline.extensions:
            row["need_id"] = pk
            batch["extensions"].append((row["assignment"]["index"], [row[column] for column in EXTENSION_COLUMNS]))
    return batch


def write(batch: dict) -> None:
    """Insert a chunk's rows: COPY text the producer made, or rows; task letters get their ids here."""
    for model, columns, name in TABLES:
        if isinstance(batch[name], str):
            copy(model, columns, batch[name])
        else:
            bulk_rows(model, columns, batch[name])
    ids = new_ids(Assignment, len(batch["assignments"]))
    bulk_rows(Assignment, ["id", *ASSIGNMENT_COLUMNS], [[pk, *row] for pk, row in zip(ids, batch["assignments"])])
    bulk_rows(ExtensionRequest, ["assignment_id", *EXTENSION_COLUMNS],
              [[ids[index], *row] for index, row in batch["extensions"]])


def chunks(city: City, player: Player, ids: list[int], first: bool = True):
    """Batches of ``CHUNK`` needs, one per id; the first part begins with one need in each status."""
    chunk = forced(city, player) if first else []
    for enterprise, submitted_at, target in plans(city, player, len(ids) - len(chunk)):
        chunk.append(player.play(enterprise, submitted_at, target))
        if len(chunk) >= CHUNK:
            yield batch_of(chunk, ids[:len(chunk)])
            ids, chunk = ids[len(chunk):], []
    if chunk:
        yield batch_of(chunk, ids[:len(chunk)])


def produce(city: City, player: Player, ids: list[int], part: int, seed: float, queue) -> None:
    """In a forked process: play a part of the needs and format their COPY text, while the parent writes."""
    try:
        city.rng.seed(seed)  # the player draws from the city's generator too
        for batch in chunks(city, player, ids, first=part == 0):
            for _model, _columns, name in TABLES:
                batch[name] = copy_text(batch[name])
            queue.put(batch)
        queue.put(None)
    except BaseException:  # the parent raises it: a child's traceback would go unseen
        queue.put(traceback.format_exc())


def build(city: City, progress) -> None:
    """Play and insert the city's needs: on PostgreSQL forked processes play while this one writes."""
    player = Player(city, timezone.now())
    ids = new_ids(Need, city.counts["needs"])
    if connection.vendor != "postgresql":
        for batch in chunks(city, player, ids):
            write(batch)
        return
    parts = max(1, min(4, os.cpu_count() or 1, len(ids) // CHUNK))
    size = -(-len(ids) // parts)
    context = multiprocessing.get_context("fork")
    queue = context.Queue(maxsize=2 * parts)
    producers = [context.Process(target=produce, daemon=True,
                                 args=(city, player, ids[part * size:(part + 1) * size], part, city.rng.random(), queue))
                 for part in range(parts)]
    for producer in producers:
        producer.start()
    written, running = 0, parts
    try:
        while running:
            batch = queue.get()
            if batch is None:
                running -= 1
                continue
            if isinstance(batch, str):
                raise RuntimeError(f"Playing the needs failed:\n{batch}")
            write(batch)
            written += batch["count"]
            progress(f"  {city.name}: {written:,} needs written")
    finally:
        for producer in producers:
            producer.join(timeout=5)
            if producer.is_alive():
                producer.terminate()
