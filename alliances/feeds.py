"""The meetings as an iCalendar (RFC 5545) feed that phone and desktop calendars subscribe to."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

MEETING_LENGTH = timedelta(hours=2)


def calendar_feed(meetings, base_url: str) -> bytes:
    """One VEVENT per dated meeting; the UID stays the same when the meeting changes, so subscribers update it."""
    tz = ZoneInfo(settings.TIME_ZONE)
    feed = Calendar()
    feed.add("prodid", "-//chainparty//meetings//ZH")
    feed.add("version", "2.0")
    feed.add("calscale", "GREGORIAN")
    feed.add("x-wr-calname", "产业链党建会议")
    feed.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    for meeting in meetings:
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@chainparty")
        event.add("dtstamp", stamp)
        event.add("last-modified", meeting.updated_at)
        event.add("summary", f"{meeting.body} · {meeting.get_kind_display()}")
        if meeting.start_time:
            start = datetime.combine(meeting.date, meeting.start_time, tzinfo=tz)
            event.add("dtstart", start)
            event.add("dtend", start + MEETING_LENGTH)
        else:
            event.add("dtstart", meeting.date)
            event.add("dtend", meeting.date + timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        if meeting.agenda:
            event.add("description", meeting.agenda)
        event.add("status", "CANCELLED" if meeting.status == meeting.Status.CANCELLED else "CONFIRMED")
        event.add("url", base_url + reverse("alliances:meeting-detail", args=[meeting.pk]))
        feed.add_component(event)
    return feed.to_ical()
