"""Rules the database keeps for needs, and the history of changes."""
import pytest
from django.db import IntegrityError, transaction

from services import actions
from services.models import ExtensionRequest, Feedback, Need

from .needs_world import build, submit, w  # noqa: F401  (fixtures)


def test_the_database_refuses_a_funding_need_without_an_amount(w):
    with pytest.raises(IntegrityError), transaction.atomic():
        Need.objects.create(enterprise=w.enterprise_a, county=w.county_a, category="funding", title="贷款",
                            description="x")


def test_the_database_refuses_unsatisfied_feedback_without_a_reason(w):
    need = build(w, Need.Status.RESOLVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(need=need, satisfaction="unsatisfied")


def test_the_database_refuses_a_long_extension_and_a_second_pending_one(w):
    need = build(w, Need.Status.IN_PROGRESS)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExtensionRequest.objects.create(need=need, days=16, reason="x")
    ExtensionRequest.objects.create(need=need, days=5, reason="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        ExtensionRequest.objects.create(need=need, days=5, reason="y")


def test_the_need_keeps_a_history_of_changes_with_who_made_them(w):
    need = submit(w)
    actions.accept_need(need, acting_user=w.alliance_staff_a)
    latest = need.history.first()
    assert need.history.count() == 2
    assert latest.status == Need.Status.ACCEPTED and latest.history_user == w.alliance_staff_a


def test_auto_close_is_recorded_as_such_not_as_satisfied(w):
    need = build(w, Need.Status.RESOLVED)
    actions.auto_close_need(need)
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED and need.closed_how == "automatic" and need.satisfaction == ""
    event = need.events.last()
    assert event.actor is None and event.kind == "close"
    with pytest.raises(actions.TransitionRefused):
        actions.auto_close_need(need)


def test_a_returned_lead_task_goes_back_to_the_dispatcher(w):
    need = build(w, Need.Status.ASSIGNED)
    actions.return_need(need, acting_user=w.department_staff, reason="职责不符")
    need.refresh_from_db()
    assert need.status == Need.Status.ACCEPTED and need.due_date is None and need.accept_due
    assert not need.assignments.filter(is_current=True).exists()
    task = need.assignments.get(department=w.department)
    assert task.returned_at and task.return_reason == "职责不符"


def test_unsatisfied_feedback_reopens_with_a_new_round(w):
    need = build(w, Need.Status.REOPENED)
    assert need.reopen_count == 1 and need.resolved_at is None
    from .needs_world import assign
    assign(w, need, co_departments=[])
    assert set(need.assignments.filter(is_current=True).values_list("round", flat=True)) == {2}
