"""Admin of resources, projects, milestones and visits: everything for admins, the scope for staff users."""
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from .. import factories as f
from ..conftest import client_for

ROLES = ["city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff", "contact_a",
         "outsider"]
MODELS = ["resource", "project", "milestone", "visit"]


@pytest.fixture
def records(world):
    res_a = f.ResourceFactory(department=world.department, target_chains=[world.chain_a], title="资源甲")
    res_b = f.ResourceFactory(department=world.other_department, target_chains=[world.chain_b], title="资源乙")
    project_a = f.ProjectFactory(alliance=world.alliance_a, title="项目甲")
    project_b = f.ProjectFactory(alliance=world.alliance_b, title="项目乙")
    milestone_a = f.MilestoneFactory(project=project_a, title="节点甲")
    visit_a = f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, visitors="访客甲")
    visit_b = f.VisitFactory(enterprise=world.enterprise_b, alliance=world.alliance_b, visitors="访客乙")
    return locals()


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_lists_every_record_to_an_administrator(world, records, model):
    response = client_for(world.admin).get(reverse(f"admin:services_{model}_changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("model", MODELS)
def test_people_who_are_not_staff_users_cannot_open_the_admin(world, records, role, model):
    response = client_for(getattr(world, role)).get(reverse(f"admin:services_{model}_changelist"))
    assert response.status_code == 302 and "login" in response["Location"]


def make_staff(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="services", codename__in=codenames))


def test_a_staff_department_user_sees_and_changes_only_their_resources_in_admin(world, records):
    make_staff(world.department_staff, "view_resource", "change_resource")
    client = client_for(world.department_staff)
    page = client.get(reverse("admin:services_resource_changelist")).content.decode()
    assert "资源甲" in page and "资源乙" not in page
    assert client.get(reverse("admin:services_resource_change", args=[records["res_b"].pk])).status_code == 302
    assert client.get(reverse("admin:services_resource_change", args=[records["res_a"].pk])).status_code == 200


def test_a_staff_alliance_user_sees_their_projects_and_visits_in_admin(world, records):
    make_staff(world.alliance_staff_a, "view_project", "change_project", "view_visit", "change_visit")
    client = client_for(world.alliance_staff_a)
    page = client.get(reverse("admin:services_project_changelist")).content.decode()
    assert "项目甲" in page and "项目乙" not in page
    page = client.get(reverse("admin:services_visit_changelist")).content.decode()
    assert "访客甲" in page and "访客乙" not in page


def test_a_staff_official_reads_but_cannot_change_a_project_in_admin(world, records):
    make_staff(world.city_official, "view_project", "change_project")
    client = client_for(world.city_official)
    response = client.post(reverse("admin:services_project_change", args=[records["project_a"].pk]),
                           {"title": "改", "alliance": world.alliance_a.pk, "year": 2026,
                            "category": "policy_support", "target": "chain", "status": "planned", "progress": 0,
                            "milestones-TOTAL_FORMS": 0, "milestones-INITIAL_FORMS": 0})
    assert response.status_code == 403
    records["project_a"].refresh_from_db()
    assert records["project_a"].title == "项目甲"
