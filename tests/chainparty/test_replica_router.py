"""Reads of the dashboards, charts, report downloads and figures API go to a read replica; everything else, and
every write, to the primary. tests/conftest.py adds a ``replica`` alias that mirrors the test database (Django's TEST MIRROR), so the
tests need no DATABASE_REPLICA_URL; it is turned on only here."""
from __future__ import annotations

import io
import runpy
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import chainparty
from chainparty.checks import node_keeps_no_state
from chainparty.db_routers import ReplicaRouter, reading_from_replica
from chainparty.models import Region
from chainparty.reports.models import ReportDownload
from services.models import Need
from tests.conftest import api_client_for, client_for
from tests.sql_capture import connections_of_other_threads

from .dashboard_data import populate

WRITES = ("INSERT", "UPDATE", "DELETE")
on_replica = pytest.mark.django_db(transaction=True, databases=["default", "replica"])  # rows committed, as replicated


@pytest.fixture
def replica(settings):
    """The ``replica`` alias of tests/conftest.py (the test database itself), turned on."""
    settings.DATABASE_REPLICAS = ["replica"]
    return connections["replica"]


def sql_by_database(replica, request):
    """The response of ``request()`` and the SQL it sent to the primary and to the replica, on this thread's
    connections and on those another thread opened meanwhile (figures are computed on two: chainparty/beside.py)."""
    with connections_of_other_threads() as opened, CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primary, \
            CaptureQueriesContext(replica) as read:
        response = request()

    def sent(captured, alias):
        return [q["sql"] for q in captured] + [q["sql"] for other in opened if other.alias == alias
                                               for q in other.queries_log]
    return response, sent(primary, DEFAULT_DB_ALIAS), sent(read, replica.alias)


def mentions(queries, table) -> bool:
    return any(f'"{table}"' in sql for sql in queries)


def reads_only(queries) -> bool:
    return not any(sql.lstrip().upper().startswith(WRITES) for sql in queries)


# The pages and endpoints --------------------------------------------------------------------------------------------

@on_replica
def test_the_overview_reads_its_figures_from_the_replica_and_the_access_from_the_primary(world, replica):
    populate(world)
    response, primary, read = sql_by_database(
        replica, lambda: client_for(world.city_official).get(reverse("overview"), {"period": "2025"}))
    assert response.status_code == 200
    assert mentions(read, "services_need") and reads_only(read)
    assert not mentions(primary, "services_need")
    assert mentions(primary, "chainparty_official")  # who may see what never lags


@on_replica
def test_a_chart_reads_from_the_replica(world, replica):
    populate(world)
    response, primary, read = sql_by_database(replica, lambda: client_for(world.city_official).get(
        reverse("dashboard-chart", args=["needs-category"]), {"period": "2025"}))
    assert sum(response.json()["series"][0]["data"]) == 4
    assert mentions(read, "services_need") and reads_only(read)
    assert not mentions(primary, "services_need")


@on_replica
@pytest.mark.parametrize("name", ["report-download", "report-workbook"])
def test_the_report_reads_from_the_replica_and_logs_the_download_on_the_primary(world, replica, name):
    populate(world)
    response, primary, read = sql_by_database(
        replica, lambda: client_for(world.city_official).get(reverse(name), {"period": "2025"}))
    assert response.status_code == 200
    assert mentions(read, "services_need") and reads_only(read)
    assert any(sql.startswith("INSERT") and '"reports_reportdownload"' in sql for sql in primary)
    assert ReportDownload.objects.get().user == world.city_official


@on_replica
def test_the_figures_api_reads_from_the_replica(world, replica):
    populate(world)
    response, primary, read = sql_by_database(replica, lambda: api_client_for(world.city_official).get(
        reverse("api:figures"), {"region": world.city.code, "period": "2025"}))
    assert response.status_code == 200 and len(response.json()["figures"]) > 0
    assert mentions(read, "services_need") and reads_only(read)
    assert not mentions(primary, "services_need") and mentions(primary, "chainparty_official")


@on_replica
def test_the_figures_command_reads_from_the_replica(world, replica):
    populate(world)
    _, primary, read = sql_by_database(replica, lambda: call_command(
        "figures", region=world.city.code, period="2025", stdout=io.StringIO()))
    assert mentions(read, "services_need") and not mentions(primary, "services_need")


@on_replica
def test_submitting_a_need_uses_only_the_primary(world, replica):
    response, primary, read = sql_by_database(replica, lambda: client_for(world.contact_a).post(
        reverse("services:need-submit"), {"enterprise": world.enterprise_a.pk, "category": "policy",
                                          "title": "技改补贴政策辅导", "description": "希望了解补贴申报条件",
                                          "urgency": "normal"}))
    assert response.status_code == 302 and Need.objects.filter(title="技改补贴政策辅导").exists()
    assert read == [] and mentions(primary, "services_need")


