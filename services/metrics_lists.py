"""Figures of the resource, project and visit lists: F17 (annual projects) and F26 (visits to key enterprises)."""
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from alliances.querysets import chains_in_region
from chainparty.figures import Area, FigureValue, Period, percentage, register, shared, shared_by_period

from .models import Project, Visit
from .querysets_lists import key_enterprises


@register("F17", _("Annual enterprise-benefit projects of the alliances"), _("projects"))
def annual_projects(area: Area, period: Period) -> FigureValue:
    """Projects of the period's year (cancelled ones aside), and how many alliances made them."""
    def records():
        return Project.objects.counted().filter(year=period.year, alliance__chain_id__in=chains_in_region(area.ids))
    # A quarter and the quarter before are mostly of the same year: counted once for both.
    totals = shared(("annual projects", area.ids, period.year), lambda: records().aggregate(
        projects=Count("pk"), alliances=Count("alliance", distinct=True)))
    return FigureValue(totals["projects"], records, {"alliances": totals["alliances"]})


@register("F26", _("Key enterprises visited"), "%")
def key_enterprises_visited(area: Area, period: Period) -> FigureValue:
    """The share of key enterprises (chain leaders and above-scale, on key chains) visited in the period."""
    def key():
        return key_enterprises().filter(county_id__in=area.ids)
    totals = shared_by_period(("key enterprises visited", area.ids), period, lambda periods: _visited_counts(
        key(), periods))

    def visited():
        return key().filter(pk__in=Visit.objects.in_period(period).values("enterprise_id"))
    return FigureValue(percentage(totals["visited"], totals["total"]), visited,
                       {"key_enterprises": totals["total"], "visited": totals["visited"]})


def _visited_counts(key_enterprises_of_area, periods: list[Period]) -> dict[Period, dict[str, int]]:
    """The key enterprises and, per period, those visited in it: one scan of the key enterprises."""
    visited = {f"visited_{index}": Count("pk", filter=Q(pk__in=Visit.objects.in_period(each).values("enterprise_id")))
               for index, each in enumerate(periods)}
    totals = key_enterprises_of_area.aggregate(total=Count("pk"), **visited)
    return {each: {"total": totals["total"], "visited": totals[f"visited_{index}"]}
            for index, each in enumerate(periods)}
