"""among(): a filter on thousands of ids, one array parameter on PostgreSQL."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chainparty.lookups import among
from chainparty.models import User

from .. import factories as f


def test_among_finds_exactly_the_ids_given(db):
    people = [f.UserFactory() for _ in range(5)]
    wanted = [people[0].pk, people[3].pk, 10**9]
    with CaptureQueriesContext(connection) as context:
        assert set(User.objects.filter(among("pk", wanted)).values_list("pk", flat=True)) == set(wanted[:2])
    assert not User.objects.filter(among("pk", [])).exists()
    if connection.vendor == "postgresql":
        assert "= ANY(" in context.captured_queries[0]["sql"]


def _index_conditions(queryset) -> list[str]:
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few rows: see what the index would serve
        cursor.execute("EXPLAIN " + sql, params)
        return [row[0] for row in cursor.fetchall() if "Index Cond" in row[0]]


def test_on_postgresql_ids_filling_their_range_are_read_as_the_range_and_scattered_ones_one_by_one(db):
    if connection.vendor != "postgresql":
        pytest.skip("the array lookups are PostgreSQL's; elsewhere among() is __in")
    people = [f.UserFactory() for _ in range(6)]
    dense = [people[1].pk, people[2].pk, people[4].pk]
    [condition] = _index_conditions(User.objects.filter(among("pk", dense)))
    assert f">= {min(dense)}" in condition and f"<= {max(dense)}" in condition and "ANY" not in condition
    assert set(User.objects.filter(among("pk", dense)).values_list("pk", flat=True)) == set(dense)
    scattered = [people[0].pk, people[5].pk + 100]
    [condition] = _index_conditions(User.objects.filter(among("pk", scattered)))
    assert "ANY" in condition
