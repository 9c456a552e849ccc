"""The regular meetings of a generated city's alliances and committees: one per body, kind and period.

The constraint allows one council meeting per alliance and quarter, one member congress per alliance and
year and one monthly meeting per committee and month, so a city's 20 alliances and 30 committees hold about
460 meetings a year: the requested number is reached by going back year by year from the present, and the
bodies are founded in time for their first meeting.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from alliances import periods
from alliances.demo import AGENDAS, ISSUES
from alliances.models import Meeting, MeetingIssue

from .base import City
from .rows import bulk

KINDS_OF_ALLIANCE = [(Meeting.Kind.MEMBER_CONGRESS, [1]), (Meeting.Kind.COUNCIL, [1, 4, 7, 10])]
MONTHS = list(range(1, 13))


def _year(today: date, year: int, alliances: list, committees: list) -> list[tuple]:
    """(body kind, body, meeting kind, period start) of one year, up to the periods that start next."""
    last_council = periods.bounds(periods.QUARTER, today)[1] + timedelta(days=1)
    last_month = periods.bounds(periods.MONTH, today)[1] + timedelta(days=1)
    rows = []
    for alliance in alliances:
        for kind, months in KINDS_OF_ALLIANCE:
            rows += [("alliance", alliance, kind, date(year, month, 1)) for month in months
                     if date(year, month, 1) <= (today if kind == Meeting.Kind.MEMBER_CONGRESS else last_council)]
    for committee in committees:
        rows += [("committee", committee, Meeting.Kind.COMMITTEE_MONTHLY, date(year, month, 1)) for month in MONTHS
                 if date(year, month, 1) <= last_month]
    return rows


def first_year(today: date, count: int, alliances: int, committees: int) -> int:
    """The year the history of ``count`` meetings begins in (so the bodies can be founded before it)."""
    year, total = today.year, 0
    while True:
        total += len(_year(today, year, [None] * alliances, [None] * committees))
        if total >= count:
            return year
        year -= 1


def plan(city: City) -> list[tuple]:
    rows, year = [], city.today.year
    target = city.counts["meetings"]
    while len(rows) < target:
        this_year = _year(city.today, year, city.alliances, city.committees)
        city.rng.shuffle(this_year)
        rows += this_year[:target - len(rows)]
        year -= 1
    return rows


def build(city: City) -> None:
    rng, today = city.rng, city.today
    chair_of = {alliance.pk: f"{alliance.chain.lead_department.name}局长" for alliance in city.alliances}
    meetings, issues = [], []
    for body_kind, body, kind, start in plan(city):
        start, end = periods.bounds_for_kind(kind, start)
        expected = {Meeting.Kind.MEMBER_CONGRESS: 30, Meeting.Kind.COUNCIL: 9}.get(kind, 7)
        chair = chair_of[body.pk] if body_kind == "alliance" else body.secretary_name
        place = f"{body.name}会议室" if body_kind == "alliance" else f"{body.park.name}党群服务中心"
        meeting = Meeting(kind=kind, period_start=start, period_end=end, place=place, expected_count=expected,
                          start_time=rng.choice([time(9, 0), time(14, 30)]), **{body_kind: body})
        roll = rng.random()
        if end < today:
            meeting.status = Meeting.Status.MISSED if roll < 0.06 else Meeting.Status.HELD
        elif start < today and roll < 0.4:
            meeting.status = Meeting.Status.HELD  # the running period's meeting, already held
        else:
            meeting.status = Meeting.Status.SCHEDULED
        if meeting.status == Meeting.Status.HELD:
            attended = expected - rng.randrange(0, 4)
            meeting.date = city.day_between(start, min(end, today - timedelta(days=1)))
            meeting.chair, meeting.attendance_count, meeting.agenda = chair, attended, AGENDAS[kind]
            meeting.minutes = f"会议由{chair}主持，应到{expected}人，实到{attended}人。会议通报了工作进展，讨论了成员单位反映的问题。"
            meeting.decisions = "一、形成问题清单，明确责任单位和办结时限；二、下次会议通报办理情况。"
            if start >= city.window_start and rng.random() < 0.3:
                issues.append((meeting, rng.choice(ISSUES)))
        elif meeting.status == Meeting.Status.SCHEDULED:
            meeting.date, meeting.agenda = max(end - timedelta(days=10), today), AGENDAS[kind]
        meetings.append(meeting)
    bulk(Meeting, meetings)
    bulk(MeetingIssue, [MeetingIssue(meeting=meeting, text=text, raised_by="成员单位") for meeting, text in issues])
