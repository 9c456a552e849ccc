"""Add cities of generated data to measure the portal at scale: ``python manage.py generate_scale --cities 13``."""
from django.core.management.base import BaseCommand, CommandError

from chainparty.scale import generate


class Command(BaseCommand):
    help = ("Generate cities of realistic data (per city at --scale 1: 20 chains, 30 parks, 20,000 enterprises, "
            "200,000 needs, 40,000 meetings, 10,000 agreements …). Each run adds new cities to the province.")

    def add_arguments(self, parser):
        parser.add_argument("--cities", type=int, default=1, help="How many cities to add (default 1).")
        parser.add_argument("--scale", type=float, default=1.0,
                            help="Multiplies every per-city count (default 1.0; tests use e.g. 0.002).")
        parser.add_argument("--seed", default="1", help="Seed of the random choices (default 1).")

    def handle(self, *args, cities: int, scale: float, seed: str, **options):
        if cities < 1 or not 0 < scale <= 10:
            raise CommandError("--cities is at least 1 and --scale lies between 0 and 10.")
        generate(cities=cities, scale=scale, seed=seed, out=self.stdout)
