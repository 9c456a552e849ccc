"""Invitations: an approved contact invites a colleague, whose request still awaits the committee."""
import pytest
from django.core import signing
from django.urls import reverse

from enterprises.models import EnterpriseContact
from enterprises.signup import INVITATION_SALT, approve_request, invitation_token

from ..conftest import api_client_for, client_for


def colleague(**overrides):
    data = {"name": "吴同事", "position": "人事经理", "mobile": "13700000009", "username": "wu_tongshi",
            "password1": "Laser-Chain-2026", "password2": "Laser-Chain-2026"}
    data.update(overrides)
    return data


def contact_a(world) -> EnterpriseContact:
    return world.enterprise_a.contacts.get(user=world.contact_a)


def test_an_approved_contact_gets_an_invitation_link(world):
    response = client_for(world.contact_a).get(reverse("enterprises:signup-invite"))
    assert response.status_code == 200
    [(enterprise, link)] = response.context["links"]
    assert enterprise == world.enterprise_a and "invitation=" in link


@pytest.mark.parametrize("role", ["city_official", "alliance_staff_a", "committee_staff_a", "department_staff",
                                  "outsider"])
def test_people_who_are_not_approved_contacts_cannot_invite(world, role):
    assert client_for(getattr(world, role)).get(reverse("enterprises:signup-invite")).status_code == 403
    response = api_client_for(getattr(world, role)).post("/api/v1/contact-requests/invite/", {}, format="json")
    assert response.status_code == 403


def test_a_pending_contact_cannot_invite(world):
    contact = contact_a(world)
    contact.status = "pending"
    contact.save()
    assert client_for(world.contact_a).get(reverse("enterprises:signup-invite")).status_code == 403


def test_the_invited_colleague_signs_up_without_the_credit_code_and_waits_for_approval(client, world):
    url = reverse("enterprises:signup") + "?invitation=" + invitation_token(contact_a(world))
    page = client.get(url)
    assert "credit_code" not in page.context["form"].fields and "卡米特激光" in page.content.decode()
    response = client.post(url, colleague())
    assert response.status_code == 302
    invited = EnterpriseContact.objects.get(user__username="wu_tongshi")
    assert (invited.enterprise, invited.status, invited.invited_by) == (world.enterprise_a, "pending", world.contact_a)
    # The committee still decides, and sees who vouched.
    queue = client_for(world.committee_staff_a).get(reverse("enterprises:signup-requests")).content.decode()
    assert "吴同事" in queue and str(world.contact_a) in queue
    approve_request(invited, acting_user=world.committee_staff_a)
    assert EnterpriseContact.objects.get(pk=invited.pk).status == "approved"


def test_a_tampered_or_foreign_token_falls_back_to_the_credit_code(client, world):
    forged = signing.dumps({"contact": contact_a(world).pk}, salt="another-purpose")
    page = client.get(reverse("enterprises:signup") + "?invitation=" + forged)
    assert "credit_code" in page.context["form"].fields
    assert [m.level_tag for m in page.context["messages"]] == ["error"]


def test_an_invitation_dies_with_the_inviters_contact(client, world):
    token = invitation_token(contact_a(world))
    EnterpriseContact.objects.filter(user=world.contact_a).update(active=False)
    page = client.get(reverse("enterprises:signup") + "?invitation=" + token)
    assert "credit_code" in page.context["form"].fields


def test_an_invitation_expires_after_a_week(client, world, monkeypatch):
    token = invitation_token(contact_a(world))
    import time

    later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: later)
    page = client.get(reverse("enterprises:signup") + "?invitation=" + token)
    assert "credit_code" in page.context["form"].fields


def test_the_api_gives_the_link_for_the_contacts_enterprise(world):
    response = api_client_for(world.contact_a).post("/api/v1/contact-requests/invite/", {}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["enterprise"] == world.enterprise_a.pk and "invitation=" in body["link"]
    token = body["link"].split("invitation=")[1]
    assert signing.loads(token, salt=INVITATION_SALT)["contact"] == contact_a(world).pk
    other = api_client_for(world.contact_a).post("/api/v1/contact-requests/invite/",
                                                 {"enterprise": world.enterprise_b.pk}, format="json")
    assert other.status_code == 403
