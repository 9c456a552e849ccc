"""Figures the alliances app owns (FIGURES.md)."""
from django.utils.translation import gettext_lazy as _

from chainparty.figures import Area, FigureValue, Period, register

from .models import IndustrialChain


@register("F01", _("Key industrial chains"), _("chains"))
def key_chains(area: Area, period: Period) -> FigureValue:
    records = IndustrialChain.objects.filter(is_key=True).in_region(area.ids)
    return FigureValue(records.count(), records)
