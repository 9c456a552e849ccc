"""First step of ``make bench``: the database of DATABASE_URL exists, is migrated and holds one generated city."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chainparty.settings")
django.setup()

import psycopg2  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from psycopg2 import sql  # noqa: E402


def create_database(settings: dict) -> None:
    """CREATE DATABASE unless it exists (connected to the server's maintenance database)."""
    server = psycopg2.connect(dbname="postgres", user=settings["USER"], password=settings["PASSWORD"],
                              host=settings["HOST"], port=settings["PORT"] or None)
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"])))
            print(f"Created the database {settings['NAME']}.")
    server.close()


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("make bench measures PostgreSQL: set BENCH_DATABASE_URL=postgres://… (default: the bench database).")
    create_database(connection.settings_dict)
    call_command("migrate", interactive=False, verbosity=0)
    from services.models import Need

    if not Need.objects.exists():
        print("The benchmark database is empty: generating one city (a few minutes) …", flush=True)
        call_command("generate_scale", cities=1)
    # Fresh statistics and visibility map, as autovacuum leaves a live database: the writes of earlier benchmark
    # runs were rolled back, but their dead rows stay until vacuumed (after the import benchmark the enterprises
    # table held four dead rows for each live one, and a figure that joins it took twice as long).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Benchmarking the database {connection.settings_dict['NAME']}.", flush=True)


if __name__ == "__main__":
    main()
