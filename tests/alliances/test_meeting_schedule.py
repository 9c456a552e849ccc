"""The regular-meetings pass: meetings of the current and next periods created once, staff told once,
reminded a week ahead, and a period that ended without the meeting marked missed with the chair told."""
from __future__ import annotations

from datetime import date

from alliances.models import AlliancePosition, Meeting
from alliances.tasks import ensure_meetings, mark_missed_meetings, meetings_pass, remind_meetings
from chainparty.models import Notification
from tests import factories as f

TODAY = date(2026, 3, 20)   # Q1 2026, March


def periods_of(body_field, body):
    return sorted((m.kind, m.period_start) for m in Meeting.objects.filter(**{body_field: body}))


def test_every_active_alliance_and_committee_gets_its_meetings_for_this_and_the_next_period(world):
    ensure_meetings(TODAY)
    assert periods_of("alliance", world.alliance_a) == [
        ("council", date(2026, 1, 1)), ("council", date(2026, 4, 1)), ("member_congress", date(2026, 1, 1))]
    assert periods_of("committee", world.committee_a) == [
        ("committee_monthly", date(2026, 3, 1)), ("committee_monthly", date(2026, 4, 1))]
    assert set(Meeting.objects.values_list("status", flat=True)) == {Meeting.Status.SCHEDULED}


def test_a_second_run_creates_nothing_and_notifies_nobody_again(world):
    first = ensure_meetings(TODAY)
    notified = Notification.objects.count()
    assert len(first) == 10 and notified > 0
    assert ensure_meetings(TODAY) == []
    assert Meeting.objects.count() == 10 and Notification.objects.count() == notified


def test_the_secretary_and_the_committee_staff_are_told_of_each_new_meeting(world):
    ensure_meetings(TODAY)
    assert Notification.objects.filter(recipient=world.alliance_staff_a, kind="meeting_scheduled").count() == 3
    assert Notification.objects.filter(recipient=world.committee_staff_a, kind="meeting_scheduled").count() == 2
    assert not Notification.objects.filter(recipient=world.alliance_staff_b, body__contains=world.alliance_a.name)


def test_a_dissolved_alliance_gets_no_new_meetings(world):
    world.alliance_b.dissolved_on = date(2025, 12, 31)
    world.alliance_b.save()
    ensure_meetings(TODAY)
    assert not Meeting.objects.filter(alliance=world.alliance_b).exists()


def test_the_staff_are_reminded_a_week_before_the_meeting_date_once(world):
    meeting = f.MeetingFactory(alliance=world.alliance_a, period_start=date(2026, 1, 1), date=date(2026, 3, 25))
    assert remind_meetings(date(2026, 3, 17)) == 0
    assert remind_meetings(date(2026, 3, 18)) == 1
    assert remind_meetings(date(2026, 3, 19)) == 0
    reminder = Notification.objects.get(recipient=world.alliance_staff_a, kind="meeting_reminder")
    assert str(meeting.pk) in reminder.url


def test_a_period_that_ended_without_the_meeting_marks_it_missed_and_tells_the_chair(world):
    chair = f.AlliancePositionFactory(alliance=world.alliance_a, user=f.UserFactory(username="chair"),
                                      role=AlliancePosition.Role.CHAIR).user
    meeting = f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 10, 1))
    held = f.MeetingFactory(alliance=world.alliance_b, period_start=date(2025, 10, 1), status=Meeting.Status.HELD,
                            date=date(2025, 11, 5))
    assert mark_missed_meetings(TODAY) == [meeting.pk]
    meeting.refresh_from_db()
    held.refresh_from_db()
    assert meeting.status == Meeting.Status.MISSED and held.status == Meeting.Status.HELD
    assert Notification.objects.filter(recipient=chair, kind="meeting_missed").count() == 1
    assert mark_missed_meetings(TODAY) == []
    assert meeting.history.first().status == Meeting.Status.MISSED


def test_a_committee_meeting_missed_tells_the_committee_staff(world):
    f.MeetingFactory(alliance=None, committee=world.committee_a, kind=Meeting.Kind.COMMITTEE_MONTHLY,
                     period_start=date(2026, 2, 1))
    mark_missed_meetings(TODAY)
    assert Notification.objects.filter(recipient=world.committee_staff_a, kind="meeting_missed").count() == 1


def test_the_whole_pass_by_hand_runs_twice_without_change(world):
    first = meetings_pass(TODAY)
    second = meetings_pass(TODAY)
    assert first["created"] == 10 and second == {"created": 0, "reminded": 0, "missed": 0}
