from django.core.management.base import BaseCommand

from chainparty.reports.build import build


class Command(BaseCommand):
    help = "Rebuild templates/reports/work_report.docx from templates/reports/work_report.source.txt."

    def handle(self, *args, **options):
        self.stdout.write(str(build()))
