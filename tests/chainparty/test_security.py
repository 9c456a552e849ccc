"""Log-in protection, security headers and the content security policy."""
from django.test import Client


def test_repeated_wrong_passwords_lock_the_account_for_a_while(world):
    client = Client()
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "official_a", "password": "wrong"})
        assert response.status_code == 200
    assert client.post("/accounts/login/", {"username": "official_a", "password": "wrong"}).status_code == 429
    locked = client.post("/accounts/login/", {"username": "official_a", "password": "correct-horse-battery"})
    assert locked.status_code == 429
    assert "锁定" in locked.content.decode()


def test_a_right_password_logs_in(world):
    client = Client()
    response = client.post("/accounts/login/", {"username": "official_a", "password": "correct-horse-battery"})
    assert response.status_code == 302


def test_pages_carry_a_strict_script_policy_and_security_headers(world):
    client = Client()
    client.force_login(world.city_official)
    response = client.get("/chains/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"<script>" not in response.content  # every script is a file


def test_no_page_template_has_an_inline_script():
    from pathlib import Path

    offenders = []
    for template in Path(__file__).resolve().parents[2].joinpath("templates").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for chunk in text.split("<script")[1:]:
            tag = chunk.split(">", 1)[0]
            if "src=" not in tag and "application/json" not in tag:
                offenders.append(str(template))
        if " onclick=" in text or " onchange=" in text or " onsubmit=" in text:
            offenders.append(str(template))
    assert offenders == []


def test_a_signed_in_user_is_read_afresh_on_every_request(world):
    """The portal's model backend (chainparty/auth_backends.py) reads the session's user with a prepared query:
    a user deactivated, or whose password changed, is signed out at their next request."""
    client = Client()
    client.post("/accounts/login/", {"username": "official_a", "password": "correct-horse-battery"})
    assert client.get("/dashboard/").status_code == 200
    world.official_a.is_active = False
    world.official_a.save()
    assert client.get("/dashboard/").status_code == 302
    world.official_a.is_active = True
    world.official_a.save()
    client.post("/accounts/login/", {"username": "official_a", "password": "correct-horse-battery"})
    world.official_a.set_password("another-horse-battery")
    world.official_a.save()
    assert client.get("/dashboard/").status_code == 302


def test_the_backend_gives_the_stored_user_or_none(world):
    from chainparty.auth_backends import ModelBackend

    user = ModelBackend().get_user(world.official_a.pk)
    assert (user.pk, user.username, user.password, user.is_active) == (
        world.official_a.pk, "official_a", world.official_a.password, True)
    assert not user._state.adding
    assert ModelBackend().get_user(str(world.official_a.pk)).pk == world.official_a.pk
    assert ModelBackend().get_user(10**9) is None and ModelBackend().get_user("not an id") is None
    type(world.official_a).objects.filter(pk=world.official_a.pk).update(is_active=False)
    assert ModelBackend().get_user(world.official_a.pk) is None
