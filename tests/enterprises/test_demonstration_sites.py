"""Demonstration sites: alliances nominate chain leaders of their chain; administrators award or decline."""
from datetime import date

import pytest

from enterprises import actions
from enterprises.models import DemonstrationSite
from tests import factories as f
from tests.conftest import client_for
from tests.enterprises.test_member_report_permissions import EVERYONE, READERS

SCORES = dict(political_standing=9, member_quality=8, development_quality=9, leadership=8, institutions=9,
              facilities=8, political_leadership=9, chain_drive=9, example=8)


def nomination(world, **changes):
    return {"alliance": world.alliance_a.pk, "enterprise": world.enterprise_a.pk, "year": 2025,
            "evaluator": "市委组织部评审组", "nominated_on": "2025-10-01", **SCORES, **changes}


def test_the_alliance_nominates_its_chain_leader_on_the_page(world, as_user):
    response = as_user(world.alliance_staff_a).post("/enterprises/sites/new/", nomination(world))
    assert response.status_code == 302
    site = DemonstrationSite.objects.get()
    assert site.status == "nominated" and site.nominated_by == world.alliance_staff_a and site.total == 77


def test_only_a_chain_leader_can_be_nominated(world, as_user, api_as):
    follower = f.EnterpriseFactory(county=world.county_a, park=world.park_a, chains=[world.chain_a])
    data = nomination(world, enterprise=follower.pk)
    response = as_user(world.alliance_staff_a).post("/enterprises/sites/new/", data)
    assert "enterprise" in response.context["form"].errors
    response = api_as(world.alliance_staff_a).post("/api/v1/demonstration-sites/", data, format="json")
    assert response.status_code == 400 and "enterprise" in response.json()
    assert not DemonstrationSite.objects.exists()


def test_a_chain_leader_of_another_chain_cannot_be_nominated(world, api_as):
    leader = f.EnterpriseFactory(county=world.county_a, is_chain_leader=True, chains=[world.chain_b])
    response = api_as(world.admin).post("/api/v1/demonstration-sites/", nomination(world, enterprise=leader.pk),
                                        format="json")
    assert response.status_code == 400 and "enterprise" in response.json()


@pytest.mark.parametrize("changes,field", [(dict(example=11), "example"), (dict(leadership=-2), "leadership"),
                                           (dict(evaluator=""), "evaluator")])
def test_scores_and_evaluator_are_checked(world, as_user, api_as, changes, field):
    assert field in as_user(world.alliance_staff_a).post("/enterprises/sites/new/",
                                                          nomination(world, **changes)).context["form"].errors
    response = api_as(world.alliance_staff_a).post("/api/v1/demonstration-sites/", nomination(world, **changes),
                                                   format="json")
    assert response.status_code == 400 and field in response.json()


def test_the_administrator_awards_on_the_page_in_the_api_and_in_admin(world, api_as):
    sites = [f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, year=year)
             for year in (2023, 2024, 2025)]
    client_for(world.admin).post(f"/enterprises/sites/{sites[0].pk}/award/")
    response = api_as(world.admin).post(f"/api/v1/demonstration-sites/{sites[1].pk}/award/",
                                        {"awarded_on": "2024-12-01"}, format="json")
    assert response.status_code == 200 and response.json()["awarded_on"] == "2024-12-01"
    client_for(world.admin).post("/admin/enterprises/demonstrationsite/", {"action": "award_selected",
                                                                           "_selected_action": [sites[2].pk]})
    assert set(DemonstrationSite.objects.values_list("status", flat=True)) == {"awarded"}
    assert DemonstrationSite.objects.get(pk=sites[1].pk).awarded_on == date(2024, 12, 1)


def test_a_decided_nomination_cannot_be_decided_again(world, api_as):
    site = f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    actions.decline_site(site, acting_user=world.admin)
    response = api_as(world.admin).post(f"/api/v1/demonstration-sites/{site.pk}/award/")
    assert response.status_code == 400
    assert DemonstrationSite.objects.get().status == "declined"


def test_an_enterprise_that_stopped_leading_its_chain_is_not_awarded(world, api_as):
    site = f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    world.enterprise_a.is_chain_leader = False
    world.enterprise_a.save()
    response = api_as(world.admin).post(f"/api/v1/demonstration-sites/{site.pk}/award/")
    assert response.status_code == 400 and "enterprise" in response.json()


@pytest.mark.parametrize("role", EVERYONE)
def test_only_administrators_award(world, as_user, api_as, role):
    site, other = [f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, year=year)
                   for year in (2024, 2025)]
    user = getattr(world, role)
    page = as_user(user).post(f"/enterprises/sites/{site.pk}/award/").status_code
    api = api_as(user).post(f"/api/v1/demonstration-sites/{other.pk}/award/").status_code
    expected = 200 if role == "admin" else (403 if role in READERS else 404)
    assert api == expected
    assert page == (302 if role == "admin" else expected)
    assert DemonstrationSite.objects.awarded().count() == (2 if role == "admin" else 0)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_reads_and_who_changes_a_nomination(world, as_user, api_as, role):
    site = f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    user = getattr(world, role)
    listed = set(as_user(user).get("/enterprises/sites/").context["object_list"])
    assert (site in listed) is (role in READERS)
    editors = {"admin", "alliance_staff_a"}
    expected = 200 if role in editors else (403 if role in READERS else 404)
    assert as_user(user).get(f"/enterprises/sites/{site.pk}/edit/").status_code == expected
    assert api_as(user).patch(f"/api/v1/demonstration-sites/{site.pk}/", {"example": 10},
                              format="json").status_code == expected


def test_an_awarded_site_is_locked_for_the_alliance(world, api_as):
    site = f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, status="awarded",
                                      awarded_on=date(2025, 6, 1))
    response = api_as(world.alliance_staff_a).patch(f"/api/v1/demonstration-sites/{site.pk}/", {"example": 10},
                                                    format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_nominate(world, as_user, role):
    allowed = {"admin", "alliance_staff_a", "alliance_staff_b"}
    assert as_user(getattr(world, role)).get("/enterprises/sites/new/").status_code == (
        200 if role in allowed else 403)
