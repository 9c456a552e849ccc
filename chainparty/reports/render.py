"""Generates the work report (.docx, filled with docxtpl) and its workbook (.xlsx) for a region and period."""
from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from rustpy_xlsxwriter import FastExcel, Format

from alliances.models import Agreement, Alliance, Meeting, Pairing
from chainparty.bulk import cycle_collection_paused
from chainparty.figure_display import DASH, change, number, unit_of, whole
from chainparty.figures import (REGISTRY, Area, FigureValue, Period, compute_all, compute_periods, computed_together,
                                registered)
from services.categories import NeedCategory

from .build import DEFAULT_TEMPLATE
from .lists import LISTS, ListsReader
from .models import ReportTemplate

CHINESE_QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}


def period_text(period: Period) -> str:
    if period.quarter is None:
        return f"{period.year}年"
    return f"{period.year}年第{CHINESE_QUARTERS[period.quarter]}季度"


def _short(name: str, suffix: str) -> str:
    return name[:-len(suffix)] if name.endswith(suffix) else name


def _places(region) -> tuple[str, str, str]:
    """(province, city, 全市/全县/全区) of a region, for the report's opening."""
    chain, node = [], region
    while node is not None:
        chain.append(node)
        node = node.parent
    by_level = {node.level: node.name for node in chain}
    word = "全" + (region.name[-1] if region.level == "county" and region.name[-1] in "县区市" else "市")
    return _short(by_level.get("province", ""), "省"), _short(by_level.get("city", region.name), "市"), word


def _counted(breakdown: dict, choices, unit: str) -> str:
    parts = [f"{label}{breakdown.get(key) or 0}{unit}" for key, label in choices if breakdown.get(key)]
    return "、".join(parts)


def context(area: Area, period: Period, values: dict[str, FigureValue] | None = None) -> dict:
    """Everything the template's placeholders ask for; a figure that cannot be computed prints '—'."""
    values = values if values is not None else {figure.id: value for figure, value in compute_all(area, period)}
    ctx = {figure_id: number(value.value) for figure_id, value in values.items()}
    for figure_id in (f"F{n:02d}" for n in range(1, 29)):
        ctx.setdefault(figure_id, DASH)
    province, city, word = _places(area.region)
    chains = Alliance.objects.active(period.end).filter(pk__in=values["F02"].records.values("pk")) \
        .order_by("founded_on", "pk").values_list("chain__name", flat=True) if "F02" in values else []
    first = Alliance.objects.filter(pk__in=values["F02"].records.values("pk")).order_by("founded_on") \
        .values_list("founded_on", flat=True).first() if "F02" in values else None

    def breakdown(figure_id):
        return values[figure_id].breakdown if figure_id in values else {}

    ctx.update({
        "minister": "", "region_name": area.region.name, "province": province, "city": city, "scope_word": word,
        "period_text": period_text(period), "chain_names": "、".join(_short(name, "产业链") for name in chains) or DASH,
        "since_text": f"自{first.year}年" if first else "",
        "F17_alliances": number(breakdown("F17").get("alliances")) if "F17" in values else DASH,
        "F20": whole(values["F20"].value) if "F20" in values else DASH,
        "F07_word": "下降" if "F07" in values and (values["F07"].value or 0) < 0 else "增长",
        "F07": number(abs(values["F07"].value)) if "F07" in values and values["F07"].value is not None else DASH,
        "F22": whole(values["F22"].value) if "F22" in values else DASH,
    })
    f27 = breakdown("F27")
    rates = [f"{label}按期召开率{number(f27.get(kind))}%" for kind, label in
             ((Meeting.Kind.COUNCIL, "理事会季度例会"), (Meeting.Kind.COMMITTEE_MONTHLY, "联合党委月度会议"))
             if f27.get(kind) is not None]
    ctx["meetings_text"] = "，".join(rates) if rates else "按期召开各类例会"
    pairing_labels = [(Pairing.Kind.BRANCH, "支部结对"), (Pairing.Kind.RESEARCH, "研发结对"),
                      (Pairing.Kind.SUPPLY_SALES, "购销结对")]
    pairings = _counted(breakdown("F28"), pairing_labels, "对")
    ctx["pairings_text"] = f"现有{pairings}" if pairings else "现有结对0对"
    agreement_labels = [(Agreement.Kind.PARTY_BUILDING, "党建共建"), (Agreement.Kind.JOINT_RESEARCH, "技术攻关"),
                        (Agreement.Kind.SUPPLY_SALES, "产销合作"), (Agreement.Kind.FINANCE, "金融服务")]
    agreements = _counted(breakdown("F16"), agreement_labels, "个")
    ctx["agreements_text"] = f"（其中{agreements}）" if agreements else ""
    examples = []
    if "F16" in values:
        examples = list(values["F16"].records.filter(kind=Agreement.Kind.JOINT_RESEARCH)
                        .order_by("-signed_on", "-pk").values_list("title", flat=True)[:2])
    ctx["agreement_examples"] = ("“" + "”“".join(examples) + "”等合作联合开展技术攻关，助推产业创新能力提升。") \
        if examples else ""
    needs = _counted(breakdown("F18"), [(key, str(label)) for key, label in NeedCategory.choices], "个")
    ctx["needs_text"] = f"（其中{needs}）" if needs else ""
    visited = values["F26"].value if "F26" in values else None
    if visited is None:
        ctx["visits_text"] = "对链上重点企业开展走访"
    elif visited >= 100:
        ctx["visits_text"] = "对链上重点企业走访全覆盖"
    else:
        ctx["visits_text"] = f"对链上重点企业走访覆盖率达到{number(visited)}%"
    return ctx


