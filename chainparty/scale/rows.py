"""Inserting many rows: ``bulk_create`` everywhere, and PostgreSQL's COPY where the database is PostgreSQL.

Django's ``bulk_create`` spends most of its time turning each value into SQL parameters (about 15 µs a
value): for the two million rows of a city that alone is minutes. On PostgreSQL the same rows go in with
``COPY … FROM STDIN`` into the model's own table and columns, ids drawn from the table's sequence first
so the objects get their pk as with ``bulk_create``. The database checks every constraint either way.
"""
from __future__ import annotations

import io
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Sequence

from django.db import connection, models

BATCH = 2000
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _text(value) -> str:
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (int, Decimal, float)):
        return str(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPES)
    return str(value).translate(_ESCAPES)


def _copy(table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(map(_text, row)))
        buffer.write("\n")
    buffer.seek(0)
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN", buffer)


def _new_ids(model, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [row[0] for row in cursor.fetchall()]


def bulk(model, objects: Iterable[models.Model], batch_size: int = BATCH) -> list:
    """Insert ``objects`` and give each its pk (like ``bulk_create``, which it is on other databases)."""
    objects = list(objects)
    if not objects:
        return objects
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=batch_size)
        return objects
    for obj, pk in zip(objects, _new_ids(model, len(objects))):
        obj.pk = pk
    fields = model._meta.concrete_fields
    stamped = [field for field in fields if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    for obj in objects:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        for field in stamped:
            field.pre_save(obj, add=True)
    for start in range(0, len(objects), 50_000):
        _copy(model._meta.db_table, [field.column for field in fields],
              ([getattr(obj, field.attname) for field in fields] for obj in objects[start:start + 50_000]))
    for obj in objects:
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


def bulk_rows(model, columns: Sequence[str], rows: list[Sequence], batch_size: int = 5000) -> None:
    """Insert plain rows (values in the order of ``columns``, attnames), without building model instances."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**dict(zip(columns, row))) for row in rows], batch_size=batch_size)
        return
    fields = [model._meta.get_field(column) for column in columns]
    for start in range(0, len(rows), 100_000):
        _copy(model._meta.db_table, [field.column for field in fields], rows[start:start + 100_000])
