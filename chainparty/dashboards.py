"""The officials' overview: every registered figure for a region and period, with its change on the
previous period, each linked to the records behind it."""
from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from urllib.parse import quote

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .empty_states import EmptyState

from .charts import CHARTS, FOCUS_CHARTS, WHOLE_AREA, Focus
from .coverage import GAPS
from .db_routers import reads_from_replica
from .figure_cache import figures_for, gaps_of
from .figure_display import breakdown_items, change, unit_of
from .figures import REGISTRY, Area, Period, PeriodError, computed_together, default_period, registered
from .models import Region, is_region_code
from .prepared import Prepared


def regions_for(scope):
    """The regions a user may choose on the overview: their own and those below (all for admins)."""
    regions = Region.objects.exclude(level=Region.Level.PROVINCE) if scope.is_superuser else \
        Region.objects.filter(pk__in=scope.region_ids)
    return regions.order_by("code")


# Every dashboard request looks its region up: built once (chainparty/prepared.py), as the figures' area.
_OWN_REGION_BY_CODE = Prepared(Region, lambda ids, code: Region.objects.filter(pk__in=ids, code=code))


def _region_by_code(scope, code: str):
    """The region of ``code`` among those the user may choose, or None."""
    if not is_region_code(code):
        return None
    if scope.is_superuser:
        return regions_for(scope).filter(code=code).first()
    found = _OWN_REGION_BY_CODE.rows(ids=scope.region_ids, code=code)
    return found[0] if found else None


def chosen_period(request) -> tuple[Period, list[str]]:
    try:
        return (Period.parse(request.GET["period"]) if request.GET.get("period") else default_period()), []
    except PeriodError as error:
        return default_period(), [str(error)]


def chosen_area_and_period(request) -> tuple[Area, Period, list[str]]:
    """The region and period asked for in the query string, checked against the user's reach."""
    errors = []
    code = request.GET.get("region")
    region = _region_by_code(request.scope, code) if code else None
    if code and region is None:
        errors.append(_("Unknown region: give the six-digit administrative code of a region you may see."))
    if region is None:
        regions = regions_for(request.scope)
        region = regions.filter(pk__in=request.scope.official_region_ids).first() or regions.first()
    if region is None:
        raise Http404
    try:
        period = Period.parse(request.GET["period"]) if request.GET.get("period") else default_period()
    except PeriodError as error:
        errors.append(str(error))
        period = default_period()
    return Area.of(region, request.scope), period, errors


def list_link(figure_id: str, area: Area, period: Period, scope) -> str:
    """The list page behind a figure, filtered to the area and period where the list can express them (a county
    filter, or an area that is the whole of what the user sees); else the generic records page, which always can."""
    generic = f"{reverse('figure-records', args=[figure_id])}?{urlencode({'region': area.region.code, 'period': period})}"
    is_county = area.region.level == Region.Level.COUNTY
    county = {"county": area.region.pk} if is_county else {}
    whole_reach = not scope.is_superuser and area.ids >= scope.region_ids
    if figure_id == "F18" and (is_county or whole_reach):
        return f"{reverse('services:need-list')}?{urlencode({**county, 'period': str(period)})}"
    if figure_id in ("F06", "F08", "F09") and (is_county or whole_reach):
        query = {**county, "period": str(period), "status": "approved"}
        return f"{reverse('enterprises:member-report-list')}?{urlencode(query)}"
    if figure_id == "F21" and whole_reach:
        return f"{reverse('alliances:activity-list')}?{urlencode({'kind': 'recruitment', 'period': str(period)})}"
    return generic


def figure_cards(area: Area, period: Period, scope) -> tuple[list[dict], datetime]:
    """Every registered figure for the period and the one before, as the cards show them, and when the older of the
    two sets of figures was computed (they may come from the cache: figure_cache.py)."""
    current, earlier = figures_for(area, [period, period.previous()])
    cards = []
    for figure in registered():
        now, before = current.values[figure.id], earlier.values[figure.id]
        cards.append({"figure": figure, "value": now.value, "previous": before.value, "unit": unit_of(figure),
                      "change": change(now.value, before.value), "breakdown": now.breakdown,
                      "items": breakdown_items(figure, now.breakdown), "url": list_link(figure.id, area, period, scope),
                      "now": now, "before": before})
    return cards, min(current.computed_at, earlier.computed_at)


