"""Admin of the bodies' work for every role (each made staff with every permission of the app): the scope still
decides what is listed and what may be changed."""
import pytest
from django.contrib.auth.models import Permission

from ..conftest import client_for
from .roles import EXPECTED, ROLES, SEES_B

ADMIN = {"alliance_meeting": "meeting", "committee_meeting": "meeting", "activity": "activity",
         "agreement": "agreement", "pairing": "pairing", "center": "servicecenter", "instruction": "instruction",
         "case": "case"}


def _staff(user):
    if not user.is_superuser:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="alliances"))
    return client_for(user)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", ADMIN)
def test_admin_for_every_role(world, work, role, record):
    client = _staff(getattr(world, role))
    sees, changes = EXPECTED[record]
    model = ADMIN[record]
    listing = client.get(f"/admin/alliances/{model}/")
    assert listing.status_code == 200
    shown = set(listing.context["cl"].result_list)
    assert (getattr(work.a, record) in shown) is (role in sees)
    assert (getattr(work.b, record) in shown) is (role in SEES_B)
    change = client.get(f"/admin/alliances/{model}/{getattr(work.a, record).pk}/change/")
    if role in sees:
        assert change.status_code == 200
        assert change.context["has_change_permission"] is (role in changes)
    else:
        assert change.status_code == 302  # admin's answer for an object that does not exist


def test_non_staff_users_do_not_reach_admin(world, work):
    response = client_for(world.alliance_staff_a).get("/admin/alliances/meeting/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_b_side_staff_see_their_side_in_admin(world, work):
    client = _staff(world.alliance_staff_b)
    shown = set(client.get("/admin/alliances/agreement/").context["cl"].result_list)
    assert shown == {work.b.agreement}
