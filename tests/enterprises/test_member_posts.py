"""Member posts (责任区 / 示范岗 / 突击队) and the projects they take on: kept by the enterprise and its park's
committee, read by whoever sees the enterprise."""
import pytest

from enterprises.models import MemberPost, MemberPostProject
from tests import factories as f
from tests.enterprises.test_member_report_permissions import EVERYONE, READERS

EDITORS = {"admin", "contact_a", "committee_staff_a"}


def post_data(world, projects=(), **changes):
    data = {"enterprise": world.enterprise_a.pk, "kind": "vanguard_team", "name": "激光器研发突击队",
            "leader_name": "王工", "members_involved": 6, "established_on": "2025-03-01", "ended_on": "",
            "description": "", "projects-TOTAL_FORMS": len(projects), "projects-INITIAL_FORMS": 0,
            "projects-MIN_NUM_FORMS": 0, "projects-MAX_NUM_FORMS": 1000, **changes}
    for index, project in enumerate(projects):
        data.update({f"projects-{index}-{name}": value for name, value in project.items()})
    return data


def api_data(world, **changes):
    """The post as JSON: no formset fields, and no value as null rather than an empty string."""
    return {key: (None if value == "" and key.endswith("_on") else value)
            for key, value in post_data(world, **changes).items() if not key.startswith("projects")}


PROJECT = {"kind": "product_development", "title": "万瓦级光纤激光器", "taken_on": "2025-04-01",
           "status": "in_progress", "completed_on": "", "result": ""}


def test_the_contact_records_a_team_with_its_projects(world, as_user):
    response = as_user(world.contact_a).post("/enterprises/posts/new/", post_data(world, [PROJECT]))
    assert response.status_code == 302
    post = MemberPost.objects.get()
    assert post.enterprise == world.enterprise_a and [p.title for p in post.projects.all()] == ["万瓦级光纤激光器"]


def test_a_completed_project_needs_its_completion_date(world, as_user, api_as):
    project = {**PROJECT, "status": "completed"}
    response = as_user(world.contact_a).post("/enterprises/posts/new/", post_data(world, [project]))
    assert response.status_code == 200 and not response.context["formset"].is_valid()
    assert not MemberPost.objects.exists()
    post = f.MemberPostFactory(enterprise=world.enterprise_a)
    api = api_as(world.contact_a).post("/api/v1/member-post-projects/", {**project, "post": post.pk,
                                                                        "completed_on": None}, format="json")
    assert api.status_code == 400


@pytest.mark.parametrize("changes,field", [(dict(members_involved=0), "members_involved"),
                                           (dict(ended_on="2025-01-01"), "__all__")])
def test_the_rules_of_a_post(world, as_user, api_as, changes, field):
    response = as_user(world.contact_a).post("/enterprises/posts/new/", post_data(world, **changes))
    assert field in response.context["form"].errors
    api = api_as(world.contact_a).post("/api/v1/member-posts/", api_data(world, **changes), format="json")
    assert api.status_code == 400
    assert not MemberPost.objects.exists()


def test_projects_are_changed_on_the_posts_page(world, as_user):
    post = f.MemberPostFactory(enterprise=world.enterprise_a)
    project = f.MemberPostProjectFactory(post=post)
    data = post_data(world, [{**PROJECT, "id": project.pk, "post": post.pk, "status": "completed",
                              "completed_on": "2025-12-01", "result": "量产"}])
    data["projects-INITIAL_FORMS"] = 1
    response = as_user(world.committee_staff_a).post(f"/enterprises/posts/{post.pk}/edit/", data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.status == "completed" and project.result == "量产"


@pytest.mark.parametrize("role", EVERYONE)
def test_who_reads_and_who_changes_a_post(world, as_user, api_as, role):
    post = f.MemberPostFactory(enterprise=world.enterprise_a)
    project = f.MemberPostProjectFactory(post=post)
    user = getattr(world, role)
    assert (post in set(as_user(user).get("/enterprises/posts/").context["object_list"])) is (role in READERS)
    expected = 200 if role in EDITORS else (403 if role in READERS else 404)
    assert as_user(user).get(f"/enterprises/posts/{post.pk}/edit/").status_code == expected
    assert api_as(user).patch(f"/api/v1/member-posts/{post.pk}/", {"members_involved": 9},
                              format="json").status_code == expected
    assert api_as(user).patch(f"/api/v1/member-post-projects/{project.pk}/", {"title": "新课题"},
                              format="json").status_code == expected


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_record_a_post(world, as_user, api_as, role):
    user = getattr(world, role)
    allowed_page = {"admin", "contact_a", "contact_b", "committee_staff_a", "committee_staff_b"}
    assert as_user(user).get("/enterprises/posts/new/").status_code == (200 if role in allowed_page else 403)
    response = api_as(user).post("/api/v1/member-posts/", api_data(world), format="json")
    assert response.status_code == (201 if role in EDITORS else 403 if role in READERS else 400)
    assert MemberPostProject.objects.count() == 0
