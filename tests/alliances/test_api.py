"""The API of the bodies' work for every role: scoped lists and details, changes only to one's own body."""
import pytest

from alliances.models import Activity, Agreement

from ..conftest import api_client_for
from .roles import EXPECTED, ROLES, SEES_B

ENDPOINT = {"alliance_meeting": "meetings", "committee_meeting": "meetings", "activity": "activities",
            "committee_activity": "activities", "agreement": "agreements", "pairing": "pairings",
            "center": "service-centers", "instruction": "instructions", "case": "cases"}
CHANGE = {"alliance_meeting": {"place": "新会场"}, "committee_meeting": {"place": "新会场"},
          "activity": {"title": "新标题"}, "committee_activity": {"title": "新标题"}, "agreement": {"title": "新标题"},
          "pairing": {"outcome": "新成果"}, "center": {"address": "新地址"}, "instruction": {"follow_up": "已落实"},
          "case": {"summary": "新摘要"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", ENDPOINT)
def test_api_details_and_changes_for_every_role(world, work, role, record):
    client = api_client_for(getattr(world, role))
    sees, changes = EXPECTED[record]
    obj = getattr(work.a, record)
    url = f"/api/v1/{ENDPOINT[record]}/{obj.pk}/"
    assert client.get(url).status_code == (200 if role in sees else 404)
    response = client.patch(url, CHANGE[record], format="json")
    assert response.status_code == (200 if role in changes else 403 if role in sees else 404), response.content
    other = getattr(work.b, record)
    assert client.get(f"/api/v1/{ENDPOINT[record]}/{other.pk}/").status_code == (200 if role in SEES_B else 404)
    deleted = client.delete(f"/api/v1/{ENDPOINT[record]}/{other.pk}/").status_code
    # a service center that an activity was held at is kept: 409 instead of deleting
    assert deleted == ((409 if record == "center" else 204) if role == "admin" else 403 if role in SEES_B else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", ["alliance_meeting", "activity", "agreement", "pairing", "instruction", "case"])
def test_api_lists_for_every_role(world, work, role, record):
    response = api_client_for(getattr(world, role)).get(f"/api/v1/{ENDPOINT[record]}/")
    ids = {row["id"] for row in response.json()["results"]}
    assert (getattr(work.a, record).pk in ids) is (role in EXPECTED[record][0])
    assert (getattr(work.b, record).pk in ids) is (role in SEES_B)


def test_api_refuses_to_create_for_another_alliance(world, work):
    response = api_client_for(world.alliance_staff_a).post("/api/v1/agreements/", {
        "alliance": world.alliance_b.pk, "kind": "finance", "title": "越权", "signed_on": "2025-01-01",
        "parties": [world.member_b.pk, work.b.partner.pk]}, format="json")
    assert response.status_code == 400
    assert "alliance" in response.json()


def test_api_agreement_needs_two_parties_of_its_alliance(world, work):
    client = api_client_for(world.alliance_staff_a)
    one = client.post("/api/v1/agreements/", {"alliance": world.alliance_a.pk, "kind": "finance", "title": "单方",
                                              "signed_on": "2025-01-01", "parties": [world.member_a.pk]}, format="json")
    assert one.status_code == 400 and "An agreement has at least two parties." in str(one.json()["parties"])
    admin = api_client_for(world.admin)
    mixed = admin.post("/api/v1/agreements/", {"alliance": world.alliance_a.pk, "kind": "finance", "title": "跨联盟",
                                               "signed_on": "2025-01-01", "parties": [world.member_a.pk, world.member_b.pk]},
                       format="json")
    assert mixed.status_code == 400 and "parties" in mixed.json()
    good = client.post("/api/v1/agreements/", {"alliance": world.alliance_a.pk, "kind": "finance", "title": "金融服务协议",
                                               "signed_on": "2025-01-01", "amount": "500",
                                               "parties": [world.member_a.pk, work.a.partner.pk]}, format="json")
    assert good.status_code == 201, good.json()
    agreement = Agreement.objects.get(title="金融服务协议")
    assert agreement.history.first().history_user == world.alliance_staff_a


def test_api_activity_venue_must_match_its_place(world):
    response = api_client_for(world.alliance_staff_a).post("/api/v1/activities/", {
        "alliance": world.alliance_a.pk, "kind": "forum", "title": "技术论坛", "date": "2025-05-01", "venue": "park"},
        format="json")
    assert response.status_code == 400
    response = api_client_for(world.alliance_staff_a).post("/api/v1/activities/", {
        "alliance": world.alliance_a.pk, "kind": "forum", "title": "技术论坛", "date": "2025-05-01", "venue": "park",
        "park": world.park_a.pk, "participants": [world.member_a.pk]}, format="json")
    assert response.status_code == 201, response.json()
    assert Activity.objects.get(title="技术论坛").participants.get() == world.member_a


def test_api_pairing_units_belong_to_its_alliance(world, work):
    response = api_client_for(world.admin).post("/api/v1/pairings/", {
        "alliance": world.alliance_a.pk, "kind": "research", "first": world.member_a.pk, "second": world.member_b.pk,
        "start_date": "2025-01-01"}, format="json")
    assert response.status_code == 400 and "second" in response.json()
    same = api_client_for(world.admin).post("/api/v1/pairings/", {
        "alliance": world.alliance_a.pk, "kind": "research", "first": world.member_a.pk, "second": world.member_a.pk,
        "start_date": "2025-01-01"}, format="json")
    assert same.status_code == 400


def test_api_filters_by_chain_kind_status_and_period(world, work):
    client = api_client_for(world.city_official)
    by_chain = client.get(f"/api/v1/meetings/?chain={world.chain_a.pk}").json()["results"]
    assert {row["id"] for row in by_chain} == {work.a.alliance_meeting.pk, work.a.committee_meeting.pk}
    by_park = client.get(f"/api/v1/meetings/?park={world.park_b.pk}").json()["results"]
    assert {row["id"] for row in by_park} == {work.b.committee_meeting.pk}
    by_kind = client.get("/api/v1/meetings/?kind=council&period=2025Q2").json()["results"]
    assert {row["id"] for row in by_kind} == {work.a.alliance_meeting.pk, work.b.alliance_meeting.pk}
    assert client.get("/api/v1/meetings/?period=2024").json()["results"] == []
    assert client.get("/api/v1/meetings/?period=someday").status_code == 400
    by_enterprise = client.get(f"/api/v1/agreements/?enterprise={world.enterprise_a.pk}").json()["results"]
    assert [row["id"] for row in by_enterprise] == [work.a.agreement.pk]
