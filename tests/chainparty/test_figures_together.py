"""Figures computed for two periods together (the overview's period and the one before, the workbook's year and the
year before) read what they share in one scan, and give what each period computed alone gives."""
from __future__ import annotations


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chainparty.figures import Area, Period, compute_all, compute_periods, default_period

pytestmark = pytest.mark.django_db


def alone(area: Area, period: Period) -> dict:
    return {figure.id: (value.value, value.breakdown) for figure, value in compute_all(area, period)}


def together(area: Area, periods: list[Period]) -> list[dict]:
    return [{pk: (value.value, value.breakdown) for pk, value in values.items()}
            for values in compute_periods(area, periods)]


def periods_to_compare() -> list[list[Period]]:
    quarter = default_period()
    return [[quarter, quarter.previous()], [Period(quarter.year), Period(quarter.year - 1)],
            [quarter.previous(), quarter.previous().previous()]]


@pytest.mark.parametrize("periods", periods_to_compare(), ids=str)
def test_each_figure_computed_together_equals_it_computed_alone(city, periods):
    for region in [city, *city.children.order_by("code")[:2]]:
        area = Area.of(region)
        computed = together(area, periods)
        for period, values in zip(periods, computed):
            assert values == alone(area, period), (region.name, str(period))


def test_the_data_is_not_empty_so_the_comparison_means_something(city):
    quarter = default_period().previous()
    values = alone(Area.of(city), Period(quarter.year))
    for figure_id in ("F01", "F02", "F03", "F04", "F06", "F11", "F12", "F13", "F14", "F16", "F17", "F18", "F19", "F23",
                      "F24", "F25", "F26", "F28"):
        assert values[figure_id][0], figure_id


def test_two_periods_together_take_fewer_queries_than_each_alone(city):
    area, quarter = Area.of(city), default_period()
    with CaptureQueriesContext(connection) as each_alone:
        alone(area, quarter), alone(area, quarter.previous())
    with CaptureQueriesContext(connection) as both:
        together(area, [quarter, quarter.previous()])
    # read once for both periods: the member reports (F06–F09), the needs (F18–F19), the activities (F14, F21, F22),
    # the agreements (F16), the pairings (F28), the key enterprises visited (F26); and the area's bodies (its
    # committees, its chains and their alliances: two queries, alliances/querysets.py); the key chains (F01), which
    # do not depend on the period, and the year's projects (F17) when both quarters are of one year; and in one
    # query for both periods the figures of few records: F02, F03, F04, F11, F12, F13, F23, F24, F25, F27
    one_year = quarter.year == quarter.previous().year
    assert len(both) == len(each_alone) - 6 - 2 - 1 - one_year - 10


def test_records_given_as_a_function_are_built_once_when_first_read():
    from chainparty.figures import FigureValue

    built = []

    def records():
        built.append(1)
        return ["the records"]

    value = FigureValue(3, records, {})
    assert built == []  # the overview reads values only: nothing built
    assert value.records == ["the records"] and value.records == ["the records"]
    assert built == [1]


def test_the_records_behind_figures_computed_together_are_those_of_each_period(city):
    quarter, area = default_period(), Area.of(city)
    periods = [quarter, quarter.previous()]
    for period, values in zip(periods, compute_periods(area, periods)):
        each_alone = {figure.id: value for figure, value in compute_all(area, period)}
        for figure_id in ("F01", "F02", "F03", "F04", "F06", "F07", "F11", "F12", "F13", "F14", "F15", "F16", "F17",
                          "F18", "F19", "F21", "F22", "F23", "F24", "F25", "F26", "F27", "F28"):
            assert set(values[figure_id].records.values_list("pk", flat=True)) == set(
                each_alone[figure_id].records.values_list("pk", flat=True)), (figure_id, str(period))
