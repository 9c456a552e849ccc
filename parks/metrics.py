"""Figures the parks app owns (FIGURES.md). A committee lies in its park's county."""
from django.utils.translation import gettext_lazy as _

from chainparty.figures import Area, FigureValue, Period, register

from .models import JointCommittee


@register("F04", _("Chain joint Party committees"), _("committees"))
def joint_committees(area: Area, period: Period) -> FigureValue:
    """Joint committees founded on or before the period's end and not dissolved by then, in the area's parks."""
    records = JointCommittee.objects.active(period.end).filter(park__county_id__in=area.ids)
    return FigureValue(records.count(), records)
