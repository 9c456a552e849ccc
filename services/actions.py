"""The need workflow of DESIGN.md: one function per transition, the only way a need changes status.

submitted ─accept─▶ accepted ─assign─▶ assigned ─sign─▶ in_progress ─resolve─▶ resolved ─feedback─▶ closed
(reject from submitted; withdraw while open; return by the assignee back to the dispatcher; reply, progress,
extension requests while in progress; explain and defer ⇄ resume; unsatisfied feedback ⇒ reopened ─assign─▶ …)

Each function is atomic, takes the acting user as a keyword, checks the user's role and the need's
status first, and writes a ``NeedEvent``. A refused transition raises ``TransitionRefused`` (a
``ValidationError`` with a message for the user) and changes nothing; bad input raises a
``ValidationError`` keyed by field. Pages, API actions, admin, commands and tasks all call these.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Max, Value, When
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import get_change_reason_from_object

from chainparty.access import Scope, scope_for
from chainparty.inserts import insert_rows
from chainparty.models import Region
from chainparty.uploads import DocumentValidator

from .deadlines import Scheduler
from .models import (Assignment, CategoryDeadlines, ExtensionRequest, Feedback, Need, NeedAttachment, NeedCategory,
                     NeedEvent, NeedStatus)
from .querysets import alliance_chain_ids
from .workdays import WorkingCalendar

S = NeedStatus
OPEN = tuple(Need.OPEN_STATUSES)

# Who may act on a need (computed by ``roles_for``); an administrator may do anything a role may.
ROLE_LABELS = {
    "contact": gettext_lazy("the enterprise's contact"),
    "dispatcher": gettext_lazy("the alliance of the need's chain or the committee of its park"),
    "assignee": gettext_lazy("an assigned department"),
    "lead": gettext_lazy("the leading department"),
}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str  # lazily translated verb, shown on buttons and in messages
    sources: tuple[str, ...]
    roles: tuple[str, ...]


TRANSITIONS: dict[str, Transition] = {t.name: t for t in [
    Transition("accept", gettext_lazy("accept"), (S.SUBMITTED,), ("dispatcher",)),
    Transition("reject", gettext_lazy("reject"), (S.SUBMITTED,), ("dispatcher",)),
    Transition("withdraw", gettext_lazy("withdraw"), OPEN, ("contact",)),
    Transition("assign", gettext_lazy("assign"), (S.ACCEPTED, S.REOPENED), ("dispatcher",)),
    Transition("sign", gettext_lazy("sign for"), (S.ASSIGNED, S.IN_PROGRESS), ("assignee",)),
    Transition("return", gettext_lazy("return"), (S.ASSIGNED, S.IN_PROGRESS), ("assignee",)),
    Transition("reply", gettext_lazy("reply to the enterprise"), (S.IN_PROGRESS, S.DEFERRED), ("lead",)),
    Transition("progress", gettext_lazy("add progress"), (S.IN_PROGRESS, S.DEFERRED), ("assignee",)),
    Transition("defer", gettext_lazy("explain and defer"), (S.IN_PROGRESS,), ("lead",)),
    Transition("resume", gettext_lazy("resume"), (S.DEFERRED,), ("lead",)),
    Transition("request_extension", gettext_lazy("request an extension"), (S.IN_PROGRESS,), ("lead",)),
    Transition("approve_extension", gettext_lazy("approve the extension"), (S.IN_PROGRESS, S.DEFERRED),
               ("dispatcher",)),
    Transition("refuse_extension", gettext_lazy("refuse the extension"), (S.IN_PROGRESS, S.DEFERRED),
               ("dispatcher",)),
    Transition("resolve", gettext_lazy("resolve"), (S.IN_PROGRESS, S.DEFERRED), ("lead",)),
    Transition("feedback", gettext_lazy("give feedback"), (S.RESOLVED,), ("contact",)),
    Transition("close", gettext_lazy("close"), (S.RESOLVED,), ("dispatcher",)),
]}


class TransitionRefused(ValidationError):
    """This user may not make this transition, or not from the need's present status. Nothing changed."""


# Roles ---------------------------------------------------------------------------------------------------------

def is_dispatcher(scope: Scope, need: Need) -> bool:
    if scope.park_ids and need.park_id in scope.park_ids:
        return True
    return bool(scope.alliance_ids) and Need.chains.through.objects.filter(
        need_id=need.pk, industrialchain_id__in=alliance_chain_ids(scope)).exists()


