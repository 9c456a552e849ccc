"""F12 (part-time cadres dispatched by alliances) and F13 (full-time workers dispatched by committees)."""
from datetime import date

from chainparty.figures import REGISTRY, Area, Period
from parks.models import PartyWorker
from tests import factories as f

PART_TIME, FULL_TIME = PartyWorker.Employment.PART_TIME, PartyWorker.Employment.FULL_TIME


def figure(figure_id, region, period="2025"):
    return REGISTRY[figure_id](Area.of(region), Period.parse(period))


def test_part_time_cadres_of_the_alliances_active_at_the_period_end(world):
    f.PartyWorkerFactory(committee=None, alliance=world.alliance_a, employment=PART_TIME, certificate_no="JS-001")
    f.PartyWorkerFactory(committee=None, alliance=world.alliance_b, employment=PART_TIME)
    f.PartyWorkerFactory(committee=None, alliance=world.alliance_a, employment=PART_TIME,
                         start_date=date(2023, 1, 1), end_date=date(2024, 6, 30))
    f.PartyWorkerFactory(committee=None, alliance=world.alliance_a, employment=PART_TIME, is_party_member=False)
    f.PartyWorkerFactory(committee=None, alliance=world.alliance_a, employment=FULL_TIME)
    f.PartyWorkerFactory(committee=world.committee_a, employment=PART_TIME)
    city = figure("F12", world.city)
    assert city.value == 2
    assert city.breakdown == {"certified": 1}
    assert figure("F12", world.city, "2024Q1").value == 3  # the one who left in June 2024 was still there
    assert figure("F12", world.county_a).value == 0  # alliances are bodies of the city


def test_full_time_workers_of_the_committees_by_county(world):
    # world.worker_a and world.worker_b are full-time workers of committee A and B.
    f.PartyWorkerFactory(committee=world.committee_a, employment=FULL_TIME, certificate_no="JS-002")
    f.PartyWorkerFactory(committee=world.committee_a, employment=FULL_TIME, end_date=date(2025, 3, 31))
    f.PartyWorkerFactory(committee=world.committee_a, employment=PART_TIME)
    f.PartyWorkerFactory(committee=None, alliance=world.alliance_a, employment=FULL_TIME)
    county_a = figure("F13", world.county_a)
    assert county_a.value == 2
    assert county_a.breakdown == {"certified": 1}
    assert figure("F13", world.county_a, "2025Q1").value == 3
    assert figure("F13", world.county_b).value == 1
    assert figure("F13", world.city).value == 3
