"""The lists behind the figures, one sheet each of the workbook, read through the user's scope.

A city's year is 150,000 rows, read and made into cells in about as long as its 28 figures take to compute. On
PostgreSQL, outside a transaction, ``ListsReader`` reads each list on a second connection from the moment its
figure has named its records, while the caller computes the other figures on its own connection: the database
answers one while Python works on the other (chainparty/beside.py). Elsewhere the lists are read in turn.
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Activity, Agreement, Meeting
from chainparty.beside import Beside, reads_beside
from enterprises.models import MemberReport
from services.categories import NeedCategory
from services.models import Need

Sheet = tuple[str, list[str], list[list]]  # (title, headers, rows)


def _labels(choices) -> dict:
    return {key: str(label) for key, label in choices}


def _need_rows(needs: QuerySet) -> list[list]:
    category, status = _labels(NeedCategory.choices), _labels(Need.Status.choices)
    # The zone looked up once (per row it was half a second of a city's year); the writer writes an aware time as
    # its wall-clock time, as Excel has no time zones (a naive copy per row was another 0.1 s).
    zone = timezone.get_current_timezone()
    return [[n[0], n[1], category.get(n[2], n[2]), status.get(n[3], n[3]), n[4], n[5],
             n[6].astimezone(zone) if n[6] else None, n[7]]
            for n in needs.values_list("pk", "title", "category", "status", "enterprise__name", "county__name",
                                       "submitted_at", "amount_solved")]


def _meeting_rows(meetings: QuerySet) -> list[list]:
    kind, status = _labels(Meeting.Kind.choices), _labels(Meeting.Status.choices)
    return [[m[0], kind.get(m[1], m[1]), m[2] or m[3], m[4], m[5], status.get(m[6], m[6]), m[7], m[8]]
            for m in meetings.values_list("pk", "kind", "alliance__name", "committee__name", "period_start", "date",
                                          "status", "expected_count", "attendance_count")]


def _agreement_rows(agreements: QuerySet) -> list[list]:
    kind, status = _labels(Agreement.Kind.choices), _labels(Agreement.Status.choices)
    return [[a[0], a[1], kind.get(a[2], a[2]), a[3], a[4], status.get(a[5], a[5]), a[6]]
            for a in agreements.values_list("pk", "title", "kind", "alliance__name", "signed_on", "status", "amount")]


def _activity_rows(activities: QuerySet) -> list[list]:
    kind, modes = _labels(Activity.Kind.choices), _labels(Activity.Mode.choices)
    return [[a[0], a[1], kind.get(a[2], a[2]), modes.get(a[3], a[3]), a[4], a[5] or a[6], a[7]]
            for a in activities.values_list("pk", "title", "kind", "mode", "date", "alliance__name",
                                            "committee__name", "workers_recommended")]


def _report_rows(reports: QuerySet) -> list[list]:
    status = _labels(MemberReport.Status.choices)
    return [[r[0], r[1], r[2], r[3], r[4], r[5], r[6], status.get(r[7], r[7])]
            for r in reports.values_list("pk", "organization__name", "year", "quarter", "applications", "admitted",
                                         "hidden_members_found", "status")]


@dataclass(frozen=True)
class RecordList:
    """One sheet: the records behind ``figure_id`` as rows under ``headers``."""

    figure_id: str
    model: type
    title: Any  # lazily translated, as the headers
    headers: tuple
    rows: Callable[[QuerySet], list[list]]

    def sheet(self, records: QuerySet | None, scope) -> Sheet:
        queryset = records if records is not None else self.model.objects.none()
        return (str(self.title), [str(header) for header in self.headers],
                self.rows(queryset.visible_to(scope).order_by("pk")))


LISTS = (
    RecordList("F18", Need, _("Needs"), (_("No."), _("title"), _("category"), _("status"), _("enterprise"),
                                         _("county"), _("submitted at"), _("amount solved (10,000 yuan)")),
               _need_rows),
    RecordList("F27", Meeting, _("Meetings"), (_("No."), _("kind"), _("alliance or joint committee"), _("period"),
                                               _("date"), _("status"), _("expected to attend"), _("attended")),
               _meeting_rows),
    RecordList("F16", Agreement, _("Agreements"), (_("No."), _("title"), _("kind"), _("alliance"), _("signed on"),
                                                   _("status"), _("amount (10,000 yuan)")),
               _agreement_rows),
    RecordList("F14", Activity, _("Activities"), (_("No."), _("title"), _("kind"), _("online or offline"),
                                                  _("date"), _("organiser"), _("workers recommended")),
               _activity_rows),
    RecordList("F06", MemberReport, _("Member reports"), (_("No."), _("Party organisation"), _("year"), _("quarter"),
                                                          _("applications received"), _("members newly admitted"),
                                                          _("hidden members found"), _("status")),
               _report_rows),
)


class ListsReader:
    """Collects the lists ``add``ed to it and gives them back, in order, as sheets (``sheets``): read on a second
    connection from the moment each is added when ``reads_beside`` (chainparty/beside.py), else in turn when asked
    for."""

    def __init__(self, scope):
        self.scope = scope
        self._sheets: list[Future | Callable[[], Sheet]] = []
        self._beside: Beside | None = None

    def __enter__(self) -> ListsReader:
        if reads_beside(Need):
            self._beside = Beside("workbook-lists").__enter__()
        return self

    def add(self, record_list: RecordList, records: QuerySet | None) -> None:
        read = partial(record_list.sheet, records, self.scope)
        self._sheets.append(read if self._beside is None else self._beside.submit(read))

    def sheets(self) -> list[Sheet]:
        return [sheet.result() if isinstance(sheet, Future) else sheet() for sheet in self._sheets]

    def __exit__(self, *exc_info) -> None:
        if self._beside is not None:
            self._beside.__exit__(*exc_info)
            self._beside = None