def chart_urls(names, area: Area, period: Period, focus: Focus = WHOLE_AREA) -> list[tuple[str, str]]:
    query = urlencode({"region": area.region.code, "period": str(period)})
    extra = f"&{focus.query}" if focus.query else ""
    return [(name, f"{reverse('dashboard-chart', args=[name])}?{query}{extra}") for name in names]


FIGURE_RECORDS_EMPTY = EmptyState(
    nothing=gettext_lazy("No records lie behind this figure for this region and period."))
COVERAGE_EMPTY = EmptyState(
    nothing=gettext_lazy("No gap in the coverage of the matrix for this region and period."))


def back_to_overview(area: Area, period: Period) -> tuple[str, str]:
    query = urlencode({"region": area.region.code, "period": str(period)})
    return f"{reverse('overview')}?{query}", _("Back to the overview")


def require_official(request) -> None:
    if not (request.scope.is_superuser or request.scope.is_official):
        raise Http404


@login_required
@reads_from_replica
def overview(request):
    require_official(request)
    area, period, errors = chosen_area_and_period(request)
    query = urlencode({"region": area.region.code, "period": str(period)})
    with computed_together():  # the figures and the gaps read the area's bodies once
        cards, computed_at = figure_cards(area, period, request.scope)
        gaps = gaps_of(request.scope, area, period)
    return render(request, "chainparty/dashboard/overview.html", {
        "area": area, "period": period, "previous": period.previous(), "cards": cards,
        "computed_at": min(computed_at, gaps.computed_at), "refresh_minutes": settings.FIGURES_CACHE_SECONDS // 60,
        "errors": errors, "regions": regions_for(request.scope), "periods": recent_periods(), "query": query,
        "gaps": gaps.values, "charts": chart_urls(FOCUS_CHARTS["area"], area, period),
    })


@login_required
@reads_from_replica
def chart(request, name: str):
    """The data of one chart, as JSON, for the area/period (and body) asked for, through the user's scope."""
    if name not in CHARTS:
        raise Http404
    focus, area = focus_from_query(request)
    if focus is WHOLE_AREA:
        require_official(request)
        area, period, _errors = chosen_area_and_period(request)
    else:
        period, _errors = chosen_period(request)
    return JsonResponse(CHARTS[name](request.scope, area, period, focus))


@login_required
@reads_from_replica
def coverage(request):
    require_official(request)
    area, period, errors = chosen_area_and_period(request)
    groups = []
    for gap in GAPS:
        records = list(gap.records(request.scope, area, period).order_by("pk")[:200])
        groups.append({"gap": gap, "rows": [(str(record), gap.link(record)) for record in records]})
    return render(request, "chainparty/dashboard/coverage.html", {
        "area": area, "period": period, "groups": groups, "errors": errors, "regions": regions_for(request.scope),
        "periods": recent_periods(), "has_gaps": any(group["rows"] for group in groups),
        "empty_state": COVERAGE_EMPTY.render(request, link=back_to_overview(area, period))})


@login_required
@reads_from_replica
def figure_records(request, figure_id: str):
    """The records behind one figure, for the chosen region and period, as far as the user may see them."""
    if not (request.scope.is_superuser or request.scope.is_official) or figure_id not in REGISTRY:
        raise Http404
    area, period, errors = chosen_area_and_period(request)
    figure = REGISTRY[figure_id]
    value = figure(area, period)
    records = value.records
    if records is not None and hasattr(records, "visible_to"):
        records = records.visible_to(request.scope)
    page = Paginator(records.order_by("pk") if records is not None else [], 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "chainparty/dashboard/figure_records.html", {
        "figure": figure, "value": value, "area": area, "period": period, "page_obj": page,
        "unit": unit_of(figure), "items": breakdown_items(figure, value.breakdown),
        "is_paginated": page.has_other_pages(), "paginator": page.paginator, "querystring": query.urlencode(),
        "errors": errors, "model_name": records.model._meta.verbose_name_plural if records is not None else "",
        "empty_state": FIGURE_RECORDS_EMPTY.render(request, link=back_to_overview(area, period)),
    })


def recent_periods() -> list[Period]:
    """The years and quarters offered in the period picker: this year and the two before."""
    year = timezone.localdate().year
    periods = []
    for y in range(year, year - 3, -1):
        periods.append(Period(y))
        periods.extend(Period(y, q) for q in range(4, 0, -1))
    return periods


# Drill-down pages: one alliance, one joint committee, one enterprise ------------------------------------------------

