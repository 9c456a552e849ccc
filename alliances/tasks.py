"""Periodic work on the bodies' regular meetings: every active alliance has its council meeting for the
current and next quarter and its yearly member congress, every active committee its monthly meeting for the
current and next month; reminders a week ahead; a period that ended without the meeting marks it missed.

Every step is idempotent: the meeting is unique per body, kind and period (``actions.schedule_meeting``), and
each notification carries a key it is never sent twice under. Tasks take no model instances.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from celery import shared_task
from django.db import OperationalError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from chainparty.models import Notification
from chainparty.notifications import notify_many

from . import periods
from .actions import mark_missed, schedule_meeting
from .models import Alliance, AlliancePosition, Meeting


Role = AlliancePosition.Role
STAFF_ROLES = (Role.SECRETARY_GENERAL, Role.STAFF)
REMIND_DAYS_AHEAD = 7


def today_in_china() -> date:
    from services.followups import today_in_china as today

    return today()


# The people of the bodies (shared with the needs' follow-up) -------------------------------------------------

def alliance_people(*, chain_ids=None, alliance_ids=None, on: date | None = None) -> dict[int, dict[str, set[int]]]:
    """Key (chain id, or alliance id when ``alliance_ids`` is given) → "chair" / "staff" / "any" → user ids.

    Staff are the secretary general, the alliance staff and the Party workers the alliance dispatched; "any"
    is everyone with a position and a login (used when a body has no staff linked to a user). Two queries.
    """
    from parks.models import PartyWorker

    by_chain = alliance_ids is None
    filters = Q(alliance__chain_id__in=chain_ids) if by_chain else Q(alliance_id__in=alliance_ids)
    key = "alliance__chain_id" if by_chain else "alliance_id"
    people: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for body, role, user_id in AlliancePosition.objects.active(on).filter(filters, user__isnull=False) \
            .values_list(key, "role", "user_id"):
        people[body]["any"].add(user_id)
        if role == Role.CHAIR:
            people[body]["chair"].add(user_id)
        if role in STAFF_ROLES:
            people[body]["staff"].add(user_id)
    for body, user_id in PartyWorker.objects.active(on).filter(filters, user__isnull=False) \
            .values_list(key, "user_id"):
        people[body]["staff"].add(user_id)
        people[body]["any"].add(user_id)
    return people


def committee_people(*, park_ids=None, committee_ids=None, on: date | None = None) -> dict[int, set[int]]:
    """Key (park id, or committee id) → users of the committee's positions and its Party workers. Two queries."""
    from parks.models import CommitteePosition, PartyWorker

    by_park = committee_ids is None
    filters = Q(committee__park_id__in=park_ids) if by_park else Q(committee_id__in=committee_ids)
    key = "committee__park_id" if by_park else "committee_id"
    people: dict[int, set[int]] = defaultdict(set)
    for model in (CommitteePosition, PartyWorker):
        for body, user_id in model.objects.active(on).filter(filters, user__isnull=False).values_list(key, "user_id"):
            people[body].add(user_id)
    return people


def _staff(meetings: list[Meeting], on: date) -> dict[int, set[int]]:
    """meeting id → the secretary and staff of its body (everyone with a position, failing those)."""
    alliances = alliance_people(alliance_ids={m.alliance_id for m in meetings if m.alliance_id}, on=on)
    committees = committee_people(committee_ids={m.committee_id for m in meetings if m.committee_id}, on=on)
    staff = {}
    for meeting in meetings:
        if meeting.alliance_id:
            roles = alliances.get(meeting.alliance_id, {})
            staff[meeting.pk] = roles.get("staff", set()) or roles.get("any", set())
        else:
            staff[meeting.pk] = committees.get(meeting.committee_id, set())
    return staff


def _chairs(meetings: list[Meeting], on: date) -> dict[int, set[int]]:
    """meeting id → the alliance's chair; a committee's (or a chairless alliance's) staff otherwise."""
    alliances = alliance_people(alliance_ids={m.alliance_id for m in meetings if m.alliance_id}, on=on)
    staff = _staff(meetings, on)
    return {m.pk: (alliances.get(m.alliance_id, {}).get("chair", set()) if m.alliance_id else set()) or staff[m.pk]
            for m in meetings}


def _url(meeting: Meeting) -> str:
    return reverse("alliances:meeting-update", args=[meeting.pk])


# The three steps ----------------------------------------------------------------------------------------------

def wanted_meetings(today: date) -> list[tuple[str, str, int, date]]:
    """(body field, kind, body id, a day in the period) of every regular meeting that should exist now."""
    from parks.models import JointCommittee

    this_quarter, next_quarter = today, periods.bounds(periods.QUARTER, today)[1] + timedelta(days=1)
    this_month, next_month = today, periods.bounds(periods.MONTH, today)[1] + timedelta(days=1)
    wanted = []
    for alliance_id in Alliance.objects.active(today).values_list("pk", flat=True):
        wanted += [("alliance", Meeting.Kind.COUNCIL, alliance_id, this_quarter),
                   ("alliance", Meeting.Kind.COUNCIL, alliance_id, next_quarter),
                   ("alliance", Meeting.Kind.MEMBER_CONGRESS, alliance_id, today)]
    for committee_id in JointCommittee.objects.active(today).values_list("pk", flat=True):
        wanted += [("committee", Meeting.Kind.COMMITTEE_MONTHLY, committee_id, this_month),
                   ("committee", Meeting.Kind.COMMITTEE_MONTHLY, committee_id, next_month)]
    return wanted