def roles_for(scope: Scope, need: Need) -> set[str]:
    """The roles ``scope`` holds on ``need``: contact, dispatcher, assignee, lead (and admin)."""
    roles = set()
    if scope.is_superuser:
        roles.add("admin")
    if need.enterprise_id in scope.enterprise_ids:
        roles.add("contact")
    if is_dispatcher(scope, need):
        roles.add("dispatcher")
    if scope.department_ids:
        for is_lead in Assignment.objects.current().filter(need=need, department_id__in=scope.department_ids) \
                .values_list("is_lead", flat=True):
            roles.add("assignee")
            if is_lead:
                roles.add("lead")
    return roles


def _check(transition: Transition, need: Need, roles: set[str]) -> None:
    if "admin" not in roles and not roles.intersection(transition.roles):
        who = "、".join(str(ROLE_LABELS[role]) for role in transition.roles)
        raise TransitionRefused(_("Only %(who)s may %(action)s this need.") % {"who": who,
                                                                              "action": transition.label},
                                code="role")
    if need.status not in transition.sources:
        raise TransitionRefused(_("This need is “%(status)s”: “%(action)s” is not possible now.") % {
            "status": need.get_status_display(), "action": transition.label}, code="state")


def allowed_transitions(need: Need, scope: Scope) -> list[str]:
    """Names of the transitions ``scope`` may make on ``need`` now (for buttons; the actions check again)."""
    roles = roles_for(scope, need)
    names = []
    for transition in TRANSITIONS.values():
        try:
            _check(transition, need, roles)
        except TransitionRefused:
            continue
        names.append(transition.name)
    mine = Assignment.objects.current().filter(need=need)
    if "admin" not in roles:
        mine = mine.filter(department_id__in=scope.department_ids)
    unsigned, signed = mine.filter(signed_at__isnull=True).exists(), mine.filter(signed_at__isnull=False).exists()
    pending = need.extension_requests.pending().exists()
    skip = set()
    if not unsigned:
        skip |= {"sign", "return"}
    if not signed:
        skip.add("progress")
    if not pending:
        skip |= {"approve_extension", "refuse_extension"}
    else:
        skip.add("request_extension")
    return [name for name in names if name not in skip]


# Plumbing ------------------------------------------------------------------------------------------------------

def _begin(need: Need, name: str, acting_user) -> tuple[Need, Scope, set[str]]:
    """Lock the need's row, then check role and status against the locked (fresh) row."""
    scope = scope_for(acting_user)
    locked = Need.objects.select_for_update().get(pk=need.pk)
    roles = roles_for(scope, locked)
    _check(TRANSITIONS[name], locked, roles)
    return locked, scope, roles


def _now(at: datetime | None) -> tuple[datetime, date]:
    at = at or timezone.now()
    return at, timezone.localdate(at)


def _required(**values) -> None:
    errors = {field: _("This field is required.") for field, value in values.items() if not str(value or "").strip()}
    if errors:
        raise ValidationError(errors)


def _record(need: Need, kind: str, *, actor, at: datetime, from_status: str, note: str = "",
            fields: tuple[str, ...] = ()) -> NeedEvent:
    """Save the need (with history by ``actor``) and write the timeline event."""
    if need.status != from_status:
        need.status_changed_at = at
    need._history_user = actor
    need.save()
    return NeedEvent.objects.create(need=need, kind=kind, actor=actor, at=at, from_status=from_status,
                                    to_status=need.status, note=note)


def _done(original: Need, updated: Need) -> Need:
    """The caller's instance made what the action's locked row has just been saved as, without reading it back
    (the API then reads the need with its detail anyway): every field, and no related object cached before."""
    if original is not updated:
        for field in Need._meta.concrete_fields:
            setattr(original, field.attname, getattr(updated, field.attname))
        original._state.fields_cache.clear()
        original.__dict__.pop("_prefetched_objects_cache", None)
    return updated


def _cancel_pending_extensions(need: Need, at: datetime) -> None:
    need.extension_requests.pending().update(status=ExtensionRequest.Status.CANCELLED, decided_at=at)


def _end_round(need: Need) -> None:
    need.assignments.filter(is_current=True).update(is_current=False)


def _pick_unsigned(need: Need, scope: Scope, roles: set[str], department) -> list[Assignment]:
    candidates = Assignment.objects.current().filter(need=need, signed_at__isnull=True).select_related("department") \
        .order_by("-is_lead", "pk")
    if department is not None:
        candidates = candidates.filter(department=department)
    if "admin" in roles:
        if department is None:
            mine = [a for a in candidates if a.department_id in scope.department_ids]
            return mine or list(candidates[:1])
        return list(candidates)
    return [a for a in candidates if a.department_id in scope.department_ids]


