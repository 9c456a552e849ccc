"""The deadlines of a need, in working days, stored with how each was computed.

Every deadline is kept on the need (so a periodic sweep finds what is due with one query) together with
its *basis* in ``Need.deadline_basis``: the date it counts from (or the deadline it derives from) and the
working days added. A deadline that ran into a year whose holiday arrangement was not yet announced is
marked provisional; ``recompute_provisional_deadlines`` counts it again once the arrangement is known
(an override entered in admin, or a newer holidays package).
"""
from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from .models import Assignment, CategoryDeadlines, Need, NeedEvent, NeedStatus
from .workdays import WorkingCalendar

# In the order they are computed: a derived deadline comes after the one it derives from.
ORDER = ["accept_due", "sign_due", "first_reply_due", "due_date", "deferred_until", "remind_on", "publicize_on",
         "feedback_due"]

# The deadlines that still matter in each status (a provisional one elsewhere no longer counts).
ACTIVE = {
    NeedStatus.SUBMITTED: ["accept_due"],
    NeedStatus.ACCEPTED: ["accept_due"],
    NeedStatus.REOPENED: ["accept_due"],
    NeedStatus.ASSIGNED: ["sign_due", "first_reply_due", "due_date", "remind_on", "publicize_on"],
    NeedStatus.IN_PROGRESS: ["first_reply_due", "due_date", "remind_on", "publicize_on"],
    NeedStatus.DEFERRED: ["first_reply_due", "due_date", "deferred_until", "remind_on", "publicize_on"],
    NeedStatus.RESOLVED: ["feedback_due"],
}


class Scheduler:
    """Sets, clears and recomputes the deadlines of one need (the caller saves the need)."""

    def __init__(self, need: Need, calendar: WorkingCalendar | None = None,
                 rules: CategoryDeadlines | None = None):
        self.need = need
        self.calendar = calendar or WorkingCalendar()
        self.rules = rules or CategoryDeadlines.for_category(need.category)
        need.deadline_basis = dict(need.deadline_basis or {})

    @property
    def basis(self) -> dict:
        return self.need.deadline_basis

    def add(self, field: str, start: date, days: int) -> None:
        """``field`` = the ``days``-th working day after ``start``."""
        self.basis[field] = {"from": start.isoformat(), "steps": [days]}
        self._compute(field)

    def fix(self, field: str, day: date) -> None:
        """``field`` = a date someone chose (never provisional)."""
        self.basis[field] = {"from": day.isoformat(), "steps": []}
        self._compute(field)

    def derive(self, field: str, of: str, days: int) -> None:
        """``field`` = ``days`` working days after (or before) the deadline ``of``."""
        self.basis[field] = {"of": of, "steps": [days]}
        self._compute(field)

    def extend(self, field: str, days: int) -> None:
        """Push an existing deadline back by ``days`` working days (an approved extension)."""
        entry = self.basis.get(field)
        if entry is None:
            self.basis[field] = entry = {"from": getattr(self.need, field).isoformat(), "steps": []}
        entry["steps"] = [*entry["steps"], days]
        self._compute(field)

    def clear(self, *fields: str) -> None:
        for field in fields:
            setattr(self.need, field, None)
            self.basis.pop(field, None)

    def _compute(self, field: str) -> None:
        entry = self.basis[field]
        if "of" in entry:
            day = getattr(self.need, entry["of"])
            provisional = self.basis.get(entry["of"], {}).get("provisional", False)
        else:
            day, provisional = date.fromisoformat(entry["from"]), False
        if day is not None:
            for days in entry["steps"]:
                day, step_provisional = self.calendar.add(day, days)
                provisional = provisional or step_provisional
        entry["provisional"] = provisional
        setattr(self.need, field, day)

    def refresh_escalation(self) -> None:
        """The reminder (催办) and report (通报) dates follow the date the need must now be resolved by."""
        need = self.need
        anchor = "deferred_until" if need.status == NeedStatus.DEFERRED and need.deferred_until else "due_date"
        if need.status in Need.WORKING_STATUSES and getattr(need, anchor):
            self.derive("remind_on", anchor, -self.rules.remind_days_before)
            self.derive("publicize_on", anchor, self.rules.publicize_days_overdue)
        else:
            self.clear("remind_on", "publicize_on")

    def recompute(self) -> None:
        for field in ORDER:
            if field in self.basis:
                self._compute(field)

    def finish(self) -> None:
        """Set the provisional flag from the deadlines that still matter in the need's status."""
        active = ACTIVE.get(self.need.status, [])
        self.need.deadlines_provisional = any(
            self.basis.get(field, {}).get("provisional", False) for field in active
            if getattr(self.need, field) is not None)


DEADLINE_FIELDS = ORDER + ["deadlines_provisional", "deadline_basis"]


def recompute_provisional_deadlines(*, everything: bool = False) -> int:
    """Count again the deadlines marked provisional (or, with ``everything``, those of every open need).

    Run once the year's arrangement is known: after an override is entered, or the holidays package is
    upgraded. Returns the number of needs whose deadlines changed; each gets a timeline event.
    """
    needs = Need.objects.all()
    if not everything:
        needs = needs.filter(deadlines_provisional=True)
    return recompute_deadlines(needs)


def recompute_deadlines(needs) -> int:
    """Recompute the deadlines of the open (or resolved) needs among ``needs`` from their stored basis."""
    needs = needs.filter(status__in=[*Need.OPEN_STATUSES, NeedStatus.RESOLVED])
    calendar = WorkingCalendar()
    rules = {row.category: row for row in CategoryDeadlines.objects.all()}
    changed = 0
    for need in needs.iterator():
        before = {field: getattr(need, field) for field in ORDER}
        was_provisional = need.deadlines_provisional
        scheduler = Scheduler(need, calendar, rules.get(need.category) or CategoryDeadlines.default_for(need.category))
        scheduler.recompute()
        scheduler.finish()
        moved = {field: (before[field], getattr(need, field)) for field in ORDER if before[field] != getattr(need, field)}
        if not moved and was_provisional == need.deadlines_provisional:
            continue
        with transaction.atomic():
            need.save(update_fields=DEADLINE_FIELDS)
            Assignment.objects.filter(need=need, is_current=True).update(
                **{key: value for key, value in (("due_date", need.due_date), ("sign_due", need.sign_due)) if value})
            if moved:
                note = "; ".join(f"{Need._meta.get_field(field).verbose_name}: {old or '—'} → {new or '—'}"
                                 for field, (old, new) in moved.items())
            else:
                note = _("The holiday arrangement is now known; the deadlines stand.")
            NeedEvent.objects.create(need=need, kind=NeedEvent.Kind.DEADLINES, from_status=need.status,
                                     to_status=need.status, note=note)
        changed += 1
    return changed
