"""Importing through admin, a non-superuser brings in only what admin would let them save: enterprises of the parks
they work for, and changes to the records they may change. A refused row is a row error; nothing is imported."""
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission

from enterprises.models import Enterprise, PartyOrganization
from tests.conftest import client_for

from .. import factories as f
from .test_excel_import import PROCESS, invalid_rows, row, upload, workbook

ORGANIZATION_HEADERS = ["名称", "类型", "书记", "书记管理层级", "书记是出资人", "上级党组织（按记录）", "成立日期"]
ORGANIZATIONS = "/admin/enterprises/partyorganization/import/"


def _staff(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="enterprises"))
    return client_for(user)


@pytest.fixture
def committee_a(world):
    """Staff of park A's joint committee, with every enterprises permission in admin."""
    return _staff(world.committee_staff_a)


def _existing(world, enterprise):
    return [enterprise.name + "（改）", enterprise.credit_code, enterprise.county.code, enterprise.park.name,
            world.chain_a.name if enterprise.park == world.park_a else world.chain_b.name, "否", "是", "民营", "中型",
            120, "地址", ""]


def test_committee_staff_import_new_and_changed_enterprises_of_their_park(world, committee_a):
    code = f.credit_code()
    response = upload(committee_a, workbook([row(world, "园区A新企业", code), _existing(world, world.enterprise_a)]))
    result = response.context["result"]
    assert not result.has_errors() and not result.has_validation_errors(), response.content.decode()[:3000]
    assert committee_a.post(PROCESS, response.context["confirm_form"].initial).status_code == 302
    assert Enterprise.objects.get(credit_code=code).park == world.park_a
    assert Enterprise.objects.get(pk=world.enterprise_a.pk).name == "卡米特激光（改）"


def test_an_enterprise_of_another_park_is_neither_added_nor_changed(world, committee_a):
    before = {enterprise.pk: enterprise.name for enterprise in Enterprise.objects.all()}
    other_park = row(world, "园区B新企业", f.credit_code(), park=world.park_b.name, chains=world.chain_b.name)
    other_park[2] = world.county_b.code
    response = upload(committee_a, workbook([row(world, "园区A新企业", f.credit_code()), other_park,
                                             _existing(world, world.enterprise_b)]))
    errors = invalid_rows(response)
    assert list(errors) == [2, 3]
    assert errors[2] == {"park": ["您只能导入您所在园区的企业。"]}
    assert errors[3] == {"credit_code": ["该企业不在您的管理范围内，不能修改。"]}
    assert "confirm_form" not in response.context or not response.context["confirm_form"]
    assert {enterprise.pk: enterprise.name for enterprise in Enterprise.objects.all()} == before


def test_moving_an_own_enterprise_to_another_park_is_refused(world, committee_a):
    moved = _existing(world, world.enterprise_a)
    moved[2:5] = [world.county_b.code, world.park_b.name, world.chain_b.name]
    errors = invalid_rows(upload(committee_a, workbook([moved])))
    assert errors == {1: {"park": ["您只能导入您所在园区的企业。"]}}
    assert Enterprise.objects.get(pk=world.enterprise_a.pk).park == world.park_a


@pytest.mark.parametrize("role", ["official_a", "alliance_staff_a"])
def test_staff_without_a_park_import_no_enterprise(world, role):
    errors = invalid_rows(upload(_staff(getattr(world, role)), workbook([row(world, "新企业", f.credit_code())])))
    assert errors == {1: {"park": ["您只能导入您所在园区的企业。"]}}


def test_an_administrator_imports_into_any_park(world):
    other_park = row(world, "园区B新企业", f.credit_code(), park=world.park_b.name, chains=world.chain_b.name)
    other_park[2] = world.county_b.code
    response = upload(client_for(world.admin), workbook([other_park, _existing(world, world.enterprise_b)]))
    assert not response.context["result"].has_validation_errors(), response.content.decode()[:3000]


def _organization(name, secretary="新书记"):
    return [name, "党支部", secretary, "中层管理人员", "否", "园区党委", "2024-07-01"]


def test_committee_staff_change_their_parks_organisations_only_and_add_none(world, committee_a):
    response = upload(committee_a, workbook([_organization(world.org_a.name), _organization(world.org_b.name),
                                             _organization("新党支部")], headers=ORGANIZATION_HEADERS),
                      url=ORGANIZATIONS)
    assert invalid_rows(response) == {2: {"name": ["该党组织不在您的管理范围内，不能修改。"]},
                                      3: {"name": ["只有管理员可以新增党组织。"]}}
    assert not PartyOrganization.objects.filter(name="新党支部").exists()
    assert PartyOrganization.objects.get(pk=world.org_b.pk).secretary_name != "新书记"

    response = upload(committee_a, workbook([_organization(world.org_a.name)], headers=ORGANIZATION_HEADERS),
                      url=ORGANIZATIONS)
    assert not response.context["result"].has_validation_errors(), response.content.decode()[:3000]
    committee_a.post("/admin/enterprises/partyorganization/process_import/", response.context["confirm_form"].initial)
    assert PartyOrganization.objects.get(pk=world.org_a.pk).secretary_name == "新书记"


def test_an_export_holds_only_the_enterprises_the_user_sees(world, committee_a):
    response = committee_a.post("/admin/enterprises/enterprise/export/", {
        "format": "0", "resource": "0", **{f"enterpriseresource_{name}": "on" for name in ["name", "credit_code"]}})
    assert response.status_code == 200
    names = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(response.content)).active["A"]][1:]
    assert names == [world.enterprise_a.name]
