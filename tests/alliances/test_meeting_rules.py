"""A meeting is held by exactly one body, and each body holds at most one regular meeting of a kind per period:
through the model, the form and the API."""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from alliances import actions
from alliances.models import Meeting

from .. import factories as f
from ..conftest import api_client_for, client_for

ONE_BODY = "A meeting is held by exactly one body: an alliance or a joint committee."
ALLIANCE_DUPLICATE = "This alliance already has a meeting of this kind for this period."


# --- model ---------------------------------------------------------------------------------------------------

def test_the_model_refuses_a_meeting_of_two_bodies(world):
    meeting = Meeting(alliance=world.alliance_a, committee=world.committee_a, kind=Meeting.Kind.COUNCIL,
                      period_start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert ONE_BODY in error.value.messages


def test_the_model_refuses_a_meeting_of_no_body(world):
    meeting = Meeting(kind=Meeting.Kind.COUNCIL, period_start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert ONE_BODY in error.value.messages


def test_the_database_refuses_two_bodies_too(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(alliance=world.alliance_a, committee=world.committee_a, kind=Meeting.Kind.COUNCIL,
                               period_start=date(2025, 1, 1))


def test_a_committee_holds_only_monthly_meetings(world):
    meeting = Meeting(committee=world.committee_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "A joint committee holds monthly committee meetings." in error.value.messages


def test_the_period_is_normalised_to_the_kinds_quarter(world):
    meeting = f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 8, 17))
    assert (meeting.period_start, meeting.period_end, meeting.period_text) == (date(2025, 7, 1), date(2025, 9, 30),
                                                                                "2025Q3")


def test_the_period_defaults_to_the_one_of_the_date(world):
    meeting = Meeting(committee=world.committee_a, kind=Meeting.Kind.COMMITTEE_MONTHLY, date=date(2025, 2, 20))
    meeting.full_clean()
    assert (meeting.period_start, meeting.period_end) == (date(2025, 2, 1), date(2025, 2, 28))


def test_the_model_refuses_a_second_council_meeting_in_a_quarter(world):
    f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 4, 1))
    second = Meeting(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 6, 15))
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert ALLIANCE_DUPLICATE in error.value.messages


def test_the_database_refuses_a_second_meeting_in_a_period(world):
    f.MeetingFactory(committee=world.committee_a, alliance=None, kind=Meeting.Kind.COMMITTEE_MONTHLY,
                     period_start=date(2025, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.create(committee=world.committee_a, kind=Meeting.Kind.COMMITTEE_MONTHLY,
                               period_start=date(2025, 4, 30))


def test_other_periods_kinds_and_bodies_are_free(world):
    f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 4, 1))
    for meeting in (Meeting(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 7, 1)),
                    Meeting(alliance=world.alliance_a, kind=Meeting.Kind.MEMBER_CONGRESS, period_start=date(2025, 4, 1)),
                    Meeting(alliance=world.alliance_b, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 4, 1))):
        meeting.full_clean()


def test_a_held_meeting_needs_its_date_and_a_past_one(world):
    meeting = Meeting(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, period_start=date(2025, 1, 1),
                      status=Meeting.Status.HELD)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "A held meeting needs the date it was held." in error.value.messages
    meeting.date = date(2099, 1, 1)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "date" in error.value.message_dict


def test_scheduling_twice_creates_one_meeting(world):
    first, created = actions.schedule_meeting(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL, day=date(2025, 5, 5))
    again, created_again = actions.schedule_meeting(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL,
                                                    day=date(2025, 6, 30))
    assert created and not created_again and first == again
    assert (first.status, first.period_start) == (Meeting.Status.SCHEDULED, date(2025, 4, 1))
    assert Meeting.objects.count() == 1


def test_a_scheduled_meeting_of_an_ended_period_is_marked_missed(world):
    meeting, _ = actions.schedule_meeting(committee=world.committee_a, kind=Meeting.Kind.COMMITTEE_MONTHLY,
                                          day=date(2025, 5, 5))
    actions.mark_missed(meeting)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MISSED
    assert meeting.history.first().status == Meeting.Status.MISSED


# --- form ----------------------------------------------------------------------------------------------------

def _post(client, **data):
    payload = {"kind": "council", "status": "scheduled", "period_start": "2025Q2", "issues-TOTAL_FORMS": "0",
               "issues-INITIAL_FORMS": "0", "issues-MIN_NUM_FORMS": "0", "issues-MAX_NUM_FORMS": "1000", **data}
    return client.post("/chains/meetings/new/", payload)


