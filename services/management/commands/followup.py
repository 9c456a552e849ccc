"""Run one follow-up pass of the needs by hand (what the beat runs every 15 minutes)."""
from datetime import date

from django.core.management.base import BaseCommand

from services.followups import follow_up, weekly_digest


class Command(BaseCommand):
    help = ("Run one follow-up pass over the needs now: reminders, 催办, 督办, 通报, extension reminders, 回访 "
            "and automatic closing. Safe to repeat: each follow-up is recorded and sent once.")

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Act as if today were this date (YYYY-MM-DD).")
        parser.add_argument("--digest", action="store_true", help="Also send this week's digest.")

    def handle(self, *args, today=None, digest=False, **options):
        done = follow_up(today)
        for kind, count in done.items():
            self.stdout.write(f"{kind}: {count}")
        if digest:
            self.stdout.write(f"weekly digest: {weekly_digest(today)} notification(s)")