# Transitions ---------------------------------------------------------------------------------------------------

@transaction.atomic
def submit_need(*, acting_user, enterprise, category: str, title: str, description: str,
                amount_requested: Decimal | None = None, workers_requested: int | None = None,
                urgency: str = Need.Urgency.NORMAL, source: str = Need.Source.FORM, attachments=(),
                at: datetime | None = None, meeting_issue=None, visit=None) -> Need:
    """An enterprise contact raises a need; an alliance or committee may record one raised in a meeting or visit."""
    at, day = _now(at)
    scope = scope_for(acting_user)
    may = scope.is_superuser or enterprise.pk in scope.enterprise_ids
    if not may and source != Need.Source.FORM:
        may = enterprise.park_id in scope.park_ids or enterprise.chains.filter(
            pk__in=alliance_chain_ids(scope)).exists()
    if not may:
        raise TransitionRefused(_("Only a contact of the enterprise may submit a need on its behalf."), code="role")
    need = Need(enterprise=enterprise, county_id=enterprise.county_id, park_id=enterprise.park_id, category=category,
                title=(title or "").strip(), description=(description or "").strip(),
                amount_requested=amount_requested, workers_requested=workers_requested, urgency=urgency,
                source=source, submitted_by=acting_user, submitted_at=at, status_changed_at=at,
                meeting_issue=meeting_issue, visit=visit)
    need.full_clean(exclude=["county", "park", "submitted_by"])  # copied from rows just read: they exist
    errors = []
    for upload in attachments:
        try:
            DocumentValidator()(upload)
        except ValidationError as error:
            errors.extend(f"{upload.name}: {message}" for message in error.messages)
    if errors:
        raise ValidationError({"attachments": errors})
    scheduler = Scheduler(need)
    scheduler.add("accept_due", day, scheduler.rules.accept_days)
    scheduler.finish()
    need._history_user = acting_user
    need.save()
    chain_ids = list(enterprise.chains.order_by().values_list("pk", flat=True))
    need.chains.set(chain_ids)
    for upload in attachments:
        NeedAttachment.objects.create(need=need, file=upload, name=upload.name[:200], uploaded_by=acting_user,
                                      uploaded_at=at)
    NeedEvent.objects.create(need=need, kind=NeedEvent.Kind.SUBMIT, actor=acting_user, at=at, from_status="",
                             to_status=need.status, note=need.get_source_display())
    from .followups import notify_submitted  # the dispatchers' bell, written now, e-mailed after commit

    notify_submitted(need, chain_ids)
    return need


@transaction.atomic
def accept_need(need: Need, *, acting_user, note: str = "", at: datetime | None = None) -> Need:
    locked, scope, roles = _begin(need, "accept", acting_user)
    at, day = _now(at)
    locked.status, locked.accepted_at = S.ACCEPTED, at
    _record(locked, NeedEvent.Kind.ACCEPT, actor=acting_user, at=at, from_status=S.SUBMITTED, note=note)
    return _done(need, locked)


@transaction.atomic
def reject_need(need: Need, *, acting_user, kind: str, reason: str, duplicate_of: Need | None = None,
                at: datetime | None = None) -> Need:
    """Not accepted (不予受理): a duplicate or out of scope, with the reason the enterprise will read."""
    locked, scope, roles = _begin(need, "reject", acting_user)
    _required(reason=reason, kind=kind)
    if kind not in Need.RejectionKind.values:
        raise ValidationError({"kind": _("Choose why the need is rejected.")})
    if duplicate_of is not None and duplicate_of.pk == locked.pk:
        raise ValidationError({"duplicate_of": _("A need cannot duplicate itself.")})
    at, day = _now(at)
    locked.status, locked.rejection_kind, locked.rejection_reason = S.REJECTED, kind, reason.strip()
    locked.duplicate_of = duplicate_of if kind == Need.RejectionKind.DUPLICATE else None
    locked.closed_at = at
    _record(locked, NeedEvent.Kind.REJECT, actor=acting_user, at=at, from_status=S.SUBMITTED,
            note=f"{locked.get_rejection_kind_display()}：{locked.rejection_reason}")
    return _done(need, locked)


@transaction.atomic
def withdraw_need(need: Need, *, acting_user, reason: str = "", at: datetime | None = None) -> Need:
    locked, scope, roles = _begin(need, "withdraw", acting_user)
    at, day = _now(at)
    before = locked.status
    locked.status, locked.closed_at = S.WITHDRAWN, at
    _cancel_pending_extensions(locked, at)
    Scheduler(locked).finish()
    _record(locked, NeedEvent.Kind.WITHDRAW, actor=acting_user, at=at, from_status=before, note=reason.strip())
    return _done(need, locked)


