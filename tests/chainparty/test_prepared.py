"""Prepared queries (chainparty/prepared.py): built and compiled once per shape, then run with each call's values."""
from datetime import date, datetime

import pytest
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractQuarter

from alliances.models import AlliancePosition, Meeting
from chainparty.access import active_on
from chainparty.figures import computed_together
from chainparty.models import Region
from chainparty.prepared import NotPreparable, Prepared

from .dashboard_data import populate


class Counted:
    """A build function that counts how often it is called."""

    def __init__(self, build):
        self.build, self.calls = build, 0
        self.__qualname__ = build.__qualname__

    def __call__(self, **values):
        self.calls += 1
        return self.build(**values)


def regions_by_ids_and_code(ids, code):
    return Region.objects.filter(Q(pk__in=ids) | Q(code=code)).order_by("code").values("pk", "code", "name")


def test_the_rows_are_the_querysets_for_each_calls_values(world):
    prepared = Prepared(Region, regions_by_ids_and_code)
    for ids, code in (([world.county_a.pk], world.city.code), ([world.county_b.pk], "000000"),
                      ({world.city.pk}, world.county_a.code)):
        assert prepared.rows(ids=ids, code=code) == list(regions_by_ids_and_code(ids, code))


def test_the_query_is_built_once_per_shape_then_runs_as_one_query(world, django_assert_num_queries):
    build = Counted(regions_by_ids_and_code)
    prepared = Prepared(Region, build)
    prepared.rows(ids=[world.county_a.pk], code=world.city.code)
    assert build.calls == 2  # two sets of stand-ins, compared
    with django_assert_num_queries(1):
        rows = prepared.rows(ids=[world.county_b.pk], code="000000")
    assert build.calls == 2 and [row["pk"] for row in rows] == [world.county_b.pk]
    prepared.rows(ids=[world.county_a.pk, world.county_b.pk], code="000000")  # two ids: another shape
    assert build.calls == 4
    prepared.rows(ids=[world.county_b.pk, world.county_a.pk, world.county_a.pk], code=world.city.code)
    assert build.calls == 4  # the same two ids, in another order and repeated


def test_an_empty_list_of_ids_matches_nothing_without_a_query(world, django_assert_num_queries):
    prepared = Prepared(Region, lambda ids: Region.objects.filter(pk__in=ids).values_list("pk", flat=True))
    with django_assert_num_queries(0):
        assert prepared.rows(ids=[]) == []
    assert prepared.rows(ids=[world.city.pk]) == [world.city.pk]


def test_a_plain_queryset_gives_instances_as_the_orm_loads_them(world):
    prepared = Prepared(Region, lambda code: Region.objects.filter(code=code))
    [region] = prepared.rows(code=world.county_a.code)
    assert isinstance(region, Region) and region.pk == world.county_a.pk
    assert (region.code, region.name, region.level, region.parent_id) == (
        world.county_a.code, world.county_a.name, world.county_a.level, world.city.pk)
    assert not region._state.adding and region._state.db == "default"
    region.name = "改名县"
    region.save()  # an update of the loaded row, not a second region
    assert Region.objects.get(pk=world.county_a.pk).name == "改名县"


def test_the_values_are_converted_as_the_orm_converts_them(world):
    populate(world)
    query = Prepared(Meeting, lambda kind: Meeting.objects.filter(kind=kind).annotate(
        quarter=ExtractQuarter("period_start")).order_by().values("quarter").annotate(n=Count("pk")))
    rows = query.rows(kind=Meeting.Kind.COUNCIL)
    assert rows == list(query.build(kind=Meeting.Kind.COUNCIL)) and rows
    assert all(type(row["quarter"]) is int for row in rows)  # PostgreSQL's EXTRACT answers a numeric


def test_dates_are_values_of_the_query(world):
    query = Prepared(AlliancePosition, lambda user_id, day: AlliancePosition.objects.filter(
        active_on(day), user_id=user_id).values_list("pk", flat=True))
    position = AlliancePosition.objects.filter(user=world.alliance_staff_a).first()
    AlliancePosition.objects.filter(pk=position.pk).update(start_date=date(2025, 1, 1), end_date=date(2025, 12, 31))
    assert query.rows(user_id=world.alliance_staff_a.pk, day=date(2025, 6, 1)) == [position.pk]
    assert query.rows(user_id=world.alliance_staff_a.pk, day=date(2026, 6, 1)) == []


@pytest.mark.parametrize("build", [
    pytest.param(lambda code: Region.objects.filter(code=code[:3]).values("pk"), id="part-of-a-value"),
    pytest.param(lambda day: Region.objects.filter(code=str(day.year)).values("pk"), id="derived-from-a-value"),
    pytest.param(lambda n: Region.objects.annotate(x=RawSQL(str(n), ())).values("pk", "x"), id="value-in-the-sql-text"),
    pytest.param(lambda n: Region.objects.filter(pk__gt=0).values("pk") if n > 0 else Region.objects.values("pk"),
                 id="value-choosing-the-query"),
    pytest.param(lambda user_id: AlliancePosition.objects.filter(active_on(), user_id=user_id).values("pk"),
                 id="today-read-by-the-build"),
    pytest.param(lambda code: Region.objects.filter(code=code).select_related("parent"), id="related-rows"),
    pytest.param(lambda code: Region.objects.filter(code=code).values_list("pk", named=True), id="named-tuples"),
    pytest.param(lambda code: Region.objects.filter(code=code).iterator(), id="not-a-queryset"),
])
def test_a_build_that_uses_a_value_other_than_by_handing_it_over_is_refused(world, build):
    values = {name: {"code": "320100", "day": date(2025, 1, 1), "n": 1, "user_id": 1}[name]
              for name in build.__code__.co_varnames[:build.__code__.co_argcount]}
    with pytest.raises(NotPreparable):
        Prepared(Region, build).rows(**values)


@pytest.mark.parametrize("value", [1.5, datetime(2025, 1, 1), object(), [1, "2"], [True]])  # naive: which zone?
def test_values_of_other_types_are_refused(world, value):
    with pytest.raises(TypeError):
        Prepared(Region, lambda x: Region.objects.filter(pk=x).values("pk")).rows(x=value)


def test_a_build_that_runs_a_query_is_refused(world):
    """Inside a figure computation the area's bodies are read as lists (alliances/querysets.py): built with
    stand-in regions, that read would have kept nothing for good."""
    query = Prepared(Meeting, lambda area_ids: Meeting.objects.official_reads_in_region(area_ids).values("pk"))
    with computed_together(), pytest.raises(NotPreparable, match="ran a query"):
        query.rows(area_ids=[world.county_a.pk])
    assert query.rows(area_ids=[world.county_a.pk]) == []  # outside one, the bodies are subqueries
