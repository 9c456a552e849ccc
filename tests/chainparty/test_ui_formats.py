"""How pages write dates, money and figure breakdowns in Chinese (issue 11)."""
from datetime import date
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation

from chainparty.templatetags.portal import breakdown_label, field_label
from enterprises.models import Enterprise
from tests.conftest import client_for
from tests.e2e.checks import english_runs

from .. import factories as f


def render(source: str, **context) -> str:
    return Template("{% load portal %}" + source).render(Context(context))


def test_a_date_reads_year_month_day_in_chinese():
    assert render("{{ day|date }}", day=date(2026, 11, 24)) == "2026年11月24日"


def test_a_date_follows_the_language_in_english():
    with translation.override("en"):
        assert render("{{ day|date }}", day=date(2026, 11, 24)) == "Nov. 24, 2026"


def test_money_has_thousands_separators_and_no_trailing_zeros():
    assert render("{{ amount|figure }}", amount=Decimal("12500.00")) == "12,500"
    assert render("{{ amount|figure }}", amount=Decimal("1234.50")) == "1,234.5"
    assert render("{{ amount|figure }}", amount=None) == "—"


def test_an_agreement_page_writes_its_date_and_amount_the_chinese_way(world):
    agreement = f.AgreementFactory(alliance=world.alliance_a, parties=[world.member_a], amount=Decimal("12500"),
                                   signed_on=date(2025, 3, 1))
    content = client_for(world.alliance_staff_a).get(f"/chains/agreements/{agreement.pk}/").content.decode()
    assert "2025年3月1日" in content and "12,500" in content
    assert "2025-03-01" not in content


def test_breakdown_keys_read_as_words():
    assert breakdown_label("funding") == "资金"
    assert breakdown_label("council_held") == "理事会季度例会已召开"
    assert breakdown_label("on_time") == "按时办结"
    assert breakdown_label("2025Q1") == "2025Q1"


def test_import_errors_name_the_column_by_its_label():
    assert field_label("credit_code", Enterprise._meta) == str(Enterprise._meta.get_field("credit_code")
                                                                .verbose_name)
    assert field_label("no_such_field", Enterprise._meta) == "no_such_field"


def test_english_runs_ignore_codes_file_names_and_allowed_words():
    assert english_runs("F18 收集诉求 2026Q3 · 资金需求说明.pdf · PDF、Excel 文件 · API") == []
    assert english_runs("诉求 Submit a need") == ["Submit a need"]
    assert english_runs("状态 unknown") == ["unknown"]