@transaction.atomic
def assign_need(need: Need, *, acting_user, lead_department, responsible_person: str, plan: str,
                due_date: date | None = None, co_departments=(), responsible_phone: str = "",
                at: datetime | None = None) -> Need:
    """Dispatch (派单): a task letter to the leading department and any co-operating ones, with a due date."""
    locked, scope, roles = _begin(need, "assign", acting_user)
    _required(lead_department=lead_department, responsible_person=responsible_person, plan=plan)
    at, day = _now(at)
    co_departments = [d for d in co_departments if d is not None]
    errors = {}
    if any(d.pk == lead_department.pk for d in co_departments):
        errors["co_departments"] = _("The leading department cannot also be a co-operating one.")
    allowed_regions = Region.ancestor_ids(locked.county_id)
    if any(d.region_id not in allowed_regions for d in [lead_department, *co_departments]):
        errors["lead_department" if lead_department.region_id not in allowed_regions else "co_departments"] = _(
            "Assign departments of the enterprise's county, city or province.")
    scheduler = Scheduler(locked)
    rules = scheduler.rules
    longest, _provisional = scheduler.calendar.add(day, rules.due_days)
    if due_date is not None and due_date <= day:
        errors["due_date"] = _("The due date must lie after today.")
    elif due_date is not None and due_date > longest:
        errors["due_date"] = _("The due date may be at most %(days)d working days away (%(date)s); "
                               "a later one needs an approved extension.") % {"days": rules.due_days,
                                                                             "date": date_format(longest)}
    if errors:
        raise ValidationError(errors)
    before = locked.status
    _end_round(locked)
    round_number = (locked.assignments.aggregate(last=Max("round"))["last"] or 0) + 1
    locked.status = S.ASSIGNED
    scheduler.add("sign_due", day, rules.sign_days)
    if locked.first_replied_at is None:
        scheduler.add("first_reply_due", day, rules.first_reply_days)
    if due_date is None:
        scheduler.add("due_date", day, rules.due_days)
    else:
        scheduler.fix("due_date", due_date)
    scheduler.clear("deferred_until")
    scheduler.refresh_escalation()
    scheduler.finish()
    common = dict(need=locked, round=round_number, plan=plan.strip(), due_date=locked.due_date,
                  sign_due=locked.sign_due, assigned_by=acting_user, assigned_at=at)
    Assignment.objects.create(department=lead_department, is_lead=True, responsible_person=responsible_person.strip(),
                              responsible_phone=responsible_phone.strip(), **common)
    for department in co_departments:
        Assignment.objects.create(department=department, is_lead=False, **common)
    names = "、".join(str(d) for d in co_departments)
    note = _("Leading: %(lead)s (%(person)s); due %(due)s.") % {
        "lead": lead_department, "person": responsible_person.strip(), "due": date_format(locked.due_date)}
    if names:
        note += " " + _("With: %(names)s.") % {"names": names}
    _record(locked, NeedEvent.Kind.ASSIGN, actor=acting_user, at=at, from_status=before,
            note=f"{note}\n{plan.strip()}")
    return _done(need, locked)


@transaction.atomic
def sign_need(need: Need, *, acting_user, department=None, note: str = "", at: datetime | None = None) -> Need:
    """The assigned department signs for its task (签收); the leading department's signature starts the work."""
    locked, scope, roles = _begin(need, "sign", acting_user)
    tasks = _pick_unsigned(locked, scope, roles, department)
    if not tasks:
        raise TransitionRefused(_("No task of your department awaits a signature on this need."), code="state")
    at, day = _now(at)
    before = locked.status
    Assignment.objects.filter(pk__in=[t.pk for t in tasks]).update(signed_at=at, signed_by=acting_user)
    if any(t.is_lead for t in tasks) and locked.status == S.ASSIGNED:
        locked.status = S.IN_PROGRESS
        Scheduler(locked).finish()
    names = "、".join(str(t.department) for t in tasks)
    _record(locked, NeedEvent.Kind.SIGN, actor=acting_user, at=at, from_status=before,
            note="\n".join(part for part in (names, note.strip()) if part))
    return _done(need, locked)


