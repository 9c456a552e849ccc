"""Figures the parks app owns (FIGURES.md): joint committees (F04) and the Party affairs workers dispatched
(F12, F13). A committee lies in its park's county."""
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from chainparty.access import active_on, standing_on
from chainparty.figures import Area, FigureValue, Period, aggregated_by_period, counted_by_period, register

from .models import JointCommittee, PartyWorker

CERTIFIED = ~Q(certificate_no="")


@register("F04", _("Chain joint Party committees"), _("committees"))
def joint_committees(area: Area, period: Period) -> FigureValue:
    """Joint committees founded on or before the period's end and not dissolved by then, in the area's parks."""
    return counted_by_period("joint committees", area, period,
                             lambda active: JointCommittee.objects.filter(active, park__county_id__in=area.ids),
                             lambda each: standing_on(each.end))


def _workers(key: str, area: Area, period: Period, dispatched: Q) -> FigureValue:
    """Count the workers ``dispatched`` active at the period's end, with how many hold their certificate (持证上岗)."""
    result = aggregated_by_period(key, area, period, lambda active: PartyWorker.objects.filter(active, dispatched),
                                  lambda each: active_on(each.end), total=Count("pk"),
                                  certified=Count("pk", filter=CERTIFIED))
    return FigureValue(result.pop("total"), lambda: PartyWorker.objects.active(period.end).filter(dispatched), result)


@register("F12", _("Part-time Party cadres dispatched by alliances"), _("people"))
def alliance_part_time_cadres(area: Area, period: Period) -> FigureValue:
    """Part-time workers who are Party members, dispatched by an alliance whose chain lies in the area (alliances
    are city bodies, so a county counts none), active at the period's end."""
    return _workers("alliance part-time cadres", area, period, Q(
        employment=PartyWorker.Employment.PART_TIME, is_party_member=True, alliance__isnull=False,
        alliance__chain__region_id__in=area.ids))


@register("F13", _("Full-time Party affairs workers dispatched by joint committees"), _("people"))
def committee_full_time_workers(area: Area, period: Period) -> FigureValue:
    """Full-time workers dispatched by a joint committee whose park lies in the area, active at the period's end."""
    return _workers("committee full-time workers", area, period, Q(
        employment=PartyWorker.Employment.FULL_TIME, committee__isnull=False,
        committee__park__county_id__in=area.ids))
