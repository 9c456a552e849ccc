"""The quarterly report's way: draft → submitted → approved, or returned with a reason and corrected."""
import pytest

from enterprises import actions
from enterprises.models import MemberReport
from tests import factories as f

Status = MemberReport.Status


@pytest.fixture
def draft(world):
    return f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, status=Status.DRAFT)


def submitted_report(world, **kwargs):
    return f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, status=Status.SUBMITTED, **kwargs)


def test_the_contact_submits_a_draft_on_the_page(world, as_user, draft):
    response = as_user(world.contact_a).post(f"/enterprises/reports/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == Status.SUBMITTED and draft.filed_by == world.contact_a and draft.submitted_at


def test_save_and_submit_files_the_report_in_one_step(world, as_user):
    from tests.enterprises.test_member_report_validation import VALID
    as_user(world.contact_a).post("/enterprises/reports/new/", {**VALID, "organization": world.org_a.pk,
                                                                "submit": "1"})
    assert MemberReport.objects.get().status == Status.SUBMITTED


def test_a_submitted_report_is_locked_for_the_contact(world, as_user, api_as):
    report = submitted_report(world)
    assert as_user(world.contact_a).get(f"/enterprises/reports/{report.pk}/edit/").status_code == 403
    assert api_as(world.contact_a).patch(f"/api/v1/member-reports/{report.pk}/", {"applications": 9},
                                         format="json").status_code == 403
    response = api_as(world.contact_a).post(f"/api/v1/member-reports/{report.pk}/submit/")
    assert response.status_code == 400


def test_the_committee_approves_and_the_report_is_locked(world, as_user, api_as):
    report = submitted_report(world)
    response = as_user(world.committee_staff_a).post(f"/enterprises/reports/{report.pk}/approve/")
    report.refresh_from_db()
    assert response.status_code == 302
    assert report.status == Status.APPROVED and report.decided_by == world.committee_staff_a and report.decided_at
    assert as_user(world.contact_a).get(f"/enterprises/reports/{report.pk}/edit/").status_code == 403
    assert api_as(world.contact_a).put(f"/api/v1/member-reports/{report.pk}/", {}, format="json").status_code == 403
    assert api_as(world.contact_a).delete(f"/api/v1/member-reports/{report.pk}/").status_code == 403
    assert as_user(world.contact_a).post(f"/enterprises/reports/{report.pk}/submit/").status_code == 302
    report.refresh_from_db()
    assert report.status == Status.APPROVED


def test_returning_needs_a_reason_on_the_page_and_in_the_api(world, as_user, api_as):
    report = submitted_report(world)
    response = as_user(world.committee_staff_a).post(f"/enterprises/reports/{report.pk}/return/", {"reason": "  "})
    assert response.status_code == 200
    assert "reason" in response.context["return_form"].errors
    response = api_as(world.committee_staff_a).post(f"/api/v1/member-reports/{report.pk}/return/", {}, format="json")
    assert response.status_code == 400 and "reason" in response.json()
    with pytest.raises(actions.TransitionError):
        actions.return_report(report, acting_user=world.committee_staff_a, reason=" ")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_a_returned_report_is_corrected_and_resubmitted(world, as_user):
    from tests.enterprises.test_member_report_validation import VALID
    report = submitted_report(world)
    as_user(world.committee_staff_a).post(f"/enterprises/reports/{report.pk}/return/",
                                          {"reason": "申请人数与台账不符"})
    report.refresh_from_db()
    assert report.status == Status.RETURNED and report.return_reason == "申请人数与台账不符"
    contact = as_user(world.contact_a)
    assert "申请人数与台账不符" in contact.get(f"/enterprises/reports/{report.pk}/").content.decode()
    response = contact.post(f"/enterprises/reports/{report.pk}/edit/",
                            {**VALID, "organization": world.org_a.pk, "applications": 7, "submit": "1"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.applications == 7 and report.status == Status.SUBMITTED and report.return_reason == ""


def test_an_approved_report_can_be_returned_for_correction_and_stops_counting(world, api_as):
    report = f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2)
    response = api_as(world.committee_staff_a).post(f"/api/v1/member-reports/{report.pk}/return/",
                                                    {"reason": "季度末党员数有误"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "returned"
    assert not MemberReport.objects.approved().exists()


@pytest.mark.parametrize("status", [Status.APPROVED, Status.RETURNED])
def test_only_a_submitted_report_can_be_approved(world, api_as, status):
    report = f.MemberReportFactory(organization=world.org_a, status=status)
    response = api_as(world.committee_staff_a).post(f"/api/v1/member-reports/{report.pk}/approve/")
    assert response.status_code == 400
    assert MemberReport.objects.get().status == status


def test_the_history_records_who_did_what(world, draft):
    actions.submit_report(draft, acting_user=world.contact_a)
    actions.return_report(draft, acting_user=world.committee_staff_a, reason="请补充")
    actions.submit_report(draft, acting_user=world.contact_a)
    actions.approve_report(draft, acting_user=world.committee_staff_a)
    events = list(draft.history.filter(history_change_reason__isnull=False).order_by("history_date")
                  .values_list("history_change_reason", "history_user__username"))
    assert events == [("submitted", "contact_a"), ("returned: 请补充", "committee_a"), ("submitted", "contact_a"),
                      ("approved", "committee_a")]


def test_the_alliance_approves_for_an_enterprise_in_no_park(world, api_as):
    organization = f.PartyOrganizationFactory()
    f.EnterpriseFactory(county=world.county_a, park=None, chains=[world.chain_a], party_organization=organization)
    report = f.MemberReportFactory(organization=organization, status=Status.SUBMITTED)
    # The committee of the chain's park does not decide for an enterprise outside its park.
    assert api_as(world.committee_staff_a).post(f"/api/v1/member-reports/{report.pk}/approve/").status_code == 403
    assert api_as(world.alliance_staff_b).post(f"/api/v1/member-reports/{report.pk}/approve/").status_code == 404
    assert api_as(world.alliance_staff_a).post(f"/api/v1/member-reports/{report.pk}/approve/").status_code == 200


def test_the_alliance_does_not_decide_for_an_enterprise_in_a_park(world, api_as):
    report = submitted_report(world)
    assert api_as(world.alliance_staff_a).post(f"/api/v1/member-reports/{report.pk}/approve/").status_code == 403


def test_the_queue_lists_only_the_reports_awaiting_my_decision(world, as_user):
    mine = submitted_report(world)
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=1)  # approved already
    f.MemberReportFactory(organization=world.org_b, year=2025, quarter=2, status=Status.SUBMITTED)  # park B
    response = as_user(world.committee_staff_a).get("/enterprises/reports/queue/")
    assert list(response.context["object_list"]) == [mine]
    response = as_user(world.committee_staff_a).post(f"/enterprises/reports/{mine.pk}/approve/",
                                                     {"next": "/enterprises/reports/queue/"})
    assert response.url == "/enterprises/reports/queue/"


def test_the_queue_never_redirects_elsewhere(world, as_user):
    report = submitted_report(world)
    response = as_user(world.committee_staff_a).post(f"/enterprises/reports/{report.pk}/approve/",
                                                     {"next": "https://evil.example/"})
    assert response.url == f"/enterprises/reports/{report.pk}/"


def test_the_api_filters_the_reports_awaiting_my_decision(world, api_as):
    mine = submitted_report(world)
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=1)
    response = api_as(world.committee_staff_a).get("/api/v1/member-reports/", {"pending_for_me": "true"})
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_alliance_staff_read_the_sums_of_their_chains_approved_reports(world, api_as, as_user):
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=1, applications=4, admitted=1)
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, applications=6, candidates=3, admitted=2)
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=3, applications=50, status=Status.SUBMITTED)
    f.MemberReportFactory(organization=world.org_b, year=2025, quarter=1, applications=10)
    response = api_as(world.alliance_staff_a).get("/api/v1/member-reports/summary/",
                                                  {"period": "2025", "chain": world.chain_a.pk})
    assert response.status_code == 200
    assert response.json()["reports"] == 2
    assert response.json()["applications"] == 10 and response.json()["admitted"] == 3
    page = as_user(world.alliance_staff_a).get("/enterprises/reports/", {"period": "2025"})
    assert page.context["totals"]["applications"] == 10


