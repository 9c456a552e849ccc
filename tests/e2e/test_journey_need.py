"""Journey 3: an enterprise contact submits a funding need with an attachment and follows it to the end —
staff accept and assign it, the department resolves it, the enterprise gives feedback and sees the timeline."""
import pytest

from services.models import Need, NeedEvent

Kind = NeedEvent.Kind

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_funding_need_goes_from_the_enterprise_to_the_department_and_back(world, browser):
    page = browser.page

    # The enterprise contact, on a phone-sized screen: the form fits and the submit button is reachable.
    browser.login("contact_a")
    page.set_viewport_size({"width": 375, "height": 812})
    browser.goto("/services/needs/")
    assert page.url.endswith("/services/needs/mine/")
    browser.look("my-needs-empty-phone")
    browser.no_horizontal_scroll()
    page.get_by_role("link", name="提交诉求").first.click()
    browser.look("need-form-phone")
    browser.no_horizontal_scroll()

    # Submitting with nothing filled in shows the errors next to the fields.
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback").count() >= 2
    browser.look("need-form-errors-phone")

    page.select_option("#id_category", "funding")
    page.fill("#id_title", "扩产流动资金缺口")
    page.fill("#id_description", "新增两条激光切割产线，需要流动资金支持。")
    page.fill("#id_amount_requested", "1500")
    page.set_input_files("#id_attachments", files=[{"name": "资金需求说明.pdf", "mimeType": "application/pdf",
                                                     "buffer": PDF}])
    submit = page.locator("form button[type=submit]").last
    submit.scroll_into_view_if_needed()
    assert submit.is_visible() and submit.is_enabled()
    box = submit.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    with page.expect_navigation():
        submit.click()
    need = Need.objects.get(title="扩产流动资金缺口")
    assert page.url.endswith(f"/services/needs/{need.pk}/")
    assert need.attachments.count() == 1
    browser.look("need-submitted-phone")
    browser.no_horizontal_scroll()

    browser.goto("/services/needs/mine/")
    assert page.get_by_role("link", name="扩产流动资金缺口").is_visible()
    browser.look("my-needs-phone")
    browser.no_horizontal_scroll()
    page.set_viewport_size({"width": 1280, "height": 900})

    # The alliance's secretary accepts it and writes the task letter for the department.
    browser.login("alliance_a")
    browser.goto("/services/needs/inbox/")
    browser.look("inbox")
    row = page.locator("tr", has_text="扩产流动资金缺口")
    with page.expect_navigation():
        row.get_by_role("button", name="受理").click()
    need.refresh_from_db()
    assert need.status == Need.Status.ACCEPTED
    with page.expect_navigation():
        page.locator("tr", has_text="扩产流动资金缺口").get_by_role("link", name="派单").click()
    browser.look("assign-form")
    page.select_option("#id_lead_department", str(world.department.pk))
    page.fill("#id_responsible_person", "王科长")
    page.fill("#id_responsible_phone", "0527-84361234")
    page.fill("#id_plan", "对接宿城激光贷，两周内完成授信评估。")
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    need.refresh_from_db()
    assert need.status == Need.Status.ASSIGNED

    # The department signs for it and resolves it.
    browser.login("department")
    browser.goto("/services/needs/assigned/")
    browser.look("assigned-to-department")
    with page.expect_navigation():
        page.locator("tr", has_text="扩产流动资金缺口").get_by_role("button", name="签收").click()
    with page.expect_navigation():
        page.locator("tr", has_text="扩产流动资金缺口").get_by_role("link", name="办结").click()
    page.fill("#id_outcome", "已发放宿城激光贷1200万元。")
    page.fill("#id_amount_solved", "1200")
    browser.look("resolve-form")
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    need.refresh_from_db()
    assert need.status == Need.Status.RESOLVED

    # The enterprise gives its feedback and sees every step on the timeline.
    browser.login("contact_a")
    browser.goto("/services/needs/mine/")
    with page.expect_navigation():
        page.get_by_role("link", name="评价").click()
    page.locator("input[name=satisfaction][value=satisfied]").check()
    page.fill("#id_reason", "办理及时，感谢。")
    with page.expect_navigation():
        page.locator("form button[type=submit]").last.click()
    need.refresh_from_db()
    assert need.status == Need.Status.CLOSED
    text = browser.look("need-closed-timeline")
    assert "1,200" in text or "1200" in text
    timeline = page.locator("ol.timeline > li")
    assert timeline.count() == need.events.count() >= 5
    shown = page.locator("ol.timeline").inner_text()
    for kind in [Kind.SUBMIT, Kind.ACCEPT, Kind.ASSIGN, Kind.SIGN, Kind.RESOLVE, Kind.FEEDBACK]:
        assert str(kind.label) in shown, kind
