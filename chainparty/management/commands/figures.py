"""Print every registered figure for a region and a period: ``manage.py figures --region 321300 --period 2026Q3``."""
import json

from django.core.management.base import BaseCommand, CommandError

from chainparty.db_routers import reading_from_replica
from chainparty.figures import Area, Period, PeriodError, as_json_number, compute_all
from chainparty.models import Region


class Command(BaseCommand):
    help = "List every registered figure (id, label, value, unit) for a region and a period."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="six-digit administrative code, e.g. 321300")
        parser.add_argument("--period", required=True, help="a year (2026) or a quarter (2026Q3)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def handle(self, *args, region, period, json: bool = False, **options):
        try:
            parsed = Period.parse(period)
        except PeriodError as error:
            raise CommandError(str(error))
        with reading_from_replica():
            found = Region.objects.filter(code=region).first()
            if found is None:
                raise CommandError(f"Unknown region code: {region!r} (give a six-digit administrative code).")
            rows = [{"id": figure.id, "label": str(figure.label), "value": as_json_number(value.value),
                     "unit": str(figure.unit)} for figure, value in compute_all(Area.of(found), parsed)]
        if json:
            self.stdout.write(_dumps({"region": found.code, "period": str(parsed), "figures": rows}))
            return
        self.stdout.write(f"{found.name} ({found.code}) · {parsed}")
        for row in rows:
            value = "—" if row["value"] is None else row["value"]
            self.stdout.write(f"{row['id']}  {row['label']}: {value} {row['unit']}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
