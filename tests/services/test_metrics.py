"""F18–F20 and the dashboard rates on hand-built needs, including withdrawn and rejected ones that must not count."""
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from chainparty.figures import Area, Period, computed_together
from services import metrics
from services.models import Feedback, Need
from tests import factories as f

SH = ZoneInfo("Asia/Shanghai")
S = Need.Status


def moment(y, m, d):
    return datetime(y, m, d, 10, tzinfo=SH)


@pytest.fixture
def needs(world):
    a, b = world.enterprise_a, world.enterprise_b

    def need(enterprise, category, status, submitted, resolved=None, due=None, amount=None, days=None, **extra):
        return f.NeedFactory(enterprise=enterprise, category=category, status=status, submitted_at=moment(*submitted),
                             resolved_at=moment(*resolved) if resolved else None, due_date=due, amount_solved=amount,
                             resolution_working_days=days, **extra)

    n = {}
    n[1] = need(a, "funding", S.CLOSED, (2026, 2, 20), (2026, 3, 10), date(2026, 3, 12), Decimal("200"), 10)
    n[2] = need(a, "funding", S.RESOLVED, (2026, 4, 1), (2026, 5, 20), date(2026, 5, 15), Decimal("50.5"), 20)
    n[3] = need(a, "labour", S.IN_PROGRESS, (2026, 7, 1), due=date(2026, 7, 22))
    n[4] = need(a, "policy", S.REOPENED, (2026, 8, 1), reopen_count=1)
    n[5] = need(a, "energy", S.CLOSED, (2026, 5, 5), (2026, 6, 1), date(2026, 6, 30), days=6, closed_how="automatic")
    # Withdrawn and rejected: never counted, whatever else they carry.
    n[6] = need(a, "funding", S.WITHDRAWN, (2026, 3, 1), (2026, 4, 1), date(2026, 4, 30), Decimal("999"), 3)
    n[7] = need(a, "land", S.REJECTED, (2026, 3, 2), rejection_reason="重复", rejection_kind="duplicate")
    # Collected in 2025, resolved in 2026: counts for the funding solved in 2026, not for the needs collected.
    n[8] = need(a, "funding", S.CLOSED, (2025, 12, 20), (2026, 4, 10), date(2026, 4, 20), Decimal("30"), 12)
    # The other county.
    n[9] = need(b, "funding", S.CLOSED, (2026, 1, 10), (2026, 2, 1), date(2026, 2, 10), Decimal("1000"), 8)

    Feedback.objects.create(need=n[1], satisfaction="satisfied", given_at=moment(2026, 3, 12))
    Feedback.objects.create(need=n[4], satisfaction="unsatisfied", reason="未落实", given_at=moment(2026, 8, 20))
    Feedback.objects.create(need=n[8], satisfaction="basically_satisfied", given_at=moment(2026, 4, 12))
    Feedback.objects.create(need=n[9], satisfaction="satisfied", given_at=moment(2026, 2, 3))
    Feedback.objects.create(need=n[6], satisfaction="satisfied", given_at=moment(2026, 4, 2))  # withdrawn: ignored
    return n


@pytest.fixture
def county_a(world):
    return Area.of(world.county_a)


@pytest.fixture
def city(world):
    return Area.of(world.city)


YEAR = Period(2026)


def test_needs_collected_count_by_category_without_withdrawn_or_rejected(needs, county_a, city):
    value = metrics.needs_collected(county_a, YEAR)
    assert value.value == 5
    assert value.breakdown["funding"] == 2 and value.breakdown["labour"] == 1 and value.breakdown["land"] == 0
    assert set(value.records) == {needs[i] for i in (1, 2, 3, 4, 5)}
    assert metrics.needs_collected(city, YEAR).value == 6
    assert metrics.needs_collected(county_a, Period(2026, 1)).value == 1


def test_the_resolution_rate_leaves_withdrawn_and_rejected_needs_out(needs, county_a, city):
    assert metrics.resolution_rate(county_a, YEAR).value == Decimal("60.0")      # 3 of 5
    assert metrics.resolution_rate(city, YEAR).value == Decimal("66.7")          # 4 of 6
    assert metrics.resolution_rate(county_a, Period(2024)).value is None


def test_the_funding_solved_sums_funding_needs_resolved_in_the_period(needs, county_a, city):
    assert metrics.funding_solved(county_a, YEAR).value == Decimal("280.50")     # 200 + 50.5 + 30, not 999
    assert metrics.funding_solved(city, YEAR).value == Decimal("1280.50")
    assert metrics.funding_solved(county_a, Period(2026, 3)).value == Decimal("0")


def test_the_on_time_rate_compares_the_resolution_day_with_the_due_date(needs, county_a):
    value = metrics.on_time_rate(county_a, YEAR)
    assert value.value == Decimal("75.0")                                        # 1, 5, 8 on time; 2 late
    assert value.breakdown == {"on_time": 3, "resolved": 4}


def test_the_average_working_days_to_resolve(needs, county_a):
    assert metrics.average_working_days_to_resolve(county_a, YEAR).value == Decimal("12.0")  # (10+20+6+12)/4


def test_the_satisfaction_rate_counts_feedback_not_automatic_closes(needs, county_a):
    value = metrics.satisfaction_rate(county_a, YEAR)
    assert value.value == Decimal("66.7")                                        # 2 of 3
    assert value.breakdown == {"satisfied": 2, "feedback": 3}


def test_the_reopen_rate(needs, county_a):
    assert metrics.reopen_rate(county_a, YEAR).value == Decimal("25.0")          # 1 of 1, 2, 4, 5


def test_the_figures_api_lists_f18_to_f20(needs, world, api_as):
    response = api_as(world.official_a).get("/api/v1/figures/", {"region": "321302", "period": "2026"})
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["figures"]}
    assert rows["F18"]["value"] == 5 and rows["F19"]["value"] == 60.0 and rows["F20"]["value"] == 280.5


def test_each_figure_takes_a_fixed_number_of_queries(needs, county_a, django_assert_max_num_queries):
    for compute in (metrics.needs_collected, metrics.resolution_rate, metrics.funding_solved, metrics.on_time_rate,
                    metrics.average_working_days_to_resolve, metrics.satisfaction_rate, metrics.reopen_rate):
        with django_assert_max_num_queries(1):
            compute(county_a, YEAR)


def test_computed_together_f18_and_f19_share_one_scan_of_the_needs(needs, county_a, django_assert_num_queries):
    with computed_together():
        with django_assert_num_queries(1):
            collected, rate = metrics.needs_collected(county_a, YEAR), metrics.resolution_rate(county_a, YEAR)
    assert collected.value == 5 and collected.breakdown["funding"] == 2
    assert rate.value == Decimal("60.0") and rate.breakdown == {"resolved": 3, "collected": 5}
    with computed_together():  # another computation: nothing kept from the one before
        with django_assert_num_queries(1):
            metrics.needs_collected(county_a, YEAR)
