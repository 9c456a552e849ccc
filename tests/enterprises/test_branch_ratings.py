"""Yearly "standard + demonstration" ratings: the grade follows from the five scores; the committee of the park
(or the alliance, for an enterprise in no park) rates; everyone who sees the organisation reads the rating."""
import pytest

from enterprises.models import BranchRating
from tests import factories as f
from tests.enterprises.test_member_report_permissions import EVERYONE, READERS

SCORES = dict(basic_organization=18, basic_team=18, basic_activities=18, basic_system=18, basic_guarantee=18)
RATERS = {"admin", "committee_staff_a"}


@pytest.mark.parametrize("scores,grade", [
    ((18, 18, 18, 18, 18), "demonstration"),  # 90, none below 16
    ((20, 20, 20, 20, 15), "standard"),       # 95 but one basic below 16
    ((14, 14, 14, 14, 14), "standard"),       # 70, none below 12
    ((20, 20, 20, 19, 11), "improve"),        # 90 but one basic below 12
    ((14, 14, 14, 14, 13), "improve"),        # 69
])
def test_the_grade_follows_from_the_scores(world, scores, grade):
    rating = f.BranchRatingFactory(organization=world.org_a, **dict(zip(SCORES, scores)))
    assert rating.grade == grade
    assert BranchRating.objects.get().grade == grade


def test_changing_a_score_changes_the_grade(world):
    rating = f.BranchRatingFactory(organization=world.org_a, **SCORES)
    rating.basic_team = 5
    rating.save(update_fields=["basic_team"])
    assert BranchRating.objects.get().grade == "improve"


def test_the_committee_rates_a_branch_on_the_page(world, as_user):
    response = as_user(world.committee_staff_a).post("/enterprises/ratings/new/", {
        "organization": world.org_a.pk, "year": 2025, "rated_on": "2026-01-15", **SCORES})
    assert response.status_code == 302
    rating = BranchRating.objects.get()
    assert rating.grade == "demonstration" and rating.rated_by == world.committee_staff_a


def test_the_committee_is_offered_only_the_branches_it_supervises(world, as_user):
    form = as_user(world.committee_staff_a).get("/enterprises/ratings/new/").context["form"]
    assert list(form.fields["organization"].queryset) == [world.org_a]


@pytest.mark.parametrize("changes,field", [
    (dict(basic_team=21), "basic_team"), (dict(basic_system=-1), "basic_system"), (dict(year=1999), "year"),
], ids=["above 20", "negative", "year"])
def test_a_bad_score_is_refused_by_the_form_and_the_api(world, as_user, api_as, changes, field):
    data = {"organization": world.org_a.pk, "year": 2025, "rated_on": "2026-01-15", **SCORES, **changes}
    response = as_user(world.committee_staff_a).post("/enterprises/ratings/new/", data)
    assert field in response.context["form"].errors
    response = api_as(world.committee_staff_a).post("/api/v1/branch-ratings/", data, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not BranchRating.objects.exists()


def test_a_second_rating_for_the_year_is_refused(world, as_user, api_as):
    f.BranchRatingFactory(organization=world.org_a, year=2025)
    data = {"organization": world.org_a.pk, "year": 2025, "rated_on": "2026-01-15", **SCORES}
    assert "__all__" in as_user(world.committee_staff_a).post("/enterprises/ratings/new/", data).context["form"].errors
    assert api_as(world.committee_staff_a).post("/api/v1/branch-ratings/", data, format="json").status_code == 400
    assert BranchRating.objects.count() == 1


@pytest.mark.parametrize("role", EVERYONE)
def test_who_reads_and_who_changes_a_rating(world, as_user, api_as, role):
    rating = f.BranchRatingFactory(organization=world.org_a, **SCORES)
    user = getattr(world, role)
    listed = set(as_user(user).get("/enterprises/ratings/").context["object_list"])
    assert (rating in listed) is (role in READERS)
    api = api_as(user)
    assert api.get(f"/api/v1/branch-ratings/{rating.pk}/").status_code == (200 if role in READERS else 404)
    expected = 200 if role in RATERS else (403 if role in READERS else 404)
    assert as_user(user).get(f"/enterprises/ratings/{rating.pk}/edit/").status_code == expected
    assert api.patch(f"/api/v1/branch-ratings/{rating.pk}/", {"basic_team": 10}, format="json").status_code == expected
    assert (BranchRating.objects.get().basic_team == 10) is (role in RATERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_rate_a_new_branch(world, as_user, api_as, role):
    user = getattr(world, role)
    raters = {"admin", "committee_staff_a", "committee_staff_b", "alliance_staff_a", "alliance_staff_b"}
    page = as_user(user).get("/enterprises/ratings/new/").status_code
    # Alliance staff rate branches of their chain's enterprises in no park; the world has none, so no page.
    assert page == (200 if role in raters - {"alliance_staff_a", "alliance_staff_b"} else 403)
    data = {"organization": world.org_a.pk, "year": 2025, "rated_on": "2026-01-15", **SCORES}
    response = api_as(user).post("/api/v1/branch-ratings/", data, format="json")
    assert response.status_code == (201 if role in RATERS else 403 if role in READERS else 400)


def test_a_rating_keeps_its_history(world, api_as):
    rating = f.BranchRatingFactory(organization=world.org_a, **SCORES)
    api_as(world.committee_staff_a).patch(f"/api/v1/branch-ratings/{rating.pk}/", {"basic_team": 10}, format="json")
    assert rating.history.count() == 2
    assert rating.history.first().history_user == world.committee_staff_a
