"""The data of the dashboards' charts (Apache ECharts), each a few aggregate queries through the user's scope.

A chart is computed for an area and a period, optionally narrowed to one body (a ``Focus``: an alliance, a
joint committee or an enterprise) for the drill-down pages. Every queryset goes through ``visible_to(scope)``.
The JSON shape is generic (``type`` bar/pie/heatmap, ``categories``, ``series`` or ``x``/``y``/``data``) so one
static script draws them all.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth, ExtractQuarter, ExtractYear
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances.models import Activity, Agreement, AllianceMember, Meeting
from enterprises.models import Enterprise, MemberReport
from services.categories import NeedCategory
from services.models import Need

from .figures import Area, Period, percentage
from .prepared import Prepared


@dataclass(frozen=True)
class Focus:
    """One body a drill-down page is about; None fields mean the whole area."""

    alliance: Any = None
    committee: Any = None
    enterprise: Any = None

    @property
    def query(self) -> str:
        for name in ("alliance", "committee", "enterprise"):
            body = getattr(self, name)
            if body is not None:
                return f"{name}={body.pk}"
        return ""


WHOLE_AREA = Focus()


def needs(scope, area: Area, focus: Focus):
    records = Need.objects.visible_in_region(scope, area.ids)
    if focus.alliance is not None:
        records = records.filter(pk__in=Need.chains.through.objects.filter(
            industrialchain_id=focus.alliance.chain_id).values("need_id"))
    if focus.committee is not None:
        records = records.filter(park_id=focus.committee.park_id)
    if focus.enterprise is not None:
        records = records.filter(enterprise_id=focus.enterprise.pk)
    return records


def meetings(scope, area: Area, focus: Focus):
    records = Meeting.objects.visible_in_region(scope, area.ids)
    if focus.alliance is not None:
        records = records.filter(alliance_id=focus.alliance.pk)
    if focus.committee is not None:
        records = records.filter(committee_id=focus.committee.pk)
    if focus.enterprise is not None:
        records = records.none()
    return records


def _member_units(focus: Focus):
    if focus.committee is not None:
        return AllianceMember.objects.filter(enterprise__park_id=focus.committee.park_id)
    return AllianceMember.objects.filter(enterprise_id=focus.enterprise.pk)


def agreements(scope, area: Area, focus: Focus):
    records = Agreement.objects.visible_in_region(scope, area.ids)
    if focus.alliance is not None:
        records = records.filter(alliance_id=focus.alliance.pk)
    elif focus.committee is not None or focus.enterprise is not None:
        records = records.filter(pk__in=Agreement.parties.through.objects.filter(
            alliancemember_id__in=_member_units(focus).values("pk")).values("agreement_id"))
    return records


def activities(scope, area: Area, focus: Focus):
    # An activity's place is an annotation over joins (Activity.in_region): kept inside a subquery of ids, it
    # stays out of the charts' GROUP BY.
    records = Activity.objects.visible_to(scope).filter(pk__in=Activity.objects.in_region(area.ids).values("pk"))
    if focus.alliance is not None:
        records = records.filter(alliance_id=focus.alliance.pk)
    if focus.committee is not None:
        records = records.filter(committee_id=focus.committee.pk)
    if focus.enterprise is not None:
        records = records.filter(Q(enterprise_id=focus.enterprise.pk) | Q(pk__in=Activity.participants.through.objects
                                 .filter(alliancemember__enterprise_id=focus.enterprise.pk).values("activity_id")))
    return records


def member_reports(scope, area: Area, focus: Focus):
    records = MemberReport.objects.visible_in_region(scope, area.ids).approved()
    enterprises = None
    if focus.alliance is not None:
        enterprises = Enterprise.objects.filter(pk__in=AllianceMember.objects.filter(
            alliance_id=focus.alliance.pk).values("enterprise_id"))
    if focus.committee is not None:
        enterprises = Enterprise.objects.filter(park_id=focus.committee.park_id)
    if focus.enterprise is not None:
        enterprises = Enterprise.objects.filter(pk=focus.enterprise.pk)
    if enterprises is not None:
        records = records.filter(organization_id__in=enterprises.values("party_organization_id"))
    return records


def _due(records, period_start, period_end, today=None):
    """The regular meetings due (FIGURES.md F27): period ended by today, or already held."""
    today = today or timezone.localdate()
    return records.filter(period_end__gte=period_start, period_end__lte=period_end).filter(
        Q(period_end__lt=today) | Q(status=Meeting.Status.HELD))


def _held_as_due(records, body: str, column):
    """Per body and column, the meetings due and those held."""
    return records.annotate(column=column).order_by().values(body, "column").annotate(
        due=Count("pk"), held=Count("pk", filter=Q(status=Meeting.Status.HELD)))


class _MeetingGrid:
    """The rows of a heatmap of meetings held as due, per body and column, over a year.

    For an official's whole area, the overview's case, the query is built once (chainparty/prepared.py): building it
    took three times as long as PostgreSQL takes to answer it."""

    def __init__(self, body: str, column):
        self.body, self.column = body, column
        self.prepared = Prepared(Meeting, lambda area_ids, **values: self.query(
            Meeting.objects.official_reads_in_region(area_ids), **values))

    def query(self, records, kind, start, end, today):
        return _held_as_due(_due(records.filter(kind=kind), start, end, today), self.body, self.column)

    def rows(self, scope, area, period, focus, kind: str) -> list[dict]:
        year = Period(period.year)
        values = {"kind": kind, "start": year.start, "end": year.end, "today": timezone.localdate()}
        if focus is WHOLE_AREA and scope.is_official_of(area.ids):
            return self.prepared.rows(area_ids=area.ids, **values)
        return list(self.query(meetings(scope, area, focus), **values))


_COUNCIL_GRID = _MeetingGrid("alliance__chain__name", ExtractQuarter("period_start"))
_COMMITTEE_GRID = _MeetingGrid("committee__name", ExtractMonth("period_start"))


# The charts --------------------------------------------------------------------------------------------------------

def needs_by_category(scope, area, period, focus):
    rows = dict(needs(scope, area, focus).counted().collected_between(period.start, period.end)
                .order_by().values_list("category").annotate(n=Count("pk")))
    return {"type": "bar", "title": _("Needs by category"),
            "categories": [str(label) for _key, label in NeedCategory.choices],
            "series": [{"name": _("needs"), "data": [rows.get(key, 0) for key in NeedCategory.values]}]}


def needs_by_status(scope, area, period, focus):
    rows = dict(needs(scope, area, focus).collected_between(period.start, period.end)
                .order_by().values_list("status").annotate(n=Count("pk")))
    return {"type": "pie", "title": _("Needs by status"),
            "series": [{"name": _("needs"), "data": [{"name": str(label), "value": rows[key]}
                                                     for key, label in Need.Status.choices if rows.get(key)]}]}


def resolution_by_chain(scope, area, period, focus):
    through = Need.chains.through
    counted = needs(scope, area, focus).counted().collected_between(period.start, period.end)
    rows = through.objects.filter(need_id__in=counted.values("pk")).order_by("industrialchain__name").values(
        "industrialchain__name").annotate(total=Count("need_id"), done=Count(
            "need_id", filter=Q(need__status__in=Need.DONE_STATUSES)))
    rows = list(rows)
    return {"type": "bar", "title": _("Resolution rate per chain"), "unit": "%",
            "categories": [row["industrialchain__name"] for row in rows],
            "series": [{"name": _("resolution rate"),
                        "data": [float(percentage(row["done"], row["total"]) or 0) for row in rows]}]}


def overdue_by_department(scope, area, period, focus):
    from services.models import Assignment

    overdue = needs(scope, area, focus).overdue()
    rows = list(Assignment.objects.filter(is_current=True, need_id__in=overdue.values("pk"))
                .order_by("department__name").values("department__name").annotate(n=Count("need_id", distinct=True)))
    return {"type": "bar", "title": _("Overdue needs per department"),
            "categories": [row["department__name"] for row in rows],
            "series": [{"name": _("overdue needs"), "data": [row["n"] for row in rows]}]}


def _quarters_up_to(period: Period, count: int = 8) -> list[Period]:
    last = Period(period.year, period.quarter or 4)
    quarters = [last]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].previous())
    return quarters


def member_growth(scope, area, period, focus):
    quarters = _quarters_up_to(period)
    records = member_reports(scope, area, focus).filter(year__in={q.year for q in quarters})
    rows = {(row["year"], row["quarter"]): row for row in records.order_by().values("year", "quarter").annotate(
        applications=Coalesce(Sum("applications"), 0), admitted=Coalesce(Sum("admitted"), 0))}
    empty = {"applications": 0, "admitted": 0}
    return {"type": "bar", "title": _("Member growth by quarter"),
            "categories": [q.label for q in quarters],
            "series": [{"name": _("applications received"),
                        "data": [rows.get((q.year, q.quarter), empty)["applications"] for q in quarters]},
                       {"name": _("members newly admitted"),
                        "data": [rows.get((q.year, q.quarter), empty)["admitted"] for q in quarters]}]}


def _grid(rows, names, columns, title):
    y = sorted({row[names] for row in rows if row[names]})
    x_at, y_at = {column: at for at, column in enumerate(columns)}, {name: at for at, name in enumerate(y)}
    rates = {}  # a committee × month grid repeats a few (held, due) pairs hundreds of times
    data = []
    for row in rows:
        if row[names] and row["column"] in x_at:
            pair = (row["held"], row["due"])
            if pair not in rates:
                rates[pair] = float(percentage(*pair) or 0)
            data.append([x_at[row["column"]], y_at[row[names]], rates[pair]])
    return {"type": "heatmap", "title": title, "unit": "%", "x": [str(c) for c in columns], "y": y, "data": data}


def meetings_chain_quarter(scope, area, period, focus):
    rows = _COUNCIL_GRID.rows(scope, area, period, focus, Meeting.Kind.COUNCIL)
    chart = _grid(rows, "alliance__chain__name", [1, 2, 3, 4], _("Council meetings held as due, chain × quarter"))
    chart["x"] = [Period(period.year, q).label for q in (1, 2, 3, 4)]
    return chart


def meetings_committee_month(scope, area, period, focus):
    rows = _COMMITTEE_GRID.rows(scope, area, period, focus, Meeting.Kind.COMMITTEE_MONTHLY)
    chart = _grid(rows, "committee__name", list(range(1, 13)), _("Committee monthly meetings held, committee × month"))
    chart["x"] = [_("month %(month)d") % {"month": m} for m in range(1, 13)]
    return chart


def agreements_by_kind(scope, area, period, focus):
    quarters = _quarters_up_to(period)
    records = agreements(scope, area, focus).filter(signed_on__gte=quarters[0].start, signed_on__lte=quarters[-1].end)
    rows = {(row["kind"], row["y"], row["q"]): row["n"] for row in records.annotate(
        y=ExtractYear("signed_on"), q=ExtractQuarter("signed_on")).order_by().values("kind", "y", "q").annotate(
        n=Count("pk"))}
    return {"type": "bar", "stack": True, "title": _("Agreements signed by kind"),
            "categories": [q.label for q in quarters],
            "series": [{"name": str(label), "data": [rows.get((kind, q.year, q.quarter), 0) for q in quarters]}
                       for kind, label in Agreement.Kind.choices]}


def activities_by_kind(scope, area, period, focus):
    rows = dict(activities(scope, area, focus).held_in(period.start, period.end).order_by()
                .values_list("kind").annotate(n=Count("pk")))
    return {"type": "bar", "title": _("Activities by kind"),
            "categories": [str(label) for _key, label in Activity.Kind.choices],
            "series": [{"name": _("activities"), "data": [rows.get(key, 0) for key in Activity.Kind.values]}]}


CHARTS: dict[str, Callable] = {
    "needs-category": needs_by_category,
    "needs-status": needs_by_status,
    "resolution-chain": resolution_by_chain,
    "overdue-department": overdue_by_department,
    "member-growth": member_growth,
    "meetings-chain-quarter": meetings_chain_quarter,
    "meetings-committee-month": meetings_committee_month,
    "agreements-kind": agreements_by_kind,
    "activities-kind": activities_by_kind,
}

# Which charts make sense on each drill-down page.
FOCUS_CHARTS = {
    "area": list(CHARTS),
    "alliance": ["needs-category", "needs-status", "overdue-department", "member-growth", "meetings-chain-quarter",
                 "agreements-kind", "activities-kind"],
    "committee": ["needs-category", "needs-status", "overdue-department", "member-growth",
                  "meetings-committee-month", "agreements-kind", "activities-kind"],
    "enterprise": ["needs-category", "needs-status", "member-growth", "agreements-kind", "activities-kind"],
}
