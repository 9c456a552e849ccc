"""Figures the needs own (FIGURES.md F18–F20) and the rates dashboards show beside them.

Every figure is a few aggregate queries over the needs of an area (the county copied at submission) and
never counts a withdrawn or rejected need.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy  # a unit is a measure word (场次, 个): not the model's name

from chainparty.dates import on_days
from chainparty.figures import Area, FigureValue, Period, percentage, register, shared_by_period

from .models import Feedback, Need, NeedCategory

DONE = Q(status__in=Need.DONE_STATUSES)
NOT_COUNTED = Q(status__in=Need.NOT_COUNTED_STATUSES)


def collected(area: Area, period: Period):
    return Need.objects.in_area(area.ids).collected_between(period.start, period.end)


def resolved(area: Area, period: Period):
    return Need.objects.in_area(area.ids).resolved_between(period.start, period.end)


def _collected_by_category(area: Area, period: Period) -> dict[str, dict[str, int]]:
    """Per category, the needs collected in the period that count (F18) and of those the ones done (F19):
    one scan of the needs for both figures, and for every period computed with this one."""
    def compute(periods: list[Period]) -> dict[Period, dict]:
        counts = {}
        for index, each in enumerate(periods):
            within = on_days("submitted_at", each.start, each.end)
            counts[f"counted_{index}"] = Count("pk", filter=within & ~NOT_COUNTED)
            counts[f"done_{index}"] = Count("pk", filter=within & DONE)
        rows = list(Need.objects.in_area(area.ids).collected_between(min(each.start for each in periods),
                                                                     max(each.end for each in periods))
                    .order_by().values("category").annotate(**counts))
        return {each: {row["category"]: {"counted": row[f"counted_{index}"], "done": row[f"done_{index}"]}
                       for row in rows} for index, each in enumerate(periods)}
    return shared_by_period(("needs collected by category", area.ids), period, compute)


@register("F18", _("Needs collected (energy, land, labour, funding …)"), pgettext_lazy("unit", "needs"))
def needs_collected(area: Area, period: Period) -> FigureValue:
    by_category = _collected_by_category(area, period)
    breakdown = {category: by_category.get(category, {}).get("counted", 0) for category in NeedCategory.values}
    return FigureValue(sum(breakdown.values()), lambda: collected(area, period).counted(), breakdown)


@register("F19", _("Resolution rate of the needs collected"), "%")
def resolution_rate(area: Area, period: Period) -> FigureValue:
    """(resolved + closed) ÷ (all collected − withdrawn − rejected), for the needs collected in the period."""
    by_category = _collected_by_category(area, period).values()
    counted, done = sum(row["counted"] for row in by_category), sum(row["done"] for row in by_category)
    return FigureValue(percentage(done, counted), lambda: collected(area, period).filter(DONE),
                       {"resolved": done, "collected": counted})


@register("F20", _("Funding needs solved for enterprises"), _("10,000 yuan"))
def funding_solved(area: Area, period: Period) -> FigureValue:
    """Sum of the amounts solved for funding needs resolved (and not reopened since) in the period."""
    records = resolved(area, period).filter(category=NeedCategory.FUNDING)
    totals = records.aggregate(amount=Sum("amount_solved"), needs=Count("pk"))
    return FigureValue(totals["amount"] or Decimal("0"), records, {"needs": totals["needs"]})


# Rates for the dashboards (not figures of the report) ------------------------------------------------------------

def on_time_rate(area: Area, period: Period) -> FigureValue:
    """Share of the needs resolved in the period that were resolved by their (possibly extended) due date."""
    records = resolved(area, period)
    counts = records.annotate(resolved_on=TruncDate("resolved_at")).aggregate(
        total=Count("pk"), on_time=Count("pk", filter=Q(resolved_on__lte=F("due_date"))))
    return FigureValue(percentage(counts["on_time"], counts["total"]), records,
                       {"on_time": counts["on_time"], "resolved": counts["total"]})


def average_working_days_to_resolve(area: Area, period: Period) -> FigureValue:
    """Mean working days from submission to resolution, over the needs resolved in the period."""
    records = resolved(area, period).filter(resolution_working_days__isnull=False)
    average = records.aggregate(average=Avg("resolution_working_days"))["average"]
    value = None if average is None else Decimal(str(average)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return FigureValue(value, records)


def satisfaction_rate(area: Area, period: Period) -> FigureValue:
    """Satisfied or basically satisfied ÷ all feedback given in the period (an automatic close is no feedback)."""
    records = Feedback.objects.filter(on_days("given_at", period.start, period.end), need__county_id__in=area.ids) \
        .exclude(need__status__in=Need.NOT_COUNTED_STATUSES)
    counts = records.aggregate(total=Count("pk"), satisfied=Count("pk", filter=~Q(satisfaction="unsatisfied")))
    return FigureValue(percentage(counts["satisfied"], counts["total"]), records,
                       {"satisfied": counts["satisfied"], "feedback": counts["total"]})


def reopen_rate(area: Area, period: Period) -> FigureValue:
    """Of the needs collected in the period that were resolved at least once, the share reopened (重办)."""
    needs = collected(area, period).counted().filter(DONE | Q(reopen_count__gt=0))
    counts = needs.aggregate(total=Count("pk"), reopened=Count("pk", filter=Q(reopen_count__gt=0)))
    return FigureValue(percentage(counts["reopened"], counts["total"]), needs.filter(reopen_count__gt=0),
                       {"reopened": counts["reopened"], "resolved": counts["total"]})


from . import metrics_lists  # noqa: E402,F401  F17 (projects) and F26 (visits)
