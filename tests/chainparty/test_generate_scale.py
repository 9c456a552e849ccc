"""generate_scale: cities of realistic data through the real models, at a small --scale."""
from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.utils import timezone

from alliances.models import (Activity, Agreement, Alliance, AllianceMember, AlliancePosition, IndustrialChain,
                              Meeting, Pairing)
from chainparty.figures import Area, Period, compute_all
from chainparty.models import Department, Region
from chainparty.scale import generate
from chainparty.scale.base import counts_for
from enterprises.credit_code import validate_credit_code
from enterprises.models import Enterprise, EnterpriseContact, MemberReport, PartyOrganization
from parks.models import CommitteePosition, JointCommittee, Park, PartyWorker
from services.models import Assignment, ExtensionRequest, Feedback, Need, NeedEvent, Visit

SCALE = 0.001
pytestmark = pytest.mark.django_db


@pytest.fixture
def city(db):
    return generate(scale=SCALE, seed="test", out=io.StringIO())[0]


def needs_of(city):
    return Need.objects.filter(county__parent__code=city.code)


def test_the_counts_follow_the_scale(city):
    counts = counts_for(SCALE)
    region = Region.objects.get(code=city.code)
    assert region.children.count() == 6
    assert IndustrialChain.objects.filter(region=region).count() == counts["chains"]
    assert Alliance.objects.filter(chain__region=region).count() == counts["chains"]
    assert Park.objects.filter(county__parent=region).count() == counts["parks"]
    assert JointCommittee.objects.filter(park__county__parent=region).count() == counts["parks"]
    assert Enterprise.objects.filter(county__parent=region).count() == counts["enterprises"]
    assert needs_of(city).count() == counts["needs"]
    assert Meeting.objects.count() == counts["meetings"]
    assert Agreement.objects.count() == counts["agreements"]
    assert counts_for(0.5)["needs"] == 100_000 and counts_for(1)["enterprises"] == 20_000


def test_every_enterprise_has_a_party_organisation_and_a_valid_credit_code(city):
    enterprises = Enterprise.objects.filter(county__parent__code=city.code)
    assert not enterprises.filter(party_organization__isnull=True).exists()
    for code in enterprises.values_list("credit_code", flat=True):
        validate_credit_code(code)
    assert EnterpriseContact.objects.filter(enterprise__in=enterprises).exists()
    assert MemberReport.objects.filter(status="approved").count() > MemberReport.objects.exclude(status="approved").count()


def test_every_need_status_appears_and_some_needs_are_overdue(city):
    assert set(needs_of(city).values_list("status", flat=True)) == set(Need.Status.values)
    assert needs_of(city).overdue().exists()


def test_the_events_of_each_need_follow_its_state(city):
    events: dict[int, list] = {}
    for need_id, kind, at, from_status, to_status in NeedEvent.objects.order_by("need_id", "pk").values_list(
            "need_id", "kind", "at", "from_status", "to_status"):
        events.setdefault(need_id, []).append((kind, at, from_status, to_status))
    for need in needs_of(city):
        timeline = events[need.pk]
        kinds = [kind for kind, *_rest in timeline]
        assert kinds[0] == "submit" and timeline[0][1] == need.submitted_at
        assert [at for _kind, at, *_ in timeline] == sorted(at for _kind, at, *_ in timeline)
        assert timeline[-1][3] == need.status
        for (_k, _a, _f, before), (_k2, _a2, after_from, _t) in zip(timeline, timeline[1:]):
            assert after_from == before  # each step starts where the previous one ended
        if need.status == "closed":
            assert {"accept", "assign", "sign", "reply", "resolve"} <= set(kinds)
            assert kinds[-1] in ("feedback", "close")
        if need.status in ("in_progress", "deferred"):
            assert Assignment.objects.current().filter(need=need, is_lead=True, signed_at__isnull=False).exists()
        if need.status == "assigned":
            assert Assignment.objects.current().filter(need=need, is_lead=True, signed_at__isnull=True).exists()
        if need.closed_how == "feedback":
            assert need.feedback.filter(satisfaction__in=["satisfied", "basically_satisfied"]).exists()
        if need.status == "reopened":
            assert need.feedback.filter(satisfaction="unsatisfied").exists() and need.reopen_count == 1