@transaction.atomic
def return_need(need: Need, *, acting_user, reason: str, department=None, at: datetime | None = None) -> Need:
    """The department returns a task it has not signed for (退单), with a reason; the leading one's goes back
    to the dispatcher, who assigns again."""
    locked, scope, roles = _begin(need, "return", acting_user)
    _required(reason=reason)
    tasks = _pick_unsigned(locked, scope, roles, department)
    if not tasks:
        raise TransitionRefused(_("No task of your department awaits a signature on this need."), code="state")
    task = tasks[0]
    at, day = _now(at)
    before = locked.status
    Assignment.objects.filter(pk=task.pk).update(returned_at=at, returned_by=acting_user,
                                                 return_reason=reason.strip(), is_current=False)
    if task.is_lead:
        _end_round(locked)
        _cancel_pending_extensions(locked, at)
        locked.status = S.ACCEPTED
        scheduler = Scheduler(locked)
        scheduler.clear("sign_due", "due_date", "deferred_until")
        if locked.first_replied_at is None:
            scheduler.clear("first_reply_due")
        scheduler.add("accept_due", day, scheduler.rules.accept_days)
        scheduler.refresh_escalation()
        scheduler.finish()
    _record(locked, NeedEvent.Kind.RETURN, actor=acting_user, at=at, from_status=before,
            note=f"{task.department}：{reason.strip()}")
    return _done(need, locked)


@transaction.atomic
def reply_need(need: Need, *, acting_user, note: str, at: datetime | None = None) -> Need:
    """A reply to the enterprise (答复); the first one meets the first-reply deadline."""
    locked, scope, roles = _begin(need, "reply", acting_user)
    _required(note=note)
    at, day = _now(at)
    if locked.first_replied_at is None:
        locked.first_replied_at = at
    _record(locked, NeedEvent.Kind.REPLY, actor=acting_user, at=at, from_status=locked.status, note=note.strip())
    return _done(need, locked)


@transaction.atomic
def add_progress(need: Need, *, acting_user, note: str, at: datetime | None = None) -> Need:
    locked, scope, roles = _begin(need, "progress", acting_user)
    _required(note=note)
    if "admin" not in roles and not Assignment.objects.current().filter(
            need=locked, department_id__in=scope.department_ids, signed_at__isnull=False).exists():
        raise TransitionRefused(_("Sign for the task before reporting progress."), code="state")
    at, day = _now(at)
    _record(locked, NeedEvent.Kind.PROGRESS, actor=acting_user, at=at, from_status=locked.status, note=note.strip())
    return _done(need, locked)


@transaction.atomic
def defer_need(need: Need, *, acting_user, explanation: str, timetable: str, deferred_until: date,
               at: datetime | None = None) -> Need:
    """Cannot be solved now: explain it to the enterprise and set a timetable (排定时间表)."""
    locked, scope, roles = _begin(need, "defer", acting_user)
    _required(explanation=explanation, timetable=timetable, deferred_until=deferred_until)
    at, day = _now(at)
    if deferred_until <= day:
        raise ValidationError({"deferred_until": _("The timetable's date must lie after today.")})
    locked.status, locked.explanation, locked.timetable = S.DEFERRED, explanation.strip(), timetable.strip()
    scheduler = Scheduler(locked)
    scheduler.fix("deferred_until", deferred_until)
    scheduler.refresh_escalation()
    scheduler.finish()
    _record(locked, NeedEvent.Kind.DEFER, actor=acting_user, at=at, from_status=S.IN_PROGRESS,
            note=_("%(explanation)s\nTimetable: %(timetable)s (by %(date)s)") % {
                "explanation": locked.explanation, "timetable": locked.timetable, "date": date_format(deferred_until)})
    return _done(need, locked)


@transaction.atomic
def resume_need(need: Need, *, acting_user, note: str = "", at: datetime | None = None) -> Need:
    locked, scope, roles = _begin(need, "resume", acting_user)
    at, day = _now(at)
    locked.status = S.IN_PROGRESS
    scheduler = Scheduler(locked)
    scheduler.clear("deferred_until")
    scheduler.refresh_escalation()
    scheduler.finish()
    _record(locked, NeedEvent.Kind.RESUME, actor=acting_user, at=at, from_status=S.DEFERRED, note=note.strip())
    return _done(need, locked)


