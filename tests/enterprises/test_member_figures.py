"""F06–F09 on hand-built reports: only approved reports count, each county counts only its own organisations,
and F07 compares with the same period a year earlier ("—" when that base is 0)."""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chainparty.figures import REGISTRY, Area, Period, compute_all
from enterprises.models import MemberReport
from tests import factories as f

APPROVED, RETURNED, SUBMITTED, DRAFT = (MemberReport.Status.APPROVED, MemberReport.Status.RETURNED,
                                         MemberReport.Status.SUBMITTED, MemberReport.Status.DRAFT)


@pytest.fixture
def reports(world):
    """County A (org_a): 2025Q1 4 applications, 2025Q2 6, 2024Q1 5, plus a returned, a submitted and a draft
    report that must not count. County B (org_b): 2025Q1 10 applications and nothing in 2024."""
    report = f.MemberReportFactory
    report(organization=world.org_a, year=2025, quarter=1, applications=4, admitted=1, hidden_members_found=2)
    report(organization=world.org_a, year=2025, quarter=2, applications=6, candidates=3, admitted=2)
    report(organization=world.org_a, year=2025, quarter=3, applications=100, candidates=50, admitted=40, members=80,
           hidden_members_found=9, status=RETURNED)
    report(organization=world.org_a, year=2025, quarter=4, applications=50, status=SUBMITTED)
    report(organization=world.org_a, year=2024, quarter=4, applications=70, status=DRAFT)
    report(organization=world.org_a, year=2024, quarter=1, applications=5, admitted=0)
    report(organization=world.org_b, year=2025, quarter=1, applications=10, candidates=3, admitted=3,
           hidden_members_found=1)
    # Another city's organisation never counts in this city.
    elsewhere = f.EnterpriseFactory(county=world.other_county, party_organization=f.PartyOrganizationFactory())
    report(organization=elsewhere.party_organization, year=2025, quarter=1, applications=1000)
    return world


def figure(figure_id, region, period):
    return REGISTRY[figure_id](Area.of(region), Period.parse(period))


def test_applications_of_a_county_are_its_approved_reports_only(reports):
    assert figure("F06", reports.county_a, "2025").value == 4 + 6
    assert figure("F06", reports.county_b, "2025").value == 10
    assert figure("F06", reports.city, "2025").value == 4 + 6 + 10


def test_applications_of_a_quarter_and_the_breakdown_by_quarter(reports):
    assert figure("F06", reports.county_a, "2025Q1").value == 4
    assert figure("F06", reports.county_a, "2025Q3").value == 0  # returned: not counted
    assert figure("F06", reports.county_a, "2025Q4").value == 0  # submitted, not yet approved
    assert figure("F06", reports.county_a, "2025").breakdown == {"2025Q1": 4, "2025Q2": 6, "2025Q3": 0, "2025Q4": 0}


def test_the_records_behind_applications_are_the_approved_reports(reports):
    records = figure("F06", reports.county_a, "2025").records
    assert sorted(records.values_list("quarter", flat=True)) == [1, 2]


def test_growth_of_applications_on_a_year_earlier(reports):
    # County A: 10 in 2025 against 5 in 2024 → +100.0 %; Q1: 4 against 5 → −20.0 %.
    assert figure("F07", reports.county_a, "2025").value == Decimal("100.0")
    assert figure("F07", reports.county_a, "2025Q1").value == Decimal("-20.0")
    # The city: 20 against 5 → +300.0 %.
    assert figure("F07", reports.city, "2025").value == Decimal("300.0")


def test_growth_with_a_zero_base_is_a_dash(reports):
    growth = figure("F07", reports.county_b, "2025")
    assert growth.value is None
    assert growth.breakdown == {"2025": 10, "2024": 0}
    assert figure("F07", reports.county_a, "2025Q2").value is None  # nothing approved in 2024Q2


def test_members_newly_admitted(reports):
    assert figure("F08", reports.county_a, "2025").value == 1 + 2
    assert figure("F08", reports.county_b, "2025").value == 3
    assert figure("F08", reports.city, "2025").value == 6


