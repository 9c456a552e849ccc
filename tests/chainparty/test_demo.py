"""The demo city loads, and loading it twice gives the same data."""
import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

PROJECT_APPS = ["chainparty", "alliances", "parks", "enterprises", "services"]


def snapshot() -> dict:
    """Every row of every project model, as plain values (history tables excluded)."""
    data = {}
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical"):
            fields = [f.attname for f in model._meta.concrete_fields
                      if f.attname not in ("password", "last_login", "requested_at", "date_joined")
                      and not getattr(f, "auto_now", False)]  # "last changed" stamps move; the data does not
            data[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)))
    return data


def counted(monkeypatch, name: str) -> list:
    """Calls of ``chainparty.demo.<name>``, each still made."""
    import chainparty.demo

    calls, original = [], getattr(chainparty.demo, name)
    monkeypatch.setattr(chainparty.demo, name, lambda *args: calls.append(args) or original(*args))
    return calls


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_twice_gives_the_same_data(settings, monkeypatch):
    settings.DEMO_ALLOWED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    hashed, checked = counted(monkeypatch, "make_password"), counted(monkeypatch, "check_password")
    call_command("load_demo", verbosity=0, stdout=None)
    first = snapshot()
    assert (len(hashed), len(checked)) == (1, 0)  # the accounts' one password hashed once (PBKDF2: a second each)
    call_command("load_demo", verbosity=0)
    assert snapshot() == first
    assert (len(hashed), len(checked)) == (1, 1)  # and checked once again, not once per account
    from chainparty.demo import DEMO_PASSWORD, DEMO_USERS
    from chainparty.models import User
    users = User.objects.filter(username__in=DEMO_USERS)
    assert users.count() == len(DEMO_USERS) and all(user.check_password(DEMO_PASSWORD) for user in users)
    from alliances.models import Alliance
    from enterprises.models import Enterprise
    from parks.models import JointCommittee
    assert Alliance.objects.count() == 5
    assert JointCommittee.objects.count() >= 4
    assert Enterprise.objects.count() >= 60
    assert set(Enterprise.objects.filter(name__in=["苏洋酿酒", "国鼎酒业", "国御酒业", "卡米特激光", "永年激光"])
               .values_list("name", flat=True)) == {"苏洋酿酒", "国鼎酒业", "国御酒业", "卡米特激光", "永年激光"}


def test_the_demo_refuses_to_load_in_production(settings, db):
    settings.DEMO_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo")
