"""The work report of a year for the whole city: the Word report and the workbook."""
import pytest
from django.test import Client
from django.utils import timezone

from .harness import measure, within


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_work_report(official, city, kind):
    client = Client()
    client.force_login(official)
    year = timezone.localdate().year

    def run():
        response = client.get(f"/dashboard/report.{kind}?region={city.code}&period={year}")
        assert response.status_code == 200
        assert len(response.content) > 1000
    measure(f"work report .{kind} (year)", run, runs=3, write=True, target="<3 s", check=within(ms=3000))