@transaction.atomic
def request_extension(need: Need, *, acting_user, days: int, reason: str,
                      at: datetime | None = None) -> ExtensionRequest:
    """The leading department asks for more working days (延期申请); the alliance or committee decides."""
    locked, scope, roles = _begin(need, "request_extension", acting_user)
    _required(reason=reason, days=days)
    scheduler = Scheduler(locked)
    longest = scheduler.rules.max_extension_days
    if not 1 <= int(days) <= longest:
        raise ValidationError({"days": _("An extension adds between 1 and %(days)d working days.") % {"days": longest}})
    if locked.extension_requests.pending().exists():
        raise TransitionRefused(_("An extension request for this need already awaits a decision."), code="state")
    at, day = _now(at)
    decision_due, _provisional = scheduler.calendar.add(day, scheduler.rules.extension_decision_days)
    extension = ExtensionRequest.objects.create(
        need=locked, assignment=Assignment.objects.current().filter(need=locked, is_lead=True).first(),
        days=int(days), reason=reason.strip(), requested_by=acting_user, requested_at=at, decision_due=decision_due,
        previous_due=locked.due_date)
    _record(locked, NeedEvent.Kind.REQUEST_EXTENSION, actor=acting_user, at=at, from_status=locked.status,
            note=_("%(days)d more working days: %(reason)s") % {"days": extension.days, "reason": extension.reason})
    _done(need, locked)
    return extension


def _begin_decision(extension: ExtensionRequest, name: str, acting_user):
    locked, scope, roles = _begin(extension.need, name, acting_user)
    extension = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    if extension.status != ExtensionRequest.Status.PENDING:
        raise TransitionRefused(_("This extension request has already been decided."), code="state")
    return locked, extension


@transaction.atomic
def approve_extension(extension: ExtensionRequest, *, acting_user, note: str = "",
                      at: datetime | None = None) -> ExtensionRequest:
    locked, extension = _begin_decision(extension, "approve_extension", acting_user)
    at, day = _now(at)
    scheduler = Scheduler(locked)
    scheduler.extend("due_date", extension.days)
    scheduler.refresh_escalation()
    scheduler.finish()
    Assignment.objects.filter(need=locked, is_current=True).update(due_date=locked.due_date)
    extension.status, extension.decided_by, extension.decided_at = ExtensionRequest.Status.APPROVED, acting_user, at
    extension.decision_note, extension.new_due = note.strip(), locked.due_date
    extension.save()
    _record(locked, NeedEvent.Kind.APPROVE_EXTENSION, actor=acting_user, at=at, from_status=locked.status,
            note=_("Due date moved from %(old)s to %(new)s.") % {
                "old": date_format(extension.previous_due) if extension.previous_due else "—",
                "new": date_format(locked.due_date)} + (f"\n{note.strip()}" if note.strip() else ""))
    return extension


@transaction.atomic
def refuse_extension(extension: ExtensionRequest, *, acting_user, reason: str,
                     at: datetime | None = None) -> ExtensionRequest:
    locked, extension = _begin_decision(extension, "refuse_extension", acting_user)
    _required(reason=reason)
    at, day = _now(at)
    extension.status, extension.decided_by, extension.decided_at = ExtensionRequest.Status.REFUSED, acting_user, at
    extension.decision_note = reason.strip()
    extension.save()
    _record(locked, NeedEvent.Kind.REFUSE_EXTENSION, actor=acting_user, at=at, from_status=locked.status,
            note=reason.strip())
    return extension


@transaction.atomic
def resolve_need(need: Need, *, acting_user, outcome: str, amount_solved: Decimal | None = None,
                 workers_provided: int | None = None, at: datetime | None = None) -> Need:
    """Done (办结): the outcome and, for funding, the amount solved, for labour the workers provided."""
    locked, scope, roles = _begin(need, "resolve", acting_user)
    _required(outcome=outcome)
    errors = {}
    if locked.category == NeedCategory.FUNDING and amount_solved is None:
        errors["amount_solved"] = _("Give the amount solved for a funding need (0 if none).")
    if locked.category == NeedCategory.LABOUR and workers_provided is None:
        errors["workers_provided"] = _("Give the number of workers provided for a labour need (0 if none).")
    if amount_solved is not None and amount_solved < 0:
        errors["amount_solved"] = _("An amount cannot be negative.")
    if errors:
        raise ValidationError(errors)
    at, day = _now(at)
    before = locked.status
    scheduler = Scheduler(locked)
    locked.status, locked.outcome, locked.resolved_at = S.RESOLVED, outcome.strip(), at
    locked.amount_solved, locked.workers_provided = amount_solved, workers_provided
    if locked.first_replied_at is None:
        locked.first_replied_at = at
    locked.resolution_working_days = scheduler.calendar.count(timezone.localdate(locked.submitted_at), day)
    scheduler.add("feedback_due", day, scheduler.rules.feedback_days)
    scheduler.refresh_escalation()
    scheduler.finish()
    _cancel_pending_extensions(locked, at)
    figures = []
    if amount_solved is not None:
        figures.append(_("%(amount)s (10,000 yuan) solved") % {"amount": amount_solved})
    if workers_provided is not None:
        figures.append(_("%(workers)d workers provided") % {"workers": workers_provided})
    _record(locked, NeedEvent.Kind.RESOLVE, actor=acting_user, at=at, from_status=before,
            note="\n".join(part for part in (locked.outcome, "；".join(figures)) if part))
    return _done(need, locked)


