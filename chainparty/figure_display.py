"""How a figure reads on the dashboards and in the work report: measure words, breakdown labels, '—'.

The figures (``chainparty.figures``) return raw values and breakdowns keyed by choice values; this module
turns them into what a reader sees, so the overview, the drill-downs, the report and the workbook agree.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .figures import Figure, Period, PeriodError

DASH = "—"

# Measure words where the figure's own unit reads badly as a count (a noun rather than 个/人/场次).
def unit_of(figure: Figure) -> str:
    overrides = {
        "F02": pgettext("measure word", "alliances"),
        "F15": pgettext("measure word", "alliances"),
        "F17": pgettext("measure word", "projects"),
        "F23": pgettext("measure word", "enterprises"),
    }
    return overrides.get(figure.id, str(figure.unit))


def number(value) -> str:
    """A figure as printed: at most one decimal, no trailing .0, '—' when it cannot be computed."""
    if value is None or value == "":
        return DASH
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.1"))
        return str(int(value)) if value == value.to_integral() else f"{value:.1f}"
    return str(value)


def change(current, previous) -> Decimal | None:
    """Difference with the previous period; None when either side is not known."""
    if current is None or previous is None:
        return None
    return Decimal(str(current)) - Decimal(str(previous))


def whole(value) -> str:
    """The whole part (for '*多万元', '*多人'); '—' when unknown."""
    if value is None:
        return DASH
    return str(int(Decimal(str(value))))


@lru_cache(maxsize=8)
def _choice_labels(language: str | None) -> dict[str, str]:
    """The labels of breakdown keys in ``language`` (the active one: the argument keys the cache)."""
    from alliances.models import Activity, Agreement, Meeting, Pairing
    from services.categories import NeedCategory

    labels = {}
    for choices in (NeedCategory.choices, Activity.Kind.choices, Activity.Mode.choices, Agreement.Kind.choices,
                    Meeting.Kind.choices, Pairing.Kind.choices):
        labels.update({key: str(label) for key, label in choices})
    labels.update({
        "organizations": _("Party organisations"), "middle_or_above": _("secretaries in middle management or above"),
        "in_management": _("secretaries in a management post"), "investor": _("secretaries who are the investor"),
        "cross_appointed_share": _("cross-appointed share"), "city": _("by the city"), "county": _("by counties"),
        "participants": _("participants"), "certified": _("certified"), "alliances": _("alliances"),
        "resolved": _("resolved"), "collected": _("collected (counted)"), "needs": _("funding needs resolved"),
        "key_enterprises": _("key enterprises"), "visited": _("visited"),
    })
    return labels


PERCENT_KEYS = {"cross_appointed_share", "member_congress", "council", "committee_monthly"}


def breakdown_items(figure: Figure, breakdown: dict) -> list[tuple[str, str]]:
    """(label, printed value) for each key of a breakdown, in Chinese; counts behind a rate are left out."""
    labels = _choice_labels(get_language())
    items = []
    for key, value in breakdown.items():
        if key.endswith(("_held", "_due")):
            continue
        try:
            label = Period.parse(key).label
        except PeriodError:
            label = labels.get(key, key)
        printed = number(value)
        if key in PERCENT_KEYS and value is not None:
            printed += "%"
        items.append((label, printed))
    return items
