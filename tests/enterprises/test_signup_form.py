"""The public sign-up form: a contact asks for an account by the enterprise's credit code."""
import pytest
from django.urls import reverse

from chainparty.models import User
from enterprises.models import EnterpriseContact

from .. import factories as f
from ..conftest import client_for

URL = reverse("enterprises:signup")


def form_data(world, **overrides):
    data = {"credit_code": world.enterprise_a.credit_code, "name": "周联络", "position": "党支部书记",
            "mobile": "13912345678", "username": "zhou_lianluo", "password1": "Laser-Chain-2026",
            "password2": "Laser-Chain-2026"}
    data.update(overrides)
    return data


def test_a_request_creates_a_pending_contact_and_an_account_that_sees_nothing(client, world):
    response = client.post(URL, form_data(world))
    assert response.status_code == 302 and response["Location"] == reverse("enterprises:signup-done")
    contact = EnterpriseContact.objects.get(user__username="zhou_lianluo")
    assert (contact.enterprise, contact.status, contact.mobile, contact.position) == (
        world.enterprise_a, "pending", "13912345678", "党支部书记")
    assert contact.requested_at is not None and contact.decided_by is None
    assert contact.user.check_password("Laser-Chain-2026") and contact.user.name == "周联络"

    assert client.post("/accounts/login/", {"username": "zhou_lianluo", "password": "Laser-Chain-2026"}).status_code == 302
    assert client.get(reverse("enterprises:enterprise-detail", args=[world.enterprise_a.pk])).status_code == 404
    assert not client.get(reverse("enterprises:enterprise-list")).context["object_list"]
    f.ResourceFactory(department=world.department, target_chains=[world.chain_a])
    assert not client.get(reverse("services:resource-list")).context["object_list"]
    assert client.get("/api/v1/enterprises/").json()["results"] == []
    status = client.get(reverse("enterprises:signup-status"))
    assert "卡米特激光" in status.content.decode() and list(status.context["requests"]) == [contact]


def test_the_credit_code_may_be_typed_in_lower_case_with_spaces(client, world):
    response = client.post(URL, form_data(world, credit_code=f"  {world.enterprise_a.credit_code.lower()} "))
    assert response.status_code == 302


def test_an_unknown_credit_code_is_refused_with_a_clear_message(client, world):
    unknown = f.credit_code()  # well formed, with a correct check character, but no such enterprise
    response = client.post(URL, form_data(world, credit_code=unknown))
    assert response.status_code == 200
    assert response.context["form"].has_error("credit_code", code="unknown")
    assert str(response.context["form"].errors["credit_code"][0]) in response.content.decode()
    assert not User.objects.filter(username="zhou_lianluo").exists()


def test_a_credit_code_with_a_wrong_check_character_is_refused(client, world):
    code = world.enterprise_a.credit_code
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    response = client.post(URL, form_data(world, credit_code=wrong))
    assert response.context["form"].has_error("credit_code", code="checksum")


def test_asking_twice_creates_one_request(client, world):
    assert client.post(URL, form_data(world)).status_code == 302
    # The same person again, even under another username: refused while the first request waits.
    response = client.post(URL, form_data(world, username="zhou2"))
    assert response.status_code == 200 and "mobile" in response.context["form"].errors
    # The same form submitted twice (a double click): the username is taken.
    response = client.post(URL, form_data(world))
    assert response.status_code == 200 and "username" in response.context["form"].errors
    assert EnterpriseContact.objects.filter(status="pending").count() == 1
    assert User.objects.filter(username__in=["zhou_lianluo", "zhou2"]).count() == 1


def test_after_a_refusal_the_person_may_ask_again(client, world):
    from enterprises.signup import refuse_request

    client.post(URL, form_data(world))
    refuse_request(EnterpriseContact.objects.get(status="pending"), reason="身份无法核实", acting_user=world.admin)
    assert client.post(URL, form_data(world, username="zhou2")).status_code == 302
    assert EnterpriseContact.objects.filter(mobile="13912345678").count() == 2


@pytest.mark.parametrize("password", ["short1!", "password1234", "1234567890123", "zhou_lianluo1"])
def test_weak_passwords_are_refused(client, world, password):
    response = client.post(URL, form_data(world, password1=password, password2=password))
    assert response.status_code == 200 and "password1" in response.context["form"].errors
    assert not EnterpriseContact.objects.filter(status="pending").exists()


@pytest.mark.parametrize("overrides,field", [
    ({"password2": "Something-Else-2026"}, "password2"),
    ({"mobile": "12345"}, "mobile"),
    ({"mobile": "23912345678"}, "mobile"),
    ({"username": "has space"}, "username"),
    ({"username": "contact_a"}, "username"),
    ({"name": ""}, "name"),
    ({"credit_code": ""}, "credit_code"),
])
def test_bad_input_gets_a_message_next_to_the_field(client, world, overrides, field):
    response = client.post(URL, form_data(world, **overrides))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not EnterpriseContact.objects.filter(status="pending").exists()


def test_a_signed_in_user_is_sent_to_their_requests(world):
    response = client_for(world.contact_a).get(URL)
    assert response.status_code == 302 and response["Location"] == reverse("enterprises:signup-status")


def test_the_form_and_the_done_page_are_public(client, world):
    assert client.get(URL).status_code == 200
    assert client.get(reverse("enterprises:signup-done")).status_code == 200
    assert client.get(reverse("enterprises:signup-status")).status_code == 302  # log in first
