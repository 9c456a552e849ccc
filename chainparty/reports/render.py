"""Generates the work report (.docx, filled with docxtpl) and its workbook (.xlsx) for a region and period."""
from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from rustpy_xlsxwriter import FastExcel, Format

from alliances.models import Activity, Agreement, Alliance, Meeting, Pairing
from chainparty.bulk import cycle_collection_paused
from chainparty.figure_display import DASH, change, number, unit_of, whole
from chainparty.figures import Area, FigureValue, Period, compute_all, compute_periods
from enterprises.models import MemberReport
from services.categories import NeedCategory
from services.models import Need

from .build import DEFAULT_TEMPLATE
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


def _labels(choices) -> dict:
    return {key: str(label) for key, label in choices}


def _sheets(values: dict[str, FigureValue], scope) -> list[tuple[str, list[str], list[list]]]:
    """(title, headers, rows) of each list behind the figures, through the user's scope."""
    def records(figure_id, model):
        found = values.get(figure_id)
        queryset = found.records if found is not None and found.records is not None else model.objects.none()
        return queryset.visible_to(scope).order_by("pk")

    category, need_status = _labels(NeedCategory.choices), _labels(Need.Status.choices)
    zone = timezone.get_current_timezone()  # looked up once: per row it was half a second of a city's year
    needs = [[n[0], n[1], category.get(n[2], n[2]), need_status.get(n[3], n[3]), n[4], n[5],
              n[6].astimezone(zone).replace(tzinfo=None) if n[6] else None, n[7]]
             for n in records("F18", Need).values_list("pk", "title", "category", "status", "enterprise__name",
                                                       "county__name", "submitted_at", "amount_solved")]
    meeting_kind, meeting_status = _labels(Meeting.Kind.choices), _labels(Meeting.Status.choices)
    meetings = [[m[0], meeting_kind.get(m[1], m[1]), m[2] or m[3], m[4], m[5], meeting_status.get(m[6], m[6]), m[7],
                 m[8]]
                for m in records("F27", Meeting).values_list("pk", "kind", "alliance__name", "committee__name",
                                                             "period_start", "date", "status", "expected_count",
                                                             "attendance_count")]
    agreement_kind, agreement_status = _labels(Agreement.Kind.choices), _labels(Agreement.Status.choices)
    agreements = [[a[0], a[1], agreement_kind.get(a[2], a[2]), a[3], a[4], agreement_status.get(a[5], a[5]), a[6]]
                  for a in records("F16", Agreement).values_list("pk", "title", "kind", "alliance__name", "signed_on",
                                                                 "status", "amount")]
    activity_kind, modes = _labels(Activity.Kind.choices), _labels(Activity.Mode.choices)
    activities = [[a[0], a[1], activity_kind.get(a[2], a[2]), modes.get(a[3], a[3]), a[4], a[5] or a[6], a[7]]
                  for a in records("F14", Activity).values_list("pk", "title", "kind", "mode", "date",
                                                                "alliance__name", "committee__name",
                                                                "workers_recommended")]
    report_status = _labels(MemberReport.Status.choices)
    reports = [[r[0], r[1], r[2], r[3], r[4], r[5], r[6], report_status.get(r[7], r[7])]
               for r in records("F06", MemberReport).values_list("pk", "organization__name", "year", "quarter",
                                                                 "applications", "admitted", "hidden_members_found",
                                                                 "status")]
    return [
        (_("Needs"), [_("No."), _("title"), _("category"), _("status"), _("enterprise"), _("county"),
                      _("submitted at"), _("amount solved (10,000 yuan)")], needs),
        (_("Meetings"), [_("No."), _("kind"), _("alliance or joint committee"), _("period"), _("date"), _("status"),
                         _("expected to attend"), _("attended")], meetings),
        (_("Agreements"), [_("No."), _("title"), _("kind"), _("alliance"), _("signed on"), _("status"),
                           _("amount (10,000 yuan)")], agreements),
        (_("Activities"), [_("No."), _("title"), _("kind"), _("online or offline"), _("date"), _("organiser"),
                           _("workers recommended")], activities),
        (_("Member reports"), [_("No."), _("Party organisation"), _("year"), _("quarter"),
                               _("applications received"), _("members newly admitted"), _("hidden members found"),
                               _("status")], reports),
    ]


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
    from chainparty.figures import registered

    values, previous = compute_periods(area, [period, period.previous()])
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
    for title, headers, rows in _sheets(values, scope):
        keys = [str(header) for header in headers]
        book.sheet(str(title)[:31], _records(keys, rows), column_formats=_date_columns(keys, rows))
    book.save()
    return out.getvalue()
