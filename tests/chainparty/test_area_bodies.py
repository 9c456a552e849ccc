"""Inside a figure computation the area's chains, alliances and joint committees are read once, as lists of ids
(alliances/querysets.py ``_bodies_in_region``); outside one they stay subqueries. Both give the same figures, the
same records behind them, and the same bodies."""
from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliances.models import Alliance, IndustrialChain
from alliances.querysets import _alliances_in_region, chains_in_region, committees_in_region
from chainparty.access import scope_for
from chainparty.coverage import gap_counts
from chainparty.figures import Area, computed_together, compute_periods, default_period, registered
from parks.models import JointCommittee

from ..conftest import client_for
from .. import factories as f

pytestmark = pytest.mark.django_db

BODIES_READ = '"parks_jointcommittee"."chain_id" AS "chain_id" FROM "parks_jointcommittee"'  # committees, chains
# A subquery on a table is aliased (U0, V0 …): the area's chains or committees nested in a figure's query.
BODIES_NESTED = re.compile(r'FROM "(parks_jointcommittee|alliances_industrialchain)" [A-Z]\d')


def areas(city) -> list[Area]:
    return [Area.of(region) for region in [city, *city.children.order_by("code")[:2]]]


def test_each_figure_and_its_records_are_the_same_with_the_bodies_read_once(city):
    period = default_period().previous()
    for area in areas(city):
        for figure in registered():
            alone = figure(area, period)
            with computed_together():
                inside = figure(area, period)
                inside_records = None if inside.records is None else set(inside.records.values_list("pk", flat=True))
            assert (inside.value, inside.breakdown) == (alone.value, alone.breakdown), (area.region.name, figure.id)
            alone_records = None if alone.records is None else set(alone.records.values_list("pk", flat=True))
            assert inside_records == alone_records, (area.region.name, figure.id)


def test_the_data_holds_bodies_in_every_area_so_the_comparison_means_something(city):
    for area in areas(city):
        assert IndustrialChain.objects.in_region(area.ids).exists(), area.region.name
        assert JointCommittee.objects.filter(park__county_id__in=area.ids).exists(), area.region.name


def bodies(ids) -> dict:
    return {"chains": chains_in_region(ids), "alliances": _alliances_in_region(ids),
            "committees": committees_in_region(ids), "committee chains": committees_in_region(ids, "chain_id")}


def test_the_lists_hold_what_the_subqueries_select(world):
    """A chain lies in a county through a joint committee of a park there, though its own region is elsewhere."""
    elsewhere = f.ChainFactory(name="外市的链", region=world.other_city)
    alliance = f.AllianceFactory(chain=elsewhere)
    committee = f.CommitteeFactory(park=f.ParkFactory(name="宿城园", county=world.county_a), chain=elsewhere)
    f.CommitteeFactory(park=f.ParkFactory(name="无链园", county=world.county_a), chain=None)
    for region in (world.county_a, world.city, world.other_county):
        ids = frozenset(region.subtree_ids())
        subqueries = bodies(ids)
        with computed_together():
            lists = bodies(ids)
        assert all(isinstance(values, list) for values in lists.values())
        for name, subquery in subqueries.items():
            expected = {row[next(iter(row))] for row in subquery} - {None}
            assert set(lists[name]) == expected, (region.name, name)
    county_a = frozenset(world.county_a.subtree_ids())
    with computed_together():
        assert elsewhere.pk in chains_in_region(county_a) and alliance.pk in _alliances_in_region(county_a)
        assert committee.pk in committees_in_region(county_a)
    assert Alliance.objects.filter(pk__in=_alliances_in_region(county_a)).count() == 2  # a subquery again


def test_the_bodies_are_read_once_for_both_periods_and_the_figures_carry_no_subquery_on_them(city):
    area, period = Area.of(city), default_period()
    with CaptureQueriesContext(connection) as captured:
        compute_periods(area, [period, period.previous()])
    statements = [query["sql"] for query in captured.captured_queries]
    assert sum(BODIES_READ in sql for sql in statements) == 1
    assert not [sql for sql in statements if BODIES_NESTED.search(sql)]
    with CaptureQueriesContext(connection) as captured:
        [figure(area, period) for figure in registered()]
    assert any(BODIES_NESTED.search(query["sql"]) for query in captured.captured_queries)  # alone: subqueries


def test_the_overview_reads_the_bodies_once_for_its_figures_and_its_gaps(world):
    f.NeedFactory(enterprise=world.enterprise_a)
    with CaptureQueriesContext(connection) as captured:
        response = client_for(world.city_official).get(f"/dashboard/?region={world.city.code}")
    assert response.status_code == 200
    assert sum(BODIES_READ in query["sql"] for query in captured.captured_queries) == 1


def test_gaps_counted_with_the_bodies_read_once_equal_them_counted_with_subqueries(city, monkeypatch):
    scope = scope_for(f.UserFactory(username="gaps_admin", is_superuser=True))
    for area in areas(city):
        inside = gap_counts(scope, area, default_period())
        with monkeypatch.context() as patched:
            patched.setattr("alliances.querysets.computing", lambda: False)
            alone = gap_counts(scope, area, default_period())
        assert [(gap.id, count) for gap, count in inside] == [(gap.id, count) for gap, count in alone]
        assert any(count for _gap, count in inside), area.region.name
