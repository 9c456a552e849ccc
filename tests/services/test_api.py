"""The needs API: scoped lists, submission, the transitions as actions (same rules and errors as the pages),
FilterSets, attachments and the calendar settings."""
from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from services.models import Need, NeedAttachment, WorkingDayOverride

from .needs_world import build, submit, w  # noqa: F401  (fixtures)
from .test_pages import PDF, SEES_A

API = "/api/v1/needs/"


@pytest.fixture
def need_a(w):
    return build(w, Need.Status.ASSIGNED)


@pytest.mark.parametrize("role", SEES_A)
def test_each_role_lists_and_reads_only_the_needs_in_its_scope(w, need_a, role, api_as):
    client = api_as(getattr(w, role))
    ids = {row["id"] for row in client.get(API).json()["results"]}
    assert (need_a.pk in ids) == SEES_A[role]
    response = client.get(f"{API}{need_a.pk}/")
    assert response.status_code == (200 if SEES_A[role] else 404)
    if SEES_A[role]:
        body = response.json()
        assert [event["kind"] for event in body["events"]] == ["submit", "accept", "assign"]
        assert body["lead_department"] == w.department.pk


def test_anonymous_requests_are_refused(need_a, client):
    assert client.get(API).status_code in (401, 403)


def test_a_contact_submits_a_need(w, api_as):
    response = api_as(w.contact_a).post(API, {"enterprise": w.enterprise_a.pk, "category": "labour",
                                              "title": "招聘普工", "description": "旺季缺工", "workers_requested": 30},
                                        format="json")
    assert response.status_code == 201, response.json()
    need = Need.objects.get(pk=response.json()["id"])
    assert need.status == "submitted" and need.accept_due and list(need.chains.all()) == [w.chain_a]


def test_a_labour_need_without_workers_is_a_field_error(w, api_as):
    response = api_as(w.contact_a).post(API, {"enterprise": w.enterprise_a.pk, "category": "labour", "title": "招聘",
                                              "description": "缺工"}, format="json")
    assert response.status_code == 400 and "workers_requested" in response.json()


def test_no_one_submits_for_an_enterprise_outside_their_reach(w, api_as):
    data = {"enterprise": w.enterprise_b.pk, "category": "policy", "title": "政策", "description": "咨询"}
    assert api_as(w.contact_a).post(API, data, format="json").status_code == 400
    mine = {**data, "enterprise": w.enterprise_a.pk}
    assert api_as(w.official_a).post(API, mine, format="json").status_code == 403
    # An alliance records a need raised in a meeting, but does not fill the enterprise's form for it.
    assert api_as(w.alliance_staff_a).post(API, mine, format="json").status_code == 400
    assert api_as(w.alliance_staff_a).post(API, {**mine, "source": "meeting"}, format="json").status_code == 201
    assert not Need.objects.filter(enterprise=w.enterprise_b).exists()


def test_needs_cannot_be_edited_or_deleted_directly(w, need_a, api_as):
    client = api_as(w.admin)
    assert client.patch(f"{API}{need_a.pk}/", {"status": "closed"}, format="json").status_code == 405
    assert client.delete(f"{API}{need_a.pk}/").status_code == 405


