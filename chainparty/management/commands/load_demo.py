"""Load the demo city (idempotent): ``python manage.py load_demo``."""
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from chainparty.demo import DEMO_PASSWORD, DEMO_USERS, load_all


class Command(BaseCommand):
    help = "Load (or refresh) the demo city: chains, alliances, parks, enterprises, people and one user per role."

    def handle(self, *args, **options):
        if not settings.DEMO_ALLOWED:
            raise CommandError("The demo city is only for development (DEBUG or DEMO_ALLOWED=true): "
                               "its accounts have a published password.")
        city = load_all()
        self.stdout.write(self.style.SUCCESS(
            f"Demo city loaded: {len(city.chains)} chains, {len(city.parks)} parks, "
            f"{len(city.enterprises)} enterprises."))
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, (display, role) in DEMO_USERS.items():
            self.stdout.write(f"  {username:<20} {role} ({display})")
