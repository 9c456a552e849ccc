"""State changes of the bodies' work: what pages, the API, admin and (later) Celery tasks call.

Each action is atomic and records who did it in the record's history (django-simple-history), which is
the audit trail of meetings and agreements.
"""
from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import periods
from .models import Meeting


def _as(instance, acting_user):
    """Let simple-history name the acting user even outside a request (tasks, commands)."""
    if acting_user is not None:
        instance._history_user = acting_user
    return instance


def schedule_meeting(*, kind: str, day: date, alliance=None, committee=None, acting_user=None) -> tuple[Meeting, bool]:
    """The regular meeting of ``kind`` for the period containing ``day``: found, or created as scheduled.

    Idempotent on the unique key (body, kind, period start), so a beat that fires twice or a retried task
    creates it once; a concurrent creation that loses the race finds the winner's row.
    """
    start, _end = periods.bounds_for_kind(kind, day)
    key = {"alliance": alliance, "committee": committee, "kind": kind, "period_start": start}
    try:
        with transaction.atomic():
            return Meeting.objects.get_or_create(**key, defaults={"status": Meeting.Status.SCHEDULED})
    except IntegrityError:
        return Meeting.objects.get(**key), False


@transaction.atomic
def save_meeting(form, issues_formset=None, *, acting_user) -> Meeting:
    """Save a meeting form (and the issues raised in it) as one change."""
    meeting = _as(form.save(commit=False), acting_user)
    meeting.save()
    form.save_m2m()
    if issues_formset is not None:
        issues_formset.instance = meeting
        issues_formset.save()
    return meeting


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, acting_user) -> Meeting:
    meeting.status = Meeting.Status.CANCELLED
    _as(meeting, acting_user).save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def mark_missed(meeting: Meeting, *, acting_user=None, today: date | None = None) -> Meeting:
    """A period that ended without the meeting being held (the scheduler calls this after the period)."""
    if meeting.status == Meeting.Status.SCHEDULED and meeting.period_end < (today or timezone.localdate()):
        meeting.status = Meeting.Status.MISSED
        _as(meeting, acting_user).save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def save_agreement(form, *, acting_user):
    agreement = _as(form.save(commit=False), acting_user)
    agreement.save()
    form.save_m2m()
    return agreement
