"""The work report of a year for the whole city: the Word report and the workbook, requested outside any
transaction as production serves them (the workbook then reads its lists on a second connection)."""
import pytest
from django.utils import timezone

from chainparty.beside import reads_beside
from services.models import Need

from .harness import measure, within


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_work_report(client_outside_transaction, city, kind):
    year = timezone.localdate().year
    assert reads_beside(Need), "the report is measured outside a transaction, as production serves it"

    def run():
        response = client_outside_transaction.get(f"/dashboard/report.{kind}?region={city.code}&period={year}")
        assert response.status_code == 200
        assert len(response.content) > 1000
    # Not rolled back (there is no transaction): the download log each run writes is deleted by the fixture.
    measure(f"work report .{kind} (year)", run, runs=3, target="<3 s", check=within(ms=3000))