def test_the_form_refuses_two_bodies(world):
    response = _post(client_for(world.admin), alliance=world.alliance_a.pk, committee=world.committee_a.pk)
    assert response.status_code == 200
    assert ONE_BODY in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_form_refuses_no_body(world):
    response = _post(client_for(world.admin))
    assert ONE_BODY in response.content.decode()


def test_the_form_refuses_a_second_meeting_in_the_period(world):
    f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 4, 1))
    response = _post(client_for(world.alliance_staff_a), alliance=world.alliance_a.pk, period_start="2025Q2",
                     place="联盟会议室")
    assert response.status_code == 200
    content = response.content.decode()
    assert ALLIANCE_DUPLICATE in content and "联盟会议室" in content
    assert Meeting.objects.count() == 1


def test_the_form_refuses_a_period_of_the_wrong_length(world):
    response = _post(client_for(world.alliance_staff_a), alliance=world.alliance_a.pk, period_start="2025-05")
    assert "A council meeting covers a quarter" in response.content.decode()


def test_the_form_saves_a_meeting_with_its_issues(world):
    response = _post(client_for(world.alliance_staff_a), alliance=world.alliance_a.pk, period_start="2025年第2季度",
                     status="held", date="2025-05-10", place="联盟会议室", minutes="会议纪要", **{
                         "issues-TOTAL_FORMS": "1", "issues-0-text": "用工紧张", "issues-0-enterprise": world.enterprise_a.pk})
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/chains/meetings/{meeting.pk}/"
    assert (meeting.period_start, meeting.status) == (date(2025, 4, 1), Meeting.Status.HELD)
    assert list(meeting.issues.values_list("text", "enterprise")) == [("用工紧张", world.enterprise_a.pk)]
    assert meeting.history.first().history_user == world.alliance_staff_a


def test_the_form_offers_only_the_users_own_body(world):
    response = client_for(world.alliance_staff_a).get("/chains/meetings/new/")
    choices = response.context["form"].fields["alliance"].queryset
    assert list(choices) == [world.alliance_a]
    assert response.context["form"].initial["alliance"] == world.alliance_a.pk


def test_the_form_does_not_accept_another_alliance(world):
    response = _post(client_for(world.alliance_staff_a), alliance=world.alliance_b.pk)
    assert "alliance" in response.context["form"].errors
    assert not Meeting.objects.exists()


# --- API -----------------------------------------------------------------------------------------------------

def test_the_api_refuses_two_bodies(world):
    response = api_client_for(world.admin).post("/api/v1/meetings/", {
        "alliance": world.alliance_a.pk, "committee": world.committee_a.pk, "kind": "council", "period": "2025Q2"},
        format="json")
    assert response.status_code == 400
    assert ONE_BODY in str(response.json())


def test_the_api_refuses_no_body(world):
    response = api_client_for(world.admin).post("/api/v1/meetings/", {"kind": "council", "period": "2025Q2"},
                                                format="json")
    assert response.status_code == 400
    assert ONE_BODY in str(response.json())


def test_the_api_refuses_a_second_meeting_in_the_period(world):
    f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 4, 1))
    response = api_client_for(world.alliance_staff_a).post("/api/v1/meetings/", {
        "alliance": world.alliance_a.pk, "kind": "council", "period": "2025Q2"}, format="json")
    assert response.status_code == 400
    assert ALLIANCE_DUPLICATE in str(response.json())


def test_the_api_refuses_a_period_of_the_wrong_length_or_form(world):
    client = api_client_for(world.alliance_staff_a)
    wrong = client.post("/api/v1/meetings/", {"alliance": world.alliance_a.pk, "kind": "council", "period": "2025"},
                        format="json")
    garbled = client.post("/api/v1/meetings/", {"alliance": world.alliance_a.pk, "kind": "council", "period": "soon"},
                          format="json")
    assert wrong.status_code == garbled.status_code == 400
    assert "period" in wrong.json() and "period" in garbled.json()


def test_the_api_creates_a_meeting_and_gives_its_period(world):
    response = api_client_for(world.committee_staff_a).post("/api/v1/meetings/", {
        "committee": world.committee_a.pk, "kind": "committee_monthly", "date": "2025-07-09"}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["period"], body["period_start"], body["period_end"]) == ("2025-07", "2025-07-01", "2025-07-31")


def test_the_api_cancels_a_meeting(world):
    meeting = f.MeetingFactory(alliance=world.alliance_a, period_start=date(2025, 4, 1))
    response = api_client_for(world.alliance_staff_a).post(f"/api/v1/meetings/{meeting.pk}/cancel/")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert api_client_for(world.alliance_staff_b).post(f"/api/v1/meetings/{meeting.pk}/cancel/").status_code == 404
