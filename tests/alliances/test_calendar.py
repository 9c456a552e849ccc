"""The meeting calendar of one's own body, and its private iCalendar feed."""
from datetime import date, time

from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from alliances.models import CalendarToken, Meeting

from .. import factories as f
from ..conftest import client_for


MONTH = timezone.localdate().replace(day=1)
THIS_MONTH = f"{MONTH:%Y-%m}"


def _meetings(world):
    """Three meetings this month (the feed covers the recent past and the future)."""
    own = f.MeetingFactory(alliance=world.alliance_a, period_start=None, date=MONTH.replace(day=12),
                           start_time=time(9, 30), place="联盟会议室", agenda="研究本季度工作")
    committee = f.MeetingFactory(alliance=None, committee=world.committee_a, kind=Meeting.Kind.COMMITTEE_MONTHLY,
                                 period_start=None, date=MONTH.replace(day=20))
    other = f.MeetingFactory(alliance=world.alliance_b, period_start=None, date=MONTH.replace(day=13))
    return own, committee, other


def test_the_calendar_shows_the_meetings_of_ones_own_body(world):
    own, committee, other = _meetings(world)
    response = client_for(world.alliance_staff_a).get(f"/chains/meetings/calendar/?month={THIS_MONTH}")
    assert response.status_code == 200
    shown = {m for week in response.context["weeks"] for _day, meetings in week for m in meetings}
    # the committee on the same chain is visible to the alliance, but it is not the alliance's own calendar
    assert shown == {own}


def test_an_official_sees_every_meeting_of_their_region_in_the_calendar(world):
    own, committee, other = _meetings(world)
    response = client_for(world.official_a).get(f"/chains/meetings/calendar/?month={THIS_MONTH}")
    shown = {m for week in response.context["weeks"] for _day, meetings in week for m in meetings}
    assert shown == {own, committee}


def test_a_bad_month_falls_back_to_this_month(world):
    response = client_for(world.alliance_staff_a).get("/chains/meetings/calendar/?month=never")
    assert response.status_code == 200


def test_the_feed_holds_the_meetings_of_the_link_owners_bodies(world):
    own, committee, other = _meetings(world)
    client_for(world.committee_staff_a).get("/chains/meetings/calendar/")
    token = CalendarToken.objects.get(user=world.committee_staff_a).token
    response = Client().get(f"/chains/meetings/feed/{token}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    feed = Calendar.from_ical(response.content)
    events = feed.walk("VEVENT")
    assert [str(event["uid"]) for event in events] == [f"meeting-{committee.pk}@chainparty"]
    assert events[0].decoded("dtstart") == MONTH.replace(day=20)


def test_a_timed_meeting_is_a_timed_event_with_its_place(world):
    own, _committee, _other = _meetings(world)
    token = CalendarToken.for_user(world.alliance_staff_a).token
    feed = Calendar.from_ical(Client().get(f"/chains/meetings/feed/{token}.ics").content)
    event = feed.walk("VEVENT")[0]
    start = event.decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (9, 30, "Asia/Shanghai")
    assert str(event["location"]) == "联盟会议室" and str(event["description"]) == "研究本季度工作"


def test_an_unknown_or_renewed_token_is_not_found(world):
    _meetings(world)
    link = CalendarToken.for_user(world.alliance_staff_a)
    old = link.token
    assert Client().get("/chains/meetings/feed/nonsense.ics").status_code == 404
    assert client_for(world.alliance_staff_a).post("/chains/meetings/calendar/renew/").status_code == 302
    assert Client().get(f"/chains/meetings/feed/{old}.ics").status_code == 404
    link.refresh_from_db()
    assert Client().get(f"/chains/meetings/feed/{link.token}.ics").status_code == 200


def test_a_deactivated_user_s_link_stops_working(world):
    token = CalendarToken.for_user(world.alliance_staff_a).token
    world.alliance_staff_a.is_active = False
    world.alliance_staff_a.save()
    assert Client().get(f"/chains/meetings/feed/{token}.ics").status_code == 404


def test_a_user_who_loses_the_position_loses_the_meetings(world):
    _meetings(world)
    token = CalendarToken.for_user(world.alliance_staff_a).token
    world.alliance_a.positions.filter(user=world.alliance_staff_a).update(start_date=date(2020, 1, 1),
                                                                          end_date=date(2020, 12, 31))
    feed = Calendar.from_ical(Client().get(f"/chains/meetings/feed/{token}.ics").content)
    assert feed.walk("VEVENT") == []


def test_a_user_sees_only_their_own_calendar_link_in_admin(world):
    CalendarToken.for_user(world.alliance_staff_a)
    from chainparty.access import scope_for

    assert not CalendarToken.objects.visible_to(scope_for(world.alliance_staff_b)).exists()
