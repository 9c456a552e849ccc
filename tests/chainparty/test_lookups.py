"""among(): a filter on thousands of ids, one array parameter on PostgreSQL."""
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
