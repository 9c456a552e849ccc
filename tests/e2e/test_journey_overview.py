"""Journey 1: an official opens the city overview, switches to a county and a quarter, clicks a figure card,
lands on the records behind it, and downloads the work report."""
from datetime import datetime, time

import pytest
from django.utils import timezone

from chainparty.figures import Period
from services.models import Need

from .. import factories as f

pytestmark = pytest.mark.e2e


@pytest.fixture
def needs_of_last_quarter(world):
    """Three needs of county A and one of county B, submitted in the quarter before this one."""
    this = Period(timezone.localdate().year, (timezone.localdate().month - 1) // 3 + 1)
    quarter = this.previous()
    submitted = timezone.make_aware(datetime.combine(quarter.start.replace(day=10), time(9)))
    titles = ["光伏组件用电增容", "激光产业园用地指标", "技改项目融资"]
    for title, category in zip(titles, [Need.Category.ENERGY, Need.Category.LAND, Need.Category.FUNDING]):
        f.NeedFactory(enterprise=world.enterprise_a, title=title, category=category, submitted_at=submitted)
    f.NeedFactory(enterprise=world.enterprise_b, title="酿酒技改贷款", category=Need.Category.FUNDING,
                  submitted_at=submitted)
    return quarter, titles


def test_an_official_drills_from_the_overview_to_the_needs_behind_a_figure(world, needs_of_last_quarter, browser):
    quarter, titles = needs_of_last_quarter
    page = browser.page
    browser.login("city_official")
    browser.goto("/dashboard/")
    browser.look("overview-city")

    page.select_option("#id_region", world.county_a.code)
    page.select_option("#id_period", str(quarter))
    with page.expect_navigation():
        page.locator("#overview-filter [type=submit]").click()
    assert f"region={world.county_a.code}" in page.url and f"period={quarter}" in page.url
    browser.look("overview-county-quarter")
    card = page.locator("#card-F18")
    assert "3" in card.inner_text()

    with page.expect_navigation():
        card.click()
    # The card lands on the needs list, filtered to the county and the quarter behind the number.
    assert "/services/needs/all/" in page.url
    assert f"county={world.county_a.pk}" in page.url and f"period={quarter}" in page.url
    text = browser.look("figure-F18-records")
    for title in titles:
        assert title in text
    assert "酿酒技改贷款" not in text  # county B's need lies outside the chosen county
    with page.expect_navigation():
        page.get_by_role("link", name=titles[0]).click()
    need = Need.objects.get(title=titles[0])
    assert page.url.endswith(f"/services/needs/{need.pk}/")
    browser.look("need-behind-the-figure")

    browser.goto(f"/dashboard/?region={world.county_a.code}&period={quarter}")
    link = page.locator("#download-report")
    assert link.count() == 1
    with page.expect_download(timeout=60_000) as download:
        link.click()
    report = download.value
    assert report.suggested_filename.endswith(".docx")
    path = report.path()
    assert path is not None and path.stat().st_size > 0
    browser.look("overview-after-download")
