"""Who sees and decides side A's member reports, for every role, on the pages, the API and in admin.

Side A's report belongs to org_a (enterprise_a, park_a, chain_a): the committee of park_a decides; officials of
the city and county A, alliance A, committee A and the contact read it; side B, the department (which leads the
chain but sees no enterprise) and the outsider do not see it at all (404 everywhere). A draft is the enterprise's
own: nobody else sees it.
"""
import pytest
from django.contrib.auth.models import Permission

from enterprises.models import MemberReport
from tests import factories as f
from tests.conftest import client_for

Status = MemberReport.Status

READERS = {"admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "contact_a"}
DECIDERS = {"admin", "committee_staff_a"}
EVERYONE = ["admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff",
            "contact_a", "outsider", "official_b", "alliance_staff_b", "committee_staff_b", "contact_b"]


def expected_status(role, allowed, readers=READERS, ok=200):
    if role in allowed:
        return ok
    return 403 if role in readers else 404


@pytest.fixture
def submitted(world):
    return f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, status=Status.SUBMITTED)


@pytest.mark.parametrize("role", EVERYONE)
def test_the_report_page_is_seen_by_the_readers_only(world, as_user, submitted, role):
    response = as_user(getattr(world, role)).get(f"/enterprises/reports/{submitted.pk}/")
    assert response.status_code == (200 if role in READERS else 404)


