"""Who sees which needs: the enterprise, its chain's alliance, its park's committee, the assigned departments
and the officials of its region; and department staff see the enterprises of the needs assigned to them."""
import pytest

from chainparty.access import scope_for
from enterprises.models import Enterprise
from services.models import Assignment, ExtensionRequest, Need, NeedEvent

from .needs_world import build, submit, w  # noqa: F401  (fixtures)

# role -> (sees the side-A need, sees the side-B need)
EXPECTED = {
    "admin": (True, True),
    "city_official": (True, True),
    "official_a": (True, False),
    "official_b": (False, True),
    "alliance_staff_a": (True, False),
    "alliance_staff_b": (False, True),
    "committee_staff_a": (True, False),
    "committee_staff_b": (False, True),
    "department_staff": (True, False),      # assigned the side-A need
    "co_department_staff": (True, False),   # co-operating on it
    "other_department_staff": (False, False),
    "contact_a": (True, False),
    "contact_b": (False, True),
    "outsider": (False, False),
}


@pytest.fixture
def pair(w):
    need_a = build(w, Need.Status.ASSIGNED)
    need_b = submit(w, acting_user=w.contact_b, enterprise=w.enterprise_b)
    return need_a, need_b


@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_sees_the_needs_of_its_reach(w, pair, role):
    scope = scope_for(getattr(w, role))
    visible = set(Need.objects.visible_to(scope))
    assert (pair[0] in visible, pair[1] in visible) == EXPECTED[role]
    # The records of a need follow the need.
    events = set(NeedEvent.objects.visible_to(scope).values_list("need_id", flat=True))
    assert (pair[0].pk in events, pair[1].pk in events) == EXPECTED[role]
    tasks = set(Assignment.objects.visible_to(scope).values_list("need_id", flat=True))
    assert (pair[0].pk in tasks) == EXPECTED[role][0]


def test_officials_and_outsiders_may_change_no_need(w, pair):
    for role in ("city_official", "official_a", "outsider"):
        assert not Need.objects.editable_by(scope_for(getattr(w, role))).exists()
    assert not NeedEvent.objects.editable_by(scope_for(w.alliance_staff_a)).exists()
    assert not ExtensionRequest.objects.editable_by(scope_for(w.department_staff)).exists()


def test_a_department_that_returned_its_task_no_longer_sees_the_need(w):
    from services import actions
    need = build(w, Need.Status.ASSIGNED)
    actions.return_need(need, acting_user=w.co_department_staff, reason="非本部门职责")
    assert not Need.objects.visible_to(scope_for(w.co_department_staff)).exists()
    assert Need.objects.visible_to(scope_for(w.department_staff)).exists()


def test_department_staff_see_the_enterprises_of_the_needs_assigned_to_them(w, pair):
    assert set(Enterprise.objects.visible_to(scope_for(w.department_staff))) == {w.enterprise_a}
    assert not Enterprise.objects.visible_to(scope_for(w.other_department_staff)).exists()


def test_the_chains_and_park_of_a_need_are_those_at_submission(w):
    need = submit(w)
    w.enterprise_a.chains.set([w.chain_b])
    w.enterprise_a.park = None
    w.enterprise_a.save()
    need.refresh_from_db()
    assert list(need.chains.all()) == [w.chain_a] and need.park == w.park_a
    assert Need.objects.visible_to(scope_for(w.alliance_staff_a)).filter(pk=need.pk).exists()
    assert not Need.objects.visible_to(scope_for(w.alliance_staff_b)).filter(pk=need.pk).exists()