def dashboard_alliances(scope):
    """Alliances whose dashboard the user may open: their own (staff), or any they see as an official."""
    from alliances.models import Alliance

    alliances = Alliance.objects.visible_to(scope)
    return alliances if scope.is_superuser or scope.is_official else alliances.filter(pk__in=scope.alliance_ids)


def dashboard_committees(scope):
    from parks.models import JointCommittee

    committees = JointCommittee.objects.visible_to(scope)
    return committees if scope.is_superuser or scope.is_official else committees.filter(pk__in=scope.committee_ids)


def dashboard_enterprises(scope):
    from enterprises.models import Enterprise

    enterprises = Enterprise.objects.visible_to(scope)
    return enterprises if scope.is_superuser or scope.is_official else enterprises.filter(pk__in=scope.enterprise_ids)


def focus_from_query(request) -> tuple[Focus, Area | None]:
    """The body named in the query string (alliance=, committee=, enterprise=), loaded through the user's reach."""
    for name, bodies, area_of in (
            ("alliance", dashboard_alliances, lambda body: body.chain.region),
            ("committee", dashboard_committees, lambda body: body.park.county),
            ("enterprise", dashboard_enterprises, lambda body: body.county)):
        pk = request.GET.get(name)
        if pk:
            if not pk.isdigit():
                raise Http404
            body = get_object_or_404(bodies(request.scope).select_related(*{
                "alliance": ["chain__region"], "committee": ["park__county"], "enterprise": ["county"]}[name]), pk=pk)
            return Focus(**{name: body}), Area.of(area_of(body))
    return WHOLE_AREA, None


def body_figures(scope, area: Area, period: Period, focus: Focus) -> list[dict]:
    """The figures that make sense for one body, counted from the same querysets as its charts."""
    from django.db.models import Count, Q, Sum
    from django.db.models.functions import Coalesce

    from alliances.models import Meeting
    from services.models import Need

    from . import charts
    from .figures import percentage

    needs = charts.needs(scope, area, focus).collected_between(period.start, period.end).aggregate(
        counted=Count("pk", filter=~Q(status__in=Need.NOT_COUNTED_STATUSES)),
        done=Count("pk", filter=Q(status__in=Need.DONE_STATUSES)))
    growth = charts.member_reports(scope, area, focus).in_period(period).aggregate(
        applications=Coalesce(Sum("applications"), 0), admitted=Coalesce(Sum("admitted"), 0),
        hidden=Coalesce(Sum("hidden_members_found"), 0))
    meetings = charts._due(charts.meetings(scope, area, focus), period.start, period.end).aggregate(
        due=Count("pk"), held=Count("pk", filter=Q(status=Meeting.Status.HELD)))
    activities = charts.activities(scope, area, focus).held_in(period.start, period.end).count()
    agreements = charts.agreements(scope, area, focus).filter(signed_on__lte=period.end).count()
    rows = [
        ("F18", REGISTRY["F18"].label, needs["counted"], unit_of(REGISTRY["F18"])),
        ("F19", REGISTRY["F19"].label, percentage(needs["done"], needs["counted"]), "%"),
        ("F06", REGISTRY["F06"].label, growth["applications"], unit_of(REGISTRY["F06"])),
        ("F08", REGISTRY["F08"].label, growth["admitted"], unit_of(REGISTRY["F08"])),
        ("F09", REGISTRY["F09"].label, growth["hidden"], unit_of(REGISTRY["F09"])),
        ("F14", _("Activities held"), activities, unit_of(REGISTRY["F14"])),
        ("F16", REGISTRY["F16"].label, agreements, unit_of(REGISTRY["F16"])),
    ]
    if focus.enterprise is None:
        rows.append(("F27", REGISTRY["F27"].label, percentage(meetings["held"], meetings["due"]), "%"))
    return [{"id": row[0], "label": row[1], "value": row[2], "unit": row[3]} for row in rows]


def body_page(request, focus: Focus, area: Area, kind: str, title: str, lists: list[tuple[str, str]]):
    period, errors = chosen_period(request)
    return render(request, "chainparty/dashboard/body.html", {
        "title": title, "kind": kind, "focus": focus, "area": area, "period": period, "errors": errors,
        "figures": body_figures(request.scope, area, period, focus), "periods": recent_periods(),
        "charts": chart_urls(FOCUS_CHARTS[kind], area, period, focus), "lists": lists,
    })