@pytest.mark.parametrize("role", EVERYONE)
def test_the_report_list_shows_side_a_to_the_readers_only(world, as_user, submitted, role):
    f.MemberReportFactory(organization=world.org_b, year=2025, quarter=2)
    reports = set(as_user(getattr(world, role)).get("/enterprises/reports/").context["object_list"])
    assert (submitted in reports) is (role in READERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_a_draft_is_seen_only_by_its_enterprise(world, as_user, api_as, role):
    draft = f.MemberReportFactory(organization=world.org_a, status=Status.DRAFT)
    seen = role in {"admin", "contact_a"}
    assert as_user(getattr(world, role)).get(f"/enterprises/reports/{draft.pk}/").status_code == (200 if seen else 404)
    assert api_as(getattr(world, role)).get(f"/api/v1/member-reports/{draft.pk}/").status_code == (
        200 if seen else 404)


@pytest.mark.parametrize("role", EVERYONE)
def test_approving_on_the_page(world, as_user, submitted, role):
    response = as_user(getattr(world, role)).post(f"/enterprises/reports/{submitted.pk}/approve/")
    assert response.status_code == expected_status(role, DECIDERS, ok=302)
    submitted.refresh_from_db()
    assert (submitted.status == Status.APPROVED) is (role in DECIDERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_returning_on_the_page(world, as_user, submitted, role):
    response = as_user(getattr(world, role)).post(f"/enterprises/reports/{submitted.pk}/return/", {"reason": "请核对"})
    assert response.status_code == expected_status(role, DECIDERS, ok=302)
    submitted.refresh_from_db()
    assert (submitted.status == Status.RETURNED) is (role in DECIDERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_approving_in_the_api(world, api_as, submitted, role):
    response = api_as(getattr(world, role)).post(f"/api/v1/member-reports/{submitted.pk}/approve/")
    assert response.status_code == expected_status(role, DECIDERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_returning_in_the_api(world, api_as, submitted, role):
    response = api_as(getattr(world, role)).post(f"/api/v1/member-reports/{submitted.pk}/return/",
                                                 {"reason": "请核对"}, format="json")
    assert response.status_code == expected_status(role, DECIDERS)


@pytest.mark.parametrize("role", EVERYONE)
def test_submitting_and_correcting_a_draft(world, as_user, api_as, role):
    draft = f.MemberReportFactory(organization=world.org_a, status=Status.DRAFT)
    filers = {"admin", "contact_a"}
    expected = 200 if role in filers else 404  # nobody else even sees a draft
    assert as_user(getattr(world, role)).get(f"/enterprises/reports/{draft.pk}/edit/").status_code == expected
    assert api_as(getattr(world, role)).patch(f"/api/v1/member-reports/{draft.pk}/", {"applications": 5},
                                              format="json").status_code == expected
    assert api_as(getattr(world, role)).post(f"/api/v1/member-reports/{draft.pk}/submit/").status_code == expected


@pytest.mark.parametrize("role", EVERYONE)
def test_filing_a_new_report(world, as_user, api_as, role):
    from tests.enterprises.test_member_report_validation import VALID
    user = getattr(world, role)
    page = as_user(user).get("/enterprises/reports/new/")
    assert page.status_code == (200 if role in {"admin", "contact_a", "contact_b"} else 403)
    response = api_as(user).post("/api/v1/member-reports/", {**VALID, "organization": world.org_a.pk}, format="json")
    # Whoever does not see org_a cannot name it (400); who sees it but does not file for it is refused (403).
    expected = 201 if role in {"admin", "contact_a"} else (403 if role in READERS else 400)
    assert response.status_code == expected
    assert MemberReport.objects.exists() is (expected == 201)


def test_the_contact_is_offered_only_their_own_organisation(world, as_user):
    form = as_user(world.contact_a).get("/enterprises/reports/new/").context["form"]
    assert list(form.fields["organization"].queryset) == [world.org_a]


def test_the_contact_cannot_post_a_report_for_another_organisation(world, as_user):
    from tests.enterprises.test_member_report_validation import VALID
    response = as_user(world.contact_a).post("/enterprises/reports/new/", {**VALID, "organization": world.org_b.pk})
    assert "organization" in response.context["form"].errors
    assert not MemberReport.objects.exists()


@pytest.mark.parametrize("role", EVERYONE)
def test_the_api_list_shows_side_a_to_the_readers_only(world, api_as, submitted, role):
    ids = {row["id"] for row in api_as(getattr(world, role)).get("/api/v1/member-reports/").json()["results"]}
    assert (submitted.pk in ids) is (role in READERS)


# Admin -------------------------------------------------------------------------------------------

def staff(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="enterprises",
                                                         codename__in=codenames))
    return client_for(user)


def test_the_administrator_approves_in_admin(world, submitted):
    response = client_for(world.admin).post("/admin/enterprises/memberreport/", {
        "action": "approve_selected", "_selected_action": [submitted.pk]})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Status.APPROVED and submitted.decided_by == world.admin


def test_the_administrator_returns_in_admin_with_a_reason(world, submitted):
    client = client_for(world.admin)
    ask = client.post("/admin/enterprises/memberreport/", {"action": "return_selected",
                                                           "_selected_action": [submitted.pk]})
    assert ask.status_code == 200 and "reason" in ask.context["form"].fields
    blank = client.post("/admin/enterprises/memberreport/", {"action": "return_selected", "apply": "1",
                                                             "_selected_action": [submitted.pk], "reason": ""})
    assert blank.status_code == 200 and blank.context["form"].errors
    client.post("/admin/enterprises/memberreport/", {"action": "return_selected", "apply": "1",
                                                     "_selected_action": [submitted.pk], "reason": "请核对"})
    submitted.refresh_from_db()
    assert submitted.status == Status.RETURNED and submitted.return_reason == "请核对"


def test_committee_staff_in_admin_see_and_decide_only_their_parks_reports(world, submitted):
    other = f.MemberReportFactory(organization=world.org_b, year=2025, quarter=2, status=Status.SUBMITTED)
    client = staff(world.committee_staff_a, "view_memberreport", "change_memberreport")
    listing = client.get("/admin/enterprises/memberreport/")
    assert set(listing.context["cl"].result_list) == {submitted}
    assert client.get(f"/admin/enterprises/memberreport/{other.pk}/change/").status_code == 302  # "does not exist"
    client.post("/admin/enterprises/memberreport/", {"action": "approve_selected",
                                                     "_selected_action": [submitted.pk, other.pk]})
    submitted.refresh_from_db()
    other.refresh_from_db()
    assert submitted.status == Status.APPROVED and other.status == Status.SUBMITTED


def test_committee_staff_cannot_change_the_figures_in_admin(world, submitted):
    client = staff(world.committee_staff_a, "view_memberreport", "change_memberreport")
    page = client.get(f"/admin/enterprises/memberreport/{submitted.pk}/change/")
    assert page.status_code == 200 and not page.context["has_change_permission"]


def test_a_staff_contact_cannot_approve_in_admin(world, submitted):
    client = staff(world.contact_a, "view_memberreport", "change_memberreport")
    client.post("/admin/enterprises/memberreport/", {"action": "approve_selected", "_selected_action": [submitted.pk]})
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


@pytest.mark.parametrize("role", ["city_official", "official_a", "alliance_staff_a", "committee_staff_a",
                                  "department_staff", "contact_a", "outsider"])
def test_admin_is_closed_to_users_who_are_not_staff(world, role):
    response = client_for(getattr(world, role)).get("/admin/enterprises/memberreport/")
    assert response.status_code == 302 and "/admin/login/" in response.url