def test_hidden_members_found(reports):
    assert figure("F09", reports.county_a, "2025").value == 2
    assert figure("F09", reports.county_b, "2025").value == 1
    assert figure("F09", reports.city, "2025Q1").value == 3


def test_a_report_approved_later_starts_counting(reports):
    submitted = MemberReport.objects.get(organization=reports.org_a, year=2025, quarter=4)
    from enterprises.actions import approve_report
    approve_report(submitted, acting_user=reports.committee_staff_a)
    assert figure("F06", reports.county_a, "2025").value == 4 + 6 + 50


def test_a_joint_branch_counts_in_each_county_it_covers_and_once_in_the_city(world):
    joint = f.PartyOrganizationFactory(kind="joint_branch")
    f.EnterpriseFactory(county=world.county_a, party_organization=joint)
    f.EnterpriseFactory(county=world.county_b, party_organization=joint)
    f.MemberReportFactory(organization=joint, year=2025, quarter=2, applications=7)
    assert figure("F06", world.county_a, "2025").value == 7
    assert figure("F06", world.county_b, "2025").value == 7
    assert figure("F06", world.city, "2025").value == 7


def test_the_figures_api_gives_the_member_figures_of_the_officials_region(reports, api_as):
    response = api_as(reports.official_a).get("/api/v1/figures/", {"region": "321302", "period": "2025"})
    assert response.status_code == 200
    values = {row["id"]: row["value"] for row in response.json()["figures"]}
    assert values["F06"] == 10 and values["F07"] == 100.0 and values["F08"] == 3 and values["F09"] == 2


def test_the_figures_api_shows_a_dash_as_null(reports, api_as):
    response = api_as(reports.official_b).get("/api/v1/figures/", {"region": "321311", "period": "2025"})
    values = {row["id"]: row["value"] for row in response.json()["figures"]}
    assert values["F07"] is None


def test_the_figures_api_refuses_a_region_outside_the_officials_reach(reports, api_as):
    response = api_as(reports.official_a).get("/api/v1/figures/", {"region": "321311", "period": "2025"})
    assert response.status_code == 400
    assert "region" in response.json()


@pytest.mark.parametrize("figure_id", ["F06", "F07", "F08", "F09", "F10", "F11", "F12", "F13", "F23"])
def test_the_overview_lists_the_records_behind_each_member_figure(reports, as_user, figure_id):
    response = as_user(reports.official_a).get(f"/dashboard/figures/{figure_id}/",
                                               {"region": "321302", "period": "2025"})
    assert response.status_code == 200


def test_the_records_behind_applications_link_to_the_reports(reports, as_user):
    response = as_user(reports.official_a).get("/dashboard/figures/F06/", {"region": "321302", "period": "2025"})
    report = MemberReport.objects.get(organization=reports.org_a, year=2025, quarter=1)
    assert report.get_absolute_url() in response.content.decode()
    assert len(response.context["page_obj"].object_list) == 2


def test_computed_together_the_member_figures_read_the_reports_once_and_agree_with_each_alone(reports):
    area, period = Area.of(reports.city), Period.parse("2025")
    alone = {figure_id: figure(figure_id, reports.city, "2025") for figure_id in ("F06", "F07", "F08", "F09")}
    with CaptureQueriesContext(connection) as captured:
        together = {figure.id: value for figure, value in compute_all(area, period)}
    assert sum('"enterprises_memberreport"' in query["sql"] for query in captured.captured_queries) == 1
    for figure_id, value in alone.items():
        assert (together[figure_id].value, together[figure_id].breakdown) == (value.value, value.breakdown)
    assert together["F08"].value == 1 + 2 + 3 and together["F09"].value == 2 + 1


def test_a_figure_computed_alone_after_a_computation_queries_afresh(reports):
    area, period = Area.of(reports.county_b), Period.parse("2025")
    compute_all(area, period)
    f.MemberReportFactory(organization=reports.org_b, year=2025, quarter=2, applications=7)
    assert figure("F06", reports.county_b, "2025").value == 10 + 7
    assert dict(compute_all(area, period))[REGISTRY["F06"]].value == 10 + 7
