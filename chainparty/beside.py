"""Reading on a second database connection while this thread goes on.

A figure or a list costs Python about as long to ask for as PostgreSQL to answer: with the work shared by two
threads, each on its own connection, the database answers one while Python builds the other's next query. The
figures (``on_two_threads`` from ``figures._computed``: the overview, the worker's refresh, the Word report, the
figures API) and the workbook's lists (a ``Beside`` thread of ``reports/lists.py``) are read so. Only on
PostgreSQL and outside a transaction: in one (a test's, or a caller's that wrote first) a second connection would
not see what it holds, and SQLite has nothing to gain. There the work is done in turn on this thread.
"""
from __future__ import annotations

import contextvars
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, router
from django.utils import timezone, translation


def reads_beside(model) -> bool:
    """Whether a second connection sees what this one would read of ``model``: PostgreSQL, and no transaction open
    on the primary or on the database ``model`` is read from (the replica a dashboard reads, ``db_routers``)."""
    aliases = {DEFAULT_DB_ALIAS, router.db_for_read(model)}
    return all(connections[alias].vendor == "postgresql" and not connections[alias].in_atomic_block
               for alias in aliases)


class Beside:
    """A thread of its own, for work ``submit``ted while this one goes on. The work runs in the caller's context
    (its ContextVars: the replica read from, the figures kept so far), language and time zone; the thread's own
    connections are closed when the block ends. Leaving the block on an error cancels the work not yet started
    and waits for the work under way."""

    def __init__(self, name: str):
        self.name = name
        self._pool: ThreadPoolExecutor | None = None
        self._submitted: list[Future] = []

    def __enter__(self) -> Beside:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
        return self

    def submit(self, work: Callable[..., Any], *args) -> Future:
        future = self._pool.submit(contextvars.copy_context().run, _as_caller, translation.get_language(),
                                   timezone.get_current_timezone(), work, *args)
        self._submitted.append(future)
        return future

    def __exit__(self, error_type, *exc_info) -> None:
        if error_type is not None:  # nobody will ask for the work not started yet
            for future in self._submitted:
                future.cancel()
        self._pool.submit(connections.close_all)  # the thread's own connections, after its last work
        self._pool.shutdown(wait=True)
        self._pool = None


Result = TypeVar("Result")


def on_two_threads(jobs: list[Callable[[], Result]], name: str) -> list[Result]:
    """Each job's result, in order, the jobs taken by this thread from the front of the list and by a ``Beside``
    thread from the back, so that the two meet the jobs that share work (neighbours) as late as possible. A job
    that fails stops the other thread after its current job, and its error is raised."""
    results: dict[int, Result] = {}
    waiting = deque(enumerate(jobs))
    failed = threading.Event()

    def take(next_job: Callable[[], tuple[int, Callable[[], Result]]]) -> None:
        while not failed.is_set():
            try:
                index, job = next_job()  # deque's pops are atomic: no lock
            except IndexError:
                return
            try:
                results[index] = job()
            except BaseException:
                failed.set()  # the other thread takes no more
                raise

    with Beside(name) as beside:
        other = beside.submit(take, waiting.pop)
        take(waiting.popleft)
        other.result()
    return [results[index] for index in range(len(jobs))]


def _as_caller(language: str, zone, work: Callable[..., Any], *args) -> Any:
    with translation.override(language), timezone.override(zone):
        return work(*args)
