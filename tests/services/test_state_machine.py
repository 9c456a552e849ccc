"""The whole need workflow, table-driven: for every transition and every status, each role either makes the
transition (and an event records it) or is refused with a message and nothing changes."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from services import actions
from services.models import Assignment, ExtensionRequest, Feedback, Need, NeedEvent

from .needs_world import ALL_STATES, S, w, need_in  # noqa: F401  (fixtures)

ROLES = ["admin", "city_official", "official_a", "official_b", "alliance_staff_a", "alliance_staff_b",
         "committee_staff_a", "committee_staff_b", "department_staff", "co_department_staff",
         "other_department_staff", "contact_a", "contact_b", "outsider"]
DISPATCHERS = {"alliance_staff_a", "committee_staff_a"}
LEAD = {"department_staff"}
OPEN = [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.DEFERRED, S.REOPENED]

# transition -> {status it is allowed from: roles allowed (besides admin)}; any other status: nobody.
ALLOWED = {
    "accept": {S.SUBMITTED: DISPATCHERS},
    "reject": {S.SUBMITTED: DISPATCHERS},
    "withdraw": {state: {"contact_a"} for state in OPEN},
    "assign": {S.ACCEPTED: DISPATCHERS, S.REOPENED: DISPATCHERS},
    # Both departments' tasks await signature while assigned; once the lead signed, only the co-operating one.
    "sign": {S.ASSIGNED: {"department_staff", "co_department_staff"}, S.IN_PROGRESS: {"co_department_staff"}},
    "return": {S.ASSIGNED: {"department_staff", "co_department_staff"}, S.IN_PROGRESS: {"co_department_staff"}},
    "reply": {S.IN_PROGRESS: LEAD, S.DEFERRED: LEAD},
    "progress": {S.IN_PROGRESS: LEAD, S.DEFERRED: LEAD},  # the co-operating department has not signed
    "defer": {S.IN_PROGRESS: LEAD},
    "resume": {S.DEFERRED: LEAD},
    "request_extension": {S.IN_PROGRESS: LEAD},
    "approve_extension": {S.IN_PROGRESS: DISPATCHERS, S.DEFERRED: DISPATCHERS},
    "refuse_extension": {S.IN_PROGRESS: DISPATCHERS, S.DEFERRED: DISPATCHERS},
    "resolve": {S.IN_PROGRESS: LEAD, S.DEFERRED: LEAD},
    "feedback": {S.RESOLVED: {"contact_a"}},
    "close": {S.RESOLVED: DISPATCHERS},
}

EXTENSION_DECISIONS = ("approve_extension", "refuse_extension")
EVENT = {"approve_extension": NeedEvent.Kind.APPROVE_EXTENSION, "refuse_extension": NeedEvent.Kind.REFUSE_EXTENSION,
         "request_extension": NeedEvent.Kind.REQUEST_EXTENSION}

# Where an allowed transition leads (None: the status stays, or depends on who signs/returns).
TARGET = {"accept": S.ACCEPTED, "reject": S.REJECTED, "withdraw": S.WITHDRAWN, "assign": S.ASSIGNED,
          "defer": S.DEFERRED, "resume": S.IN_PROGRESS, "resolve": S.RESOLVED, "feedback": S.CLOSED,
          "close": S.CLOSED}


def call(name, w, need, user):
    pending = ExtensionRequest.objects.filter(need=need, status="pending").first()
    later = timezone.localdate() + timedelta(days=60)
    return {
        "accept": lambda: actions.accept_need(need, acting_user=user),
        "reject": lambda: actions.reject_need(need, acting_user=user, kind="duplicate", reason="与上月诉求重复"),
        "withdraw": lambda: actions.withdraw_need(need, acting_user=user, reason="已自行解决"),
        "assign": lambda: actions.assign_need(need, acting_user=user, lead_department=w.department,
                                              co_departments=[w.other_department], responsible_person="王主任",
                                              plan="对接金融机构"),
        "sign": lambda: actions.sign_need(need, acting_user=user),
        "return": lambda: actions.return_need(need, acting_user=user, reason="不属于本部门职责"),
        "reply": lambda: actions.reply_need(need, acting_user=user, note="已收到，三日内给出方案"),
        "progress": lambda: actions.add_progress(need, acting_user=user, note="已召开协调会"),
        "defer": lambda: actions.defer_need(need, acting_user=user, explanation="需省级审批", timetable="下季度",
                                            deferred_until=later),
        "resume": lambda: actions.resume_need(need, acting_user=user, note="省级批复已到"),
        "request_extension": lambda: actions.request_extension(need, acting_user=user, days=5, reason="材料待补"),
        "approve_extension": lambda: actions.approve_extension(pending, acting_user=user),
        "refuse_extension": lambda: actions.refuse_extension(pending, acting_user=user, reason="时限充足"),
        "resolve": lambda: actions.resolve_need(need, acting_user=user, outcome="问题已解决"),
        "feedback": lambda: actions.give_feedback(need, acting_user=user, satisfaction="satisfied"),
        "close": lambda: actions.close_need(need, acting_user=user),
    }[name]()


def snapshot(need_pk):
    need = Need.objects.get(pk=need_pk)
    return (model_to_dict(need, exclude=["chains"]), NeedEvent.objects.filter(need_id=need_pk).count(),
            list(Assignment.objects.filter(need_id=need_pk).values()),
            list(ExtensionRequest.objects.filter(need_id=need_pk).values()),
            Feedback.objects.filter(need_id=need_pk).count())


class Rollback(Exception):
    pass


def test_the_table_covers_every_transition():
    assert set(ALLOWED) == set(actions.TRANSITIONS)


@pytest.mark.parametrize("state", ALL_STATES)
@pytest.mark.parametrize("name", list(ALLOWED))
def test_each_role_makes_or_is_refused_each_transition_from_each_status(w, need_in, name, state):
    need = need_in(state)
    if name in ("approve_extension", "refuse_extension"):
        ExtensionRequest.objects.create(need=need, days=5, reason="材料待补", previous_due=need.due_date)
    allowed_roles = ALLOWED[name].get(state)
    allowed_roles = (allowed_roles | {"admin"}) if allowed_roles is not None else set()
    for role in ROLES:
        user = getattr(w, role)
        before = snapshot(need.pk)
        fresh = Need.objects.get(pk=need.pk)
        if role in allowed_roles:
            try:
                with transaction.atomic():
                    call(name, w, fresh, user)
                    after = Need.objects.get(pk=need.pk)
                    if name not in EXTENSION_DECISIONS:  # (those are given the extension request, not the need)
                        # the caller's instance is the row as saved (actions._done), not read back
                        assert model_to_dict(fresh, exclude=["chains"]) == model_to_dict(after, exclude=["chains"]), \
                            (role, name, state)
                    event = NeedEvent.objects.filter(need=need).latest("at", "pk")
                    assert event.kind == EVENT.get(name, name), (role, name, state)
                    assert event.actor == user and event.from_status == state and event.to_status == after.status
                    if name in TARGET:
                        assert after.status == TARGET[name], (role, name, state)
                    raise Rollback
            except Rollback:
                pass
        else:
            with pytest.raises(actions.TransitionRefused) as refused:
                call(name, w, fresh, user)
            assert refused.value.messages and refused.value.messages[0], (role, name, state)
            assert snapshot(need.pk) == before, f"{role} changed something refusing {name} from {state}"


def test_after_an_action_the_callers_need_holds_no_related_object_cached_before(w, need_in):
    need = Need.objects.prefetch_related("assignments").select_related("county").get(pk=need_in(S.ACCEPTED).pk)
    assert list(need.assignments.all()) == [] and need.county
    actions.assign_need(need, acting_user=w.alliance_staff_a, lead_department=w.department, responsible_person="王主任",
                        plan="对接金融机构")
    assert need.status == S.ASSIGNED and need.due_date is not None
    assert [task.department for task in need.assignments.all()] == [w.department]
    assert not Need.county.is_cached(need)


def test_a_refusal_says_who_may_act_and_what_status_forbids_it(w, need_in):
    need = need_in(S.SUBMITTED)
    with pytest.raises(actions.TransitionRefused) as by_role:
        actions.accept_need(need, acting_user=w.contact_a)
    assert by_role.value.code == "role"
    with pytest.raises(actions.TransitionRefused) as by_state:
        actions.resolve_need(need, acting_user=w.admin, outcome="x")
    assert by_state.value.code == "state"
    assert str(S.SUBMITTED.label) in by_state.value.messages[0]
