"""Shared fixtures: a small matrix with someone inside, beside and outside every body (STYLE.md)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client
from rest_framework.test import APIClient

from alliances.models import AllianceMember, AlliancePosition
from chainparty.models import Region
from parks.models import CommitteePosition

from . import factories as f


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """A ``replica`` alias on the test database (TEST MIRROR), as a replica of the primary would be; reads reach it
    only where a test turns replicas on (tests/chainparty/test_replica_router.py), whatever the environment says."""
    from django.conf import settings

    settings.DATABASES["replica"] = {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
    settings.DATABASE_REPLICAS = []


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _figures_computed_afresh(settings):
    """Tests read the overview right after writing: its figure cache is off unless a test turns it on
    (tests/chainparty/test_figure_cache.py)."""
    settings.FIGURES_CACHE_SECONDS = 0


@pytest.fixture
def world(db):
    """Two counties of one city (and a county of another city), each with its chain, alliance, park,
    committee and enterprise, and one user per role on each side."""
    w = SimpleNamespace()
    w.province = f.RegionFactory(code="320000", name="江苏省", level=Region.Level.PROVINCE)
    w.city = f.RegionFactory(code="321300", name="宿迁市", level=Region.Level.CITY, parent=w.province)
    w.county_a = f.RegionFactory(code="321302", name="宿城区", level=Region.Level.COUNTY, parent=w.city)
    w.county_b = f.RegionFactory(code="321311", name="宿豫区", level=Region.Level.COUNTY, parent=w.city)
    w.other_city = f.RegionFactory(code="321200", name="泰州市", level=Region.Level.CITY, parent=w.province)
    w.other_county = f.RegionFactory(code="321202", name="海陵区", level=Region.Level.COUNTY, parent=w.other_city)

    w.department = f.DepartmentFactory(name="市工信局", region=w.city)
    w.other_department = f.DepartmentFactory(name="市人社局", region=w.city)
    w.chain_a = f.ChainFactory(name="激光装备", region=w.city, lead_department=w.department)
    w.chain_b = f.ChainFactory(name="酿造（酒）", region=w.city, lead_department=w.other_department)
    w.alliance_a = f.AllianceFactory(chain=w.chain_a)
    w.alliance_b = f.AllianceFactory(chain=w.chain_b)
    w.park_a = f.ParkFactory(name="宿迁经济技术开发区", county=w.county_a)
    w.park_b = f.ParkFactory(name="洋河新区", county=w.county_b)
    w.committee_a = f.CommitteeFactory(park=w.park_a, chain=w.chain_a)
    w.committee_b = f.CommitteeFactory(park=w.park_b, chain=w.chain_b)
    w.org_a = f.PartyOrganizationFactory(name="卡米特激光党支部")
    w.org_b = f.PartyOrganizationFactory(name="苏洋酿酒党支部")
    w.enterprise_a = f.EnterpriseFactory(name="卡米特激光", county=w.county_a, park=w.park_a,
                                         chains=[w.chain_a], party_organization=w.org_a, is_chain_leader=True)
    w.enterprise_b = f.EnterpriseFactory(name="苏洋酿酒", county=w.county_b, park=w.park_b,
                                         chains=[w.chain_b], party_organization=w.org_b)
    w.member_a = f.AllianceMemberFactory(alliance=w.alliance_a, enterprise=w.enterprise_a,
                                         segment=AllianceMember.Segment.MIDSTREAM)
    w.member_b = f.AllianceMemberFactory(alliance=w.alliance_b, enterprise=w.enterprise_b,
                                         segment=AllianceMember.Segment.DOWNSTREAM)
    w.worker_a = f.PartyWorkerFactory(committee=w.committee_a)
    w.worker_b = f.PartyWorkerFactory(committee=w.committee_b)

    w.admin = f.UserFactory(username="admin", is_superuser=True, is_staff=True)
    w.city_official = f.OfficialFactory(user=f.UserFactory(username="city_official"), region=w.city).user
    w.official_a = f.OfficialFactory(user=f.UserFactory(username="official_a"), region=w.county_a).user
    w.official_b = f.OfficialFactory(user=f.UserFactory(username="official_b"), region=w.county_b).user
    w.alliance_staff_a = f.AlliancePositionFactory(alliance=w.alliance_a, user=f.UserFactory(username="alliance_a"),
                                                   role=AlliancePosition.Role.SECRETARY_GENERAL).user
    w.alliance_staff_b = f.AlliancePositionFactory(alliance=w.alliance_b, user=f.UserFactory(username="alliance_b"),
                                                   role=AlliancePosition.Role.SECRETARY_GENERAL).user
    w.committee_staff_a = f.CommitteePositionFactory(committee=w.committee_a, user=f.UserFactory(username="committee_a"),
                                                     role=CommitteePosition.Role.STAFF).user
    w.committee_staff_b = f.CommitteePositionFactory(committee=w.committee_b, user=f.UserFactory(username="committee_b"),
                                                     role=CommitteePosition.Role.STAFF).user
    w.department_staff = f.DepartmentStaffFactory(user=f.UserFactory(username="department"),
                                                  department=w.department).user
    w.contact_a = f.EnterpriseContactFactory(user=f.UserFactory(username="contact_a"), enterprise=w.enterprise_a).user
    w.contact_b = f.EnterpriseContactFactory(user=f.UserFactory(username="contact_b"), enterprise=w.enterprise_b).user
    w.outsider = f.UserFactory(username="outsider")
    return w


# The roles of DESIGN.md, each as (the user's attribute on `world`, what lies inside their reach on side A).
ROLES = ["admin", "city_official", "official_a", "alliance_staff_a", "committee_staff_a", "department_staff",
         "contact_a", "outsider"]


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def as_user():
    return client_for


@pytest.fixture
def api_as():
    return api_client_for