@on_replica
def test_without_a_replica_the_dashboards_read_from_the_primary(world, replica, settings):
    settings.DATABASE_REPLICAS = []
    populate(world)
    client = client_for(world.city_official)
    for url in (reverse("overview"), reverse("dashboard-chart", args=["needs-status"]), reverse("report-download")):
        response, primary, read = sql_by_database(replica, lambda: client.get(url, {"period": "2025"}))
        assert response.status_code == 200
        assert read == [] and mentions(primary, "services_need")


# The router ---------------------------------------------------------------------------------------------------------

router = ReplicaRouter()


def test_reads_use_the_primary_outside_a_replica_block(settings):
    settings.DATABASE_REPLICAS = ["replica"]
    assert router.db_for_read(Region) == DEFAULT_DB_ALIAS


def test_reads_use_the_replica_inside_a_block_and_writes_never_do(settings):
    settings.DATABASE_REPLICAS = ["replica"]
    with reading_from_replica():
        assert router.db_for_read(Region) == "replica"
        assert router.db_for_write(Region) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Region) == DEFAULT_DB_ALIAS


def test_sign_in_state_is_always_read_from_the_primary(settings):
    settings.DATABASE_REPLICAS = ["replica"]
    with reading_from_replica():
        assert router.db_for_read(Session) == DEFAULT_DB_ALIAS


def test_reads_in_a_transaction_of_the_primary_use_the_primary(settings, transactional_db):
    settings.DATABASE_REPLICAS = ["replica"]
    with reading_from_replica(), transaction.atomic():
        assert router.db_for_read(Region) == DEFAULT_DB_ALIAS


def test_one_block_reads_from_one_of_several_replicas(settings):
    settings.DATABASE_REPLICAS = ["replica", "replica_2", "replica_3"]
    for _ in range(20):
        with reading_from_replica() as alias:
            assert alias in settings.DATABASE_REPLICAS
            assert {router.db_for_read(Region) for _ in range(10)} == {alias}
            with reading_from_replica() as inner:
                assert inner == alias


def test_without_replicas_a_block_reads_from_the_primary(settings):
    settings.DATABASE_REPLICAS = []
    with reading_from_replica() as alias:
        assert alias is None and router.db_for_read(Region) == DEFAULT_DB_ALIAS


def test_migrations_run_on_the_primary_only_and_relations_cross_freely():
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "chainparty") is True
    assert router.allow_migrate("replica", "chainparty") is False
    assert router.allow_relation(Region(), Region()) is True


# The settings -------------------------------------------------------------------------------------------------------

def test_each_replica_url_becomes_a_mirrored_alias(monkeypatch):
    monkeypatch.setenv("DATABASE_REPLICA_URL", "postgres://portal@replica1:5432/portal,postgres://portal@replica2/portal")
    monkeypatch.setenv("CONN_MAX_AGE", "60")
    loaded = runpy.run_path(str(Path(chainparty.__file__).with_name("settings.py")))
    assert loaded["DATABASE_REPLICAS"] == ["replica", "replica_2"]
    first, second = loaded["DATABASES"]["replica"], loaded["DATABASES"]["replica_2"]
    assert (first["HOST"], second["HOST"], first["NAME"]) == ("replica1", "replica2", "portal")
    assert first["TEST"] == {"MIRROR": "default"} and first["CONN_MAX_AGE"] == 60 and first["CONN_HEALTH_CHECKS"]
    assert loaded["DATABASE_ROUTERS"] == ["chainparty.db_routers.ReplicaRouter"]


def test_without_a_replica_url_there_is_only_the_primary(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    loaded = runpy.run_path(str(Path(chainparty.__file__).with_name("settings.py")))
    assert list(loaded["DATABASES"]) == ["default"] and loaded["DATABASE_REPLICAS"] == []


# Stateless nodes ----------------------------------------------------------------------------------------------------

def test_the_deploy_check_warns_of_state_kept_on_one_node(settings):
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.DATABASES = {**settings.DATABASES, "default": {**settings.DATABASES["default"],
                                                            "ENGINE": "django.db.backends.sqlite3"}}
    assert [warning.id for warning in node_keeps_no_state()] == ["chainparty.W001", "chainparty.W002"]


def test_the_deploy_check_is_quiet_with_postgresql_and_redis(settings):
    settings.CELERY_BROKER_URL = "redis://redis:6379/0"
    settings.DATABASES = {alias: {**database, "ENGINE": "django.db.backends.postgresql"}
                          for alias, database in settings.DATABASES.items()}
    assert node_keeps_no_state() == []
