"""One follow-up pass over every need of the database (written, then rolled back): the generated city as it is
(most needs long closed), then the same 200,000 needs all open, most of them overdue (a stress case)."""
from django.db import connection

from services.followups import follow_up
from services.models import Need

from .harness import measure, within


def test_follow_up_pass(db):
    open_needs = Need.objects.filter(status__in=Need.OPEN_STATUSES).count()
    measure(f"follow-up pass ({open_needs:,} open needs)", follow_up, runs=3, write=True,
            target="<10 s, queries not growing", check=within(ms=10_000))


def test_follow_up_pass_with_every_need_open(db):
    """Every closed, rejected or withdrawn need reopened as in progress, with its old deadlines (rolled back with
    the test's transaction): the pass reminds, supervises and publicises nearly every one of them."""
    Need.objects.exclude(status__in=Need.OPEN_STATUSES).update(status=Need.Status.IN_PROGRESS)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE services_need")
    open_needs = Need.objects.filter(status__in=Need.OPEN_STATUSES).count()
    measure(f"follow-up pass, stress ({open_needs:,} open needs, most overdue)", follow_up, runs=1, write=True,
            target="<10 s", check=within(ms=10_000))
