"""Journey 4: an admin imports enterprises from an .xlsx file in Django admin, sees the row errors of a bad
file, fixes it and imports it."""
import io

import openpyxl
import pytest

from enterprises.models import Enterprise

from .. import factories as f
from ..enterprises.test_excel_import import HEADERS

pytestmark = pytest.mark.e2e


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def row(world, name, code, park="宿迁经济技术开发区"):
    return [name, code, world.county_a.code, park, world.chain_a.name, "否", "是", "民营", "中型", 1200, "宿城区", ""]


def choose_and_submit(page, content: bytes) -> None:
    page.set_input_files("#id_import_file", files=[{
        "name": "企业名单.xlsx", "buffer": content,
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    if page.locator("#id_format").count():
        page.select_option("#id_format", label="xlsx")
    with page.expect_navigation():
        page.locator("form input[type=submit]").last.click()


def test_an_admin_sees_the_row_errors_of_a_bad_file_then_imports_the_fixed_one(world, browser):
    page = browser.page
    browser.login("admin")
    browser.goto("/admin/enterprises/enterprise/")
    browser.look("admin-enterprises")
    with page.expect_navigation():
        page.locator("a.import_link, a[href$='import/']").first.click()
    browser.look("import-form")
    # A large file takes a while: the submit button shows that the import is under way (static/portal/portal.js).
    assert page.locator("script[src$='portal/portal.js']").count() == 1

    good_code = f.credit_code()
    bad = [row(world, "晶澳太阳能", good_code), row(world, "坏代码企业", "91321300MA1ABCDEF0"),
           row(world, "没园区企业", f.credit_code(), park="不存在的园区")]
    choose_and_submit(page, xlsx(bad))
    text = browser.look("import-row-errors")
    assert "统一社会信用代码校验位错误" in text
    assert "不存在的园区" in text
    assert not Enterprise.objects.filter(name="晶澳太阳能").exists()

    fixed = [bad[0], row(world, "坏代码企业", f.credit_code()), row(world, "没园区企业", bad[2][1])]
    choose_and_submit(page, xlsx(fixed))
    browser.look("import-preview")
    with page.expect_navigation():
        page.locator("input[name=confirm]").click()
    browser.look("import-done")
    assert Enterprise.objects.filter(name__in=["晶澳太阳能", "坏代码企业", "没园区企业"]).count() == 3
    assert "晶澳太阳能" in page.locator("#result_list").inner_text()
