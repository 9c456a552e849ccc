"""Who sees the follow-ups: whoever sees the need (page, API, admin); nobody changes them."""
from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from services.models import FollowUp, Need
from tests import factories as f
from tests.conftest import ROLES, api_client_for, client_for

SEES_SIDE_A = {"admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff",
               "contact_a"}


@pytest.fixture
def followups(world):
    """A publicized need on each side; side A's is led by world.department."""
    made = {}
    for side in "ab":
        enterprise = getattr(world, f"enterprise_{side}")
        need = f.NeedFactory(enterprise=enterprise, park=getattr(world, f"park_{side}"),
                             status=Need.Status.IN_PROGRESS, chains=[getattr(world, f"chain_{side}")])
        if side == "a":
            f.AssignmentFactory(need=need, department=world.department)
        made[side] = FollowUp.objects.create(need=need, kind=FollowUp.Kind.PUBLICIZE, stage="2026-03-02",
                                             due_on=date(2026, 3, 2))
    return made


@pytest.mark.parametrize("role", ROLES + ["official_b", "alliance_staff_b", "contact_b"])
def test_the_api_shows_the_follow_ups_of_the_needs_the_role_sees(world, followups, role):
    response = api_client_for(getattr(world, role)).get("/api/v1/need-followups/")
    assert response.status_code == 200
    ids = {row["id"] for row in response.json()["results"]}
    assert (followups["a"].pk in ids) == (role in SEES_SIDE_A)
    if role not in {"admin", "city_official"}:
        assert followups["b"].pk not in ids or role.endswith("_b")
    detail = api_client_for(getattr(world, role)).get(f"/api/v1/need-followups/{followups['a'].pk}/")
    assert detail.status_code == (200 if role in SEES_SIDE_A else 404)


@pytest.mark.parametrize("role", ["admin", "alliance_staff_a", "department_staff", "contact_a", "outsider"])
def test_nobody_changes_a_follow_up_through_the_api(world, followups, role):
    client = api_client_for(getattr(world, role))
    url = f"/api/v1/need-followups/{followups['a'].pk}/"
    assert client.patch(url, {"stage": "x"}, format="json").status_code in (403, 404, 405)
    assert client.delete(url).status_code in (403, 404, 405)
    assert client.post("/api/v1/need-followups/", {"need": followups["a"].need_id, "kind": "remind", "stage": "x"},
                       format="json").status_code in (403, 405)
    assert FollowUp.objects.count() == 2


def test_the_api_filters_by_kind(world, followups):
    response = api_client_for(world.admin).get("/api/v1/need-followups/", {"kind": "remind"})
    assert response.json()["count"] == 0
    response = api_client_for(world.admin).get("/api/v1/need-followups/", {"kind": "publicize"})
    assert response.json()["count"] == 2


@pytest.mark.parametrize("role", ROLES + ["official_b"])
def test_the_weekly_report_page_lists_the_publicized_needs_the_role_sees(world, followups, role):
    response = client_for(getattr(world, role)).get(reverse("services:publicized-needs"))
    assert response.status_code == 200
    listed = {row.pk for row in response.context["object_list"]}
    assert (followups["a"].pk in listed) == (role in SEES_SIDE_A)
    if role in {"official_a", "contact_a", "outsider"}:
        assert followups["b"].pk not in listed


def test_officials_find_the_weekly_report_in_the_needs_menu(world, followups):
    page = client_for(world.official_a).get(reverse("services:need-list")).content.decode()
    assert reverse("services:publicized-needs") in page


def test_the_admin_lists_follow_ups_read_only_with_filters(world, followups):
    client = client_for(world.admin)
    response = client.get("/admin/services/followup/", {"kind__exact": "publicize"})
    assert response.status_code == 200 and response.context["cl"].result_count == 2
    assert client.get("/admin/services/followup/add/").status_code == 403
    change = client.get(f"/admin/services/followup/{followups['a'].pk}/change/")
    assert change.status_code == 200 and "_save" not in change.content.decode()


def test_staff_see_in_admin_only_the_follow_ups_of_their_needs(world, followups):
    world.alliance_staff_a.is_staff = True
    world.alliance_staff_a.save()
    response = client_for(world.alliance_staff_a).get("/admin/services/followup/")
    if response.status_code == 200:
        shown = {row.pk for row in response.context["cl"].result_list}
        assert followups["b"].pk not in shown
    else:
        assert response.status_code in (302, 403)