@transaction.atomic
def give_feedback(need: Need, *, acting_user, satisfaction: str, reason: str = "",
                  at: datetime | None = None) -> Feedback:
    """The enterprise evaluates the resolution (回访); unsatisfied feedback reopens the need (重办)."""
    locked, scope, roles = _begin(need, "feedback", acting_user)
    if satisfaction not in Need.Satisfaction.values:
        raise ValidationError({"satisfaction": _("Choose how satisfied the enterprise is.")})
    if satisfaction == Need.Satisfaction.UNSATISFIED and not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the enterprise is not satisfied, so the need can be handled again.")})
    at, day = _now(at)
    round_number = locked.assignments.aggregate(last=Max("round"))["last"] or 1
    feedback = Feedback.objects.create(need=locked, satisfaction=satisfaction, reason=(reason or "").strip(),
                                       round=round_number, given_by=acting_user, given_at=at)
    locked.satisfaction = satisfaction
    scheduler = Scheduler(locked)
    if satisfaction == Need.Satisfaction.UNSATISFIED:
        locked.status, locked.reopen_count = S.REOPENED, locked.reopen_count + 1
        locked.resolved_at = locked.resolution_working_days = None
        _end_round(locked)
        scheduler.clear("feedback_due")
        scheduler.add("accept_due", day, scheduler.rules.accept_days)
    else:
        locked.status, locked.closed_at, locked.closed_how = S.CLOSED, at, Need.Closing.FEEDBACK
    scheduler.finish()
    _record(locked, NeedEvent.Kind.FEEDBACK, actor=acting_user, at=at, from_status=S.RESOLVED,
            note="：".join(part for part in (feedback.get_satisfaction_display(), feedback.reason) if part))
    _done(need, locked)
    return feedback


@transaction.atomic
def close_need(need: Need, *, acting_user, note: str = "", at: datetime | None = None) -> Need:
    """The alliance or committee closes a resolved need (e.g. after a feedback call)."""
    locked, scope, roles = _begin(need, "close", acting_user)
    at, day = _now(at)
    locked.status, locked.closed_at, locked.closed_how = S.CLOSED, at, Need.Closing.DISPATCHER
    Scheduler(locked).finish()
    _record(locked, NeedEvent.Kind.CLOSE, actor=acting_user, at=at, from_status=S.RESOLVED, note=note.strip())
    return _done(need, locked)


@transaction.atomic
def auto_close_need(need: Need, *, at: datetime | None = None) -> Need:
    """Close a resolved need whose feedback never came (for the follow-up sweep): recorded as such, not as satisfied."""
    if not auto_close_needs([need.pk], at=at):
        current = Need.objects.get(pk=need.pk)
        raise TransitionRefused(_("This need is “%(status)s”: “%(action)s” is not possible now.") % {
            "status": current.get_status_display(), "action": TRANSITIONS["close"].label}, code="state")
    need.refresh_from_db()
    return need


def auto_close_needs(need_ids, *, at: datetime | None = None) -> list[int]:
    """``auto_close_need`` for a batch of needs in a fixed number of queries (the follow-up pass closes thousands
    at once after a long pause): those still resolved are closed, each with its history row and timeline event.
    Returns the ids closed; a need whose feedback arrived in the meantime is left as it is."""
    at, _day = _now(at)
    with transaction.atomic():
        needs = list(Need.objects.select_for_update().filter(pk__in=list(need_ids), status=S.RESOLVED).order_by("pk"))
        calendar = WorkingCalendar()
        rules = {category: CategoryDeadlines.for_category(category) for category in {need.category for need in needs}}
        for need in needs:
            need.status, need.closed_at, need.closed_how, need.status_changed_at = (
                S.CLOSED, at, Need.Closing.AUTOMATIC, at)
            Scheduler(need, calendar, rules[need.category]).finish()
        # Every need gets the same values but the provisional flag: one UPDATE, not a CASE per row and field.
        provisional = [need.pk for need in needs if need.deadlines_provisional]
        Need.objects.filter(pk__in=[need.pk for need in needs]).update(
            status=S.CLOSED, closed_at=at, closed_how=Need.Closing.AUTOMATIC, status_changed_at=at,
            deadlines_provisional=Case(When(pk__in=provisional, then=Value(True)), default=Value(False)))
        _record_history(needs, at)
        insert_rows(NeedEvent, ["need_id"], [(need.pk,) for need in needs], constants={
            "kind": NeedEvent.Kind.CLOSE, "at": at, "from_status": S.RESOLVED, "to_status": S.CLOSED,
            "note": str(Need.Closing.AUTOMATIC.label)})
    return [need.pk for need in needs]


