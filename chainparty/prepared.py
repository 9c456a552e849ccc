"""Queries the ORM builds once and the database answers many times, with new values each time.

Building and compiling a queryset costs Python time in every request: for a small dashboard query, three times what
PostgreSQL takes to answer it. A ``Prepared`` query is built by a function of named values, compiled once per
database vendor and *shape* of those values (which are given, how many ids a list holds), and afterwards only
its parameters change: ``QUERY.rows(area_ids=..., start=...)``. The shapes a query meets are few (the sizes of
the officials' areas, say), and each is kept for the life of the process.

The build function must hand its values to the ORM as they are (to ``filter``, ``Q``, ``Value``...): the query is
compiled twice, from two sets of stand-ins, and a value that changed the SQL text, or that reached it other than as a
parameter of its own (``start.year``, say), makes the query ``NotPreparable`` at its first use; so does a date the
build reads for itself (today's would be kept for good), and a query the build runs (it would read the stand-ins'
rows). Booleans and None are part of the shape: the build may
branch on them.
"""
from __future__ import annotations

import re
import threading
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from itertools import count
from typing import Any, Callable

from django.apps import apps
from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import QuerySet
from django.db.models.query import FlatValuesListIterable, ModelIterable, ValuesIterable, ValuesListIterable
from django.utils.functional import cached_property

Path = tuple[str, int | None]  # a value's name, and its index when the value is a list of ids


class NotPreparable(TypeError):
    """The build function used a value other than by handing it to the ORM."""


def _is_many(value) -> bool:
    return isinstance(value, (list, tuple, set, frozenset))


def _kind(value) -> str:
    if isinstance(value, bool) or value is None:
        return "fixed"
    if isinstance(value, int):
        return "int"
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError(f"a prepared query takes aware datetimes: {value!r}")
        return "datetime"
    if isinstance(value, date):
        return "date"
    if isinstance(value, str):
        return "str"
    raise TypeError(f"a prepared query takes ints, dates, times, strings, lists of them, booleans and None: {value!r}")


def _shape(values: dict[str, Any]) -> tuple:
    shape = []
    for name, value in sorted(values.items()):
        if _is_many(value):
            members = _members(value)
            kinds = {_kind(member) for member in members}
            if len(kinds) > 1 or "fixed" in kinds:
                raise TypeError(f"a prepared query takes lists of ints, dates, times or strings, one kind each: {name}")
            shape.append((name, "many", len(members), kinds.pop() if kinds else None))
        else:
            kind = _kind(value)
            shape.append((name, kind, value if kind == "fixed" else None))
    return tuple(shape)


def _members(value) -> list:
    """A list's distinct members in a fixed order (``__in`` drops repeats: their number is not part of the SQL)."""
    return sorted(set(value))


def _stand_ins(values: dict[str, Any], round_: int) -> tuple[dict[str, Any], dict[Any, Path]]:
    """Values of the same shape that no real value takes, each distinct; and where each came from. The two rounds
    differ in sign, every part of a date, the ends and length of a string, so a value used in Python shows."""
    numbers = count(1)

    def stand_in(kind):
        n = next(numbers)
        if round_ == 0:
            return {"int": -1_000_000_000 - n, "date": date(1, 1, 1) + timedelta(days=n),
                    "datetime": datetime(1, 1, 2, tzinfo=dt_timezone.utc) + timedelta(seconds=n),
                    "str": f"\u2983{n}\u2984"}[kind]
        return {"int": 2_000_000_000 + 7 * n, "date": date(3, 6, 15) + timedelta(days=2 * n),
                "datetime": datetime(3, 6, 15, 7, 11, 13, 5, tzinfo=dt_timezone.utc) + timedelta(days=2 * n),
                "str": f"\u27e6{1000 + 7 * n}:\u27e7"}[kind]

    built, origin = {}, {}
    for name, value in values.items():
        if _is_many(value):
            built[name] = [stand_in(_kind(member)) for member in _members(value)]
            origin.update({member: (name, index) for index, member in enumerate(built[name])})
        elif _kind(value) == "fixed":
            built[name] = value
        else:
            built[name] = stand_in(_kind(value))
            origin[built[name]] = (name, None)
    return built, origin


@dataclass(frozen=True)
class _Compiled:
    sql: str | None  # None: the query can match nothing (an empty list of ids)
    params: tuple
    slots: tuple[tuple[int, Path], ...]  # parameter position ← value
    names: tuple[str, ...]
    converters: tuple
    flat: bool
    as_dicts: bool
    as_instances: bool


_MATCHES_NOTHING = _Compiled(None, (), (), (), (), flat=False, as_dicts=False, as_instances=False)


