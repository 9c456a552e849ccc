"""Importing enterprises and Party organisations from .xlsx in admin: row errors shown, nothing half-imported."""
import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from enterprises.models import Enterprise, PartyOrganization
from tests.conftest import client_for

from .. import factories as f

HEADERS = ["名称", "统一社会信用代码", "所在县区代码", "园区", "产业链", "链主企业", "规上企业", "所有制", "规模",
           "职工人数", "地址", "党组织"]


def workbook(rows, headers=HEADERS) -> SimpleUploadedFile:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("enterprises.xlsx", buffer.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def row(world, name, code, park="宿迁经济技术开发区"):
    return [name, code, world.county_a.code, park, world.chain_a.name, "否", "是", "民营", "中型", 120, "宿城区", ""]


def upload(client, file, url="/admin/enterprises/enterprise/import/"):
    return client.post(url, {"resource": "0", "format": "0", "import_file": file})


@pytest.fixture
def admin_client(world):
    return client_for(world.admin)


def test_a_file_with_a_bad_row_shows_its_errors_and_imports_nothing(world, admin_client):
    before = Enterprise.objects.count()
    response = upload(admin_client, workbook([
        row(world, "好企业", f.credit_code()),
        row(world, "坏企业", "91321300MA1ABCDEF0"),         # wrong check character
        row(world, "没园区", f.credit_code(), park="不存在的园区"),
    ]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "统一社会信用代码校验位错误" in content
    assert "不存在的园区" in content
    assert response.context["result"].has_validation_errors() or response.context["result"].has_errors()
    assert Enterprise.objects.count() == before


def test_a_good_file_is_previewed_then_imported_whole(world, admin_client):
    codes = [f.credit_code() for _ in range(3)]
    response = upload(admin_client, workbook([row(world, f"导入企业{i}", code) for i, code in enumerate(codes)]))
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    confirm = response.context["confirm_form"]
    response = admin_client.post("/admin/enterprises/enterprise/process_import/", confirm.initial)
    assert response.status_code == 302
    imported = Enterprise.objects.filter(credit_code__in=codes)
    assert imported.count() == 3
    assert all(e.park == world.park_a and list(e.chains.all()) == [world.chain_a] for e in imported)
    assert all(e.is_above_scale and not e.is_chain_leader for e in imported)


def test_fixing_the_bad_row_lets_the_same_file_through(world, admin_client):
    bad = workbook([row(world, "坏企业", "91321300MA1ABCDEF0")])
    assert upload(admin_client, bad).context["result"].has_validation_errors()
    good = workbook([row(world, "坏企业", f.credit_code())])
    response = upload(admin_client, good)
    admin_client.post("/admin/enterprises/enterprise/process_import/", response.context["confirm_form"].initial)
    assert Enterprise.objects.filter(name="坏企业").exists()


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(world, admin_client):
    response = upload(admin_client, SimpleUploadedFile("x.xlsx", b"MZ\x90\x00not excel"))
    assert response.status_code == 200
    assert Enterprise.objects.count() == 2


def test_party_organisations_import_by_name(world, admin_client):
    headers = ["名称", "类型", "书记", "书记管理层级", "书记是出资人", "上级党组织（按记录）", "成立日期"]
    response = upload(admin_client, workbook([["新党支部", "党支部", "王书记", "中层管理人员", "否", "园区党委", "2024-07-01"]],
                                             headers=headers), url="/admin/enterprises/partyorganization/import/")
    assert not response.context["result"].has_validation_errors(), response.content.decode()[:3000]
    admin_client.post("/admin/enterprises/partyorganization/process_import/",
                      response.context["confirm_form"].initial)
    organization = PartyOrganization.objects.get(name="新党支部")
    assert organization.secretary_management_level == "middle"


def test_enterprises_export_to_xlsx(world, admin_client):
    response = admin_client.post("/admin/enterprises/enterprise/export/", {
        "format": "0", "resource": "0", **{f"enterpriseresource_{name}": "on" for name in
                                          ["name", "credit_code", "county", "park"]}})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    names = [cell.value for cell in book.active["A"]]
    assert "卡米特激光" in names
