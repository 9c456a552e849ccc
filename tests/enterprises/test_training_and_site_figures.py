"""F11 (training sessions held) and F23 (chain leaders awarded as demonstration sites) on hand-built data."""
from datetime import date

from chainparty.figures import REGISTRY, Area, Period
from tests import factories as f


def figure(figure_id, region, period):
    return REGISTRY[figure_id](Area.of(region), Period.parse(period))


def sessions(world):
    """2025: one class by the city (40 people), one by county A in September (30), one by county B in March (20);
    county A's class of December 2024 and another city's class of 2025 do not count for 2025 here."""
    f.TrainingSessionFactory(organizer=world.city, start_date=date(2025, 5, 10), end_date=date(2025, 5, 12),
                             participants=40)
    f.TrainingSessionFactory(organizer=world.county_a, start_date=date(2025, 9, 1), end_date=date(2025, 9, 1),
                             participants=30)
    f.TrainingSessionFactory(organizer=world.county_b, start_date=date(2025, 3, 1), end_date=date(2025, 3, 2),
                             participants=20)
    f.TrainingSessionFactory(organizer=world.county_a, start_date=date(2024, 12, 30), end_date=date(2025, 1, 2),
                             participants=25)
    f.TrainingSessionFactory(organizer=world.other_city, start_date=date(2025, 4, 1), end_date=date(2025, 4, 1))


def test_sessions_of_the_city_count_its_own_and_its_counties(world):
    sessions(world)
    city = figure("F11", world.city, "2025")
    assert city.value == 3
    assert city.breakdown == {"city": 1, "county": 2, "participants": 90}


def test_sessions_of_a_county_count_only_what_it_organised(world):
    sessions(world)
    assert figure("F11", world.county_a, "2025").value == 1
    assert figure("F11", world.county_b, "2025").value == 1
    assert figure("F11", world.county_a, "2024").value == 1  # a class counts in the period it began


def test_sessions_of_a_quarter(world):
    sessions(world)
    assert figure("F11", world.county_a, "2025Q3").value == 1
    assert figure("F11", world.county_a, "2025Q2").value == 0
    assert figure("F11", world.city, "2025Q2").value == 1


def sites(world):
    """County A's chain leader (enterprise_a) awarded in 2024 and again in 2025; a county-B chain leader awarded in
    March 2025; a county-B nomination still open and one declined."""
    f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, year=2024,
                               status="awarded", awarded_on=date(2024, 11, 1))
    f.DemonstrationSiteFactory(enterprise=world.enterprise_a, alliance=world.alliance_a, year=2025,
                               status="awarded", awarded_on=date(2025, 6, 1))
    leader_b = f.EnterpriseFactory(county=world.county_b, chains=[world.chain_b], is_chain_leader=True)
    f.DemonstrationSiteFactory(enterprise=leader_b, alliance=world.alliance_b, year=2025, status="awarded",
                               awarded_on=date(2025, 3, 1))
    f.DemonstrationSiteFactory(enterprise=f.EnterpriseFactory(county=world.county_b, is_chain_leader=True),
                               alliance=world.alliance_b, year=2025)
    f.DemonstrationSiteFactory(enterprise=f.EnterpriseFactory(county=world.county_b, is_chain_leader=True),
                               alliance=world.alliance_b, year=2025, status="declined")


def test_awarded_sites_are_counted_once_per_enterprise_up_to_the_period_end(world):
    sites(world)
    assert figure("F23", world.county_a, "2025").value == 1
    assert figure("F23", world.county_b, "2025").value == 1
    assert figure("F23", world.city, "2025").value == 2


def test_awarded_sites_are_cumulative(world):
    sites(world)
    assert figure("F23", world.county_a, "2025Q1").value == 1  # the award of November 2024
    assert figure("F23", world.county_a, "2024Q3").value == 0
    assert figure("F23", world.city, "2025Q1").value == 2
