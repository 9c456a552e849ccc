"""Read replicas: the reads of the dashboards, charts, reports and figures API go to a replica, all else to the primary.

Only code run inside ``reading_from_replica()`` (views decorated with ``reads_from_replica``) reads from a replica,
so a page that writes and then reads never meets replication lag. Inside that block, writes, reads in a transaction
of the primary and sign-in state (sessions, lockouts, tokens) still use the primary. Without DATABASE_REPLICA_URL,
``settings.DATABASE_REPLICAS`` is empty and everything uses the primary.
"""
from __future__ import annotations

import random
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

from .access import get_scope

# The replica chosen for the current block: one per block, so every figure of a page is read at one moment.
_replica: ContextVar[str | None] = ContextVar("replica", default=None)

# A just-signed-in user must never be unknown on a replica that lags.
PRIMARY_ONLY_APPS = frozenset({"sessions", "axes", "authtoken"})


@contextmanager
def reading_from_replica():
    """Within the block, reads go to one replica (chosen at random when there are several); also a decorator."""
    replicas = settings.DATABASE_REPLICAS
    alias = _replica.get() or (random.choice(replicas) if replicas else None)
    token = _replica.set(alias)
    try:
        yield alias
    finally:
        _replica.reset(token)


def reads_from_replica(view):
    """View decorator: who may see what is decided on the primary, then the view reads from a replica."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        get_scope(request)
        with reading_from_replica():
            return view(request, *args, **kwargs)

    return wrapper


class ReplicaRouter:
    """DATABASE_ROUTERS entry: the primary (``default``) unless inside ``reading_from_replica()``."""

    def db_for_read(self, model, **hints) -> str:
        alias = _replica.get()
        if alias is None or model._meta.app_label in PRIMARY_ONLY_APPS \
                or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # replicas hold the primary's rows

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