class Prepared:
    """A queryset of ``model`` built by ``build(**values)``, compiled once per shape: a ``values()`` or
    ``values_list()`` query, or the model's own rows (no related rows, annotations or deferred fields)."""

    def __init__(self, model, build: Callable[..., QuerySet]):
        self._model = model  # a model, or "app_label.Model" for a module the models import
        self.build = build
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    @cached_property
    def model(self):
        return apps.get_model(self._model) if isinstance(self._model, str) else self._model

    def rows(self, **values) -> list:
        """The rows for ``values``: dicts for a ``values()`` query, tuples (or single values, flat) for
        ``values_list()``, instances of the model otherwise."""
        alias = router.db_for_read(self.model)
        connection = connections[alias]
        key = (connection.vendor, _shape(values))
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(alias, values)
                self._compiled[key] = compiled
        if compiled.sql is None:
            return []
        params, lists = list(compiled.params), {}
        for position, (name, index) in compiled.slots:
            if index is None:
                value = values[name]
            else:
                if name not in lists:
                    lists[name] = _members(values[name])
                value = lists[name][index]
            params[position] = _adapted(connection, value)
        with connection.cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        rows = _converted(rows, compiled.converters, connection)
        if compiled.as_instances:
            return [self.model.from_db(alias, compiled.names, row) for row in rows]
        if compiled.as_dicts:
            return [dict(zip(compiled.names, row)) for row in rows]
        if compiled.flat:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _compile(self, alias: str, values: dict[str, Any]) -> _Compiled:
        connection = connections[alias]
        (first, first_origin), (second, second_origin) = _stand_ins(values, 0), _stand_ins(values, 1)
        (queryset, as_instances), (other, _) = self._built(first), self._built(second)
        iterable = queryset._iterable_class
        compiler = queryset.query.get_compiler(alias)
        try:
            sql, params = compiler.as_sql()
            other_sql, other_params = other.query.get_compiler(alias).as_sql()
        except EmptyResultSet:
            return _MATCHES_NOTHING
        if sql != other_sql or len(params) != len(other_params):
            raise NotPreparable(f"{self.build.__qualname__}: a value changed the SQL itself, not a parameter")
        slots = []
        first_origin = {_adapted(connection, key): path for key, path in first_origin.items()}
        second_origin = {_adapted(connection, key): path for key, path in second_origin.items()}
        for position, (one, other) in enumerate(zip(params, other_params)):
            if one == other:
                if _is_a_date(one):  # today's, say, read by the build: it would be kept for good
                    raise NotPreparable(f"{self.build.__qualname__}: parameter {position} is a date ({one}) that is "
                                        "not one of the values: take it as a value")
                continue  # a constant of the query
            path = first_origin.get(one)
            if path is None or second_origin.get(other) != path:
                raise NotPreparable(f"{self.build.__qualname__}: parameter {position} ({one!r}) was derived from a "
                                    "value, not the value itself")
            slots.append((position, path))
        query = queryset.query
        names = list(query.selected) if query.selected else [
            *query.extra_select, *query.values_select, *query.annotation_select]
        fields = [column[0] for column in compiler.select[0:compiler.col_count]]
        return _Compiled(sql, tuple(params), tuple(slots), tuple(names),
                         tuple(compiler.get_converters(fields).items()), flat=iterable is FlatValuesListIterable,
                         as_dicts=iterable is ValuesIterable, as_instances=as_instances)

    def _built(self, values: dict[str, Any]) -> tuple[QuerySet, bool]:
        """The query built from ``values``, selecting values; and whether its rows make instances of the model."""
        with ExitStack() as stack:  # a query run while building would have read the stand-ins' rows, for good
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(_no_query_while_building))
            queryset = self.build(**values)
        if not isinstance(queryset, QuerySet):
            raise NotPreparable(f"{self.build.__qualname__} built no queryset")
        if queryset._iterable_class is ModelIterable:
            query = queryset.query
            if query.select_related or query.annotations or query.deferred_loading[0] or not query.default_cols:
                raise NotPreparable("a prepared query of instances reads the model's own fields only")
            # Model.from_db takes the concrete fields' values in order: the same columns as the model's rows.
            return queryset.values_list(*(field.attname for field in self.model._meta.concrete_fields)), True
        if queryset._iterable_class not in (ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            raise NotPreparable("a prepared query selects the model's rows, values() or values_list()")
        return queryset, False


def _no_query_while_building(execute, sql, params, many, context):
    raise NotPreparable(f"the build of a prepared query ran a query (its values were stand-ins): {sql[:200]}")


def _is_a_date(param) -> bool:
    """A date or a time as a driver takes it (SQLite's: text)."""
    return isinstance(param, (date, datetime)) or (isinstance(param, str) and bool(_DATE_TEXT.match(param)))


_DATE_TEXT = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _adapted(connection, value):
    """A value as the backend passes it to the driver (SQLite's dates and times are text)."""
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, date):
        return connection.ops.adapt_datefield_value(value)
    return value


def _converted(rows, converters, connection) -> list:
    """The rows with the fields' and the backend's converters applied, as the ORM applies them."""
    if not converters:
        return rows
    rows = [list(row) for row in rows]
    for row in rows:
        for position, (functions, expression) in converters:
            value = row[position]
            for function in functions:
                value = function(value, expression, connection)
            row[position] = value
    return rows
