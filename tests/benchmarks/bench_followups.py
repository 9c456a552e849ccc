"""One follow-up pass over every need of the database (written, then rolled back)."""

from services.followups import follow_up
from services.models import Need

from .harness import measure, within


def test_follow_up_pass(db):
    open_needs = Need.objects.filter(status__in=Need.OPEN_STATUSES).count()
    measure(f"follow-up pass ({open_needs:,} open needs)", follow_up, runs=3, write=True,
            target="<10 s, queries not growing", check=within(ms=10_000))
