"""Builds the default Word template (templates/reports/work_report.docx) from its editable text source.

The source is the seed report with a Jinja placeholder (``{{ F01 }}``…) where the report had a ``*``.
Lines starting with ``# `` are the title, ``## `` section headings, any other line a body paragraph.
Styles get an East-Asian font (仿宋 body, 黑体 headings, 宋体 title) so Word renders Chinese properly.
"""
from __future__ import annotations

from pathlib import Path

from django.conf import settings
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

SOURCE = Path(settings.BASE_DIR) / "templates" / "reports" / "work_report.source.txt"
DEFAULT_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "reports" / "work_report.docx"


def set_font(style, east_asian: str, size: int, bold: bool = False) -> None:
    style.font.name = "Times New Roman"
    style.font.size = Pt(size)
    style.font.bold = bold
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font would win
        fonts.attrib.pop(qn(theme), None)


def build(source: Path = SOURCE, target: Path = DEFAULT_TEMPLATE) -> Path:
    document = Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    styles = document.styles
    set_font(styles["Normal"], "仿宋", 16)
    styles["Normal"].paragraph_format.line_spacing = Pt(28)
    set_font(styles["Title"], "宋体", 22, bold=True)
    set_font(styles["Heading 1"], "黑体", 16)
    for name in ("Title", "Heading 1"):
        styles[name].font.color.rgb = None
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        if line.startswith("# "):
            paragraph = document.add_paragraph(line[2:], style="Title")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif line.startswith("## "):
            paragraph = document.add_paragraph(line[3:], style="Heading 1")
            paragraph.paragraph_format.first_line_indent = Pt(32)
        else:
            paragraph = document.add_paragraph(line)
            if not line.startswith("尊敬的"):
                paragraph.paragraph_format.first_line_indent = Pt(32)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)
    return target
