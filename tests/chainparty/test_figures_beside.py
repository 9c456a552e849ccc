"""The figures computed on two threads (chainparty/figures.py, ``compute_periods``; chainparty/beside.py): on
PostgreSQL, outside a transaction, two threads take the figures from the two ends of one list, each on its own
connection, in the caller's language, time zone and replica; an aggregate that figures share is computed once;
a failure on either thread fails the computation and leaves no thread behind. In a transaction, in turn."""
from __future__ import annotations

import contextvars
import threading
import time

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, router
from django.utils import timezone, translation

from chainparty import figures
from chainparty.access import scope_for
from chainparty.db_routers import reading_from_replica
from chainparty.figure_cache import figures_for
from chainparty.figures import (Area, Figure, FigureValue, Period, compute_all, compute_periods, computed_together,
                                shared, shared_by_period)
from chainparty.reports.render import render_xlsx
from services.models import Need

from .dashboard_data import populate

committed = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="a second connection reads beside "
                                     "the first on PostgreSQL only")
PERIODS = [Period(2025), Period(2024)]


def helpers_left() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name.startswith("figures")]


@pytest.fixture
def calls(monkeypatch):
    """Each figure computed: by which thread, in which language and time zone, reading which database."""
    seen = []
    real = Figure.__call__

    def call(figure, area, period):
        seen.append({"figure": figure.id, "period": period, "thread": threading.current_thread(),
                     "language": translation.get_language(), "zone": timezone.get_current_timezone_name(),
                     "database": router.db_for_read(Need), "connection": connections[DEFAULT_DB_ALIAS]})
        return real(figure, area, period)

    monkeypatch.setattr(Figure, "__call__", call)
    return seen


@pytest.fixture
def fake_registry(monkeypatch):
    """A registry of figures made for the test (no database): ``add(id, compute)``; the threads read beside."""
    registry = {}
    monkeypatch.setattr(figures, "REGISTRY", registry)
    monkeypatch.setattr(figures, "reads_beside", lambda model: True)

    def add(figure_id, compute):
        registry[figure_id] = Figure(figure_id, figure_id, "", compute)
    return add


def values_of(computed: list[dict[str, FigureValue]]) -> list[dict]:
    return [{pk: (value.value, value.breakdown) for pk, value in values.items()} for values in computed]


@postgresql_only
@committed
def test_the_figures_are_computed_on_two_threads_as_they_are_in_turn(world, calls, monkeypatch):
    populate(world, n=2)
    area = Area.of(world.city)
    with translation.override("en"), timezone.override("Asia/Urumqi"):  # not the defaults: the helper takes ours
        on_two = values_of(compute_periods(area, PERIODS))
        threads = {call["thread"] for call in calls}
        assert len(calls) == 2 * len(figures.registered())
        monkeypatch.setattr(figures, "reads_beside", lambda model: False)
        in_turn = values_of(compute_periods(area, PERIODS))
    assert on_two == in_turn
    assert on_two[0]["F18"][0] > 0  # the data is not empty, so the comparison means something
    helper = threads - {threading.current_thread()}
    assert threading.current_thread() in threads and len(helper) == 1
    assert {(call["language"], call["zone"]) for call in calls} == {("en", "Asia/Urumqi")}
    helper_calls = [call for call in calls if call["thread"] in helper]
    assert helper_calls[0]["figure"] == figures.registered()[-1].id  # it takes from the other end
    assert helper_calls[0]["connection"].connection is None  # its connection was closed with it
    assert not helpers_left()


@postgresql_only
@committed
def test_the_overview_reads_its_figures_on_two_threads_from_the_replica(world, calls, settings):
    populate(world)
    settings.DATABASE_REPLICAS = ["replica"]
    settings.FIGURES_CACHE_SECONDS = 0
    with reading_from_replica():
        figures_for(Area.of(world.city), PERIODS)
    assert {call["database"] for call in calls} == {"replica"}
    assert len({call["thread"] for call in calls}) == 2


@postgresql_only
@committed
def test_one_periods_figures_are_computed_on_two_threads_too(world, calls):
    """The Word report and the figures API ask for one period (compute_all)."""
    populate(world)
    computed = dict(compute_all(Area.of(world.city), Period(2025)))
    assert [figure.id for figure in computed] == [figure.id for figure in figures.registered()]
    assert len({call["thread"] for call in calls}) == 2


