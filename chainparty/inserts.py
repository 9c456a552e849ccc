"""Inserting tens of thousands of rows built as tuples, in one statement and without a model instance per row.

``bulk_create`` builds and prepares an instance per row (tens of microseconds each), then sends every value as
its own array element, which PostgreSQL parses one by one: for the hundred thousand notifications of a
follow-up pass that is seconds on each side. On PostgreSQL these rows travel as one JSON document instead,
read back with ``jsonb_array_elements`` and cast to the columns' types (``jsonb``, parsed once: with ``json``
each ``->>`` parses its row again, twice the time); elsewhere it is ``bulk_create``.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


def insert_rows(model, fields: Sequence[str], rows: Sequence[Sequence], *, constants: Mapping[str, Any] | None = None,
                ignore_conflicts: bool = False, conflicts_are_rare: bool = False,
                returning: Sequence[str] = ()) -> list[tuple]:
    """Insert ``rows``, tuples of values in the order of ``fields`` (attnames, e.g. ``need_id``).

    Values are plain Python values (str, int, bool, date, aware datetime, UUID, Decimal, None; for a JSON field,
    what ``json.dumps`` takes): nothing else converts them. ``constants`` (attname → value) are the same for every
    row: sent once, not in each row. Every other field but the primary key gets its default, computed once for
    all the rows (a timestamp is the same for each). ``ignore_conflicts`` skips the
    rows a unique constraint refuses, as ``bulk_create``'s does; with ``conflicts_are_rare`` (the caller expects
    every row to be new), PostgreSQL first inserts them plainly, which spares ``ON CONFLICT`` its extra index
    probe per row, and only if a unique constraint refuses one after all inserts them again skipping conflicts.
    ``returning`` (PostgreSQL only) names columns to return for each row inserted.
    """
    if not rows:
        return []
    constants = dict(constants or {})
    if connection.vendor != "postgresql":
        if returning:
            raise NotImplementedError("insert_rows(returning=…) needs PostgreSQL")
        model.objects.bulk_create([model(**dict(zip(fields, row)), **constants) for row in rows],
                                  ignore_conflicts=ignore_conflicts)
        return []
    if ignore_conflicts and conflicts_are_rare:
        try:
            with transaction.atomic():
                return insert_rows(model, fields, rows, constants=constants, returning=returning)
        except IntegrityError:
            logger.info("%s rows expected to be new were not all new: inserted again, skipping conflicts",
                        model._meta.label)
    meta, quote = model._meta, connection.ops.quote_name
    given = [meta.get_field(name) for name in fields]
    fixed = [meta.get_field(name) for name in constants]
    others = [field for field in meta.concrete_fields
              if field not in given and field not in fixed and not field.primary_key]
    values = [_value(index, _type(field)) for index, field in enumerate(given)]
    values += [f"%s::{_type(field)}" for field in [*fixed, *others]]
    columns = ", ".join(quote(field.column) for field in [*given, *fixed, *others])
    sql = (f"INSERT INTO {quote(meta.db_table)} ({columns}) "
           f"SELECT {', '.join(values)} FROM jsonb_array_elements(%s::jsonb) AS row")
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    if returning:
        sql += f" RETURNING {', '.join(quote(meta.get_field(name).column) for name in returning)}"
    fixed_values = [field.get_db_prep_save(value, connection) for field, value in zip(fixed, constants.values())]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*fixed_values, *_defaults(others), json.dumps(rows, ensure_ascii=False, default=str)])
        return cursor.fetchall() if returning else []


def _value(index: int, type_: str) -> str:
    """The row's ``index``-th value as the column's type; a JSON field's value as JSON (``->>`` gives its text),
    None as SQL NULL, as Django saves it."""
    if type_ in ("json", "jsonb"):
        return f"NULLIF(row->{index}, 'null'::jsonb)::{type_}"
    return f"(row->>{index})::{type_}"


def _type(field) -> str:
    """The column's type without its length (``varchar``, not ``varchar(20)``): no silent truncation."""
    return field.db_type(connection).split("(")[0]


def _defaults(fields) -> list:
    now = timezone.now()
    return [now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            else field.get_db_prep_save(field.get_default(), connection) for field in fields]
