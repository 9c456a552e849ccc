"""Fixtures and helpers of the needs tests (imported by each test module, so the services folder keeps no
shared conftest): the world plus a co-operating department and one left out, and needs in every status,
reached through the workflow itself (services.actions)."""
from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from services import actions
from services.models import Need
from tests import factories as f

S = Need.Status
ALL_STATES = list(S.values)


@pytest.fixture
def w(world):
    """``world`` plus: staff of a co-operating department (市人社局) and of a department never assigned."""
    world.co_department_staff = f.DepartmentStaffFactory(user=f.UserFactory(username="co_department"),
                                                         department=world.other_department).user
    world.unassigned_department = f.DepartmentFactory(name="市商务局", region=world.city)
    world.other_department_staff = f.DepartmentStaffFactory(user=f.UserFactory(username="unassigned_department"),
                                                            department=world.unassigned_department).user
    return world


def submit(w, **kwargs) -> Need:
    values = dict(acting_user=w.contact_a, enterprise=w.enterprise_a, category=Need.Category.POLICY,
                  title="申请技改补贴政策辅导", description="希望了解智能化改造补贴的申报条件。")
    values.update(kwargs)
    return actions.submit_need(**values)


def assign(w, need, user=None, **kwargs) -> Need:
    values = dict(acting_user=user or w.alliance_staff_a, lead_department=w.department,
                  co_departments=[w.other_department], responsible_person="李科长", plan="召集相关部门现场协调")
    values.update(kwargs)
    return actions.assign_need(need, **values)


def build(w, state: str) -> Need:
    """A need of enterprise_a (chain_a, park_a) in ``state``: led by w.department, co-operated by
    w.other_department, whose staff never sign."""
    need = submit(w)
    if state == S.SUBMITTED:
        return need
    if state == S.REJECTED:
        return actions.reject_need(need, acting_user=w.alliance_staff_a, kind="out_of_scope", reason="不属于联盟服务范围")
    if state == S.WITHDRAWN:
        return actions.withdraw_need(need, acting_user=w.contact_a, reason="已自行解决")
    actions.accept_need(need, acting_user=w.alliance_staff_a)
    if state == S.ACCEPTED:
        return need
    assign(w, need, user=w.committee_staff_a)
    if state == S.ASSIGNED:
        return need
    actions.sign_need(need, acting_user=w.department_staff)
    if state == S.IN_PROGRESS:
        return need
    if state == S.DEFERRED:
        return actions.defer_need(need, acting_user=w.department_staff, explanation="需等待省级用地指标",
                                  timetable="明年一季度取得指标后办理",
                                  deferred_until=timezone.localdate() + timedelta(days=90))
    actions.resolve_need(need, acting_user=w.department_staff, outcome="已完成政策辅导并提交申报")
    if state == S.RESOLVED:
        return need
    if state == S.CLOSED:
        actions.give_feedback(need, acting_user=w.contact_a, satisfaction="satisfied")
        return need
    if state == S.REOPENED:
        actions.give_feedback(need, acting_user=w.contact_a, satisfaction="unsatisfied", reason="补贴仍未到位")
        return need
    raise ValueError(state)


@pytest.fixture
def need_in(w):
    return lambda state: build(w, state)
