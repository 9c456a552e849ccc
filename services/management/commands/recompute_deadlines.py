"""Count again the provisional deadlines of needs once a year's holiday arrangement is known."""
from django.core.management.base import BaseCommand

from services.deadlines import recompute_provisional_deadlines


class Command(BaseCommand):
    help = ("Recompute need deadlines that were provisional (a year without an announced holiday arrangement); "
            "run after entering working-day overrides or upgrading the holidays package.")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", dest="everything",
                            help="Recompute the deadlines of every open need, not only the provisional ones.")

    def handle(self, *args, everything=False, **options):
        changed = recompute_provisional_deadlines(everything=everything)
        self.stdout.write(f"{changed} needs had their deadlines recomputed.")
