"""Importing 10,000 enterprises from .xlsx through admin's import: upload (preview) and confirm, rolled back."""
import io
import itertools
import os

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alliances.models import IndustrialChain
from enterprises.credit_code import check_character
from enterprises.models import Enterprise
from parks.models import Park

from .harness import measure, within

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", 10_000))  # a smaller file to profile: BENCH_IMPORT_ROWS=500
HEADERS = ["名称", "统一社会信用代码", "所在县区代码", "园区", "产业链", "链主企业", "规上企业", "所有制", "规模",
           "职工人数", "地址", "党组织"]


def credit_codes():
    """Valid codes no enterprise of the database has (the 'BENCH' body is never generated elsewhere)."""
    taken = set(Enterprise.objects.values_list("credit_code", flat=True))
    for n in itertools.count():
        body = f"91321300BE{n:07d}"
        code = body + check_character(body)
        if code not in taken:
            yield code


def workbook(city) -> bytes:
    parks = list(Park.objects.filter(county__parent=city).select_related("county").order_by("pk"))
    chains = list(IndustrialChain.objects.filter(region=city).order_by("pk").values_list("name", flat=True))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    codes = credit_codes()
    for n in range(ROWS):
        park = parks[n % len(parks)]
        sheet.append([f"导入测试企业{n:05d}", next(codes), park.county.code, park.name, chains[n % len(chains)],
                      "否", "是" if n % 3 else "否", "民营", "中型", 50 + n % 500, f"{park.county.name}工业路{n}号", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_enterprises(admin_user, city):
    client = Client()
    client.force_login(admin_user)
    content = workbook(city)

    def run():
        upload = SimpleUploadedFile("enterprises.xlsx", content)
        preview = client.post("/admin/enterprises/enterprise/import/",
                              {"resource": "0", "format": "0", "import_file": upload})
        assert preview.status_code == 200 and "confirm_form" in preview.context, preview.content[:2000]
        done = client.post("/admin/enterprises/enterprise/process_import/", preview.context["confirm_form"].initial)
        assert done.status_code == 302, done.content[:2000]
        assert Enterprise.objects.filter(name=f"导入测试企业{ROWS - 1:05d}").exists()
    measure(f"import {ROWS:,} enterprises (.xlsx, admin)", run, runs=1, warmup=0, write=True, target="<60 s",
            check=within(ms=60_000))
