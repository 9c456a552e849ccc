"""Deadlines the workflow stores on a need, in working days, and their recomputation once a year is announced."""
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from services import actions
from services.deadlines import recompute_provisional_deadlines
from services.models import CategoryDeadlines, Need, NeedEvent, WorkingDayOverride
from services.workdays import package_last_announced_year

from .needs_world import assign, submit, w  # noqa: F401  (fixtures)

SH = ZoneInfo("Asia/Shanghai")


def at(*args):
    return datetime(*args, tzinfo=SH)


def test_every_category_has_admin_editable_defaults_from_the_design(db):
    rows = {row.category: row for row in CategoryDeadlines.objects.all()}
    assert set(rows) == set(Need.Category.values)
    assert (rows["policy"].accept_days, rows["policy"].sign_days, rows["policy"].first_reply_days,
            rows["policy"].due_days, rows["policy"].max_extension_days) == (1, 1, 3, 15, 15)
    assert rows["land"].due_days == 30


def test_deadlines_across_the_spring_festival(w):
    need = submit(w, at=at(2026, 2, 13, 9))
    assert need.accept_due == date(2026, 2, 14)                 # the make-up Saturday
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=at(2026, 2, 13, 11))
    assign(w, need, co_departments=[], at=at(2026, 2, 13, 15))
    need.refresh_from_db()
    assert need.sign_due == date(2026, 2, 14)
    assert need.first_reply_due == date(2026, 2, 25)            # 14, 24, 25 February
    assert need.due_date == date(2026, 3, 12)                   # 15 working days
    assert need.remind_on == date(2026, 3, 9)                   # 3 working days before
    assert need.publicize_on == date(2026, 3, 19)               # 5 working days after
    assert not need.deadlines_provisional
    task = need.assignments.get()
    assert (task.sign_due, task.due_date) == (need.sign_due, need.due_date)


def test_a_category_setting_changes_the_due_date(w):
    CategoryDeadlines.objects.filter(category="policy").update(due_days=5)
    need = submit(w, at=at(2026, 3, 2, 9))
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=at(2026, 3, 2, 10))
    assign(w, need, at=at(2026, 3, 2, 11))
    need.refresh_from_db()
    assert need.due_date == date(2026, 3, 9)


def test_a_due_date_beyond_the_limit_needs_an_extension(w):
    from django.core.exceptions import ValidationError
    need = submit(w, at=at(2026, 3, 2, 9))
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=at(2026, 3, 2, 10))
    with pytest.raises(ValidationError) as error:
        assign(w, need, due_date=date(2026, 6, 1), at=at(2026, 3, 2, 11))
    assert "due_date" in error.value.message_dict
    assign(w, need, due_date=date(2026, 3, 10), at=at(2026, 3, 2, 11))
    need.refresh_from_db()
    assert need.due_date == date(2026, 3, 10) and need.status == Need.Status.ASSIGNED


def test_an_approved_extension_moves_the_due_date_by_working_days(w):
    need = submit(w, at=at(2026, 2, 13, 9))
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=at(2026, 2, 13, 10))
    assign(w, need, at=at(2026, 2, 13, 11))
    actions.sign_need(need, acting_user=w.department_staff, at=at(2026, 2, 14, 9))
    extension = actions.request_extension(need, acting_user=w.department_staff, days=5, reason="需补充评估报告",
                                          at=at(2026, 3, 2, 9))
    assert extension.decision_due == date(2026, 3, 3)
    with pytest.raises(Exception):
        actions.request_extension(need, acting_user=w.department_staff, days=3, reason="再次申请")
    actions.approve_extension(extension, acting_user=w.alliance_staff_a, at=at(2026, 3, 2, 15))
    need.refresh_from_db()
    extension.refresh_from_db()
    assert need.due_date == date(2026, 3, 19) == extension.new_due
    assert extension.previous_due == date(2026, 3, 12)
    assert need.remind_on == date(2026, 3, 16)
    assert set(need.assignments.filter(is_current=True).values_list("due_date", flat=True)) == {date(2026, 3, 19)}


def test_an_extension_of_more_than_the_category_allows_is_refused(w):
    from django.core.exceptions import ValidationError
    need = submit(w)
    actions.accept_need(need, acting_user=w.alliance_staff_a)
    assign(w, need)
    actions.sign_need(need, acting_user=w.department_staff)
    with pytest.raises(ValidationError) as error:
        actions.request_extension(need, acting_user=w.department_staff, days=16, reason="太复杂")
    assert "days" in error.value.message_dict


def test_resolution_counts_working_days_and_sets_the_feedback_deadline(w):
    need = submit(w, at=at(2026, 2, 13, 9))
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=at(2026, 2, 13, 10))
    assign(w, need, at=at(2026, 2, 13, 11))
    actions.sign_need(need, acting_user=w.department_staff, at=at(2026, 2, 14, 9))
    actions.resolve_need(need, acting_user=w.department_staff, outcome="已解决", at=at(2026, 2, 27, 16))
    need.refresh_from_db()
    assert need.resolution_working_days == 5                     # 14, 24, 25, 26, 27 February
    assert need.feedback_due == date(2026, 3, 12)               # 28 Feb (make-up Saturday), then 2–12 March
    assert need.remind_on is None and need.publicize_on is None


def test_deferring_moves_the_escalation_to_the_timetable(w):
    need = submit(w, at=at(2026, 3, 2, 9))
    actions.accept_need(need, acting_user=w.alliance_staff_a, at=at(2026, 3, 2, 10))
    assign(w, need, at=at(2026, 3, 2, 11))
    actions.sign_need(need, acting_user=w.department_staff, at=at(2026, 3, 2, 12))
    actions.defer_need(need, acting_user=w.department_staff, explanation="需等待省级指标", timetable="6月底前",
                       deferred_until=date(2026, 6, 30), at=at(2026, 3, 5, 9))
    need.refresh_from_db()
    assert need.deferred_until == date(2026, 6, 30)
    assert need.remind_on == date(2026, 6, 25)
    assert not Need.objects.overdue(date(2026, 4, 1)).filter(pk=need.pk).exists()
    assert Need.objects.overdue(date(2026, 7, 1)).filter(pk=need.pk).exists()
    actions.resume_need(need, acting_user=w.department_staff, at=at(2026, 3, 20, 9))
    need.refresh_from_db()
    assert need.deferred_until is None and need.remind_on < need.due_date


def test_a_provisional_deadline_is_recomputed_once_the_year_is_announced(w):
    unknown = package_last_announced_year() + 1
    need = submit(w, at=at(unknown - 1, 12, 31, 9))
    assert need.deadlines_provisional
    assert need.accept_due == date(unknown, 1, 4) or need.accept_due.year == unknown
    first = need.accept_due
    WorkingDayOverride.objects.create(date=first, is_working_day=False, source_document="关于下一年部分节假日安排的通知")
    assert recompute_provisional_deadlines() == 1
    need.refresh_from_db()
    assert not need.deadlines_provisional
    assert need.accept_due > first
    assert need.events.filter(kind=NeedEvent.Kind.DEADLINES).exists()
    assert recompute_provisional_deadlines() == 0


def test_the_command_recomputes_provisional_deadlines(w, capsys):
    need = submit(w, at=at(package_last_announced_year(), 12, 31, 9))
    call_command("recompute_deadlines")
    assert capsys.readouterr().out.startswith("0 ")   # nothing is known yet: the deadlines stand
    WorkingDayOverride.objects.create(date=need.accept_due, is_working_day=False, source_document="通知")
    call_command("recompute_deadlines")
    assert capsys.readouterr().out.startswith("1 ")
