"""Each role's reach over the bodies' work, straight on the querysets (pages, API and admin use these)."""
import pytest

from chainparty.access import scope_for

from .roles import EXPECTED, ROLES, SEES_B


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", EXPECTED)
def test_each_role_sees_and_changes_what_its_positions_allow(world, work, role, record):
    scope = scope_for(getattr(world, role))
    sees, changes = EXPECTED[record]
    for side, expected_sees, expected_changes in (("a", role in sees, role in changes),
                                                  ("b", role in SEES_B, role == "admin")):
        obj = getattr(getattr(work, side), record)
        manager = type(obj).objects
        assert manager.visible_to(scope).filter(pk=obj.pk).exists() is expected_sees, (side, "sees")
        assert manager.editable_by(scope).filter(pk=obj.pk).exists() is expected_changes, (side, "changes")


def test_a_contact_sees_only_the_agreements_their_enterprise_is_party_to(world, work):
    from alliances.models import Agreement

    from .. import factories as f

    other = f.AllianceMemberFactory(alliance=world.alliance_a)
    not_theirs = f.AgreementFactory(alliance=world.alliance_a, parties=[work.a.partner, other])
    visible = set(Agreement.objects.visible_to(scope_for(world.contact_a)))
    assert work.a.agreement in visible and not_theirs not in visible


def test_a_contact_sees_no_meetings_or_instructions(world, work):
    from alliances.models import Instruction, Meeting

    scope = scope_for(world.contact_a)
    assert not Meeting.objects.visible_to(scope).exists()
    assert not Instruction.objects.visible_to(scope).exists()


@pytest.mark.parametrize("role", ["official_b", "alliance_staff_b", "committee_staff_b", "contact_b"])
@pytest.mark.parametrize("record", EXPECTED)
def test_the_b_side_people_mirror_the_a_side(world, work, role, record):
    scope = scope_for(getattr(world, role))
    a_role = role.replace("_b", "_a")
    sees, changes = EXPECTED[record]
    for side, expected_sees, expected_changes in (("b", a_role in sees, a_role in changes), ("a", False, False)):
        obj = getattr(getattr(work, side), record)
        manager = type(obj).objects
        assert manager.visible_to(scope).filter(pk=obj.pk).exists() is expected_sees, (side, "sees")
        assert manager.editable_by(scope).filter(pk=obj.pk).exists() is expected_changes, (side, "changes")
