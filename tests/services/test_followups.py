"""The follow-up pass in time: each stage falls due on its working-day deadline (Spring Festival 2026 and the
make-up working day of Saturday 2026-02-14 included), is recorded once and notified once."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from alliances.models import AlliancePosition
from chainparty.models import Notification
from services import actions
from services.followups import follow_up, weekly_digest
from services.models import FollowUp, Need, NeedEvent
from tests import factories as f

from .needs_world import w  # noqa: F401  (fixture)

K = FollowUp.Kind
CHINA = ZoneInfo("Asia/Shanghai")
FRIDAY = datetime(2026, 2, 13, 10, 0, tzinfo=CHINA)   # the last working Friday before Spring Festival


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=CHINA)


def submitted(w, when=FRIDAY) -> Need:
    return actions.submit_need(acting_user=w.contact_a, enterprise=w.enterprise_a, category=Need.Category.POLICY,
                               title="申请技改补贴政策辅导", description="希望了解补贴申报条件。", at=when)


def assigned(w, when=FRIDAY) -> Need:
    need = submitted(w, when)
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=when)
    actions.assign_need(need, acting_user=w.alliance_staff_a, lead_department=w.department,
                        responsible_person="李科长", plan="现场协调", at=when)
    need.refresh_from_db()
    return need


def in_progress(w, when=FRIDAY) -> Need:
    need = assigned(w, when)
    actions.sign_need(need, acting_user=w.department_staff, at=when)
    need.refresh_from_db()
    return need


def kinds(need) -> list[str]:
    return sorted(need.followups.values_list("kind", flat=True))


def bell(user, kind) -> int:
    return Notification.objects.filter(recipient=user, kind=kind).count()


def test_the_accept_reminder_waits_for_the_make_up_saturday_then_falls_due_in_the_holiday(w):
    need = submitted(w)
    assert need.accept_due == date(2026, 2, 14)   # a Saturday, but a make-up working day
    follow_up(today=date(2026, 2, 14))
    assert kinds(need) == []
    follow_up(today=date(2026, 2, 15))
    assert kinds(need) == [K.ACCEPT_REMINDER]
    assert bell(w.alliance_staff_a, Notification.Kind.NEED_ACCEPT_REMINDER) == 1
    assert bell(w.committee_staff_a, Notification.Kind.NEED_ACCEPT_REMINDER) == 1


def test_a_stage_is_never_sent_twice(w):
    submitted(w)
    first = follow_up(today=date(2026, 2, 16))
    second = follow_up(today=date(2026, 2, 17))
    assert first[K.ACCEPT_REMINDER] == 1 and second[K.ACCEPT_REMINDER] == 0
    assert FollowUp.objects.count() == 1
    assert bell(w.alliance_staff_a, Notification.Kind.NEED_ACCEPT_REMINDER) == 1


def test_the_sign_reminder_goes_to_the_department_after_the_holiday_deadline(w):
    need = assigned(w)
    assert need.sign_due == date(2026, 2, 14)
    follow_up(today=date(2026, 2, 14))
    assert K.SIGN_REMINDER not in kinds(need)
    follow_up(today=date(2026, 2, 24))
    assert K.SIGN_REMINDER in kinds(need)
    assert bell(w.department_staff, Notification.Kind.NEED_SIGN_REMINDER) == 1
    assert bell(w.alliance_staff_a, Notification.Kind.NEED_SIGN_REMINDER) == 0


def test_the_first_reply_reminder_falls_due_after_three_working_days(w):
    need = in_progress(w)
    # 3 working days after Friday 13: Sat 14 (make-up), then Tue 24, Wed 25 after the holiday.
    assert need.first_reply_due == date(2026, 2, 25)
    follow_up(today=date(2026, 2, 25))
    assert K.REPLY_REMINDER not in kinds(need)
    follow_up(today=date(2026, 2, 26))
    assert K.REPLY_REMINDER in kinds(need)
    assert bell(w.department_staff, Notification.Kind.NEED_REPLY_REMINDER) == 1


def test_a_reply_in_time_means_no_reply_reminder(w):
    need = in_progress(w)
    actions.reply_need(need, acting_user=w.department_staff, note="已收到，正在办理", at=at(date(2026, 2, 24)))
    follow_up(today=date(2026, 3, 2))
    assert K.REPLY_REMINDER not in kinds(need)


def test_the_reminder_before_due_goes_to_the_assignee_on_its_day_and_is_on_the_timeline(w):
    need = in_progress(w)
    follow_up(today=need.remind_on - timedelta(days=1))
    assert K.REMIND not in kinds(need)
    follow_up(today=need.remind_on)
    assert K.REMIND in kinds(need)
    assert bell(w.department_staff, Notification.Kind.NEED_REMIND) == 1
    assert need.events.filter(kind=NeedEvent.Kind.REMIND).count() == 1


def test_supervision_goes_to_the_alliance_chair_when_overdue(w):
    chair = f.AlliancePositionFactory(alliance=w.alliance_a, user=f.UserFactory(username="chair_a"),
                                      role=AlliancePosition.Role.CHAIR).user
    need = in_progress(w)
    follow_up(today=need.due_date)
    assert K.SUPERVISE not in kinds(need)
    follow_up(today=need.due_date + timedelta(days=1))
    assert K.SUPERVISE in kinds(need)
    assert bell(chair, Notification.Kind.NEED_SUPERVISE) == 1
    assert bell(w.alliance_staff_a, Notification.Kind.NEED_SUPERVISE) == 0
    follow_up(today=need.due_date + timedelta(days=2))
    assert bell(chair, Notification.Kind.NEED_SUPERVISE) == 1


def test_without_a_chair_supervision_falls_back_to_the_bodys_staff(w):
    need = in_progress(w)
    follow_up(today=need.due_date + timedelta(days=1))
    assert bell(w.alliance_staff_a, Notification.Kind.NEED_SUPERVISE) == 1


def test_publicizing_lists_the_need_for_the_officials_of_its_county_and_city(w):
    need = in_progress(w)
    follow_up(today=need.publicize_on - timedelta(days=1))
    assert K.PUBLICIZE not in kinds(need)
    follow_up(today=need.publicize_on)
    assert FollowUp.objects.publicized().filter(need=need).count() == 1
    assert bell(w.official_a, Notification.Kind.NEED_PUBLICIZE) == 1
    assert bell(w.city_official, Notification.Kind.NEED_PUBLICIZE) == 1
    assert bell(w.official_b, Notification.Kind.NEED_PUBLICIZE) == 0
    assert need.events.filter(kind=NeedEvent.Kind.PUBLICIZE).count() == 1


def test_an_extension_past_its_decision_date_reminds_who_decides(w):
    need = in_progress(w)
    extension = actions.request_extension(need, acting_user=w.department_staff, days=5, reason="需省厅批复",
                                          at=at(date(2026, 2, 24)))
    follow_up(today=extension.decision_due)
    assert K.EXTENSION_REMINDER not in kinds(need)
    follow_up(today=extension.decision_due + timedelta(days=1))
    follow_up(today=extension.decision_due + timedelta(days=2))
    assert need.followups.get(kind=K.EXTENSION_REMINDER).stage == f"extension{extension.pk}"
    assert bell(w.alliance_staff_a, Notification.Kind.EXTENSION_REMINDER) == 1


def test_a_resolved_need_asks_the_enterprise_for_feedback_once(w):
    need = in_progress(w)
    actions.resolve_need(need, acting_user=w.department_staff, outcome="已完成辅导", at=at(date(2026, 2, 24)))
    follow_up(today=date(2026, 2, 24))
    follow_up(today=date(2026, 2, 25))
    assert kinds(need).count(K.FEEDBACK_REQUEST) == 1
    assert bell(w.contact_a, Notification.Kind.FEEDBACK_REQUEST) == 1


def test_without_feedback_the_need_closes_automatically_not_as_satisfied(w):
    need = in_progress(w)
    actions.resolve_need(need, acting_user=w.department_staff, outcome="已完成辅导", at=at(date(2026, 2, 24)))
    need.refresh_from_db()
    follow_up(today=need.feedback_due - timedelta(days=1))
    need.refresh_from_db()
    assert need.status == Need.Status.RESOLVED
    follow_up(today=need.feedback_due)
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED
    assert need.closed_how == Need.Closing.AUTOMATIC and need.satisfaction == ""
    assert kinds(need).count(K.AUTO_CLOSE) == 1
    assert follow_up(today=need.feedback_due + timedelta(days=1))[K.AUTO_CLOSE] == 0


def test_feedback_in_time_means_no_automatic_closing(w):
    need = in_progress(w)
    actions.resolve_need(need, acting_user=w.department_staff, outcome="已完成辅导", at=at(date(2026, 2, 24)))
    actions.give_feedback(need, acting_user=w.contact_a, satisfaction="satisfied", at=at(date(2026, 2, 25)))
    need.refresh_from_db()
    follow_up(today=date(2026, 4, 1))
    need.refresh_from_db()
    assert need.closed_how == Need.Closing.FEEDBACK
    assert K.AUTO_CLOSE not in kinds(need)


def test_an_approved_extension_is_a_new_stage_for_the_reminder_before_due(w):
    need = in_progress(w)
    follow_up(today=need.remind_on)
    extension = actions.request_extension(need, acting_user=w.department_staff, days=5, reason="需省厅批复",
                                          at=at(need.remind_on))
    actions.approve_extension(extension, acting_user=w.alliance_staff_a, at=at(need.remind_on))
    need.refresh_from_db()
    follow_up(today=need.remind_on)
    assert kinds(need).count(K.REMIND) == 2


def test_the_weekly_digest_reaches_departments_and_alliances_once_a_week(w):
    need = in_progress(w)
    follow_up(today=need.publicize_on)
    monday = need.publicize_on + timedelta(days=7 - need.publicize_on.weekday())
    weekly_digest(today=monday)
    weekly_digest(today=monday)
    digest = Notification.objects.get(recipient=w.department_staff, kind=Notification.Kind.WEEKLY_DIGEST)
    assert "1" in digest.body
    assert bell(w.alliance_staff_a, Notification.Kind.WEEKLY_DIGEST) == 1


@pytest.mark.parametrize("state", ["withdrawn", "rejected"])
def test_needs_that_left_the_workflow_get_no_follow_up(w, state):
    need = submitted(w)
    if state == "withdrawn":
        actions.withdraw_need(need, acting_user=w.contact_a, at=FRIDAY)
    else:
        actions.reject_need(need, acting_user=w.alliance_staff_a, kind="out_of_scope", reason="不属于服务范围",
                            at=FRIDAY)
    follow_up(today=date(2026, 6, 1))
    assert kinds(need) == []


def test_officials_find_the_publicized_need_in_their_weekly_digest_and_report(w):
    need = in_progress(w)
    follow_up(today=need.publicize_on)
    FollowUp.objects.filter(kind=K.PUBLICIZE).update(created_at=at(need.publicize_on))
    monday = need.publicize_on + timedelta(days=7 - need.publicize_on.weekday())
    weekly_digest(today=monday)
    digest = Notification.objects.get(recipient=w.city_official, kind=Notification.Kind.WEEKLY_DIGEST)
    assert digest.body.endswith("1") and "publicized" in digest.url
    assert not Notification.objects.filter(recipient=w.official_b, kind=Notification.Kind.WEEKLY_DIGEST).exists()