def active_template() -> ReportTemplate | None:
    return ReportTemplate.objects.filter(is_active=True).order_by("-uploaded_at", "-pk").first()


def render_docx(area: Area, period: Period, values=None) -> tuple[bytes, ReportTemplate | None]:
    uploaded = active_template()
    source = uploaded.file.open("rb") if uploaded else open(DEFAULT_TEMPLATE, "rb")
    with source:
        document = DocxTemplate(io.BytesIO(source.read()))
    document.render(context(area, period, values), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), uploaded


# The workbook ------------------------------------------------------------------------------------------------------

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """User text that would start a formula is neutralised with a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, Decimal):
        return float(value)
    return value


def _first_value(rows: list[list], index: int):
    """The column's first value that is not None: a list's column holds one field's values, so it tells the type."""
    return next((row[index] for row in rows if row[index] is not None), None)


def _date_columns(keys: list[str], rows: list[list]) -> dict:
    """Columns holding dates without a time, shown as dates (datetimes take the workbook's date-and-time format)."""
    formats = {}
    for index, key in enumerate(keys):
        value = _first_value(rows, index)
        if isinstance(value, date) and not isinstance(value, datetime):
            formats[key] = Format().set_num_format(DATE)
    return formats


FORMULA_FIRST = frozenset("".join(FORMULA_STARTS))


def _records(keys: list[str], rows: list[list]) -> list[dict]:
    """Rows as the writer takes them, made ``safe``; an empty list keeps its header row (one blank line under it).

    A column's first value tells whether it needs ``safe`` at all, and the column is then made safe in one loop:
    a year's 1.2 million cells are mostly numbers and dates, and a call of ``safe`` per cell was half a second.
    """
    for index in range(len(keys)):
        first = _first_value(rows, index)
        if isinstance(first, str):
            for row in rows:
                value = row[index]
                if value.__class__ is str and value[:1] in FORMULA_FIRST:
                    row[index] = "'" + value
        elif isinstance(first, Decimal):
            for row in rows:
                if row[index] is not None:
                    row[index] = float(row[index])
    return [dict(zip(keys, row)) for row in rows] or [dict.fromkeys(keys)]


DATE, DATE_TIME = "yyyy-mm-dd", "yyyy-mm-dd hh:mm"


@cycle_collection_paused()
def render_xlsx(area: Area, period: Period, scope) -> bytes:
    periods = [period, period.previous()]
    with computed_together(periods), ListsReader(scope) as lists:
        # The lists' figures first (their aggregates are kept for the rest): the lists are read meanwhile.
        for record_list in LISTS:
            figure = REGISTRY.get(record_list.figure_id)
            lists.add(record_list, figure(area, period).records if figure is not None else None)
        values, previous = compute_periods(area, periods, two_threads=False)  # the second connection reads the lists
        sheets = lists.sheets()
    keys = [str(_("No.")), str(_("figure")), str(_("unit")), f"{_('value')}（{period.label}）",
            f"{_('previous value')}（{period.previous().label}）", str(_("change"))]
    figures = []
    for figure in registered():
        now, before = values[figure.id].value, previous[figure.id].value
        figures.append([safe(value) for value in (figure.id, str(figure.label), unit_of(figure), now, before,
                                                  change(now, before))])
    # rust_xlsxwriter streams each sheet: a city's year is 150,000 rows, which openpyxl took 7 s to write.
    out = io.BytesIO()
    book = FastExcel(out).format(bold_headers=True, datetime_format=DATE_TIME)
    book.sheet(str(_("Figures")), _records(keys, figures))
    for title, keys, rows in sheets:
        book.sheet(title[:31], _records(keys, rows), column_formats=_date_columns(keys, rows))
    book.save()
    return out.getvalue()
