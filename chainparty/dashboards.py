"""The officials' overview: every registered figure for a region and period, with its change on the
previous period, each linked to the records behind it."""
from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .figures import REGISTRY, Area, Period, PeriodError, registered
from .models import Region


def regions_for(scope):
    """The regions a user may choose on the overview: their own and those below (all for admins)."""
    regions = Region.objects.exclude(level=Region.Level.PROVINCE) if scope.is_superuser else \
        Region.objects.filter(pk__in=scope.region_ids)
    return regions.order_by("code")


def default_period() -> Period:
    today = timezone.localdate()
    return Period(today.year, (today.month - 1) // 3 + 1)


def chosen_area_and_period(request) -> tuple[Area, Period, list[str]]:
    """The region and period asked for in the query string, checked against the user's reach."""
    errors = []
    regions = regions_for(request.scope)
    code = request.GET.get("region")
    region = regions.filter(code=code).first() if code else None
    if code and region is None:
        errors.append(_("Unknown region: give the six-digit administrative code of a region you may see."))
    if region is None:
        region = regions.filter(pk__in=request.scope.official_region_ids).first() or regions.first()
    if region is None:
        raise Http404
    try:
        period = Period.parse(request.GET["period"]) if request.GET.get("period") else default_period()
    except PeriodError as error:
        errors.append(str(error))
        period = default_period()
    return Area.of(region), period, errors


def change(current, previous):
    """Difference with the previous period; None when either side is not known."""
    if current is None or previous is None:
        return None
    return Decimal(str(current)) - Decimal(str(previous))


@login_required
def overview(request):
    if not (request.scope.is_superuser or request.scope.is_official):
        raise Http404
    area, period, errors = chosen_area_and_period(request)
    previous = period.previous()
    cards = []
    for figure in registered():
        now, before = figure(area, period), figure(area, previous)
        cards.append({"figure": figure, "value": now.value, "previous": before.value,
                      "change": change(now.value, before.value), "breakdown": now.breakdown})
    return render(request, "chainparty/dashboard/overview.html", {
        "area": area, "period": period, "previous": previous, "cards": cards, "errors": errors,
        "regions": regions_for(request.scope), "periods": recent_periods(),
    })


@login_required
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
        "is_paginated": page.has_other_pages(), "paginator": page.paginator, "querystring": query.urlencode(),
        "errors": errors, "model_name": records.model._meta.verbose_name_plural if records is not None else "",
    })


def recent_periods() -> list[Period]:
    """The years and quarters offered in the period picker: this year and the two before."""
    year = timezone.localdate().year
    periods = []
    for y in range(year, year - 3, -1):
        periods.append(Period(y))
        periods.extend(Period(y, q) for q in range(4, 0, -1))
    return periods