def ensure_meetings(today: date | None = None) -> list[int]:
    """Create the missing regular meetings as scheduled and tell their bodies' staff; returns the new ids."""
    from parks.models import JointCommittee

    today = today or today_in_china()
    wanted = wanted_meetings(today)
    starts = {periods.bounds_for_kind(kind, day)[0] for _field, kind, _body, day in wanted}
    existing = set()
    for alliance_id, committee_id, kind, start in Meeting.objects.filter(period_start__in=starts).values_list(
            "alliance_id", "committee_id", "kind", "period_start"):
        existing.add(("alliance", kind, alliance_id, start) if alliance_id else ("committee", kind, committee_id, start))
    missing = [(field, kind, body, day) for field, kind, body, day in wanted
               if (field, kind, body, periods.bounds_for_kind(kind, day)[0]) not in existing]
    if not missing:
        return []
    bodies = {"alliance": Alliance.objects.in_bulk({b for f, _k, b, _d in missing if f == "alliance"}),
              "committee": JointCommittee.objects.in_bulk({b for f, _k, b, _d in missing if f == "committee"})}
    created = []
    with transaction.atomic():
        for field, kind, body, day in missing:
            meeting, new = schedule_meeting(kind=kind, day=day, **{field: bodies[field][body]})
            if new:
                created.append(meeting)
        staff = _staff(created, today)
        notify_many([(staff[m.pk], Notification.Kind.MEETING_SCHEDULED,
                      _("Meeting to prepare: %(meeting)s") % {"meeting": m}, _(
                          "Fill in the date, place, attendance, minutes and decisions once it is held."),
                      _url(m), f"meeting:{m.pk}:scheduled") for m in created])
    return [m.pk for m in created]


def remind_meetings(today: date | None = None) -> int:
    """A week before the meeting's date (or, with no date yet, before its period ends): remind the staff."""
    today = today or today_in_china()
    horizon = today + timedelta(days=REMIND_DAYS_AHEAD)
    soon = list(Meeting.objects.filter(status=Meeting.Status.SCHEDULED).filter(
        Q(date__gte=today, date__lte=horizon) | Q(date__isnull=True, period_end__gte=today, period_end__lte=horizon))
        .select_related("alliance", "committee"))
    staff = _staff(soon, today)
    messages = []
    for meeting in soon:
        day = meeting.date or meeting.period_end
        text = (_("Meeting on %(day)s: %(meeting)s") if meeting.date
                else _("Period ends on %(day)s and the meeting is not recorded yet: %(meeting)s"))
        messages.append((staff[meeting.pk], Notification.Kind.MEETING_REMINDER,
                         text % {"day": day.isoformat(), "meeting": meeting}, "", _url(meeting),
                         f"meeting:{meeting.pk}:reminder:{day.isoformat()}"))
    with transaction.atomic():
        return notify_many(messages)


def mark_missed_meetings(today: date | None = None) -> list[int]:
    """Scheduled meetings whose period ended: missed, and the alliance chair (or the body's staff) is told."""
    today = today or today_in_china()
    ended = list(Meeting.objects.filter(status=Meeting.Status.SCHEDULED, period_end__lt=today)
                 .select_related("alliance", "committee"))
    missed = []
    with transaction.atomic():
        for meeting in ended:  # only the meetings whose period just ended: a few a month
            if mark_missed(meeting, today=today).status == Meeting.Status.MISSED:
                missed.append(meeting)
        chairs = _chairs(missed, today)
        notify_many([(chairs[m.pk], Notification.Kind.MEETING_MISSED,
                      _("Meeting not held in its period: %(meeting)s") % {"meeting": m}, "", _url(m),
                      f"meeting:{m.pk}:missed") for m in missed])
    return [m.pk for m in missed]


def meetings_pass(today: date | None = None) -> dict[str, int]:
    today = today or today_in_china()
    return {"created": len(ensure_meetings(today)), "reminded": remind_meetings(today),
            "missed": len(mark_missed_meetings(today))}


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, retry_backoff_max=600,
             max_retries=5)
def schedule_meetings(today: str | None = None) -> dict[str, int]:
    """The periodic meetings pass (``today`` as YYYY-MM-DD only for tests and by-hand runs)."""
    return meetings_pass(date.fromisoformat(today) if today else None)


SCHEDULES = [
    {"name": "Regular meetings: schedule, remind, mark missed", "task": "alliances.tasks.schedule_meetings",
     "every": 3600},
]
