"""Approval of account requests: by the committee of the enterprise's park, or the alliance of its chain."""
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from chainparty.access import scope_for
from enterprises.models import EnterpriseContact
from enterprises.signup import approve_request, refuse_request, request_account

from .. import factories as f
from ..conftest import api_client_for, client_for

ROLES = ["admin", "city_official", "official_a", "official_b", "alliance_staff_a", "alliance_staff_b",
         "committee_staff_a", "committee_staff_b", "department_staff", "contact_a", "contact_b", "outsider"]
# Who sees enterprise A (and so its contacts' requests).
SEES_A = {"admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "contact_a"}


def ask(enterprise, username="applicant", mobile="13800000001") -> EnterpriseContact:
    return request_account(enterprise=enterprise, username=username, password="Laser-Chain-2026", name="申请人",
                           mobile=mobile, position="联络员")


@pytest.fixture
def pending(world):
    return ask(world.enterprise_a)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_committee_of_the_park_approves_on_the_page(world, pending, role):
    response = client_for(getattr(world, role)).post(reverse("enterprises:signup-approve", args=[pending.pk]))
    pending.refresh_from_db()
    if role in {"admin", "committee_staff_a"}:
        assert response.status_code == 302
        assert pending.status == "approved" and pending.decided_by == getattr(world, role)
        assert pending.decided_at is not None
    else:
        assert response.status_code == (403 if role in SEES_A else 404)
        assert pending.status == "pending" and pending.decided_by is None


@pytest.mark.parametrize("role", ROLES)
def test_only_the_committee_of_the_park_refuses_through_the_api(world, pending, role):
    response = api_client_for(getattr(world, role)).post(f"/api/v1/contact-requests/{pending.pk}/refuse/",
                                                         {"refusal_reason": "不是本企业员工"}, format="json")
    pending.refresh_from_db()
    if role in {"admin", "committee_staff_a"}:
        assert response.status_code == 200 and response.json()["status"] == "refused"
        assert pending.refusal_reason == "不是本企业员工"
    else:
        assert response.status_code == (403 if role in SEES_A else 404)
        assert pending.status == "pending"


def test_approval_gives_the_contact_the_enterprises_reach(world, pending):
    assert scope_for(pending.user).enterprise_ids == frozenset()
    approve_request(pending, acting_user=world.committee_staff_a)
    assert scope_for(pending.user).enterprise_ids == {world.enterprise_a.pk}
    client = client_for(pending.user)
    assert client.get(reverse("enterprises:enterprise-detail", args=[world.enterprise_a.pk])).status_code == 200


def test_a_refused_contact_still_sees_nothing_and_reads_the_reason(world, pending):
    refuse_request(pending, reason="身份无法核实", acting_user=world.committee_staff_a)
    assert scope_for(pending.user).enterprise_ids == frozenset()
    page = client_for(pending.user).get(reverse("enterprises:signup-status")).content.decode()
    assert "身份无法核实" in page


def test_the_alliance_of_the_chain_decides_for_an_enterprise_without_a_park(world):
    loose = f.EnterpriseFactory(name="园外激光", county=world.county_a, chains=[world.chain_a])
    request = ask(loose)
    with pytest.raises(PermissionDenied):
        approve_request(request, acting_user=world.committee_staff_a)
    with pytest.raises(PermissionDenied):
        approve_request(request, acting_user=world.alliance_staff_b)
    approve_request(request, acting_user=world.alliance_staff_a)
    assert EnterpriseContact.objects.get(pk=request.pk).status == "approved"


def test_the_alliance_decides_when_the_park_has_no_committee(world):
    park = f.ParkFactory(name="无党委园区", county=world.county_a)
    enterprise = f.EnterpriseFactory(county=world.county_a, park=park, chains=[world.chain_a])
    request = ask(enterprise)
    approve_request(request, acting_user=world.alliance_staff_a)
    assert EnterpriseContact.objects.get(pk=request.pk).status == "approved"


def test_a_refusal_needs_a_reason(world, pending):
    response = client_for(world.committee_staff_a).post(reverse("enterprises:signup-refuse", args=[pending.pk]),
                                                        {"refusal_reason": "  "}, follow=True)
    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    pending.refresh_from_db()
    assert pending.status == "pending"
    api = api_client_for(world.committee_staff_a).post(f"/api/v1/contact-requests/{pending.pk}/refuse/", {},
                                                      format="json")
    assert api.status_code == 400 and "refusal_reason" in api.json()


def test_a_decided_request_cannot_be_decided_again(world, pending):
    approve_request(pending, acting_user=world.committee_staff_a)
    response = api_client_for(world.committee_staff_a).post(f"/api/v1/contact-requests/{pending.pk}/refuse/",
                                                            {"refusal_reason": "改主意"}, format="json")
    assert response.status_code == 400
    pending.refresh_from_db()
    assert pending.status == "approved" and pending.refusal_reason == ""


def test_the_queue_shows_the_committee_its_pending_requests(world, pending):
    ask(world.enterprise_b, username="applicant_b", mobile="13800000002")
    response = client_for(world.committee_staff_a).get(reverse("enterprises:signup-requests"))
    assert response.status_code == 200 and list(response.context["requests"]) == [pending]
    # The alliance does not decide for an enterprise whose park has a committee.
    response = client_for(world.alliance_staff_a).get(reverse("enterprises:signup-requests"))
    assert response.status_code == 200 and not response.context["requests"]
    approved = client_for(world.committee_staff_a).get(reverse("enterprises:signup-requests"), {"status": "approved"})
    assert pending not in approved.context["requests"]


@pytest.mark.parametrize("role", ["city_official", "department_staff", "contact_a", "outsider"])
def test_people_who_decide_nothing_do_not_get_the_queue(world, role):
    assert client_for(getattr(world, role)).get(reverse("enterprises:signup-requests")).status_code == 403


def test_the_api_lists_requests_within_the_scope_and_filters_the_decidable_ones(world, pending):
    client = api_client_for(world.alliance_staff_a)
    rows = client.get("/api/v1/contact-requests/", {"status": "pending"}).json()["results"]
    assert [row["id"] for row in rows] == [pending.pk]
    assert client.get("/api/v1/contact-requests/", {"decidable": "true"}).json()["results"] == []
    rows = api_client_for(world.committee_staff_a).get("/api/v1/contact-requests/",
                                                       {"decidable": "true", "status": "pending"}).json()["results"]
    assert [row["id"] for row in rows] == [pending.pk]
    assert api_client_for(world.committee_staff_b).get(f"/api/v1/contact-requests/{pending.pk}/").status_code == 404


def test_the_admin_action_approves_the_selected_requests(world, pending):
    other = ask(world.enterprise_b, username="applicant_b", mobile="13800000002")
    response = client_for(world.admin).post(reverse("admin:enterprises_enterprisecontact_changelist"), {
        "action": "approve_selected", "_selected_action": [pending.pk, other.pk]})
    assert response.status_code == 302
    assert set(EnterpriseContact.objects.filter(pk__in=[pending.pk, other.pk]).values_list("status", flat=True)) == {
        "approved"}


def test_the_admin_action_asks_for_the_reason_then_refuses(world, pending):
    client = client_for(world.admin)
    url = reverse("admin:enterprises_enterprisecontact_changelist")
    ask_page = client.post(url, {"action": "refuse_selected", "_selected_action": [pending.pk]})
    assert ask_page.status_code == 200 and "refusal_reason" in ask_page.content.decode()
    pending.refresh_from_db()
    assert pending.status == "pending"
    client.post(url, {"action": "refuse_selected", "_selected_action": [pending.pk], "apply": "1",
                      "refusal_reason": "重复申请"})
    pending.refresh_from_db()
    assert pending.status == "refused" and pending.refusal_reason == "重复申请"


def test_a_staff_committee_user_approves_in_admin_only_what_they_decide(world, pending):
    other = ask(world.enterprise_b, username="applicant_b", mobile="13800000002")
    user = world.committee_staff_a
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(codename__in=["view_enterprisecontact",
                                                                     "change_enterprisecontact"]))
    client = client_for(user)
    client.post(reverse("admin:enterprises_enterprisecontact_changelist"), {
        "action": "approve_selected", "_selected_action": [pending.pk, other.pk]})
    assert EnterpriseContact.objects.get(pk=pending.pk).status == "approved"
    assert EnterpriseContact.objects.get(pk=other.pk).status == "pending"  # not in their admin list at all