def _record_history(needs: list[Need], at: datetime) -> None:
    """The history rows ``Need.history.bulk_history_create(needs, update=True, default_date=at)`` writes, inserted
    as plain rows: preparing a model instance's fifty values one by one cost more than closing the needs."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = Need.history.model
    fields = [field.attname for field in history.tracked_fields]
    insert_rows(history, [*fields, "history_user_id", "history_change_reason"],
                [(*[getattr(need, field) for field in fields],
                  getattr(history.get_default_history_user(need), "pk", None),
                  get_change_reason_from_object(need) or None) for need in needs],
                constants={"history_date": at, "history_type": "~"})


FUNCTIONS = {
    "accept": accept_need, "reject": reject_need, "withdraw": withdraw_need, "assign": assign_need,
    "sign": sign_need, "return": return_need, "reply": reply_need, "progress": add_progress, "defer": defer_need,
    "resume": resume_need, "request_extension": request_extension, "approve_extension": approve_extension,
    "refuse_extension": refuse_extension, "resolve": resolve_need, "feedback": give_feedback, "close": close_need,
}


def perform(name: str, need: Need, *, acting_user, **values):
    """Make the transition ``name`` on ``need`` (pages and the API call this with a form's cleaned data).

    An extension decision applies to the need's pending extension request.
    """
    if name not in FUNCTIONS:
        raise TransitionRefused(_("Unknown action."), code="unknown")
    if name in ("approve_extension", "refuse_extension"):
        _check(TRANSITIONS[name], need, roles_for(scope_for(acting_user), need))
        extension = need.extension_requests.pending().first()
        if extension is None:
            raise TransitionRefused(_("No extension request of this need awaits a decision."), code="state")
        return FUNCTIONS[name](extension, acting_user=acting_user, **values)
    return FUNCTIONS[name](need, acting_user=acting_user, **values)


@transaction.atomic
def raise_need_from_meeting_issue(issue, *, acting_user, category: str, amount_requested: Decimal | None = None,
                                  workers_requested: int | None = None) -> Need:
    """Turn an issue raised in a meeting into a need of the enterprise concerned, keeping the link."""
    from alliances.models import MeetingIssue

    issue = (MeetingIssue.objects.select_for_update(of=("self",)).select_related("meeting", "enterprise")
             .get(pk=issue.pk))
    if not MeetingIssue.objects.editable_by(scope_for(acting_user)).filter(pk=issue.pk).exists():
        raise TransitionRefused(_("Only the staff of the body that held the meeting may turn its issues into needs."),
                                code="role")
    if issue.enterprise_id is None:
        raise TransitionRefused(_("Name the enterprise concerned before turning this issue into a need."),
                                code="state")
    if Need.objects.filter(meeting_issue=issue).exists():
        raise TransitionRefused(_("This issue has already become a need."), code="state")
    meeting = issue.meeting
    return submit_need(acting_user=acting_user, enterprise=issue.enterprise, category=category,
                       title=issue.text.strip().splitlines()[0][:150], description=f"{meeting}：{issue.text}",
                       source=Need.Source.MEETING, meeting_issue=issue, amount_requested=amount_requested,
                       workers_requested=workers_requested)


@transaction.atomic
def raise_need_from_visit(visit, *, acting_user, category: str, title: str, description: str,
                          amount_requested: Decimal | None = None, workers_requested: int | None = None) -> Need:
    """Record a need the enterprise raised during a visit, keeping the link to the visit."""
    from .models import Visit

    if not Visit.objects.editable_by(scope_for(acting_user)).filter(pk=visit.pk).exists():
        raise TransitionRefused(_("Only the body that made the visit may record the needs raised during it."),
                                code="role")
    return submit_need(acting_user=acting_user, enterprise=visit.enterprise, category=category, title=title,
                       description=description, source=Need.Source.VISIT, visit=visit,
                       amount_requested=amount_requested, workers_requested=workers_requested)
