"""Run the regular-meetings pass by hand (what the beat runs every hour)."""
from datetime import date

from django.core.management.base import BaseCommand

from alliances.tasks import meetings_pass


class Command(BaseCommand):
    help = ("Create the missing council meetings, member congresses and committee monthly meetings as scheduled, "
            "remind their staff a week ahead and mark the meetings of ended periods as missed. Safe to repeat.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        for step, count in meetings_pass(today).items():
            self.stdout.write(f"{step}: {count}")