@login_required
@reads_from_replica
def alliance_dashboard(request, pk: int):
    alliance = get_object_or_404(dashboard_alliances(request.scope).select_related("chain__region"), pk=pk)
    lists = [(_("Meetings"), f"{reverse('alliances:meeting-list')}?alliance={pk}"),
             (_("Activities"), f"{reverse('alliances:activity-list')}?alliance={pk}"),
             (_("Agreements"), f"{reverse('alliances:agreement-list')}?alliance={pk}"),
             (_("Pairings"), f"{reverse('alliances:pairing-list')}?alliance={pk}"),
             (_("Needs"), f"{reverse('services:need-list')}?chain={alliance.chain_id}"),
             (_("Industrial chain"), reverse("alliances:chain-detail", args=[alliance.chain_id]))]
    return body_page(request, Focus(alliance=alliance), Area.of(alliance.chain.region), "alliance", str(alliance),
                     lists)


@login_required
@reads_from_replica
def committee_dashboard(request, pk: int):
    committee = get_object_or_404(dashboard_committees(request.scope).select_related("park__county"), pk=pk)
    lists = [(_("Meetings"), f"{reverse('alliances:meeting-list')}?committee={pk}"),
             (_("Activities"), f"{reverse('alliances:activity-list')}?committee={pk}"),
             (_("Needs"), f"{reverse('services:need-list')}?park={committee.park_id}"),
             (_("Park"), reverse("parks:park-detail", args=[committee.park_id]))]
    return body_page(request, Focus(committee=committee), Area.of(committee.park.county), "committee",
                     str(committee), lists)


@login_required
@reads_from_replica
def enterprise_dashboard(request, pk: int):
    enterprise = get_object_or_404(dashboard_enterprises(request.scope).select_related("county"), pk=pk)
    lists = [(_("Needs"), f"{reverse('services:need-list')}?enterprise={pk}"),
             (_("Activities"), f"{reverse('alliances:activity-list')}?enterprise={pk}"),
             (_("Agreements"), f"{reverse('alliances:agreement-list')}?enterprise={pk}"),
             (_("Member reports"), reverse("enterprises:member-report-list")),
             (_("Enterprise"), reverse("enterprises:enterprise-detail", args=[pk]))]
    return body_page(request, Focus(enterprise=enterprise), Area.of(enterprise.county), "enterprise",
                     str(enterprise), lists)


@login_required
def my_dashboard(request):
    """Where the dashboard link leads: the overview for officials, else the user's own body's page."""
    scope = request.scope
    if scope.is_superuser or scope.is_official:
        return redirect("overview")
    for ids, name in ((scope.alliance_ids, "alliance-dashboard"), (scope.committee_ids, "committee-dashboard"),
                      (scope.enterprise_ids, "enterprise-dashboard")):
        if ids:
            return redirect(name, min(ids))
    raise Http404


# The work report --------------------------------------------------------------------------------------------------

def _log_download(request, area: Area, period: Period, kind: str, template=None) -> None:
    from .reports.models import ReportDownload

    ReportDownload.objects.create(user=request.user, format=kind, region=area.region, period=str(period),
                                  template=template)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@reads_from_replica
def report_download(request):
    """The work report (.docx) for the chosen region and period, every figure filled in."""
    from .reports.render import period_text, render_docx

    require_official(request)
    area, period, _errors = chosen_area_and_period(request)
    content, template = render_docx(area, period)
    _log_download(request, area, period, "docx", template)
    return _attachment(content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       f"{area.region.name}产业链党建工作汇报（{period_text(period)}）.docx")


@login_required
@reads_from_replica
def report_workbook(request):
    """The figures and the lists behind them (.xlsx) for the chosen region and period."""
    from .reports.render import period_text, render_xlsx

    require_official(request)
    area, period, _errors = chosen_area_and_period(request)
    content = render_xlsx(area, period, request.scope)
    _log_download(request, area, period, "xlsx")
    return _attachment(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                       f"{area.region.name}产业链党建数据（{period_text(period)}）.xlsx")


@login_required
def report_template_default(request):
    """The default Word template (templates/reports/work_report.docx), for an admin to edit and upload."""
    from .reports.build import DEFAULT_TEMPLATE

    if not request.scope.is_superuser:
        raise Http404
    return _attachment(DEFAULT_TEMPLATE.read_bytes(),
                       "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "work_report.docx")
