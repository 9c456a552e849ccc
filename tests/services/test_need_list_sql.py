"""The needs list filtered by status and category: no SELECT DISTINCT over every column, and no need twice."""
from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from services.models import Need
from tests import factories as f

from .needs_world import w  # noqa: F401  (fixture)


def test_filtering_by_several_statuses_and_a_chain_lists_each_need_once_without_distinct(w, api_as):
    need = f.NeedFactory(enterprise=w.enterprise_a, status=Need.Status.SUBMITTED)
    need.chains.add(w.chain_b)  # on two chains: a join on the chains would repeat it
    f.NeedFactory(enterprise=w.enterprise_a, status=Need.Status.ACCEPTED)
    f.NeedFactory(enterprise=w.enterprise_a, status=Need.Status.CLOSED)
    client = api_as(w.city_official)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/needs/?status=submitted&status=accepted&category={need.category}"
                              f"&chain={w.chain_a.pk}")
    assert response.status_code == 200
    ids = [row["id"] for row in response.json()["results"]]
    assert need.pk in ids and len(ids) == len(set(ids))
    assert not any("DISTINCT" in query["sql"] for query in queries.captured_queries)
