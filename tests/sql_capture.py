"""The SQL of connections that other threads open (chainparty/beside.py computes figures and reads lists on a
second connection, in a thread of its own): CaptureQueriesContext sees only this thread's connections."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.signals import connection_created


@contextmanager
def connections_of_other_threads() -> Iterator[list]:
    """Within the block, each connection another thread opens is added to the list given, its SQL recorded in its
    ``queries_log`` (kept after the connection closes)."""
    caller, opened = threading.get_ident(), []

    def record(sender, connection, **kwargs):
        if threading.get_ident() != caller:
            connection.force_debug_cursor = True
            opened.append(connection)

    connection_created.connect(record)
    try:
        yield opened
    finally:
        connection_created.disconnect(record)
