"""The needs pages for every role: who sees what, who may act, and what a refused action looks like."""
from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from services.models import Need, NeedAttachment, NeedEvent

from .needs_world import build, submit, w  # noqa: F401  (fixtures)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

LIST_PAGES = ["services:need-list", "services:my-needs", "services:need-inbox", "services:assigned-needs"]

# role -> sees the side-A need's detail page
SEES_A = {"admin": True, "city_official": True, "official_a": True, "official_b": False, "alliance_staff_a": True,
          "alliance_staff_b": False, "committee_staff_a": True, "committee_staff_b": False,
          "department_staff": True, "co_department_staff": True, "other_department_staff": False,
          "contact_a": True, "contact_b": False, "outsider": False}


@pytest.fixture
def need_a(w):
    return build(w, Need.Status.ASSIGNED)


@pytest.mark.parametrize("role", SEES_A)
def test_the_need_page_is_shown_within_the_scope_and_is_404_outside(w, need_a, role, as_user):
    response = as_user(getattr(w, role)).get(reverse("services:need-detail", args=[need_a.pk]))
    assert response.status_code == (200 if SEES_A[role] else 404)
    if SEES_A[role]:
        assert need_a.title in response.content.decode()


@pytest.mark.parametrize("role", SEES_A)
def test_every_list_page_opens_and_lists_only_what_the_role_sees(w, need_a, role, as_user):
    client = as_user(getattr(w, role))
    for name in LIST_PAGES:
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        shown = need_a.title in response.content.decode()
        if not SEES_A[role]:
            assert not shown, (role, name)
    assert (need_a.title in client.get(reverse("services:need-list")).content.decode()) == SEES_A[role]


def test_anonymous_users_are_sent_to_log_in(need_a, client):
    for url in [reverse("services:need-list"), reverse("services:need-detail", args=[need_a.pk]),
                reverse("services:need-submit")]:
        assert client.get(url).status_code == 302


def test_the_menu_lands_each_role_on_its_list(w, as_user):
    expected = {"contact_a": "my-needs", "alliance_staff_a": "need-inbox", "committee_staff_a": "need-inbox",
                "department_staff": "assigned-needs", "official_a": "need-list", "outsider": "need-list"}
    for role, name in expected.items():
        response = as_user(getattr(w, role)).get(reverse("services:need-home"))
        assert response.url == reverse(f"services:{name}")


def test_a_contact_submits_a_need_with_an_attachment_and_follows_it(w, as_user):
    client = as_user(w.contact_a)
    response = client.get(reverse("services:need-submit"))
    assert response.status_code == 200 and 'name="viewport"' in response.content.decode()
    response = client.post(reverse("services:need-submit"), {
        "enterprise": w.enterprise_a.pk, "category": "funding", "title": "流动资金贷款", "description": "扩产需要资金",
        "amount_requested": "500", "urgency": "urgent",
        "attachments": [SimpleUploadedFile("申请.pdf", PDF, content_type="application/pdf")]})
    need = Need.objects.get(title="流动资金贷款")
    assert response.status_code == 302 and response.url == reverse("services:need-detail", args=[need.pk])
    assert need.enterprise == w.enterprise_a and list(need.chains.all()) == [w.chain_a] and need.park == w.park_a
    assert need.attachments.count() == 1 and need.events.get().kind == NeedEvent.Kind.SUBMIT
    page = client.get(response.url).content.decode()
    assert "流动资金贷款" in page and "申请.pdf" in page
    assert "流动资金贷款" in client.get(reverse("services:my-needs")).content.decode()


def test_a_funding_need_without_an_amount_is_refused_next_to_the_field(w, as_user):
    response = as_user(w.contact_a).post(reverse("services:need-submit"), {
        "enterprise": w.enterprise_a.pk, "category": "funding", "title": "贷款", "description": "需要资金",
        "urgency": "normal"})
    assert response.status_code == 400
    assert response.context["form"].errors["amount_requested"]
    assert not Need.objects.exists()


