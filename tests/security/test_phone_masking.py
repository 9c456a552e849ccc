"""Personal phone numbers are masked (138****5678) for users who only read them; the body that may edit
the record and administrators see them whole."""
import pytest

from chainparty.masking import mask_phone
from tests import factories as f
from tests.conftest import api_client_for, client_for


def test_mask_keeps_the_first_three_and_last_four_digits():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == "" and mask_phone("12345") == "****"


@pytest.mark.parametrize("role,whole", [("admin", True), ("contact_a", True), ("city_official", False),
                                        ("official_a", False), ("alliance_staff_a", False)])
def test_contact_mobile_in_the_api(world, role, whole):
    contact = world.enterprise_a.contacts.get(user=world.contact_a)
    contact.mobile = "13812345678"
    contact.save()
    response = api_client_for(getattr(world, role)).get(f"/api/v1/enterprise-contacts/{contact.pk}/")
    assert response.status_code == 200
    assert response.json()["mobile"] == ("13812345678" if whole else "138****5678")


def test_assignment_phone_is_masked_for_the_enterprise_and_whole_for_admin(world):
    need = f.NeedFactory(enterprise=world.enterprise_a)
    task = f.AssignmentFactory(need=need, department=world.department, responsible_phone="13912345678")
    seen = api_client_for(world.contact_a).get(f"/api/v1/need-assignments/{task.pk}/")
    if seen.status_code == 200:
        assert seen.json()["responsible_phone"] == "139****5678"
    assert api_client_for(world.admin).get(f"/api/v1/need-assignments/{task.pk}/").json()[
        "responsible_phone"] == "13912345678"
    page = client_for(world.city_official).get(f"/services/needs/{need.pk}/")
    assert page.status_code == 200
    assert "13912345678" not in page.content.decode()