@postgresql_only
@committed
def test_the_workbook_computes_its_figures_on_its_own_thread_while_its_lists_are_read_on_the_other(world, calls):
    populate(world)
    render_xlsx(Area.of(world.city), Period(2025), scope_for(world.city_official))
    assert {call["thread"] for call in calls} == {threading.current_thread()}  # a third connection gained nothing


def test_in_a_transaction_the_figures_are_computed_in_turn_on_the_callers_connection(world, calls):
    """A second connection would not see the rows this transaction holds (here: the test's)."""
    populate(world)
    computed = compute_periods(Area.of(world.city), PERIODS)
    assert computed[0]["F18"].value > 0
    assert {call["thread"] for call in calls} == {threading.current_thread()}
    assert [(call["figure"], call["period"]) for call in calls] == \
        [(figure.id, period) for period in PERIODS for figure in figures.registered()]


def test_an_aggregate_figures_share_is_computed_once_by_whichever_thread_asks_first(fake_registry):
    computed, started = [], threading.Event()

    def slow_sum(periods):
        computed.append((threading.current_thread(), tuple(periods)))
        started.set()
        time.sleep(0.2)  # long enough for the other thread to ask meanwhile
        return {period: period.year for period in periods}

    def by_period(area, period):
        return FigureValue(shared_by_period("sum", period, slow_sum))

    def kept(area, period):
        started.wait(1)
        return FigureValue(shared("once", lambda: computed.append("once") or 7))

    for figure_id in ("F01", "F02", "F03", "F04"):
        fake_registry(figure_id, by_period)
    fake_registry("F05", kept)
    fake_registry("F06", kept)
    result = compute_periods(None, PERIODS)
    assert [values["F01"].value for values in result] == [2025, 2024]
    assert [values["F06"].value for values in result] == [7, 7]
    assert computed.count("once") == 1
    sums = [each for each in computed if each != "once"]
    assert len(sums) == 1 and sums[0][1] == (Period(2025), Period(2024))  # both periods, asked for once
    assert not helpers_left()


@pytest.mark.parametrize("failing", ["F01", "F06"], ids=["on this thread", "on the helper"])
def test_a_figure_that_fails_fails_the_computation_and_leaves_no_thread_behind(fake_registry, failing):
    computed = []

    def compute(area, period):
        time.sleep(0.05)  # the other thread has time to start and fail meanwhile, however busy the machine
        computed.append(threading.current_thread())
        return FigureValue(1)

    def fails(area, period):
        raise RuntimeError("the database went away")

    for figure_id in ("F01", "F02", "F03", "F04", "F05", "F06"):
        fake_registry(figure_id, fails if figure_id == failing else compute)
    with pytest.raises(RuntimeError, match="went away"):
        compute_periods(None, PERIODS)
    assert len(computed) <= 2  # the other thread took no more once it failed (5 or more if it went on)
    assert not helpers_left()


def test_a_failed_aggregate_reaches_whoever_waited_for_it_and_is_not_kept():
    entered, attempts = threading.Event(), []

    def fails():
        attempts.append(1)
        entered.set()
        time.sleep(0.2)
        raise RuntimeError("cancelled by the server")

    errors = []
    with computed_together():
        def wait_for_it():
            entered.wait(1)
            try:
                shared("sums", fails)
            except RuntimeError as error:
                errors.append(error)
        waiter = threading.Thread(target=contextvars.copy_context().run, args=(wait_for_it,))
        waiter.start()
        with pytest.raises(RuntimeError, match="cancelled"):
            shared("sums", fails)
        waiter.join()
        assert [str(error) for error in errors] == ["cancelled by the server"]
        assert len(attempts) == 1
        assert shared("sums", lambda: 3) == 3  # asked again, computed again


def test_an_aggregate_that_leaves_out_a_period_asked_for_fails_and_keeps_nothing():
    """A period left out would leave a thread waiting for it forever: the asker fails instead."""
    with computed_together(PERIODS):
        with pytest.raises(KeyError):
            shared_by_period("sums", PERIODS[0], lambda periods: {PERIODS[0]: 1})
        answer = []
        asker = threading.Thread(target=contextvars.copy_context().run, daemon=True, args=(lambda: answer.append(
            shared_by_period("sums", PERIODS[1], lambda periods: {each: each.year for each in periods})),))
        asker.start()
        asker.join(5)  # not forever: the bug this guards against is a wait that never ends
        assert answer == [2024]
        assert shared_by_period("sums", PERIODS[0], lambda periods: {}) == 2025  # read with the other, kept