def test_a_fake_document_is_refused(w, as_user):
    response = as_user(w.contact_a).post(reverse("services:need-submit"), {
        "enterprise": w.enterprise_a.pk, "category": "policy", "title": "政策", "description": "咨询",
        "urgency": "normal", "attachments": [SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf")]})
    assert response.status_code == 400 and response.context["form"].errors["attachments"]
    assert not Need.objects.exists()


def test_a_contact_cannot_submit_for_another_enterprise(w, as_user):
    response = as_user(w.contact_a).post(reverse("services:need-submit"), {
        "enterprise": w.enterprise_b.pk, "category": "policy", "title": "政策", "description": "咨询",
        "urgency": "normal"})
    assert response.status_code == 400 and not Need.objects.exists()
    assert as_user(w.official_a).get(reverse("services:need-submit")).status_code == 403


def test_the_inbox_accepts_from_the_list_and_comes_back(w, as_user):
    need = submit(w)
    client = as_user(w.alliance_staff_a)
    inbox = reverse("services:need-inbox") + "?tab=new"
    assert need.title in client.get(inbox).content.decode()
    response = client.post(reverse("services:need-action", args=[need.pk, "accept"]), {"next": inbox})
    assert response.status_code == 302 and response.url == inbox
    need.refresh_from_db()
    assert need.status == Need.Status.ACCEPTED


def test_the_inbox_does_not_redirect_elsewhere(w, as_user):
    need = submit(w)
    response = as_user(w.alliance_staff_a).post(reverse("services:need-action", args=[need.pk, "accept"]),
                                                {"next": "https://evil.example/"})
    assert response.url == reverse("services:need-detail", args=[need.pk])


def test_the_dispatcher_assigns_with_a_task_letter(w, as_user):
    need = build(w, Need.Status.ACCEPTED)
    client = as_user(w.committee_staff_a)
    url = reverse("services:need-action", args=[need.pk, "assign"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"lead_department": w.department.pk, "responsible_person": "赵科长",
                                 "co_departments": [w.other_department.pk], "plan": "一周内上门"})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.status == Need.Status.ASSIGNED and need.assignments.count() == 2


def test_a_refused_transition_is_shown_and_changes_nothing(w, as_user):
    need = submit(w)
    response = as_user(w.contact_a).post(reverse("services:need-action", args=[need.pk, "accept"]), {})
    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED and need.events.count() == 1


def test_officials_read_but_may_not_act(w, as_user):
    need = submit(w)
    client = as_user(w.official_a)
    assert client.get(reverse("services:need-detail", args=[need.pk])).status_code == 200
    assert client.post(reverse("services:need-action", args=[need.pk, "accept"])).status_code == 403


def test_an_action_outside_the_scope_is_404(w, as_user):
    need = submit(w)
    assert as_user(w.alliance_staff_b).post(reverse("services:need-action", args=[need.pk, "accept"])).status_code == 404
    assert as_user(w.alliance_staff_a).get(reverse("services:need-action", args=[need.pk, "fly"])).status_code == 404


def test_the_department_works_the_need_through_to_feedback(w, as_user):
    need = build(w, Need.Status.ASSIGNED)
    department = as_user(w.department_staff)
    page = department.get(reverse("services:assigned-needs")).content.decode()
    assert need.title in page
    assert department.post(reverse("services:need-action", args=[need.pk, "sign"])).status_code == 302
    for name, data in [("reply", {"note": "已收到"}), ("progress", {"note": "已对接"}),
                       ("request_extension", {"days": 5, "reason": "等材料"})]:
        response = department.post(reverse("services:need-action", args=[need.pk, name]), data)
        assert response.status_code == 302, (name, response.content.decode()[:500])
    response = as_user(w.alliance_staff_a).post(reverse("services:need-action", args=[need.pk, "approve_extension"]), {})
    assert response.status_code == 302
    response = department.post(reverse("services:need-action", args=[need.pk, "resolve"]), {"outcome": "完成"})
    assert response.status_code == 302
    contact = as_user(w.contact_a)
    assert "feedback" in contact.get(reverse("services:my-needs")).content.decode()
    response = contact.post(reverse("services:need-action", args=[need.pk, "feedback"]), {"satisfaction": "unsatisfied"})
    assert response.status_code == 400 and response.context["form"].errors["reason"]
    response = contact.post(reverse("services:need-action", args=[need.pk, "feedback"]),
                            {"satisfaction": "unsatisfied", "reason": "还没落实"})
    need.refresh_from_db()
    assert response.status_code == 302 and need.status == Need.Status.REOPENED
    timeline = contact.get(reverse("services:need-detail", args=[need.pk])).content.decode()
    assert "还没落实" in timeline and "完成" in timeline


def test_the_detail_page_offers_the_transitions_the_user_may_make(w, as_user):
    need = submit(w)
    page = as_user(w.alliance_staff_a).get(reverse("services:need-detail", args=[need.pk])).content.decode()
    assert reverse("services:need-action", args=[need.pk, "accept"]) in page
    assert reverse("services:need-action", args=[need.pk, "reject"]) in page
    page = as_user(w.official_a).get(reverse("services:need-detail", args=[need.pk])).content.decode()
    assert reverse("services:need-action", args=[need.pk, "accept"]) not in page


def test_attachments_are_served_only_to_those_who_see_the_need(w, as_user):
    need = submit(w, attachments=[SimpleUploadedFile("a.pdf", PDF)])
    attachment = NeedAttachment.objects.get(need=need)
    url = reverse("services:attachment-download", args=[attachment.pk])
    response = as_user(w.contact_a).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert as_user(w.contact_b).get(url).status_code == 404
    assert as_user(w.outsider).get(url).status_code == 404


def test_the_officials_list_filters(w, as_user):
    need = build(w, Need.Status.IN_PROGRESS)
    other = submit(w, acting_user=w.contact_b, enterprise=w.enterprise_b, category="land", title="用地指标")
    client = as_user(w.city_official)

    def titles(**params):
        page = client.get(reverse("services:need-list"), params).content.decode()
        return {title for title in (need.title, other.title) if title in page}

    assert titles() == {need.title, other.title}
    assert titles(chain=w.chain_b.pk) == {other.title}
    assert titles(park=w.park_a.pk) == {need.title}
    assert titles(category="land") == {other.title}
    assert titles(status="in_progress") == {need.title}
    assert titles(department=w.department.pk) == {need.title}
    assert titles(overdue="true") == set()
    assert titles(period="2000") == set()
    response = client.get(reverse("services:need-list"), {"period": "someday"})
    assert response.status_code == 200 and response.context["filter"].errors["period"]


def test_the_inbox_lists_extension_requests_to_decide(w, as_user):
    from services import actions
    need = build(w, Need.Status.IN_PROGRESS)
    actions.request_extension(need, acting_user=w.department_staff, days=5, reason="需补材料")
    client = as_user(w.alliance_staff_a)
    response = client.get(reverse("services:need-inbox"), {"tab": "extensions"})
    assert response.context["tab_counts"]["extensions"] == 1
    assert reverse("services:need-action", args=[need.pk, "approve_extension"]) in response.content.decode()


def test_the_department_list_offers_its_quick_actions(w, as_user):
    need = build(w, Need.Status.IN_PROGRESS)
    page = as_user(w.department_staff).get(reverse("services:assigned-needs")).content.decode()
    assert reverse("services:need-action", args=[need.pk, "progress"]) in page
    assert reverse("services:need-action", args=[need.pk, "resolve"]) in page
    assert reverse("services:need-action", args=[need.pk, "assign"]) not in page
