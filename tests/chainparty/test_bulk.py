"""Bulk work pauses Python's cycle collector while it runs (chainparty/bulk.py) and leaves it as it found it."""
from __future__ import annotations

import gc
from datetime import date

import pytest

from chainparty.bulk import cycle_collection_paused


@pytest.fixture(autouse=True)
def _collector_enabled_around_each_test():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_paused_within_the_block_and_runs_again_after():
    with cycle_collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error():
    with pytest.raises(ZeroDivisionError), cycle_collection_paused():
        1 / 0
    assert gc.isenabled()


def test_a_collector_paused_by_someone_else_stays_paused():
    gc.disable()
    with cycle_collection_paused():
        pass
    assert not gc.isenabled()


def test_nested_and_repeated_calls_of_a_decorated_function_each_restore_what_they_found():
    seen = []

    @cycle_collection_paused()
    def work(depth: int) -> None:
        seen.append(gc.isenabled())
        if depth:
            work(depth - 1)

    work(2)
    assert seen == [False, False, False] and gc.isenabled()
    work(0)
    assert gc.isenabled()


@pytest.mark.django_db
def test_the_follow_up_pass_runs_with_the_collector_paused(monkeypatch):
    from services import followups

    seen = []
    monkeypatch.setattr(followups, "run_auto_close", lambda today: seen.append(gc.isenabled()) or 0)
    followups.follow_up(today=date(2026, 3, 16))
    assert seen == [False] and gc.isenabled()


@pytest.mark.django_db
def test_the_workbook_is_written_with_the_collector_paused(world, monkeypatch):
    from chainparty.access import scope_for
    from chainparty.figures import Area, Period
    from chainparty.reports import render

    seen = []
    real = render.ListsReader.sheets
    monkeypatch.setattr(render.ListsReader, "sheets", lambda *args: seen.append(gc.isenabled()) or real(*args))
    assert render.render_xlsx(Area.of(world.city), Period(2025), scope_for(world.city_official))
    assert seen == [False] and gc.isenabled()


@pytest.mark.parametrize("step", ["import_action", "process_import"])
def test_the_preview_and_the_import_of_a_file_run_with_the_collector_paused(step, rf, monkeypatch):
    from django.contrib import admin
    from import_export.admin import ImportExportMixin

    from enterprises.models import Enterprise

    seen = []
    monkeypatch.setattr(ImportExportMixin, step, lambda self, request, **kwargs: seen.append(gc.isenabled()))
    getattr(admin.site._registry[Enterprise], step)(rf.post("/"))
    assert seen == [False] and gc.isenabled()
