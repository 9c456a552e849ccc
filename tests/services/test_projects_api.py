"""The projects and milestones API: scoped, changed only by the alliance's staff, 400 on bad input."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Milestone, Project

from .. import factories as f
from ..conftest import api_client_for
from .test_projects_pages import READS_A, ROLES

EDITORS = {"admin", "alliance_staff_a"}


@pytest.fixture
def project_a(world):
    project = f.ProjectFactory(alliance=world.alliance_a)
    f.MilestoneFactory(project=project)
    return project


@pytest.mark.parametrize("role", ROLES)
def test_the_lists_and_details_follow_the_scope(world, project_a, role):
    client = api_client_for(getattr(world, role))
    ids = [row["id"] for row in client.get("/api/v1/projects/").json()["results"]]
    assert ids == ([project_a.pk] if role in READS_A else [])
    assert client.get(f"/api/v1/projects/{project_a.pk}/").status_code == (200 if role in READS_A else 404)
    milestones = client.get("/api/v1/milestones/").json()["results"]
    assert len(milestones) == (1 if role in READS_A else 0)


@pytest.mark.parametrize("role", ROLES)
def test_only_the_alliance_staff_change_a_project_and_its_milestones(world, project_a, role):
    client = api_client_for(getattr(world, role))
    expected = 200 if role in EDITORS else 403 if role in READS_A else 404
    assert client.patch(f"/api/v1/projects/{project_a.pk}/", {"progress": 50}, format="json").status_code == expected
    milestone = project_a.milestones.get()
    response = client.patch(f"/api/v1/milestones/{milestone.pk}/", {"done_on": "2026-05-01"}, format="json")
    assert response.status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_only_alliance_staff_create_a_project_for_their_alliance(world, role):
    response = api_client_for(getattr(world, role)).post("/api/v1/projects/", {
        "alliance": world.alliance_a.pk, "year": 2026, "category": "party_building", "title": "党建引领",
        "target": "chain"}, format="json")
    # Anyone else is told the alliance is not one they may choose (400), before anything is saved.
    assert response.status_code == (201 if role in EDITORS else 400)
    assert Project.objects.exists() is (role in EDITORS)


def test_a_milestone_is_added_only_to_a_project_the_user_may_change(world, project_a):
    project_b = f.ProjectFactory(alliance=world.alliance_b)
    client = api_client_for(world.alliance_staff_a)
    ok = client.post("/api/v1/milestones/", {"project": project_a.pk, "title": "中期评估", "due_on": "2026-07-01"},
                     format="json")
    assert ok.status_code == 201
    refused = client.post("/api/v1/milestones/", {"project": project_b.pk, "title": "越界", "due_on": "2026-07-01"},
                          format="json")
    assert refused.status_code == 400 and "project" in refused.json()
    assert Milestone.objects.filter(project=project_b).count() == 0


@pytest.mark.parametrize("data,field", [
    ({"target": "enterprise", "target_enterprises": []}, "target_enterprises"),
    ({"target": "chain", "target_enterprises": ["A"]}, "target_enterprises"),
    ({"target": "enterprises", "target_enterprises": ["B"]}, "target_enterprises"),
    ({"progress": 101}, "__all__"),
    ({"category": "sports"}, "category"),
])
def test_bad_input_is_a_400_with_field_errors(world, data, field):
    enterprises = {"A": world.enterprise_a.pk, "B": world.enterprise_b.pk}
    data = {**data, "target_enterprises": [enterprises[k] for k in data.get("target_enterprises", [])]}
    response = api_client_for(world.admin).post("/api/v1/projects/", {
        "alliance": world.alliance_a.pk, "year": 2026, "category": "party_building", "title": "党建引领",
        "target": "chain", **data}, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not Project.objects.exists()


def test_changing_the_target_checks_the_enterprises_already_named(world):
    project = f.ProjectFactory(alliance=world.alliance_a, target="enterprise", target_enterprises=[world.enterprise_a])
    response = api_client_for(world.alliance_staff_a).patch(f"/api/v1/projects/{project.pk}/", {"target": "chain"},
                                                            format="json")
    assert response.status_code == 400 and "target_enterprises" in response.json()


def test_filters_by_year_status_and_enterprise(world):
    this = f.ProjectFactory(alliance=world.alliance_a, year=2026, status="in_progress", target="enterprise",
                            target_enterprises=[world.enterprise_a])
    f.ProjectFactory(alliance=world.alliance_a, year=2025, status="completed")
    client = api_client_for(world.city_official)
    assert [r["id"] for r in client.get("/api/v1/projects/", {"year": 2026}).json()["results"]] == [this.pk]
    assert [r["id"] for r in client.get("/api/v1/projects/", {"status": "in_progress"}).json()["results"]] == [this.pk]
    assert [r["id"] for r in client.get("/api/v1/projects/",
                                        {"enterprise": world.enterprise_a.pk}).json()["results"]] == [this.pk]


def test_the_milestone_filter_finds_the_overdue_ones(world, project_a):
    project_a.milestones.update(due_on="2100-01-01")
    late = f.MilestoneFactory(project=project_a, due_on="2020-01-01")
    f.MilestoneFactory(project=project_a, due_on="2020-01-01", done_on="2020-01-02")
    rows = api_client_for(world.alliance_staff_a).get("/api/v1/milestones/", {"overdue": "true"}).json()["results"]
    assert [r["id"] for r in rows] == [late.pk]


def test_the_list_makes_as_many_queries_for_200_projects_as_for_5(world):
    client = api_client_for(world.alliance_staff_a)

    def add(n):
        for _ in range(n):
            project = f.ProjectFactory(alliance=world.alliance_a, target="enterprises",
                                       target_enterprises=[world.enterprise_a])
            f.MilestoneFactory(project=project)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/projects/").status_code == 200
        return len(queries)

    add(5)
    few = count()
    add(195)
    assert count() == few
