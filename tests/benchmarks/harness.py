"""Timing one benchmark: its median wall time against the median time of the SQL it issues, run alone.

``measure`` warms the action up, captures the statements of one more run, then ``runs`` times in turn times the
action and replays exactly those statements (parameters already bound by the driver) on the same connection,
fetching every row as Django would. In turn: on a virtual machine whose neighbours come and go, timing all the
actions and then all the replays compared two different moments (the same code measured 1.6–2.6× run to run).
A write runs, and is replayed, inside a savepoint that is rolled back, so the benchmark database stays as it was.
"""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.sql_capture import connections_of_other_threads


@dataclass
class Result:
    name: str
    runs: int
    median_ms: float
    sql_ms: float
    queries: int
    target: str = ""
    met: bool | None = None

    @property
    def ratio(self) -> float:
        return self.median_ms / self.sql_ms if self.sql_ms else float("inf")


RESULTS: list[Result] = []
SERVER_SIDE_CURSOR = re.compile(r'^DECLARE "[^"]+" NO SCROLL CURSOR WITH(OUT)? HOLD FOR ')


def _rolled_back(action: Callable[[], object]) -> object:
    savepoint = transaction.savepoint()
    try:
        return action()
    finally:
        transaction.savepoint_rollback(savepoint)


def _timed(action: Callable[[], object], write: bool) -> float:
    start = time.perf_counter()
    _rolled_back(action) if write else action()
    return (time.perf_counter() - start) * 1000


def captured_statements(action: Callable[[], object], write: bool) -> list[str]:
    """The SQL one run of ``action`` sends (inside the harness's savepoint for a write, so not its own), and the
    SQL of any connection it opens meanwhile (the workbook reads its lists on a second one): replayed one after the
    other on this connection, the database's own time for all of it."""
    def run():
        with connections_of_other_threads() as opened, CaptureQueriesContext(connection) as captured:
            action()
        queries = [*captured.captured_queries, *(query for other in opened for query in other.queries_log)]
        # A server-side cursor (QuerySet.iterator) is replayed as its plain query: the cursor's name is taken.
        return [SERVER_SIDE_CURSOR.sub("", query["sql"]) for query in queries]

    return _rolled_back(run) if write else run()


def replay(statements: list[str], write: bool) -> float:
    """Milliseconds to run ``statements`` alone, as they were sent, fetching their rows."""
    def run():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)  # no params: the captured text is the statement as the server received it
                if cursor.description is not None:
                    cursor.fetchall()

    return _timed(run, write)


def profile(name: str, action: Callable[[], object], write: bool) -> None:
    """With BENCH_PROFILE=<part of a name>, one more run under cProfile: var/profiles/<name>.prof and the top 30."""
    wanted = os.environ.get("BENCH_PROFILE")
    if not wanted or wanted.lower() not in name.lower():
        return
    from django.conf import settings

    profiler = cProfile.Profile()
    profiler.enable()
    _rolled_back(action) if write else action()
    profiler.disable()
    folder = settings.BASE_DIR / "var" / "profiles"
    folder.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(folder / (re.sub(r"[^\w.-]+", "-", name).strip("-") + ".prof"))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    print(f"\n--- profile of {name} ---\n{out.getvalue()}")


def measure(name: str, action: Callable[[], object], *, runs: int = 7, warmup: int = 1, write: bool = False,
            target: str = "", check: Callable[[Result], bool] | None = None) -> Result:
    for _ in range(warmup):
        _rolled_back(action) if write else action()
    statements = captured_statements(action, write)
    profile(name, action, write)
    replay(statements, write)  # warm the server's caches for the statements, as the action's warm-up did
    times, sql_times = [], []
    for _ in range(runs):  # in turn, so that both medians sample the same moments of a noisy machine
        times.append(_timed(action, write))
        sql_times.append(replay(statements, write))
    result = Result(name, runs, statistics.median(times), statistics.median(sql_times), len(statements), target)
    if check is not None:
        result.met = check(result)
    RESULTS.append(result)
    progress = os.environ.get("BENCH_PROGRESS")
    if progress:
        with open(progress, "a", encoding="utf-8") as out:
            out.write(table([result]).splitlines()[-1] + "\n")
    return result


def machine_reference(rounds: int = 5) -> dict[str, float]:
    """How fast this machine is, in two fixed pieces of work (median ms): a Python loop of 3 million additions, and
    PostgreSQL counting 2 million generated rows. The same code measures up to 2× apart on two machines of the same
    kind, and one machine's neighbours move them by as much within the hour: these two say what the machine was
    like when a table was measured."""
    def python_loop():
        total = 0
        for number in range(3_000_000):
            total += number

    def server_count():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM generate_series(1, 2000000)")
            cursor.fetchall()

    return {name: statistics.median(_timed(work, False) for _ in range(rounds))
            for name, work in (("Python loop", python_loop), ("PostgreSQL count", server_count))}


def within(ratio: float | None = None, ms: float | None = None) -> Callable[[Result], bool]:
    """A target: at most ``ratio`` times the SQL alone and/or under ``ms`` milliseconds."""
    def check(result: Result) -> bool:
        return (ratio is None or result.ratio <= ratio) and (ms is None or result.median_ms < ms)
    return check


def table(results: list[Result]) -> str:
    lines = ["| benchmark | runs | median ms | SQL alone ms | ratio | queries | target | met |",
             "|---|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        met = "" if r.met is None else ("yes" if r.met else "**no**")
        lines.append(f"| {r.name} | {r.runs} | {r.median_ms:,.1f} | {r.sql_ms:,.1f} | {r.ratio:.2f} | {r.queries} "
                     f"| {r.target} | {met} |")
    return "\n".join(lines)
