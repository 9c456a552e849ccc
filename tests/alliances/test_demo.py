"""The demo loader: two years of the bodies' work, the report's named cooperations, valid and idempotent."""
import random
from datetime import date

import pytest

from alliances import demo
from alliances.models import (Activity, Agreement, AlliancePosition, Case, Instruction, Meeting, MeetingIssue, Pairing,
                              ServiceCenter, check_parties)
from chainparty.demo import DemoCity

from .. import factories as f

MODELS = [Meeting, MeetingIssue, Activity, Agreement, Pairing, ServiceCenter, Instruction, Case]
TODAY = date(2026, 5, 20)


@pytest.fixture
def city(world):
    """A small DemoCity over the `world`, with the enterprises the report names."""
    for name in ("国鼎酒业", "国御酒业"):
        f.AllianceMemberFactory(alliance=world.alliance_b, enterprise=f.EnterpriseFactory(
            name=name, county=world.county_b, park=world.park_b, chains=[world.chain_b]))
    institute = f.EnterpriseFactory(name="先进光源技术研究院有限公司", county=world.county_a, chains=[world.chain_a])
    f.EnterpriseFactory(name="永年激光", county=world.county_a, park=world.park_a, chains=[world.chain_a])
    f.AllianceMemberFactory(alliance=world.alliance_a, enterprise=institute)
    f.AlliancePositionFactory(alliance=world.alliance_a, role=AlliancePosition.Role.CHAIR, person_name="理事长甲")
    f.AlliancePositionFactory(alliance=world.alliance_a, role=AlliancePosition.Role.ADVISOR, person_name="市领导甲",
                              is_city_leader=True)
    from enterprises.models import Enterprise
    return DemoCity(
        rng=random.Random(1), today=TODAY, province=world.province, city=world.city,
        counties={"宿城区": world.county_a, "宿豫区": world.county_b}, departments={"工信局": world.department},
        chains={c.name: c for c in (world.chain_a, world.chain_b)},
        alliances={world.chain_a.name: world.alliance_a, world.chain_b.name: world.alliance_b},
        parks={p.name: p for p in (world.park_a, world.park_b)},
        committees={world.park_a.name: world.committee_a, world.park_b.name: world.committee_b},
        enterprises=list(Enterprise.objects.order_by("pk")))


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_loading_twice_changes_nothing(city):
    demo.load(city)
    first = _counts()
    assert all(first.values()), first
    demo.load(city)
    assert _counts() == first


def test_two_years_of_meetings_with_a_few_missed(city, world):
    demo.load(city)
    council = Meeting.objects.filter(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL)
    # 2025Q1 … 2026Q2 (the running quarter) and 2026Q3 (the next, scheduled)
    assert [m.period_text for m in council.order_by("period_start")] == [
        "2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2", "2026Q3"]
    monthly = Meeting.objects.filter(committee=world.committee_a)
    assert monthly.count() == 17  # January 2025 … May 2026
    assert Meeting.objects.filter(status=Meeting.Status.MISSED).exists()
    assert Meeting.objects.filter(status=Meeting.Status.HELD).count() > Meeting.objects.filter(
        status=Meeting.Status.MISSED).count() * 5
    assert not Meeting.objects.filter(period_end__lt=TODAY, status=Meeting.Status.SCHEDULED).exists()
    assert not Meeting.objects.filter(status=Meeting.Status.HELD, date__gte=TODAY).exists()


def test_the_reports_named_cooperations_are_there(city, world):
    demo.load(city)
    liquor = Agreement.objects.get(title="浓香型白酒生产酿造技术联合研究")
    assert liquor.alliance == world.alliance_b and liquor.kind == Agreement.Kind.JOINT_RESEARCH
    assert {p.enterprise.name for p in liquor.parties.all()} == {"苏洋酿酒", "国鼎酒业", "国御酒业"}
    laser = Agreement.objects.get(title="激光装备产业创新联合体")
    assert {p.enterprise.name for p in laser.parties.all()} == {"先进光源技术研究院有限公司", "卡米特激光", "永年激光"}


def test_the_demo_records_pass_their_own_rules(city):
    demo.load(city)
    for model in MODELS:
        for record in model.objects.all():
            record.full_clean(exclude=["minutes_file", "document"])
    for agreement in Agreement.objects.prefetch_related("parties"):
        check_parties(agreement.alliance, agreement.parties.all())


def test_every_alliance_has_a_service_center_with_activities(city, world):
    demo.load(city)
    for alliance in (world.alliance_a, world.alliance_b):
        center = ServiceCenter.objects.get(alliance=alliance)
        assert center.opened_on and "party_activities" in center.functional_areas
    assert Activity.objects.filter(service_center__isnull=False).exists()
    assert Activity.objects.filter(committee__isnull=False, kind=Activity.Kind.RECRUITMENT,
                                   workers_recommended__gt=0).exists()
