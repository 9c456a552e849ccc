"""Coverage of the matrix: the gaps an official must close, each linked to the record to fix, within their reach."""
from datetime import date

import pytest

from alliances.models import AlliancePosition, Meeting
from tests.conftest import client_for

from .. import factories as f


def rows(response, gap_id):
    return next(group["rows"] for group in response.context["groups"] if group["gap"].id == gap_id)


def test_the_coverage_page_lists_every_kind_of_gap_with_a_link(world):
    lonely = f.ChainFactory(name="新能源", region=world.city, is_key=True)
    bare_park = f.ParkFactory(name="空白园区", county=world.county_a)
    world.worker_a.delete()
    leader = f.EnterpriseFactory(name="无组织龙头", county=world.county_a, is_chain_leader=True)
    world.org_a.secretary_name = world.org_a.secretary_management_level = ""
    world.org_a.save()
    missed = f.MeetingFactory(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 1, 1),
                              status=Meeting.Status.MISSED)
    f.AlliancePositionFactory(alliance=world.alliance_a, role=AlliancePosition.Role.ADVISOR)

    response = client_for(world.city_official).get("/dashboard/coverage/", {"period": "2025"})
    assert response.status_code == 200
    assert (str(lonely), f"/chains/{lonely.pk}/") in rows(response, "chain-alliance")
    assert [label for label, _url in rows(response, "alliance-advisor")] == [str(world.alliance_b)]
    assert rows(response, "alliance-chair")  # no chair anywhere in the world
    assert (str(bare_park), f"/parks/{bare_park.pk}/") in rows(response, "park-committee")
    assert (str(world.committee_a), f"/dashboard/committees/{world.committee_a.pk}/") in rows(response, "committee-worker")
    assert (str(leader), f"/enterprises/{leader.pk}/") in rows(response, "enterprise-organization")
    assert (str(world.enterprise_a), f"/enterprises/{world.enterprise_a.pk}/") in rows(response, "enterprise-secretary")
    assert (str(missed), f"/chains/meetings/{missed.pk}/") in rows(response, "meeting")
    assert rows(response, "organization-report")  # no organisation filed a report last quarter

    overview = client_for(world.city_official).get("/dashboard/", {"period": "2025"})
    counted = {gap.id: count for gap, count in overview.context["gaps"]}
    assert counted == {group["gap"].id: len(group["rows"]) for group in response.context["groups"]}, \
        "the overview's counts (some counted together in one query) are the coverage page's rows"
    assert counted["alliance-advisor"] == 1 and counted["alliance-chair"] == 2


def test_a_meeting_held_without_minutes_or_below_quorum_is_a_gap(world):
    bare = f.MeetingFactory(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 1, 1),
                            status=Meeting.Status.HELD, date=date(2025, 2, 1), minutes="")
    thin = f.MeetingFactory(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 4, 1),
                            status=Meeting.Status.HELD, date=date(2025, 5, 1), minutes="纪要", expected_count=10,
                            attendance_count=4)
    fine = f.MeetingFactory(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 7, 1),
                            status=Meeting.Status.HELD, date=date(2025, 8, 1), minutes="纪要", expected_count=10,
                            attendance_count=6)
    listed = {label for label, _url in rows(client_for(world.city_official).get(
        "/dashboard/coverage/", {"period": "2025"}), "meeting")}
    assert str(bare) in listed and str(thin) in listed and str(fine) not in listed


def test_a_county_official_sees_only_the_gaps_of_their_county(world):
    f.ParkFactory(name="甲县空园", county=world.county_a)
    f.ParkFactory(name="乙县空园", county=world.county_b)
    response = client_for(world.official_a).get("/dashboard/coverage/", {"region": world.county_b.code})
    labels = [label for label, _url in rows(response, "park-committee")]
    assert labels == ["甲县空园"]


@pytest.mark.parametrize("role", ["alliance_staff_a", "committee_staff_a", "contact_a", "department_staff", "outsider"])
def test_the_coverage_page_is_for_officials(world, role):
    assert client_for(getattr(world, role)).get("/dashboard/coverage/").status_code == 404


def test_the_coverage_page_runs_the_same_queries_for_ten_times_the_gaps(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .dashboard_data import populate

    client = client_for(world.city_official)

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get("/dashboard/coverage/", {"period": "2025"}).status_code == 200
        return len(context)

    populate(world, 1)
    small = count()
    populate(world, 9)
    assert count() == small
