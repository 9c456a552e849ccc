"""The periods a regular meeting covers: a year (member congress), a quarter (council) or a month (committee).

Text forms, accepted by forms and the API and given back by the API: ``2026`` (a year), ``2026Q3``
(a quarter) and ``2026-07`` (a month); Chinese forms such as ``2026年第3季度`` and ``2026年7月`` are
accepted too.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

YEAR, QUARTER, MONTH = "year", "quarter", "month"

# What period each kind of regular meeting covers (Meeting.Kind values).
GRANULARITY = {"member_congress": YEAR, "council": QUARTER, "committee_monthly": MONTH}

_PATTERNS = [
    (MONTH, re.compile(r"(\d{4})\s*(?:-|/|年)\s*(\d{1,2})\s*月?")),
    (QUARTER, re.compile(r"(\d{4})\s*(?:[Qq]|年\s*第?)\s*([1-4])\s*(?:季度)?")),
    (YEAR, re.compile(r"(\d{4})\s*年?")),
]


def bounds(granularity: str, day: date) -> tuple[date, date]:
    """First and last day of the year, quarter or month that contains ``day``."""
    if granularity == YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    if granularity == QUARTER:
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = date(day.year, first_month, 1)
        months = 3
    else:
        start = date(day.year, day.month, 1)
        months = 1
    year, month = divmod(start.month - 1 + months, 12)
    return start, date(start.year + year, month + 1, 1) - timedelta(days=1)


def bounds_for_kind(kind: str, day: date) -> tuple[date, date]:
    return bounds(GRANULARITY.get(kind, MONTH), day)


def parse(text: str) -> tuple[date, str]:
    """``"2026Q3"`` → (2026-07-01, "quarter"); raises ValidationError for anything else."""
    text = (text or "").strip()
    for granularity, pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        year = int(match.group(1))
        part = int(match.group(2)) if granularity != YEAR else 1
        if not 2000 <= year <= 2100 or (granularity == MONTH and not 1 <= part <= 12):
            break
        month = 3 * part - 2 if granularity == QUARTER else part
        return date(year, month, 1), granularity
    raise ValidationError(_("Write the period as a year (2026), a quarter (2026Q3) or a month (2026-07)."),
                          code="bad_period")


def check_granularity(kind: str, granularity: str) -> None:
    """A council meeting covers a quarter, a committee meeting a month, a member congress a year."""
    expected = GRANULARITY.get(kind)
    if expected and granularity != expected:
        messages = {
            YEAR: _("A member congress covers a year: write it as 2026."),
            QUARTER: _("A council meeting covers a quarter: write it as 2026Q3."),
            MONTH: _("A committee monthly meeting covers a month: write it as 2026-07."),
        }
        raise ValidationError(messages[expected], code="wrong_period")


def as_text(kind: str, start: date | None) -> str:
    """The machine form of a meeting's period: ``2026``, ``2026Q3`` or ``2026-07``."""
    if start is None:
        return ""
    granularity = GRANULARITY.get(kind, MONTH)
    if granularity == YEAR:
        return f"{start.year}"
    if granularity == QUARTER:
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def label(kind: str, start: date | None) -> str:
    """The period in words, for pages: 2026年 / 2026年第3季度 / 2026年7月 in Chinese."""
    if start is None:
        return ""
    granularity = GRANULARITY.get(kind, MONTH)
    if granularity == YEAR:
        return str(_("Year %(year)d") % {"year": start.year})
    if granularity == QUARTER:
        return str(_("Q%(quarter)d %(year)d") % {"year": start.year, "quarter": (start.month - 1) // 3 + 1})
    return str(_("%(month)d/%(year)d (month)") % {"year": start.year, "month": start.month})
