"""Every member-growth model has its admin: list with filters and search, add and change pages, and the history
of changes for reports, ratings and sites."""
import pytest
from django.apps import apps

from tests import factories as f
from tests.conftest import client_for

MODELS = ["memberreport", "memberpost", "memberpostproject", "branchrating", "demonstrationsite", "trainingsession"]


@pytest.fixture
def records(world):
    f.MemberReportFactory(organization=world.org_a)
    f.MemberPostProjectFactory(post=f.MemberPostFactory(enterprise=world.enterprise_a))
    f.BranchRatingFactory(organization=world.org_a)
    f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a)
    f.TrainingSessionFactory(organizer=world.city, organizations=[world.org_a])
    return world


@pytest.mark.parametrize("model", MODELS)
def test_the_admin_pages_of_each_model_open(records, model):
    client = client_for(records.admin)
    record = apps.get_model("enterprises", model).objects.get()
    for url in ("", "?q=激光", "add/", f"{record.pk}/change/"):
        assert client.get(f"/admin/enterprises/{model}/{url}").status_code == 200, url


@pytest.mark.parametrize("model", ["memberreport", "branchrating", "demonstrationsite"])
def test_the_history_of_changes_opens_in_admin(records, model):
    record = apps.get_model("enterprises", model).objects.get()
    assert client_for(records.admin).get(f"/admin/enterprises/{model}/{record.pk}/history/").status_code == 200


def test_an_invalid_report_in_admin_gets_its_message(records):
    report = apps.get_model("enterprises", "MemberReport").objects.get()
    response = client_for(records.admin).post(f"/admin/enterprises/memberreport/{report.pk}/change/", {
        "organization": report.organization_id, "year": 2025, "quarter": 1, "members": 1, "applications": 0,
        "activists": 0, "candidates": 0, "candidates_carried_over": 0, "admitted": 3, "hidden_members_found": 0,
        "transferred_in": 0, "note": ""})
    assert response.status_code == 200
    assert "admitted" in response.context["adminform"].form.errors
