"""Figures of the resource, project and visit lists: F17 (annual projects) and F26 (visits to key enterprises)."""
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from alliances.models import IndustrialChain
from chainparty.figures import Area, FigureValue, Period, percentage, register

from .models import Project, Visit
from .querysets_lists import key_enterprises


@register("F17", _("Annual enterprise-benefit projects of the alliances"), _("projects"))
def annual_projects(area: Area, period: Period) -> FigureValue:
    """Projects of the period's year (cancelled ones aside), and how many alliances made them."""
    chains = IndustrialChain.objects.in_region(area.ids).values("pk")
    records = Project.objects.counted().filter(year=period.year, alliance__chain_id__in=chains)
    totals = records.aggregate(projects=Count("pk"), alliances=Count("alliance", distinct=True))
    return FigureValue(totals["projects"], records, {"alliances": totals["alliances"]})


@register("F26", _("Key enterprises visited"), "%")
def key_enterprises_visited(area: Area, period: Period) -> FigureValue:
    """The share of key enterprises (chain leaders and above-scale, on key chains) visited in the period."""
    visited = Visit.objects.in_period(period).values("enterprise_id")
    key = key_enterprises().filter(county_id__in=area.ids)
    totals = key.aggregate(total=Count("pk"), visited=Count("pk", filter=Q(pk__in=visited)))
    return FigureValue(percentage(totals["visited"], totals["total"]), key.filter(pk__in=visited),
                       {"key_enterprises": totals["total"], "visited": totals["visited"]})
