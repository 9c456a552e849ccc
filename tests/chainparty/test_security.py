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
