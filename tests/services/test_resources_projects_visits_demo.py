"""The demo data of the three lists: a laser-chain loan, projects for every alliance, visits to most key
enterprises — and loading twice changes nothing."""
import random
from datetime import date

import pytest

from chainparty.demo import DemoCity
from chainparty.figures import REGISTRY, Area, Period
from services import demo_lists
from services.models import Milestone, Project, Resource, Visit

from .. import factories as f


@pytest.fixture
def city(world):
    enterprises = [world.enterprise_a, world.enterprise_b] + [
        f.EnterpriseFactory(name=f"激光企业{i}", county=world.county_a, park=world.park_a, chains=[world.chain_a],
                            is_above_scale=True) for i in range(8)]
    return DemoCity(
        rng=random.Random(1), today=date(2026, 11, 26), province=world.province, city=world.city,
        counties={"宿城区": world.county_a, "宿豫区": world.county_b},
        departments={"工信局": world.department, "人社局": world.other_department},
        chains={"激光装备": world.chain_a, "酿造（酒）": world.chain_b},
        alliances={"激光装备": world.alliance_a, "酿造（酒）": world.alliance_b},
        parks={world.park_a.name: world.park_a, world.park_b.name: world.park_b},
        committees={world.park_a.name: world.committee_a, world.park_b.name: world.committee_b},
        enterprises=enterprises,
    )


def snapshot():
    return (sorted(Resource.objects.values_list("title", "published")),
            sorted(Project.objects.values_list("title", "status", "progress")),
            sorted(Milestone.objects.values_list("title", "project__title", "done_on")),
            sorted(Visit.objects.values_list("enterprise__name", "visited_on", "alliance_id", "committee_id")))


def test_the_demo_has_the_laser_loan_projects_and_visits_and_loads_idempotently(city, world):
    demo_lists.load(city)
    first = snapshot()
    demo_lists.load(city)
    assert snapshot() == first

    loan = Resource.objects.get(title="宿城激光贷")
    assert loan.kind == "loan" and loan.quota == 50000 and list(loan.target_chains.all()) == [world.chain_a]
    assert loan.published and loan.target_categories == ["funding"]
    assert set(Resource.objects.values_list("kind", flat=True)) == {"policy", "loan", "recruitment", "talent",
                                                                    "venue", "equipment"}

    for alliance in (world.alliance_a, world.alliance_b):
        projects = Project.objects.filter(alliance=alliance, year=2026)
        assert set(projects.values_list("category", flat=True)) == {
            "party_building", "policy_support", "business_guidance", "talent_service"}
        assert all(project.milestones.count() == 3 for project in projects)
    one_enterprise = Project.objects.get(alliance=world.alliance_a, target="enterprise")
    assert list(one_enterprise.target_enterprises.all()) == [world.enterprise_a]

    assert not Visit.objects.filter(visited_on__gt=city.today).exists()
    coverage = REGISTRY["F26"](Area.of(world.city), Period(2026))
    assert coverage.breakdown["key_enterprises"] == 9 and coverage.value >= 50
    assert REGISTRY["F17"](Area.of(world.city), Period(2026)).value == 8
