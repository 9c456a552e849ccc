"""Importing enterprises and Party organisations from .xlsx in admin: row errors shown, nothing half-imported."""
import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

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


PROCESS = "/admin/enterprises/enterprise/process_import/"


def row(world, name, code, park="宿迁经济技术开发区", chains=None, organization=""):
    chains = world.chain_a.name if chains is None else chains
    return [name, code, world.county_a.code, park, chains, "否", "是", "民营", "中型", 120, "宿城区", organization]


def upload(client, file, url="/admin/enterprises/enterprise/import/"):
    return client.post(url, {"resource": "0", "format": "0", "import_file": file})


def imported(client, rows):
    """The preview of a file without row errors, after confirming it."""
    response = upload(client, workbook(rows))
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), response.content.decode()[:3000]
    assert client.post(PROCESS, response.context["confirm_form"].initial).status_code == 302
    return response


def invalid_rows(response) -> dict:
    return {invalid.number: invalid.field_specific_errors for invalid in response.context["result"].invalid_rows}


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


def test_an_imported_enterprise_has_one_history_record_with_its_chains_by_the_importer(world, admin_client):
    code = f.credit_code()
    imported(admin_client, [row(world, "有历史的企业", code, chains=f"{world.chain_a.name}、{world.chain_b.name}")])
    enterprise = Enterprise.objects.get(credit_code=code)
    assert set(enterprise.chains.all()) == {world.chain_a, world.chain_b}
    record = enterprise.history.get()
    assert (record.history_type, record.history_user) == ("+", world.admin)
    assert {link.industrialchain for link in record.chains.all()} == {world.chain_a, world.chain_b}


def test_a_row_with_a_known_credit_code_updates_the_enterprise_and_its_chains(world, admin_client):
    enterprise = world.enterprise_b  # in county B, park B, on chain B, with its branch
    response = imported(admin_client, [row(world, "苏洋酿酒（迁址）", enterprise.credit_code)])
    assert response.context["result"].totals["update"] == 1
    enterprise.refresh_from_db()
    assert (enterprise.name, enterprise.county, enterprise.park) == ("苏洋酿酒（迁址）", world.county_a, world.park_a)
    assert list(enterprise.chains.all()) == [world.chain_a] and enterprise.party_organization is None
    record = enterprise.history.first()
    assert (record.history_type, record.history_user, record.name) == ("~", world.admin, "苏洋酿酒（迁址）")
    assert [link.industrialchain for link in record.chains.all()] == [world.chain_a]


def test_an_unchanged_row_is_skipped_and_leaves_no_history(world, admin_client):
    enterprise = world.enterprise_a
    records = enterprise.history.count()
    response = imported(admin_client, [[enterprise.name, enterprise.credit_code, world.county_a.code, world.park_a.name,
                                        world.chain_a.name, "是", "否", "private", "small", "", "", world.org_a.name]])
    assert response.context["result"].totals["skip"] == 1
    assert enterprise.history.count() == records


def test_a_credit_code_twice_in_the_file_is_refused_on_its_second_row(world, admin_client):
    code = f.credit_code()
    response = upload(admin_client, workbook([row(world, "甲企业", code), row(world, "乙企业", code)]))
    assert list(invalid_rows(response)) == [2] and "credit_code" in invalid_rows(response)[2]
    assert not Enterprise.objects.filter(credit_code=code).exists()


def test_chains_are_named_within_the_region_of_the_enterprises_county(world, admin_client):
    f.ChainFactory(name=world.chain_a.name, region=world.other_city)
    f.ChainFactory(name="泰州医药", region=world.other_city)
    code = f.credit_code()
    imported(admin_client, [row(world, "同名链企业", code)])
    assert list(Enterprise.objects.get(credit_code=code).chains.all()) == [world.chain_a]
    response = upload(admin_client, workbook([row(world, "外市链企业", f.credit_code(), chains="泰州医药")]))
    assert list(invalid_rows(response)[1]) == ["chains"]
    assert "泰州医药" in response.content.decode()


def test_the_preview_shows_the_chains_of_new_rows(world, admin_client):
    response = upload(admin_client, workbook([row(world, "预览企业", f.credit_code())]))
    (preview,) = response.context["result"].valid_rows()
    assert any(world.chain_a.name in cell for cell in preview.diff)


def test_a_branch_covers_one_enterprise_even_when_two_rows_name_it(world, admin_client):
    f.PartyOrganizationFactory(name="新建党支部")
    response = upload(admin_client, workbook([row(world, "甲企业", f.credit_code(), organization="新建党支部"),
                                             row(world, "乙企业", f.credit_code(), organization="新建党支部"),
                                             row(world, "丙企业", f.credit_code(), organization=world.org_b.name)]))
    assert {number: list(errors) for number, errors in invalid_rows(response).items()} == {
        2: ["party_organization"], 3: ["party_organization"]}
    assert "甲企业" in response.content.decode() and world.enterprise_b.name in response.content.decode()


def test_a_joint_branch_covers_every_enterprise_that_names_it(world, admin_client):
    joint = f.PartyOrganizationFactory(name="园区联合党支部", kind=PartyOrganization.Kind.JOINT_BRANCH)
    codes = [f.credit_code(), f.credit_code()]
    imported(admin_client, [row(world, f"联建企业{i}", code, organization=joint.name) for i, code in enumerate(codes)])
    assert Enterprise.objects.filter(credit_code__in=codes, party_organization=joint).count() == 2


def queries_to_import(world, client, rows: int) -> int:
    """Queries of the preview and the confirmation of a file of ``rows`` rows: a fifth update enterprises (to
    another chain), a fifth name a branch, the rest are new."""
    fifth = rows // 5
    existing = [f.EnterpriseFactory(county=world.county_a, park=world.park_a, chains=[world.chain_b])
                for _ in range(fifth)]
    branches = [f.PartyOrganizationFactory() for _ in range(fifth)]
    file = workbook([row(world, enterprise.name, enterprise.credit_code) for enterprise in existing]
                    + [row(world, f"{branch.name}企业", f.credit_code(), organization=branch.name) for branch in branches]
                    + [row(world, f"新企业{rows}-{i}", f.credit_code()) for i in range(rows - 2 * fifth)])
    # Each import looks its content type up afresh (admin's log), whatever tests ran before in this process.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        response = upload(client, file)
        assert client.post(PROCESS, response.context["confirm_form"].initial).status_code == 302
    assert response.context["result"].totals["update"] == fifth
    assert Enterprise.objects.filter(party_organization__in=branches).count() == fifth
    return len(captured)


def test_the_import_runs_as_many_queries_for_40_rows_as_for_10(world, admin_client):
    assert queries_to_import(world, admin_client, 40) == queries_to_import(world, admin_client, 10)


def test_an_organisation_name_two_records_share_is_a_clear_row_error(world, admin_client):
    f.PartyOrganizationFactory(name="同名党支部")
    f.PartyOrganizationFactory(name="同名党支部")
    response = upload(admin_client, workbook([row(world, "新企业", f.credit_code(), organization="同名党支部")]))
    assert not response.context["result"].has_errors()
    assert invalid_rows(response) == {1: {"party_organization": [
        "有2个党组织名为“同名党支部”，请先在管理后台区分其名称。"]}}
