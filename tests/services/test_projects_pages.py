"""Annual projects: visible with their alliance, entered and edited (with milestones) by its staff."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chainparty.access import scope_for
from services.models import Milestone, Project

from .. import factories as f
from ..conftest import client_for

ROLES = ["admin", "city_official", "official_a", "official_b", "alliance_staff_a", "alliance_staff_b",
         "committee_staff_a", "committee_staff_b", "department_staff", "contact_a", "contact_b", "outsider"]
# Projects are visible with their alliance: side A's chain reaches these people.
READS_A = {"admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff",
           "contact_a"}


@pytest.fixture
def project_a(world):
    project = f.ProjectFactory(alliance=world.alliance_a, title="激光产业链人才专项", department=world.department)
    f.MilestoneFactory(project=project, title="发布方案")
    return project


@pytest.mark.parametrize("role", ROLES)
def test_projects_are_visible_with_their_alliance_and_changed_by_its_staff(world, project_a, role):
    scope = scope_for(getattr(world, role))
    assert Project.objects.visible_to(scope).filter(pk=project_a.pk).exists() is (role in READS_A)
    assert Milestone.objects.visible_to(scope).exists() is (role in READS_A)
    may_edit = role in {"admin", "alliance_staff_a"}
    assert Project.objects.editable_by(scope).filter(pk=project_a.pk).exists() is may_edit
    assert Milestone.objects.editable_by(scope).exists() is may_edit


@pytest.mark.parametrize("role", ROLES)
def test_pages_follow_the_scope(world, project_a, role):
    client = client_for(getattr(world, role))
    listing = client.get(reverse("services:project-list"))
    assert listing.status_code == 200 and ("激光产业链人才专项" in listing.content.decode()) is (role in READS_A)
    detail = client.get(reverse("services:project-detail", args=[project_a.pk]))
    assert detail.status_code == (200 if role in READS_A else 404)
    edit = client.get(reverse("services:project-update", args=[project_a.pk]))
    assert edit.status_code == (200 if role in {"admin", "alliance_staff_a"} else 403 if role in READS_A else 404)
    create = client.get(reverse("services:project-create"))
    assert create.status_code == (200 if role in {"admin", "alliance_staff_a", "alliance_staff_b"} else 403)


def form_data(world, **overrides):
    data = {"alliance": world.alliance_a.pk, "year": 2026, "category": "talent_service", "title": "一企一策：卡米特",
            "description": "", "target": "enterprise", "target_enterprises": [world.enterprise_a.pk],
            "department": world.department.pk, "status": "in_progress", "progress": 30,
            "milestones-TOTAL_FORMS": 2, "milestones-INITIAL_FORMS": 0, "milestones-MIN_NUM_FORMS": 0,
            "milestones-MAX_NUM_FORMS": 1000,
            "milestones-0-title": "摸清需求", "milestones-0-due_on": "2026-03-31", "milestones-0-done_on": "2026-03-20",
            "milestones-1-title": "", "milestones-1-due_on": "", "milestones-1-done_on": ""}
    data.update(overrides)
    return data


def test_alliance_staff_create_a_one_enterprise_project_with_its_milestones(world):
    response = client_for(world.alliance_staff_a).post(reverse("services:project-create"), form_data(world))
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert list(project.target_enterprises.all()) == [world.enterprise_a]
    assert [(m.title, str(m.done_on)) for m in project.milestones.all()] == [("摸清需求", "2026-03-20")]


def test_alliance_staff_edit_milestones_and_delete_one(world, project_a):
    milestone = project_a.milestones.get()
    data = form_data(world, title=project_a.title, target="chain", target_enterprises=[],
                     **{"milestones-INITIAL_FORMS": 1, "milestones-0-id": milestone.pk,
                        "milestones-0-project": project_a.pk, "milestones-0-DELETE": "on"})
    response = client_for(world.alliance_staff_a).post(reverse("services:project-update", args=[project_a.pk]), data)
    assert response.status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()


@pytest.mark.parametrize("overrides,field", [
    ({"target": "enterprise", "target_enterprises": []}, "target_enterprises"),
    ({"target": "chain"}, "target_enterprises"),
    ({"target": "enterprises", "target_enterprises": []}, "target_enterprises"),
    ({"progress": 120}, "__all__"),
    ({"year": 1990}, "__all__"),
])
def test_bad_input_is_refused_on_the_form_and_nothing_is_saved(world, overrides, field):
    response = client_for(world.alliance_staff_a).post(reverse("services:project-create"),
                                                       form_data(world, **overrides))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Project.objects.exists() and not Milestone.objects.exists()


def test_an_enterprise_off_the_chain_cannot_be_a_target(world):
    response = client_for(world.admin).post(reverse("services:project-create"),
                                            form_data(world, target_enterprises=[world.enterprise_b.pk]))
    assert response.status_code == 200 and "target_enterprises" in response.context["form"].errors


def test_a_bad_milestone_keeps_the_project_unsaved(world):
    response = client_for(world.alliance_staff_a).post(reverse("services:project-create"),
                                                       form_data(world, **{"milestones-0-due_on": "不是日期"}))
    assert response.status_code == 200 and response.context["formset"].errors[0]["due_on"]
    assert not Project.objects.exists()


def test_a_duplicate_title_in_the_same_year_is_refused(world, project_a):
    response = client_for(world.alliance_staff_a).post(reverse("services:project-create"),
                                                       form_data(world, title=project_a.title, target="chain",
                                                                 target_enterprises=[]))
    assert response.status_code == 200 and response.context["form"].errors
    assert Project.objects.count() == 1


def test_alliance_staff_cannot_file_a_project_under_another_alliance(world):
    response = client_for(world.alliance_staff_a).post(reverse("services:project-create"),
                                                       form_data(world, alliance=world.alliance_b.pk))
    assert response.status_code == 200 and "alliance" in response.context["form"].errors


def test_the_list_filters_by_year_and_category(world, project_a):
    f.ProjectFactory(alliance=world.alliance_a, year=2025, title="去年的项目", category="party_building")
    client = client_for(world.city_official)
    page = client.get(reverse("services:project-list"), {"year": 2025}).content.decode()
    assert "去年的项目" in page and project_a.title not in page
    page = client.get(reverse("services:project-list"), {"category": "policy_support"}).content.decode()
    assert "去年的项目" not in page and project_a.title in page


@pytest.mark.parametrize("role", ["alliance_staff_a", "city_official"])
def test_the_list_makes_as_many_queries_for_200_projects_as_for_5(world, role):
    client, url = client_for(getattr(world, role)), reverse("services:project-list")

    def add(n):
        for _ in range(n):
            project = f.ProjectFactory(alliance=world.alliance_a, target="enterprises",
                                       target_enterprises=[world.enterprise_a])
            f.MilestoneFactory(project=project)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    add(5)
    few = count()
    add(195)
    assert count() == few
