"""Spreadsheets: oversized files, zip bombs, XML bombs and junk are refused with a clear message and
nothing is saved; exported text that starts like a formula is neutralised."""
import io
import zipfile

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from django.utils.translation import gettext

from chainparty.excel import SafeXLSX, neutralise
from chainparty.models import AccessLog
from enterprises.models import Enterprise
from tests.conftest import client_for

NOT_XLSX = "This is not a valid Excel (.xlsx) file."
TOO_BIG_UNPACKED = "The file expands to too much data once unpacked; it was not read."
UNREADABLE = "This Excel file could not be read (damaged, or it contains forbidden XML)."
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def good_workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["名称", "统一社会信用代码"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(xml: bytes) -> bytes:
    """A real workbook whose first sheet is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(good_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = xml if item.filename == "xl/worksheets/sheet1.xml" else source.read(item.filename)
            target.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;</t></is></c></row></sheetData></worksheet>"""


def upload(client, content: bytes, name="enterprises.xlsx"):
    file = SimpleUploadedFile(name, content, content_type=XLSX_TYPE)
    return client.post("/admin/enterprises/enterprise/import/", {"resource": "0", "format": "0", "import_file": file})


@pytest.fixture
def admin_client(world):
    return client_for(world.admin)


@pytest.mark.parametrize("case,content,message", [
    ("not a zip", lambda: b"this is not a spreadsheet at all", NOT_XLSX),
    ("a truncated workbook", lambda: good_workbook()[:300], NOT_XLSX),
    ("a zip bomb", lambda: with_sheet(b"<worksheet>" + b" " * (60 * 1024 * 1024) + b"</worksheet>"), TOO_BIG_UNPACKED),
    ("an XML bomb", lambda: with_sheet(BILLION_LAUGHS), UNREADABLE),
], ids=["not a zip", "a truncated workbook", "a zip bomb", "an XML bomb"])
def test_a_bad_workbook_is_refused_with_a_clear_message_and_nothing_saved(world, admin_client, case, content,
                                                                          message):
    before = Enterprise.objects.count()
    response = upload(admin_client, content())
    assert response.status_code == 200
    assert escape(gettext(message)) in response.content.decode(), case
    assert Enterprise.objects.count() == before


def test_a_file_over_the_size_limit_is_refused(world, admin_client, settings):
    settings.IMPORT_MAX_BYTES = 1024
    response = upload(admin_client, good_workbook() + b"\0" * 2048)
    assert escape(gettext("The file is larger than %(limit)s MB; split it into smaller files.") % {"limit": 0}) \
        in response.content.decode()
    assert Enterprise.objects.count() == 2


def test_the_xml_bomb_is_refused_by_the_reader_itself():
    with pytest.raises(ValueError):
        SafeXLSX().create_dataset(with_sheet(BILLION_LAUGHS))


@pytest.mark.parametrize("text,expected", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"), ("普通文字", "普通文字"), (12, 12), (None, None),
])
def test_formula_like_text_is_neutralised(text, expected):
    assert neutralise(text) == expected


def test_an_exported_workbook_runs_no_formula_from_user_text(world, admin_client):
    world.enterprise_a.name = "=HYPERLINK(\"http://evil\",\"点我\")"
    world.enterprise_a.save()
    response = admin_client.post("/admin/enterprises/enterprise/export/", {
        "format": "0", "resource": "0", **{f"enterpriseresource_{name}": "on" for name in ("name", "credit_code")}})
    assert response.status_code == 200, response.content[:500]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    values = [cell.value for row in book.active.iter_rows() for cell in row]
    assert not any(isinstance(v, str) and v.startswith("=") for v in values)
    assert "'=HYPERLINK(\"http://evil\",\"点我\")" in values
    assert AccessLog.objects.filter(user=world.admin, what__startswith="export enterprises.Enterprise").exists()


def test_dataset_neutralising_keeps_numbers_and_dates():
    from chainparty.excel import neutralised

    data = tablib.Dataset(["=1+1", 5, "ok"], headers=["a", "b", "c"])
    assert list(neutralised(data)[0]) == ["'=1+1", 5, "ok"]
