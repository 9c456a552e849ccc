"""Lists of the bodies' work cost the same number of queries at 5 rows and at 200 (pages and API)."""
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances import periods
from alliances.models import Activity, Agreement, Case, Instruction, Meeting, MeetingIssue, Pairing, ServiceCenter

from .. import factories as f
from ..conftest import api_client_for, client_for


def _add(world, count: int, offset: int) -> None:
    """``count`` more records of every kind, on side A, in a few bulk queries."""
    alliance, committee = world.alliance_a, world.committee_a
    members = [f.AllianceMemberFactory(alliance=alliance) for _ in range(2)]
    meetings = []
    for i in range(offset, offset + count):
        start, end = periods.bounds(periods.MONTH, date(1900 + i // 12, i % 12 + 1, 1))
        meetings.append(Meeting(committee=committee, kind=Meeting.Kind.COMMITTEE_MONTHLY, period_start=start,
                                period_end=end, status=Meeting.Status.HELD, date=start + timedelta(days=3)))
    meetings = Meeting.objects.bulk_create(meetings)
    MeetingIssue.objects.bulk_create([MeetingIssue(meeting=m, text="问题") for m in meetings])
    centers = ServiceCenter.objects.bulk_create([ServiceCenter(alliance=alliance, name=f"中心{i}", park=world.park_a)
                                                 for i in range(offset, offset + count)])
    activities = Activity.objects.bulk_create([
        Activity(alliance=alliance, kind=Activity.Kind.FORUM, title=f"论坛{i}", date=date(2025, 1, 1),
                 venue=Activity.Venue.SERVICE_CENTER, service_center=centers[i - offset])
        for i in range(offset, offset + count)])
    Activity.participants.through.objects.bulk_create([
        Activity.participants.through(activity=a, alliancemember=m) for a in activities for m in members])
    agreements = Agreement.objects.bulk_create([
        Agreement(alliance=alliance, kind=Agreement.Kind.FINANCE, title=f"协议{i}", signed_on=date(2025, 1, 1))
        for i in range(offset, offset + count)])
    Agreement.parties.through.objects.bulk_create([
        Agreement.parties.through(agreement=a, alliancemember=m) for a in agreements for m in members])
    Pairing.objects.bulk_create([Pairing(alliance=alliance, kind=Pairing.Kind.BRANCH, first=members[0],
                                         second=members[1], start_date=date(2000, 1, 1) + timedelta(days=i))
                                 for i in range(offset, offset + count)])
    Instruction.objects.bulk_create([Instruction(alliance=alliance, leader_name=f"领导{i}", issued_on=date(2025, 1, 1),
                                                 content="批示") for i in range(offset, offset + count)])
    Case.objects.bulk_create([Case(alliance=alliance, enterprise=world.enterprise_a, title=f"案例{i}",
                                   series_number=i + 1, published_on=date(2025, 1, 1))
                              for i in range(offset, offset + count)])


PAGES = ["/chains/meetings/", "/chains/activities/", "/chains/agreements/", "/chains/pairings/",
         "/chains/service-centers/", "/chains/instructions/", "/chains/cases/", "/chains/meetings/?period=1905"]
API = ["/api/v1/meetings/", "/api/v1/meeting-issues/", "/api/v1/activities/", "/api/v1/agreements/",
       "/api/v1/pairings/", "/api/v1/service-centers/", "/api/v1/instructions/", "/api/v1/cases/"]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("role", ["admin", "city_official", "alliance_staff_a", "contact_a"])
def test_lists_cost_the_same_at_5_and_200_rows(world, role):
    user = getattr(world, role)
    pages, api = client_for(user), api_client_for(user)
    _add(world, 5, 0)
    small = {url: _count(pages, url) for url in PAGES} | {url: _count(api, url) for url in API}
    _add(world, 195, 5)
    large = {url: _count(pages, url) for url in PAGES} | {url: _count(api, url) for url in API}
    assert large == small


def test_the_chain_and_park_pages_cost_the_same_at_5_and_200_rows(world):
    client = client_for(world.city_official)
    urls = [f"/chains/{world.chain_a.pk}/", f"/parks/{world.park_a.pk}/", "/chains/meetings/calendar/?month=1900-03"]
    client.get(urls[-1])  # the first visit creates the user's calendar link
    _add(world, 5, 0)
    small = [_count(client, url) for url in urls]
    _add(world, 195, 5)
    assert [_count(client, url) for url in urls] == small