def test_a_transition_by_the_right_role_answers_the_updated_need(w, api_as):
    need = submit(w)
    response = api_as(w.alliance_staff_a).post(f"{API}{need.pk}/accept/", {"note": "受理"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "accepted" and response.json()["events"][-1]["note"] == "受理"


def test_a_refused_transition_is_a_400_with_a_message_and_changes_nothing(w, api_as):
    need = submit(w)
    response = api_as(w.contact_a).post(f"{API}{need.pk}/accept/", {}, format="json")
    assert response.status_code == 400 and response.json()["detail"] and response.json()["code"] == "role"
    response = api_as(w.admin).post(f"{API}{need.pk}/resolve/", {"outcome": "x"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "state"
    need.refresh_from_db()
    assert need.status == "submitted" and need.events.count() == 1


def test_a_transition_outside_the_scope_is_404_and_read_only_users_get_403(w, api_as):
    need = submit(w)
    assert api_as(w.alliance_staff_b).post(f"{API}{need.pk}/accept/", {}, format="json").status_code == 404
    assert api_as(w.outsider).post(f"{API}{need.pk}/accept/", {}, format="json").status_code == 404
    assert api_as(w.official_a).post(f"{API}{need.pk}/accept/", {}, format="json").status_code == 403


def test_missing_input_is_a_field_error_like_on_the_page(w, api_as):
    need = submit(w)
    response = api_as(w.alliance_staff_a).post(f"{API}{need.pk}/reject/", {"kind": "duplicate"}, format="json")
    assert response.status_code == 400 and "reason" in response.json()


def test_the_whole_workflow_through_the_api(w, api_as):
    need = submit(w)
    dispatcher, department, contact = api_as(w.committee_staff_a), api_as(w.department_staff), api_as(w.contact_a)
    steps = [
        (dispatcher, "accept", {}),
        (dispatcher, "assign", {"lead_department": w.department.pk, "co_departments": [w.other_department.pk],
                                "responsible_person": "孙科长", "plan": "协调", "due_date": ""}),
        (department, "sign", {}),
        (department, "reply", {"note": "已收到"}),
        (department, "progress", {"note": "协调中"}),
        (department, "request-extension", {"days": 3, "reason": "等批复"}),
        (dispatcher, "refuse-extension", {"reason": "时间够"}),
        (department, "defer", {"explanation": "需等待", "timetable": "下月", "deferred_until": "2099-01-04"}),
        (department, "resume", {}),
        (department, "resolve", {"outcome": "已办结"}),
        (contact, "feedback", {"satisfaction": "unsatisfied", "reason": "没解决"}),
        (dispatcher, "assign", {"lead_department": w.department.pk, "responsible_person": "孙科长", "plan": "重办"}),
        (department, "return", {"reason": "非本部门"}),
        (dispatcher, "assign", {"lead_department": w.department.pk, "responsible_person": "周科长", "plan": "再办"}),
        (department, "sign", {}),
        (department, "resolve", {"outcome": "已解决"}),
        (dispatcher, "close", {}),
    ]
    for client, path, data in steps:
        response = client.post(f"{API}{need.pk}/{path}/", data, format="json")
        assert response.status_code == 200, (path, response.json())
    body = response.json()
    assert body["status"] == "closed" and body["closed_how"] == "dispatcher" and body["reopen_count"] == 1
    assert len(body["assignments"]) == 4


FILTERS = [({"status": "assigned"}, True), ({"status": "closed"}, False), ({"category": "policy"}, True),
           ({"category": "land"}, False), ({"overdue": "true"}, False), ({"overdue": "false"}, True),
           ({"period": "2000"}, False)]


@pytest.mark.parametrize("params,found", FILTERS)
def test_the_filters(w, need_a, api_as, params, found):
    ids = {row["id"] for row in api_as(w.city_official).get(API, params).json()["results"]}
    assert (need_a.pk in ids) == found


def test_the_chain_park_and_department_filters(w, need_a, api_as):
    client = api_as(w.admin)

    def ids(**params):
        return {row["id"] for row in client.get(API, params).json()["results"]}

    assert ids(chain=w.chain_a.pk) == {need_a.pk} and ids(chain=w.chain_b.pk) == set()
    assert ids(park=w.park_a.pk) == {need_a.pk} and ids(park=w.park_b.pk) == set()
    assert ids(department=w.other_department.pk) == {need_a.pk}
    assert ids(department=w.unassigned_department.pk) == set()


def test_a_bad_period_is_a_400_naming_the_parameter(w, api_as):
    response = api_as(w.city_official).get(API, {"period": "next year"})
    assert response.status_code == 400 and "period" in response.json()


def test_the_records_of_a_need_are_listed_within_the_scope(w, need_a, api_as):
    for prefix in ("need-events", "need-assignments", "need-extension-requests", "need-feedback", "need-attachments"):
        assert api_as(w.contact_b).get(f"/api/v1/{prefix}/").json()["count"] == 0, prefix
    assert api_as(w.contact_a).get("/api/v1/need-events/", {"need": need_a.pk}).json()["count"] == 3
    assert api_as(w.department_staff).get("/api/v1/need-assignments/").json()["count"] == 2
    assert api_as(w.admin).post("/api/v1/need-events/", {}, format="json").status_code == 405


def test_the_enterprise_attaches_documents_and_only_checked_ones(w, need_a, api_as):
    client = api_as(w.contact_a)
    good = client.post("/api/v1/need-attachments/", {"need": need_a.pk, "file": SimpleUploadedFile("报告.pdf", PDF)},
                       format="multipart")
    assert good.status_code == 201, good.json()
    assert good.json()["name"] == "报告.pdf" and "download_url" in good.json()
    bad = client.post("/api/v1/need-attachments/", {"need": need_a.pk, "file": SimpleUploadedFile("x.pdf", b"plain")},
                      format="multipart")
    assert bad.status_code == 400 and "file" in bad.json()
    other = api_as(w.alliance_staff_a).post("/api/v1/need-attachments/",
                                           {"need": need_a.pk, "file": SimpleUploadedFile("y.pdf", PDF)},
                                           format="multipart")
    assert other.status_code == 403
    assert NeedAttachment.objects.count() == 1


def test_the_calendar_settings_are_read_by_all_and_changed_by_administrators(w, api_as):
    assert api_as(w.contact_a).get("/api/v1/need-category-deadlines/").json()["count"] == 10
    data = {"date": "2027-02-20", "is_working_day": True, "source_document": "国办发明电〔2026〕7号"}
    assert api_as(w.alliance_staff_a).post("/api/v1/working-day-overrides/", data, format="json").status_code == 403
    assert api_as(w.official_a).post("/api/v1/working-day-overrides/", data, format="json").status_code == 403
    assert api_as(w.admin).post("/api/v1/working-day-overrides/", data, format="json").status_code == 201
    duplicate = api_as(w.admin).post("/api/v1/working-day-overrides/", data, format="json")
    assert duplicate.status_code == 400 and "date" in duplicate.json()
    assert WorkingDayOverride.objects.get().date == date(2027, 2, 20)
    response = api_as(w.admin).patch("/api/v1/need-category-deadlines/1/", {"max_extension_days": 20}, format="json")
    assert response.status_code == 400


def test_the_schema_documents_the_transitions(w, api_as):
    response = api_as(w.admin).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/needs/{id}/return/" in response.content
