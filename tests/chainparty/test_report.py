"""The work report (.docx) and its workbook (.xlsx) on hand-built data: every figure in its sentence, scoped,
escaped, neutralised and logged."""
import io
from datetime import date, datetime

import docx
import openpyxl
import pytest

from chainparty.reports.models import ReportDownload
from tests.conftest import client_for

from .. import factories as f
from .dashboard_data import _at, populate


def report_text(client, **query) -> str:
    response = client.get("/dashboard/report.docx", {"period": "2025", **query})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(response.content)).paragraphs)


def workbook(client, **query):
    response = client.get("/dashboard/report.xlsx", {"period": "2025", **query})
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(response.content))


def test_the_report_reads_like_the_seed_with_every_figure_filled_in(world):
    populate(world)
    text = report_text(client_for(world.city_official))
    assert "江苏省委" in text and "宿迁市围绕构建现代产业体系、做强4条重点产业链" in text
    assert "激光装备、酿造（酒）" in text and "等4个产业链党建联盟" in text
    assert "2025年，全市非公企业中递交入党申请书10人、增长—%，新发展党员4人" in text
    assert "收集用能、用地、用工、资金等问题诉求4个" in text
    assert "目前化解率超过50%" in text
    assert "帮助企业解决资金需求300多万元" in text
    assert "举办线上线下招聘活动2场次" in text and "推荐用工40多人" in text
    assert "合作协议2个（其中技术攻关2个）" in text
    assert "理事会季度例会按期召开率100%，联合党委月度会议按期召开率0%" in text  # F27
    assert "“三个结对”活动（现有结对0对）" in text  # F28
    assert "对链上重点企业走访覆盖率达到0%" in text  # F26: the chain leader of chain_a was not visited
    assert "*" not in text and "{{" not in text


def test_a_county_report_counts_only_the_county_even_when_another_is_asked_for(world):
    populate(world)
    text = report_text(client_for(world.official_a), region=world.county_b.code)
    assert "全区非公企业中递交入党申请书5人" in text
    assert "问题诉求2个" in text and "资金需求150多万元" in text


def test_a_quarter_report_names_the_quarter(world):
    assert "现将2025年第一季度有关工作进展情况汇报如下" in report_text(client_for(world.city_official),
                                                                           period="2025Q1")


def test_names_with_angle_brackets_and_ampersands_do_not_break_the_document(world):
    world.chain_a.name = "激光<装备>&光电"
    world.chain_a.save()
    f.AgreementFactory(alliance=world.alliance_a, title="A<B&C联合攻关", parties=[world.member_a])
    text = report_text(client_for(world.city_official))
    assert "激光<装备>&光电" in text and "“A<B&C联合攻关”" in text


def test_the_body_text_uses_a_chinese_font(world):
    response = client_for(world.city_official).get("/dashboard/report.docx", {"period": "2025"})
    document = docx.Document(io.BytesIO(response.content))
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"


def test_the_workbook_has_the_figures_and_the_lists_behind_them(world):
    populate(world)
    book = workbook(client_for(world.city_official))
    figures = {row[0]: row for row in book.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert figures["F18"][3:] == (4, 0, 4)
    assert figures["F07"][3] is None
    assert len(book.worksheets) == 6
    needs, meetings, agreements, activities, reports = book.worksheets[1:]
    assert needs.max_row == 5 and agreements.max_row == 3 and activities.max_row == 3 and reports.max_row == 3
    assert all(row[1].startswith("联合攻关") for row in agreements.iter_rows(min_row=2, values_only=True))
    assert meetings.max_row > 1


def test_the_workbook_heads_each_sheet_in_chinese_and_shows_dates_as_dates(world):
    populate(world)
    book = workbook(client_for(world.city_official))
    needs, meetings = book.worksheets[1], book.worksheets[2]
    header = [cell for cell in next(needs.iter_rows(max_row=1))]
    assert [cell.value for cell in header][:4] == ["编号", "标题", "类别", "状态"]
    assert all(cell.font.b for cell in header)
    submitted = needs.cell(row=2, column=7)
    assert submitted.is_date and submitted.number_format == "yyyy-mm-dd hh:mm"
    meeting_date = next(cell for cell in meetings[2] if cell.is_date)
    assert meeting_date.number_format == "yyyy-mm-dd"


def test_an_empty_list_keeps_its_headed_sheet(world):
    book = workbook(client_for(world.city_official), period="2019")
    assert len(book.worksheets) == 6
    for sheet in book.worksheets[1:]:
        assert next(sheet.iter_rows(max_row=1, values_only=True))[0] == "编号"
        assert not any(any(row) for row in sheet.iter_rows(min_row=2, values_only=True))


def test_the_workbook_of_a_county_official_holds_only_their_county(world):
    populate(world)
    book = workbook(client_for(world.official_a), region=world.county_b.code)
    needs = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert len(needs) == 2 and {row[4] for row in needs} == {world.enterprise_a.name}


def test_user_text_never_runs_as_a_formula_in_the_workbook(world):
    populate(world)
    f.NeedFactory(enterprise=world.enterprise_a, title="=HYPERLINK(\"http://evil\",\"x\")",
                  submitted_at=_at(date(2025, 6, 1)))
    titles = [row[1] for row in workbook(client_for(world.city_official)).worksheets[1].iter_rows(
        min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://evil\",\"x\")" in titles


def test_amounts_are_numbers_in_the_workbook_and_dates_dates(world):
    populate(world)
    needs = list(workbook(client_for(world.city_official)).worksheets[1].iter_rows(min_row=2, values_only=True))
    assert sorted(row[7] for row in needs if row[7] is not None) == [150, 150]
    assert all(isinstance(row[6], datetime) for row in needs)


def test_the_workbook_shows_when_a_need_was_submitted_in_china_time(world):
    from datetime import timezone

    from services.models import Need

    populate(world)
    need = Need.objects.filter(submitted_at__year=2025).order_by("pk").first()
    Need.objects.filter(pk=need.pk).update(submitted_at=datetime(2025, 6, 30, 17, 30, tzinfo=timezone.utc))
    rows = workbook(client_for(world.city_official)).worksheets[1].iter_rows(min_row=2, values_only=True)
    assert next(row for row in rows if row[0] == need.pk)[6] == datetime(2025, 7, 1, 1, 30)


def test_every_download_is_logged(world):
    client = client_for(world.official_a)
    client.get("/dashboard/report.docx", {"period": "2025Q2"})
    client.get("/dashboard/report.xlsx", {"period": "2025Q2"})
    logged = list(ReportDownload.objects.order_by("pk").values_list("user__username", "format", "region", "period"))
    assert logged == [("official_a", "docx", world.county_a.pk, "2025Q2"),
                      ("official_a", "xlsx", world.county_a.pk, "2025Q2")]


@pytest.mark.parametrize("role", ["alliance_staff_a", "committee_staff_a", "contact_a", "department_staff", "outsider"])
def test_only_officials_download_the_report(world, role):
    client = client_for(getattr(world, role))
    assert client.get("/dashboard/report.docx").status_code == 404
    assert client.get("/dashboard/report.xlsx").status_code == 404
