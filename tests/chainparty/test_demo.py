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
                      if f.attname not in ("password", "last_login", "requested_at", "date_joined")]
            data[model._meta.label] = sorted(map(repr, model.objects.values_list(*fields)))
    return data


@pytest.mark.django_db(transaction=True)
def test_loading_the_demo_twice_gives_the_same_data(settings):
    settings.DEMO_ALLOWED = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", verbosity=0, stdout=None)
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first
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