def test_the_rows_pass_full_clean(city):
    models = [Region, Department, IndustrialChain, Alliance, AlliancePosition, AllianceMember, Park, JointCommittee,
              CommitteePosition, PartyWorker, PartyOrganization, Enterprise, EnterpriseContact, MemberReport, Need,
              NeedEvent, Assignment, ExtensionRequest, Feedback, Meeting, Activity, Agreement, Pairing, Visit]
    for model in models:
        sample = list(model.objects.order_by("?")[:15])
        assert sample, model
        for row in sample:
            row.full_clean()


def test_figures_compute_for_the_city(city):
    values = {figure.id: value.value for figure, value in compute_all(Area.of(Region.objects.get(code=city.code)),
                                                                       Period(timezone.localdate().year))}
    for figure_id in ["F01", "F02", "F03", "F04", "F05", "F06", "F10", "F12", "F13", "F14", "F16", "F18", "F19", "F27"]:
        assert values[figure_id], figure_id


def test_a_second_run_adds_another_city(city):
    second = generate(scale=SCALE, seed="test", out=io.StringIO())[0]
    assert (second.code, second.name) != (city.code, city.name) and second.number == city.number + 1
    assert needs_of(second).count() == needs_of(city).count()
    assert Counter(Region.objects.values_list("code", flat=True)).most_common(1)[0][1] == 1


def test_the_demo_city_and_generated_cities_live_together(settings):
    """The demo's foundation and the loaders that share names with generated data (alliances' case numbers,
    enterprises' Party workers); services.demo only adds needs of the demo's own enterprises, and is slow."""
    from alliances import demo as alliances_demo
    from chainparty.demo import load_foundation
    from enterprises import demo as enterprises_demo

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    generate(scale=SCALE, out=io.StringIO())
    demo_city = load_foundation()
    alliances_demo.load(demo_city)
    enterprises_demo.load(demo_city)
    city = generate(scale=SCALE, out=io.StringIO())[0]
    assert Region.objects.filter(level="city").count() == 3
    assert Region.objects.get(code="321300").name == "宿迁市" and city.code != "321300"
    assert Enterprise.objects.filter(county__parent__code="321300").count() == len(demo_city.enterprises)


def test_the_command_prints_each_stage():
    out = io.StringIO()
    call_command("generate_scale", "--scale", str(SCALE), "--cities", "2", stdout=out)
    assert Region.objects.filter(level="city").count() == 2
    assert "needs" in out.getvalue() and "done" in out.getvalue()


def test_needs_are_written_in_the_order_they_were_submitted(city):
    """As a live table receives them, so the dashboards' period queries meet production's page layout; drawn in
    random order, about half of the neighbours by id would be out of order."""
    submitted = list(needs_of(city).order_by("pk").values_list("submitted_at", flat=True))
    in_order = sum(earlier <= later for earlier, later in zip(submitted, submitted[1:]))
    assert in_order / (len(submitted) - 1) > 0.9


def test_thirteen_cities_fill_the_province_each_with_its_own_code():
    call_command("generate_scale", "--scale", "0.0002", "--cities", "13", stdout=io.StringIO())
    cities = Region.objects.filter(level="city")
    assert cities.count() == 13 and len(set(cities.values_list("code", flat=True))) == 13
    assert set(cities.values_list("parent__code", flat=True)) == {"320000"}
    assert not cities.filter(code="321300").exists(), "宿迁's code is left to the demo city"
    assert Region.objects.filter(level="county", parent__in=cities).count() == 13 * 6
    assert all(needs_of(city).exists() for city in cities)
