"""Create the default periodic schedules (idempotent; run by `make run` and by every deployment)."""
from django.core.management.base import BaseCommand

from chainparty.schedules import ensure_default_schedules


class Command(BaseCommand):
    help = "Create the missing default Celery beat schedules in the database; existing ones are left as they are."

    def handle(self, *args, **options):
        created = ensure_default_schedules()
        self.stdout.write(f"{len(created)} schedule(s) created." + "".join(f"\n  {name}" for name in created))
