"""Every main page, as the person who works with it, in a real browser: no console error or CSP violation, no
English left, nothing wider than a phone where enterprise contacts work."""
import pytest

from .. import factories as f

pytestmark = pytest.mark.e2e

PAGES = {
    "city_official": ["/", "/dashboard/", "/chains/", "/parks/", "/enterprises/", "/chains/meetings/",
                      "/chains/meetings/calendar/", "/chains/activities/", "/chains/agreements/", "/chains/pairings/",
                      "/chains/service-centers/", "/chains/instructions/", "/chains/cases/", "/enterprises/reports/",
                      "/enterprises/posts/", "/enterprises/ratings/", "/enterprises/trainings/", "/enterprises/sites/",
                      "/services/needs/all/", "/services/resources/", "/services/projects/", "/services/visits/",
                      "/services/visits/coverage/", "/notifications/"],
    "alliance_a": ["/services/needs/inbox/", "/chains/meetings/new/", "/chains/activities/new/",
                   "/chains/agreements/new/", "/enterprises/signup/requests/"],
    "committee_a": ["/enterprises/reports/queue/", "/enterprises/ratings/new/"],
    "department": ["/services/needs/assigned/", "/services/resources/new/"],
}
PHONE_PAGES = {"contact_a": ["/services/needs/mine/", "/services/needs/new/", "/enterprises/reports/",
                             "/notifications/"]}


@pytest.fixture
def some_records(world):
    f.MeetingFactory(alliance=world.alliance_a)
    f.AgreementFactory(alliance=world.alliance_a, parties=[world.member_a], amount=12500)
    f.NeedFactory(enterprise=world.enterprise_a, title="用工缺口", category="labour")


def test_every_main_page_reads_in_chinese_without_console_errors(world, some_records, browser):
    for username, paths in PAGES.items():
        browser.login(username)
        for path in paths:
            response = browser.goto(path)
            assert response.status == 200, path
            browser.look(f"{username}{path.replace('/', '-').rstrip('-')}")


def test_the_enterprise_contact_pages_fit_a_phone(world, some_records, browser):
    browser.login("contact_a")
    browser.page.set_viewport_size({"width": 375, "height": 812})
    for path in PHONE_PAGES["contact_a"]:
        response = browser.goto(path)
        assert response.status == 200, path
        browser.look(f"phone{path.replace('/', '-').rstrip('-')}")
        browser.no_horizontal_scroll()


def test_a_form_being_sent_shows_a_busy_button_that_cannot_send_twice(world, browser):
    browser.login("contact_a")
    page = browser.page
    browser.goto("/services/needs/new/")
    # Hold the submission after portal.js has seen it (a listener on window runs after the one on document).
    page.evaluate("window.addEventListener('submit', function (event) { event.preventDefault(); })")
    submit = page.locator("form[method=post] button[type=submit]").last
    submit.click()
    assert submit.get_attribute("aria-busy") == "true"
    assert submit.locator(".spinner-border").count() == 1
    page.wait_for_function("document.querySelector('[aria-busy=true]').disabled")
    browser.look("need-form-busy")
