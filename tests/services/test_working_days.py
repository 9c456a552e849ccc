"""Working-day arithmetic: China's holidays and make-up workdays from the holidays package, plus overrides."""
from datetime import date

import pytest

from services.models import WorkingDayOverride
from services.workdays import WorkingCalendar, package_last_announced_year


@pytest.fixture
def calendar(db):
    return WorkingCalendar()


def test_the_spring_festival_2026_is_not_worked_and_its_make_up_saturdays_are(calendar):
    assert calendar.is_working_day(date(2026, 2, 13))          # Friday before the festival
    assert calendar.is_working_day(date(2026, 2, 14))          # make-up Saturday
    assert not calendar.is_working_day(date(2026, 2, 17))      # New Year's Day of the lunar calendar
    assert not calendar.is_working_day(date(2026, 2, 23))      # Monday off, made up on 2026-02-28
    assert calendar.is_working_day(date(2026, 2, 28))          # make-up Saturday
    assert not calendar.is_working_day(date(2026, 3, 1))       # an ordinary Sunday


def test_adding_working_days_across_the_spring_festival_counts_the_make_up_saturdays(calendar):
    # Friday 13 Feb + 1 working day is the make-up Saturday, not the Monday after the festival.
    assert calendar.add(date(2026, 2, 13), 1) == (date(2026, 2, 14), False)
    # 14 Feb, then 24–28 Feb (28th a Saturday), 2–6 and 9–12 March.
    assert calendar.add(date(2026, 2, 13), 15) == (date(2026, 3, 12), False)
    assert calendar.add(date(2026, 3, 12), -3) == (date(2026, 3, 9), False)
    assert calendar.count(date(2026, 2, 13), date(2026, 3, 12)) == 15


def test_the_first_working_day_after_a_saturday_is_counted_from_the_next_working_day(calendar):
    assert calendar.add(date(2026, 3, 7), 1) == (date(2026, 3, 9), False)   # Saturday → Monday
    assert calendar.count(date(2026, 3, 7), date(2026, 3, 7)) == 0


def test_an_override_beats_the_package(calendar):
    WorkingDayOverride.objects.create(date=date(2026, 2, 14), is_working_day=False, source_document="测试通知")
    assert not WorkingCalendar().is_working_day(date(2026, 2, 14))
    assert WorkingCalendar().add(date(2026, 2, 13), 1) == (date(2026, 2, 24), False)


def test_a_deadline_in_a_year_without_an_announced_arrangement_is_provisional(calendar):
    unknown = package_last_announced_year() + 1
    day, provisional = calendar.add(date(unknown - 1, 12, 24), 10)
    assert day.year == unknown and provisional
    # Computed from the statutory holidays alone: New Year's Day is off even without an arrangement.
    assert not calendar.is_working_day(date(unknown, 1, 1))


def test_overrides_for_a_year_announce_it(calendar):
    unknown = package_last_announced_year() + 1
    assert not calendar.is_announced(unknown)
    WorkingDayOverride.objects.create(date=date(unknown, 1, 2), is_working_day=True, source_document="国办发明电")
    fresh = WorkingCalendar()
    assert fresh.is_announced(unknown)
    assert fresh.add(date(unknown - 1, 12, 24), 10)[1] is False
