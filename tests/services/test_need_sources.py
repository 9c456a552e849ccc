"""Needs raised in a meeting or during a visit: one click turns them into needs, and the link is kept."""
import pytest

from services.models import Need
from tests.conftest import api_client_for, client_for

from .. import factories as f


@pytest.fixture
def issue(world):
    meeting = f.MeetingFactory(alliance=world.alliance_a)
    return f.MeetingIssueFactory(meeting=meeting, enterprise=world.enterprise_a, text="用电增容审批慢\n希望协调供电公司")


def test_alliance_staff_turn_a_meeting_issue_into_a_need_with_one_click(world, issue):
    client = client_for(world.alliance_staff_a)
    response = client.post(f"/chains/meetings/issues/{issue.pk}/to-need/", {"category": "energy"})
    need = Need.objects.get()
    assert response.url == f"/services/needs/{need.pk}/"
    assert (need.meeting_issue, need.source, need.enterprise, need.category) == (issue, "meeting", world.enterprise_a,
                                                                               "energy")
    assert need.title == "用电增容审批慢" and need.status == "submitted"
    page = client.get(f"/chains/meetings/{issue.meeting_id}/").content.decode()
    assert f"/services/needs/{need.pk}/" in page
    # The enterprise follows it like any need it submitted itself.
    assert client_for(world.contact_a).get(f"/services/needs/{need.pk}/").status_code == 200


def test_an_issue_becomes_a_need_only_once(world, issue):
    client = client_for(world.alliance_staff_a)
    client.post(f"/chains/meetings/issues/{issue.pk}/to-need/", {"category": "energy"})
    response = client.post(f"/chains/meetings/issues/{issue.pk}/to-need/", {"category": "land"}, follow=True)
    assert "已经" in response.content.decode()
    assert Need.objects.count() == 1


def test_an_issue_without_an_enterprise_asks_for_one(world, issue):
    issue.enterprise = None
    issue.save()
    response = client_for(world.alliance_staff_a).post(f"/chains/meetings/issues/{issue.pk}/to-need/",
                                                       {"category": "energy"}, follow=True)
    assert "企业" in response.content.decode()
    assert not Need.objects.exists()


def test_a_missing_category_is_a_message_not_an_error(world, issue):
    response = client_for(world.alliance_staff_a).post(f"/chains/meetings/issues/{issue.pk}/to-need/", {},
                                                       follow=True)
    assert response.status_code == 200
    assert not Need.objects.exists()


@pytest.mark.parametrize("role,status", [("alliance_staff_b", 404), ("contact_a", 404), ("outsider", 404),
                                         ("city_official", 302), ("committee_staff_b", 404)])
def test_nobody_else_turns_the_issue_into_a_need(world, issue, role, status):
    response = client_for(getattr(world, role)).post(f"/chains/meetings/issues/{issue.pk}/to-need/",
                                                     {"category": "energy"})
    assert response.status_code == status
    assert not Need.objects.exists()


def test_the_api_turns_an_issue_into_a_need(world, issue):
    client = api_client_for(world.alliance_staff_a)
    unpriced = client.post(f"/api/v1/meeting-issues/{issue.pk}/to-need/", {"category": "funding"}, format="json")
    assert unpriced.status_code == 400 and "amount_requested" in unpriced.json()
    response = client.post(f"/api/v1/meeting-issues/{issue.pk}/to-need/", {"category": "funding",
                                                                          "amount_requested": "300"}, format="json")
    assert response.status_code == 201
    assert Need.objects.get(pk=response.json()["need"]).meeting_issue == issue
    again = client.post(f"/api/v1/meeting-issues/{issue.pk}/to-need/", {"category": "policy"}, format="json")
    assert again.status_code == 400 and again.json()["detail"]
    assert client.post(f"/api/v1/meeting-issues/{issue.pk}/to-need/", {"category": "nonsense"},
                       format="json").status_code in (400, 409)
    assert api_client_for(world.alliance_staff_b).post(f"/api/v1/meeting-issues/{issue.pk}/to-need/",
                                                       {"category": "funding"}, format="json").status_code == 404


def test_the_visiting_body_records_a_need_raised_during_the_visit(world):
    visit = f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    client = client_for(world.alliance_staff_a)
    response = client.post(f"/services/visits/{visit.pk}/need/", {
        "category": "labour", "title": "缺少焊工", "description": "需要招聘二十名焊工", "workers_requested": "20"})
    need = Need.objects.get()
    assert response.url == f"/services/needs/{need.pk}/"
    assert (need.visit, need.source) == (visit, "visit")
    assert "缺少焊工" in client.get(f"/services/visits/{visit.pk}/").content.decode()


def test_a_visit_need_form_with_errors_keeps_what_was_typed(world):
    visit = f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    response = client_for(world.alliance_staff_a).post(f"/services/visits/{visit.pk}/need/", {
        "category": "labour", "title": "缺少焊工", "description": ""})
    assert response.status_code == 200
    assert "缺少焊工" in response.content.decode()
    assert not Need.objects.exists()


def test_only_the_visiting_body_records_needs_of_its_visit(world):
    visit = f.VisitFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    data = {"category": "labour", "title": "缺少焊工", "description": "需要招聘", "workers_requested": "5"}
    assert client_for(world.alliance_staff_b).post(f"/services/visits/{visit.pk}/need/", data).status_code == 404
    client_for(world.city_official).post(f"/services/visits/{visit.pk}/need/", data)
    assert not Need.objects.exists()


def test_a_funding_issue_needs_its_amount_and_says_so(world, issue):
    client = client_for(world.alliance_staff_a)
    response = client.post(f"/chains/meetings/issues/{issue.pk}/to-need/", {"category": "funding"}, follow=True)
    assert response.status_code == 200 and not Need.objects.exists()
    assert "金额" in response.content.decode()
    client.post(f"/chains/meetings/issues/{issue.pk}/to-need/", {"category": "funding", "amount_requested": "500"})
    assert Need.objects.get().amount_requested == 500
