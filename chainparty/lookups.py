"""``id IN (…)`` for thousands of ids at once (the periodic passes read ten thousand needs per batch).

Django prepares each value of an ``__in`` list and sends it as its own parameter, which PostgreSQL then parses
one by one; ``among()`` sends the ids as one array literal there (``= ANY('{…}'::bigint[])``). Elsewhere it is
the plain ``__in`` lookup.
"""
from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import F, Lookup, Q


class AnyOf(Lookup):
    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs_sql, lhs_params = self.process_lhs(compiler, connection)
        rhs_sql, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs_sql} = ANY({rhs_sql}::bigint[])", [*lhs_params, *rhs_params]


def among(field: str, ids: Iterable[int]) -> Q | Lookup:
    """A filter: ``field`` (an integer key) is one of ``ids``."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        return AnyOf(F(field), "{" + ",".join(str(int(pk)) for pk in ids) + "}")
    return Q(**{f"{field}__in": ids})
