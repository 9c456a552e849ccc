"""The workbook's lists (chainparty/reports/lists.py): on PostgreSQL, with the rows committed, they are read on a
second connection while the figures are computed, and the workbook is the same as when they are read in turn."""
from __future__ import annotations

import io
import threading

import openpyxl
import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, router
from django.utils import translation

from chainparty.access import scope_for
from chainparty.db_routers import reading_from_replica
from chainparty.figures import Area, Period
from chainparty.reports import lists
from chainparty.reports.render import render_xlsx
from services.models import Need

from .dashboard_data import populate

committed = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the lists are read beside the "
                                     "figures on PostgreSQL only")


@pytest.fixture
def reads(monkeypatch):
    """Each list read: the thread, the connection and the database it was read from."""
    seen = []
    real = lists.RecordList.sheet

    def sheet(record_list, records, scope):
        seen.append({"list": record_list.figure_id, "thread": threading.current_thread(),
                     "connection": connections[DEFAULT_DB_ALIAS], "database": router.db_for_read(Need)})
        return real(record_list, records, scope)

    monkeypatch.setattr(lists.RecordList, "sheet", sheet)
    return seen


def cells(content: bytes) -> list[list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return [list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets]


def workbook(world) -> bytes:
    return render_xlsx(Area.of(world.city), Period(2025), scope_for(world.city_official))


@postgresql_only
@committed
def test_the_lists_are_read_beside_the_figures_and_make_the_same_workbook(world, reads, monkeypatch):
    populate(world)
    with translation.override("en"):  # not the default language: the reader must take the caller's
        beside = workbook(world)
        monkeypatch.setattr(lists, "reads_beside", lambda model: False)
        in_turn = workbook(world)
    assert [read["list"] for read in reads] == ["F18", "F27", "F16", "F14", "F06"] * 2
    reader = {read["thread"] for read in reads[:5]}
    assert len(reader) == 1 and reader != {threading.current_thread()}
    assert {read["thread"] for read in reads[5:]} == {threading.current_thread()}
    assert cells(beside) == cells(in_turn)
    needs = cells(beside)[1]
    assert needs[0][:4] == ("No.", "title", "category", "status") and len(needs) == 5
    assert not any(thread.name.startswith("workbook-lists") for thread in threading.enumerate())
    assert reads[0]["connection"].connection is None  # the reader's connection was closed with its thread


@postgresql_only
@committed
def test_the_lists_read_beside_come_from_the_replica_the_report_reads(world, reads, settings):
    populate(world)
    settings.DATABASE_REPLICAS = ["replica"]
    with reading_from_replica():
        workbook(world)
    assert {read["database"] for read in reads} == {"replica"}
    assert {read["thread"] for read in reads} != {threading.current_thread()}


@postgresql_only
@committed
def test_a_list_that_cannot_be_read_fails_the_workbook_and_leaves_no_reader_behind(world, monkeypatch):
    populate(world)
    read = []

    def failing(record_list, records, scope):
        read.append(record_list.figure_id)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(lists.RecordList, "sheet", failing)
    with pytest.raises(RuntimeError, match="went away"):
        workbook(world)
    assert read[0] == "F18"
    assert not any(thread.name.startswith("workbook-lists") for thread in threading.enumerate())


def test_in_a_transaction_the_lists_are_read_in_turn_on_the_callers_connection(world, reads):
    """A second connection would not see the rows this transaction holds (here: the test's)."""
    populate(world)
    book = cells(workbook(world))
    assert len(book[1]) == 5  # the four needs of 2025 the transaction holds
    assert {read["thread"] for read in reads} == {threading.current_thread()}
    assert {read["connection"] for read in reads} == {connections[DEFAULT_DB_ALIAS]}
