"""Pages of the bodies' work for every role: lists show what the role sees, detail pages answer 404 outside the
scope, edit pages 403 for what is seen but not the role's to change."""
import pytest

from ..conftest import client_for
from .roles import EXPECTED, ROLES, SEES_B

DETAIL = {"alliance_meeting": "meetings", "committee_meeting": "meetings", "activity": "activities",
          "committee_activity": "activities", "agreement": "agreements", "center": "service-centers"}
EDIT = {**DETAIL, "pairing": "pairings", "instruction": "instructions", "case": "cases"}
LIST = {"alliance_meeting": "meetings", "activity": "activities", "agreement": "agreements", "pairing": "pairings",
        "center": "service-centers", "instruction": "instructions", "case": "cases"}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", DETAIL)
def test_detail_pages_for_every_role(world, work, role, record):
    client = client_for(getattr(world, role))
    sees = EXPECTED[record][0]
    for side, expected in (("a", role in sees), ("b", role in SEES_B)):
        obj = getattr(getattr(work, side), record)
        response = client.get(f"/chains/{DETAIL[record]}/{obj.pk}/")
        assert response.status_code == (200 if expected else 404), side


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", EDIT)
def test_edit_pages_for_every_role(world, work, role, record):
    client = client_for(getattr(world, role))
    sees, changes = EXPECTED[record]
    obj = getattr(work.a, record)
    response = client.get(f"/chains/{EDIT[record]}/{obj.pk}/edit/")
    assert response.status_code == (200 if role in changes else 403 if role in sees else 404)
    response = client.post(f"/chains/{EDIT[record]}/{obj.pk}/edit/", {})
    assert response.status_code == (200 if role in changes else 403 if role in sees else 404)  # 200: errors shown
    other = client.get(f"/chains/{EDIT[record]}/{getattr(work.b, record).pk}/edit/")
    assert other.status_code == (200 if role == "admin" else 403 if role in SEES_B else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("record", LIST)
def test_lists_show_what_the_role_sees(world, work, role, record):
    response = client_for(getattr(world, role)).get(f"/chains/{LIST[record]}/")
    assert response.status_code == 200
    shown = set(response.context["object_list"])
    assert (getattr(work.a, record) in shown) is (role in EXPECTED[record][0])
    assert (getattr(work.b, record) in shown) is (role in SEES_B)


CREATE = {"meetings": {"admin", "alliance_staff_a", "committee_staff_a"},
          "activities": {"admin", "alliance_staff_a", "committee_staff_a"},
          "agreements": {"admin", "alliance_staff_a"}, "pairings": {"admin", "alliance_staff_a"},
          "service-centers": {"admin", "alliance_staff_a"}, "instructions": {"admin", "alliance_staff_a"},
          "cases": {"admin", "alliance_staff_a"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("prefix", CREATE)
def test_only_body_staff_get_the_new_record_forms(world, role, prefix):
    response = client_for(getattr(world, role)).get(f"/chains/{prefix}/new/")
    assert response.status_code == (200 if role in CREATE[prefix] else 403)


def test_anonymous_visitors_are_sent_to_the_login(world, work):
    from django.test import Client

    for url in ("/chains/meetings/", "/chains/meetings/new/", f"/chains/agreements/{work.a.agreement.pk}/",
                "/chains/meetings/calendar/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_a_staff_member_cannot_cancel_another_bodys_meeting(world, work):
    from alliances.models import Meeting

    meeting = work.a.alliance_meeting
    assert client_for(world.alliance_staff_b).post(f"/chains/meetings/{meeting.pk}/cancel/").status_code == 404
    assert client_for(world.city_official).post(f"/chains/meetings/{meeting.pk}/cancel/").status_code == 403
    assert client_for(world.alliance_staff_a).post(f"/chains/meetings/{meeting.pk}/cancel/").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


def test_the_chain_page_shows_the_alliances_work(world, work):
    response = client_for(world.city_official).get(f"/chains/{world.chain_a.pk}/")
    content = response.content.decode()
    for text in (work.a.agreement.title, work.a.activity.title, "council quarterly meeting", "伙伴企业a"):
        assert text in content
    assert work.b.agreement.title not in content


def test_the_park_page_shows_the_committees_work(world, work):
    response = client_for(world.official_a).get(f"/parks/{world.park_a.pk}/")
    content = response.content.decode()
    assert work.a.committee_activity.title in content and "joint committee monthly meeting" in content


def test_a_contact_sees_their_enterprises_agreements_on_the_chain_page_but_no_meetings(world, work):
    response = client_for(world.contact_a).get(f"/chains/{world.chain_a.pk}/")
    content = response.content.decode()
    assert work.a.agreement.title in content and work.a.activity.title in content
    assert "council quarterly meeting" not in content
