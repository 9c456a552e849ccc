"""The member-growth demo data: two years of quarterly reports (valid, mostly approved), ratings, sessions and
sites, loaded idempotently, so the figures mean something in ``make run``."""
import random
from datetime import date

import pytest

from chainparty.demo import DemoCity
from chainparty.figures import REGISTRY, Area, Period
from enterprises import demo
from enterprises.credit_code import check_character
from enterprises.models import (BranchRating, DemonstrationSite, MemberPost, MemberPostProject, MemberReport,
                                TrainingSession)
from parks.models import PartyWorkerAssessment
from tests import factories as f

TODAY = date(2026, 5, 20)


def fixed_credit_code(n: int) -> str:
    body = f"91321300DM{n:07d}"  # "DM": not a prefix the factories use
    return body + check_character(body)


@pytest.fixture
def city(world):
    """The demo seeds its choices by each organisation's name and credit code. The factories number those in the
    order tests happen to run, so here they are fixed: the same data, whichever tests ran before."""
    extra = [f.EnterpriseFactory(name=f"演示企业{n}", credit_code=fixed_credit_code(n), county=world.county_a,
                                 park=world.park_a, chains=[world.chain_a], is_above_scale=True,
                                 party_organization=f.PartyOrganizationFactory(name=f"演示企业{n}党支部"))
             for n in range(3)]
    for n, enterprise in enumerate([world.enterprise_a, world.enterprise_b], start=3):
        enterprise.credit_code = fixed_credit_code(n)
        enterprise.save(update_fields=["credit_code"])
    return DemoCity(
        rng=random.Random(1), today=TODAY, province=world.province, city=world.city,
        counties={"宿城区": world.county_a, "宿豫区": world.county_b}, departments={"工信局": world.department},
        chains={world.chain_a.name: world.chain_a, world.chain_b.name: world.chain_b},
        alliances={world.chain_a.name: world.alliance_a, world.chain_b.name: world.alliance_b},
        parks={world.park_a.name: world.park_a, world.park_b.name: world.park_b},
        committees={world.park_a.name: world.committee_a, world.park_b.name: world.committee_b},
        enterprises=[world.enterprise_a, world.enterprise_b, *extra],
        users={"contact_a": world.contact_a})


def snapshot():
    models = [MemberReport, BranchRating, TrainingSession, DemonstrationSite, MemberPost, MemberPostProject,
              PartyWorkerAssessment]
    return {model.__name__: sorted(model.objects.values_list(*[field.attname for field in model._meta.concrete_fields
                                                               if field.attname not in ("id",)]))
            for model in models}


def test_the_demo_files_two_years_of_quarterly_reports_for_every_organisation(city):
    demo.load(city)
    assert demo.quarters_to_report(TODAY)[0] == (2024, 1) and demo.quarters_to_report(TODAY)[-1] == (2026, 1)
    assert MemberReport.objects.count() == 5 * 9
    statuses = set(MemberReport.objects.values_list("status", flat=True))
    assert "approved" in statuses and statuses - {"approved"}
    assert MemberReport.objects.approved().count() > 0.8 * MemberReport.objects.count()


def test_every_demo_record_obeys_the_rules(city):
    demo.load(city)
    for model in (MemberReport, BranchRating, TrainingSession, DemonstrationSite, MemberPost, MemberPostProject):
        for record in model.objects.all():
            if model is MemberReport:
                record.clean_fields()
                record.validate_constraints()
                # The rules of clean() other than "the quarter has begun" (the demo's today is fixed).
                assert record.candidates_carried_over <= (record.previous_report().candidates_pending
                                                          if record.previous_report() else 99)
            else:
                record.full_clean()


def test_loading_twice_changes_nothing(city):
    demo.load(city)
    first = snapshot()
    demo.load(city)
    assert snapshot() == first


def test_the_figures_have_values_for_last_year(city):
    demo.load(city)
    area, period = Area.of(city.city), Period(2025)
    for figure_id in ("F06", "F08", "F11", "F23"):
        assert REGISTRY[figure_id](area, period).value, figure_id
    assert BranchRating.objects.filter(year=2025).count() == 5
    assert TrainingSession.objects.filter(organizer=city.city).exists()
