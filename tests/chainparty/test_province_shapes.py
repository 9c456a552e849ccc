"""Queries shaped so that PostgreSQL, in a database holding a province, reads one city's part and not the whole
province's: a planner's choice, so the shape is what can be tested (the times are in docs/speed.md, "Round 9")."""
import re

import pytest
from django.utils import timezone

from chainparty.access import scope_for
from chainparty.coverage import organizations_without_report
from chainparty.figures import Area, Period
from enterprises.metrics import covered_organisations
from enterprises.models import MemberReport
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_organisations_without_a_report_are_an_anti_join_not_a_list_of_every_report(world):
    sql = str(organizations_without_report(scope_for(world.city_official), Area.of(world.city), Period(2025)).query)
    assert re.search(r'NOT \(EXISTS\(SELECT 1 AS "a" FROM "enterprises_memberreport"', sql)
    assert '"organization_id" FROM "enterprises_memberreport"' not in sql  # no NOT IN (every approved report)


def test_covered_organisations_start_from_the_members_of_the_areas_enterprises(world):
    sql = str(covered_organisations(Area.of(world.city), Period(2025)).query)
    assert re.search(r'FROM "alliances_alliancemember" \w+ INNER JOIN "enterprises_enterprise" \w+ ON', sql)
    assert 'FROM "enterprises_enterprise"' not in sql  # not the area's enterprises semi-joined to every member


def test_an_organisation_that_reported_last_quarter_is_no_gap_and_one_that_did_not_is(world):
    last = Period(timezone.localdate().year, (timezone.localdate().month - 1) // 3 + 1).previous()
    f.MemberReportFactory(organization=world.org_a, year=last.year, quarter=last.quarter)
    f.MemberReportFactory(organization=world.org_b, year=last.year, quarter=last.quarter,
                          status=MemberReport.Status.SUBMITTED)  # filed, not approved: still a gap
    gaps = organizations_without_report(scope_for(world.city_official), Area.of(world.city), last)
    assert world.org_b in gaps and world.org_a not in gaps
