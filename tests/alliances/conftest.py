"""The bodies' work on both sides of the `world`: one record of each kind on side A and on side B."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.files.storage import FileSystemStorage

from alliances.models import Activity, Meeting

from .. import factories as f


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English msgids, whatever translations are compiled (the UI defaults to Chinese)."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def private_media(settings, tmp_path):
    """Uploads go to a temporary folder for the test."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return FileSystemStorage(location=str(tmp_path))


def _side(world, side: str) -> SimpleNamespace:
    alliance, committee = getattr(world, f"alliance_{side}"), getattr(world, f"committee_{side}")
    member, enterprise = getattr(world, f"member_{side}"), getattr(world, f"enterprise_{side}")
    county = getattr(world, f"county_{side}")
    s = SimpleNamespace()
    s.partner = f.AllianceMemberFactory(alliance=alliance, enterprise=f.EnterpriseFactory(
        name=f"伙伴企业{side}", county=county))
    s.alliance_meeting = f.MeetingFactory(alliance=alliance, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 4, 1))
    s.committee_meeting = f.MeetingFactory(alliance=None, committee=committee, kind=Meeting.Kind.COMMITTEE_MONTHLY,
                                           period_start=date(2025, 4, 1))
    s.center = f.ServiceCenterFactory(alliance=alliance, park=getattr(world, f"park_{side}"))
    s.activity = f.ActivityFactory(alliance=alliance, participants=[member], venue=Activity.Venue.SERVICE_CENTER,
                                   service_center=s.center)
    s.committee_activity = f.ActivityFactory(alliance=None, committee=committee, kind=Activity.Kind.RECRUITMENT)
    s.agreement = f.AgreementFactory(alliance=alliance, parties=[member, s.partner])
    s.pairing = f.PairingFactory(alliance=alliance, first=member, second=s.partner)
    s.instruction = f.InstructionFactory(alliance=alliance)
    s.case = f.CaseFactory(alliance=alliance, enterprise=enterprise)
    return s


@pytest.fixture
def work(world):
    return SimpleNamespace(a=_side(world, "a"), b=_side(world, "b"))