def test_an_invalid_period_filter_is_a_400(world, api_as):
    response = api_as(world.official_a).get("/api/v1/member-reports/", {"period": "2025Q5"})
    assert response.status_code == 400 and "period" in response.json()


def test_submitting_tells_the_committee_that_decides(world, draft):
    from chainparty.models import Notification
    actions.submit_report(draft, acting_user=world.contact_a)
    recipients = set(Notification.objects.filter(kind="report").values_list("recipient__username", flat=True))
    assert recipients == {"committee_a"}
    assert Notification.objects.get().url == f"/enterprises/reports/{draft.pk}/"


def test_submitting_for_an_enterprise_in_no_park_tells_the_alliance(world):
    from chainparty.models import Notification
    organization = f.PartyOrganizationFactory()
    f.EnterpriseFactory(county=world.county_a, park=None, chains=[world.chain_a], party_organization=organization)
    f.EnterpriseContactFactory(user=world.contact_b, enterprise=organization.enterprises.get())
    report = f.MemberReportFactory(organization=organization, status=Status.DRAFT)
    actions.submit_report(report, acting_user=world.contact_b)
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"alliance_a"}


def test_returning_tells_the_contact_why(world):
    from chainparty.models import Notification
    report = submitted_report(world)
    actions.return_report(report, acting_user=world.committee_staff_a, reason="请补充入党申请书台账")
    notification = Notification.objects.get()
    assert notification.recipient == world.contact_a and notification.body == "请补充入党申请书台账"
    actions.submit_report(report, acting_user=world.contact_a)
    actions.approve_report(report, acting_user=world.committee_staff_a)
    assert Notification.objects.filter(recipient=world.contact_a).count() == 2
