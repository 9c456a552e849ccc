"""Every rule of the quarterly member report, through the form (the page) and through the API: refused with
a message on the field concerned, nothing saved, never a 500."""
from datetime import date

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import escape

from enterprises.models import MemberReport
from tests import factories as f

VALID = dict(year=2025, quarter=2, members=30, applications=4, activists=3, candidates=2, candidates_carried_over=0,
             admitted=1, hidden_members_found=0, transferred_in=0, note="")
NEXT_YEAR = timezone.localdate().year + 1

# (rule, changes to a valid report, the field that carries the message; None for the whole report)
RULES = [
    *[(f"{name} is not negative", {name: -1}, name) for name in MemberReport.COUNT_FIELDS],
    ("newly admitted within candidates and carried over", dict(candidates=1, candidates_carried_over=1, admitted=3),
     "admitted"),
    ("members at the end include the new and transferred members", dict(members=3, admitted=2, transferred_in=2),
     "members"),
    ("the quarter has begun", dict(year=NEXT_YEAR, quarter=1), "quarter"),
    ("the year lies between 2000 and 2100", dict(year=1999), "year"),
    ("a quarter is 1 to 4", dict(quarter=5), "quarter"),
]


def form_errors(client, organization, changes):
    response = client.post("/enterprises/reports/new/", {**VALID, "organization": organization.pk, **changes})
    assert response.status_code == 200, "an invalid report is shown again with its errors"
    return response.context["form"].errors


def api_errors(client, organization, changes):
    response = client.post("/api/v1/member-reports/", {**VALID, "organization": organization.pk, **changes},
                           format="json")
    assert response.status_code == 400
    return response.json()


@pytest.mark.parametrize("rule,changes,field", RULES, ids=[rule for rule, _c, _f in RULES])
def test_the_form_refuses_the_report(world, as_user, rule, changes, field):
    errors = form_errors(as_user(world.contact_a), world.org_a, changes)
    assert field in errors
    assert not MemberReport.objects.exists()


@pytest.mark.parametrize("rule,changes,field", RULES, ids=[rule for rule, _c, _f in RULES])
def test_the_api_refuses_the_report(world, api_as, rule, changes, field):
    errors = api_errors(api_as(world.contact_a), world.org_a, changes)
    assert field in errors
    assert not MemberReport.objects.exists()


@pytest.fixture
def previous_quarter(world):
    """2025Q1 of org_a: 2 candidates, none carried over, 1 admitted, so 1 candidate is carried into 2025Q2."""
    return f.MemberReportFactory(organization=world.org_a, year=2025, quarter=1, candidates=2,
                                 candidates_carried_over=0, admitted=1)


def test_the_form_refuses_to_carry_over_more_candidates_than_the_previous_quarter_left(world, as_user,
                                                                                       previous_quarter):
    errors = form_errors(as_user(world.contact_a), world.org_a, dict(candidates_carried_over=2))
    assert "candidates_carried_over" in errors
    assert "1" in errors["candidates_carried_over"][0]


def test_the_api_refuses_to_carry_over_more_candidates_than_the_previous_quarter_left(world, api_as,
                                                                                      previous_quarter):
    errors = api_errors(api_as(world.contact_a), world.org_a, dict(candidates_carried_over=2))
    assert "candidates_carried_over" in errors


def test_a_carry_over_within_what_the_previous_quarter_left_is_accepted(world, api_as, previous_quarter):
    response = api_as(world.contact_a).post("/api/v1/member-reports/", {
        **VALID, "organization": world.org_a.pk, "candidates_carried_over": 1, "candidates": 0, "admitted": 1},
        format="json")
    assert response.status_code == 201, response.json()


def test_the_new_report_form_proposes_the_carry_over_of_the_previous_quarter(world, as_user, previous_quarter):
    response = as_user(world.contact_a).get("/enterprises/reports/new/", {"organization": world.org_a.pk,
                                                                          "year": 2025, "quarter": 2})
    form = response.context["form"]
    assert form.initial["candidates_carried_over"] == 1
    assert form.initial["members"] == previous_quarter.members


@pytest.mark.parametrize("changes", [dict(founded_on=date(2025, 7, 1)), dict(founded_on=date(2020, 1, 1),
                                                                               dissolved_on=date(2025, 3, 31))],
                         ids=["founded after the quarter", "dissolved before the quarter"])
def test_a_report_covers_a_quarter_the_organisation_existed(world, as_user, api_as, changes):
    for name, value in changes.items():
        setattr(world.org_a, name, value)
    world.org_a.save()
    assert "quarter" in form_errors(as_user(world.contact_a), world.org_a, {})
    assert "quarter" in api_errors(api_as(world.contact_a), world.org_a, {})


def test_a_second_report_for_the_same_quarter_is_refused(world, as_user, api_as):
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, status=MemberReport.Status.DRAFT)
    errors = form_errors(as_user(world.contact_a), world.org_a, {})
    assert "__all__" in errors
    assert {"__all__", "non_field_errors"} & set(api_errors(api_as(world.contact_a), world.org_a, {}))
    assert MemberReport.objects.count() == 1


def test_the_form_explains_the_rule_on_newly_admitted_members(world, as_user):
    response = as_user(world.contact_a).get("/enterprises/reports/new/")
    help_text = escape(str(MemberReport._meta.get_field("admitted").help_text))
    assert help_text in response.content.decode()


def test_a_valid_report_is_saved_as_a_draft_by_the_form(world, as_user):
    response = as_user(world.contact_a).post("/enterprises/reports/new/", {**VALID, "organization": world.org_a.pk})
    report = MemberReport.objects.get()
    assert response.status_code == 302
    assert report.status == MemberReport.Status.DRAFT and report.filed_by == world.contact_a


def test_a_valid_report_is_saved_as_a_draft_by_the_api(world, api_as):
    response = api_as(world.contact_a).post("/api/v1/member-reports/", {**VALID, "organization": world.org_a.pk},
                                            format="json")
    assert response.status_code == 201
    assert response.json()["status"] == "draft"
    assert MemberReport.objects.get().filed_by == world.contact_a


def test_a_correction_is_checked_like_a_new_report(world, as_user, api_as):
    report = f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, status=MemberReport.Status.DRAFT)
    response = as_user(world.contact_a).post(f"/enterprises/reports/{report.pk}/edit/",
                                             {**VALID, "organization": world.org_a.pk, "admitted": 9})
    assert "admitted" in response.context["form"].errors
    response = api_as(world.contact_a).patch(f"/api/v1/member-reports/{report.pk}/", {"members": -3}, format="json")
    assert response.status_code == 400 and "members" in response.json()
    report.refresh_from_db()
    assert report.admitted == 1 and report.members == 30


@pytest.mark.parametrize("changes", [dict(admitted=5, candidates=1), dict(members=1, admitted=1, transferred_in=1),
                                     dict(quarter=0), dict(status="returned", return_reason="")],
                         ids=["admitted", "members", "quarter", "returned without reason"])
def test_the_database_refuses_what_bypasses_validation(world, changes):
    with pytest.raises(IntegrityError), transaction.atomic():
        f.MemberReportFactory(organization=world.org_a, **changes)
