"""Benchmarks run against the existing database of DATABASE_URL (``make bench``: the ``bench`` database, one
generated city), never a throwaway test database. Each benchmark runs inside pytest-django's transaction, which is
rolled back: the people it needs are created there and its writes vanish with it. The overview and the work
report run outside it (``client_outside_transaction``), as production serves them: they read on a second
connection only then (chainparty/beside.py).

The files are named ``bench_*.py`` so ``make test`` never collects them; ``make bench`` runs them.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

from .harness import RESULTS, machine_reference, table

RESULTS_FILE = Path(settings.BASE_DIR) / "var" / "bench-results.md"


# The follow-up passes and the import rewrite hundreds of thousands of rows: rolled back, they still leave dead rows
# and larger indexes until a VACUUM (after them the needs list API's SQL took twice as long, the workbook's a third
# longer). They run last, so every other benchmark reads the tables as `make bench` vacuumed them.
RUN_LAST = ("bench_followups.py", "bench_import.py")


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.path.name in RUN_LAST)  # a stable sort: the others keep their order


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker):
    """Use the database as it is (pytest-django: "Using an existing, external database")."""
    from django.db import connection

    from services.models import Need

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.exit("The benchmarks measure PostgreSQL: set DATABASE_URL (make bench does).", returncode=2)
        if not Need.objects.exists():
            pytest.exit(f"The database {connection.settings_dict['NAME']} has no needs: generate a city first "
                        "(make bench does it when the database is empty).", returncode=2)


MACHINE: dict[str, float] = {}


@pytest.fixture(scope="session", autouse=True)
def _machine_reference(django_db_setup, django_db_blocker):
    """Measured before the benchmarks, printed with their table (harness.machine_reference)."""
    with django_db_blocker.unblock():
        MACHINE.update(machine_reference())


@pytest.fixture(autouse=True)
def _fast_password_hashing():
    """Override of the suite's fixture: the benchmarks never hash passwords (force_login)."""


@pytest.fixture(scope="session")
def city(django_db_setup, django_db_blocker):
    """The city benchmarked: BENCH_CITY (its code), else the city with the most needs."""
    from django.db.models import Count

    from chainparty.models import Region
    from services.models import Need

    with django_db_blocker.unblock():
        code = os.environ.get("BENCH_CITY")
        if code:
            return Region.objects.get(code=code, level=Region.Level.CITY)
        counties = dict(Need.objects.order_by().values_list("county_id").annotate(n=Count("pk")))
        cities = {}
        for region in Region.objects.filter(pk__in=counties).select_related("parent"):
            city = region if region.level == Region.Level.CITY else region.parent
            cities[city] = cities.get(city, 0) + counties[region.pk]
        return max(cities, key=cities.get)


def _user(username: str, **extra):
    from chainparty.models import User

    user, _created = User.objects.get_or_create(username=username, defaults={"name": username, **extra})
    return user


def _official_post_of(city):
    """A post of an active official of the city that the data has, or None."""
    from chainparty.models import Official

    return Official.objects.filter(region=city, active=True, user__is_active=True).select_related("user").first()


@pytest.fixture
def official(db, city):
    """An official of the city: one the data has, else one made for the benchmark (rolled back)."""
    from chainparty.models import Official

    post = _official_post_of(city)
    if post is not None:
        return post.user
    user = _user("bench_city_official")
    Official.objects.create(user=user, region=city, title="bench")
    return user


@pytest.fixture
def client_outside_transaction(city, django_db_blocker):
    """A client signed in as an official of the city that the data has, its requests served outside any
    transaction, as production serves them (no ATOMIC_REQUESTS): the figures and the workbook's lists are read on
    a second connection only then (``chainparty.beside.reads_beside``), which pytest-django's transaction would
    rule out. What the benchmark commits is deleted afterwards: the session, the download log, axes' log of
    the sign-in."""
    from axes.models import AccessLog
    from django.test import Client
    from django.utils import timezone

    from chainparty.reports.models import ReportDownload

    with django_db_blocker.unblock():
        post = _official_post_of(city)
        if post is None:
            pytest.skip(f"no official of {city} in the data to sign in outside a transaction")
        started = timezone.now()
        client = Client()
        client.force_login(post.user)
        try:
            yield client
        finally:
            client.logout()
            ReportDownload.objects.filter(user=post.user, at__gte=started).delete()
            AccessLog.objects.filter(username=post.user.get_username(), attempt_time__gte=started).delete()


@pytest.fixture
def admin_user(db):
    return _user("bench_admin", is_superuser=True, is_staff=True)


@pytest.fixture
def contact(db, city):
    """An enterprise contact of an enterprise of the city on a chain and in a park."""
    from enterprises.models import Enterprise, EnterpriseContact

    enterprise = Enterprise.objects.filter(county__parent=city, park__isnull=False, chains__isnull=False) \
        .order_by("pk").first()
    user = _user("bench_contact")
    EnterpriseContact.objects.get_or_create(user=user, enterprise=enterprise)
    return user


@pytest.fixture
def dispatcher(db):
    """Staff of the joint committee of a park: they accept and assign the park's needs."""
    from parks.models import CommitteePosition, JointCommittee

    def of_park(park_id):
        user = _user("bench_committee_staff")
        committee = JointCommittee.objects.filter(park_id=park_id).first()
        CommitteePosition.objects.get_or_create(committee=committee, user=user, role=CommitteePosition.Role.STAFF,
                                                defaults={"person_name": "bench"})
        return user

    return of_park


def pytest_terminal_summary(terminalreporter):
    if not RESULTS:
        return
    from django.db import connection

    text = table(RESULTS)
    if MACHINE:
        text += "\n\nThis machine: " + ", ".join(f"{name} {ms:,.0f} ms" for name, ms in MACHINE.items()) + \
            " (harness.machine_reference; docs/speed.md gives other machines')."
    terminalreporter.write_sep("=", "benchmarks")
    terminalreporter.write_line(text)
    RESULTS_FILE.parent.mkdir(exist_ok=True)
    RESULTS_FILE.write_text(f"Database: {connection.settings_dict['NAME']}\n\n{text}\n", encoding="utf-8")
    terminalreporter.write_line(f"(written to {RESULTS_FILE.relative_to(settings.BASE_DIR)})")
