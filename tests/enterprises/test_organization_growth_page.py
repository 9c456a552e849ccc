"""The enterprise contact sees their organisation's figures quarter by quarter as a chart (ECharts, fed by a
json_script tag: no inline script)."""
import json
import re

from django.contrib.staticfiles import finders

from enterprises.models import MemberReport
from tests import factories as f


def test_the_chart_data_follows_the_quarters_and_leaves_out_drafts(world, as_user):
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=2, members=32, applications=6)
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=1, members=30, applications=4)
    f.MemberReportFactory(organization=world.org_a, year=2025, quarter=3, status=MemberReport.Status.DRAFT)
    response = as_user(world.contact_a).get(f"/enterprises/organizations/{world.org_a.pk}/growth/")
    html = response.content.decode()
    data = json.loads(re.search(r'<script id="member-growth-data" type="application/json">(.*?)</script>', html,
                                re.S).group(1))
    assert data["labels"] == ["2025Q1", "2025Q2"]
    assert data["members"]["data"] == [30, 32]
    label = str(MemberReport._meta.get_field("applications").verbose_name)
    applications = next(series for series in data["series"] if series["name"] == label)
    assert applications["data"] == [4, 6]
    assert len(response.context["reports"]) == 3  # the table lists the draft too


def test_the_page_has_no_inline_script(world, as_user):
    f.MemberReportFactory(organization=world.org_a)
    html = as_user(world.contact_a).get(f"/enterprises/organizations/{world.org_a.pk}/growth/").content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag
    assert "vendor/echarts/echarts.min.js" in html and "portal/member_growth_chart.js" in html
    assert finders.find("portal/member_growth_chart.js") and finders.find("vendor/echarts/echarts.min.js")


def test_another_organisations_figures_are_not_found(world, as_user):
    assert as_user(world.contact_a).get(f"/enterprises/organizations/{world.org_b.pk}/growth/").status_code == 404


def test_officials_of_the_county_read_the_chart(world, as_user):
    f.MemberReportFactory(organization=world.org_a)
    assert as_user(world.official_a).get(f"/enterprises/organizations/{world.org_a.pk}/growth/").status_code == 200
    assert as_user(world.official_b).get(f"/enterprises/organizations/{world.org_a.pk}/growth/").status_code == 404


def test_the_enterprise_page_links_to_the_chart(world, as_user):
    html = as_user(world.contact_a).get(f"/enterprises/{world.enterprise_a.pk}/").content.decode()
    assert f"/enterprises/organizations/{world.org_a.pk}/growth/" in html
