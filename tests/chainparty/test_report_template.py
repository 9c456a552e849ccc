"""An admin replaces the report's Word template in admin; the newest active one wins, else the default file."""
import io

import docx
import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile

from chainparty.reports.models import ReportDownload, ReportTemplate
from tests.conftest import client_for

from .dashboard_data import populate


@pytest.fixture
def private_media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return FileSystemStorage(location=str(tmp_path))


def template_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report_text(user) -> str:
    response = client_for(user).get("/dashboard/report.docx", {"period": "2025"})
    return "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)


def test_an_uploaded_template_replaces_the_default(world, private_media):
    populate(world)
    client = client_for(world.admin)
    response = client.post("/admin/reports/reporttemplate/add/", {
        "name": "2025版", "is_active": "on",
        "file": SimpleUploadedFile("t.docx", template_bytes("本期收集诉求{{ F18 }}个，化解率{{ F19 }}%。"))})
    assert response.status_code == 302
    assert ReportTemplate.objects.get().uploaded_by == world.admin
    assert "本期收集诉求4个，化解率50%。" in report_text(world.city_official)
    assert ReportDownload.objects.get().template == ReportTemplate.objects.get()


def test_the_newest_active_template_wins_and_an_inactive_one_is_ignored(world, private_media):
    ReportTemplate.objects.create(name="旧", file=SimpleUploadedFile("a.docx", template_bytes("旧模板{{ F01 }}")))
    ReportTemplate.objects.create(name="新", file=SimpleUploadedFile("b.docx", template_bytes("新模板{{ F01 }}")))
    assert "新模板2" in report_text(world.city_official)
    ReportTemplate.objects.filter(name="新").update(is_active=False)
    assert "旧模板2" in report_text(world.city_official)
    ReportTemplate.objects.update(is_active=False)
    assert "做强2条重点产业链" in report_text(world.city_official)


def test_a_file_that_is_not_a_word_document_is_refused(world, private_media):
    response = client_for(world.admin).post("/admin/reports/reporttemplate/add/", {
        "name": "坏", "is_active": "on", "file": SimpleUploadedFile("t.docx", b"%PDF-1.4 not word")})
    assert response.status_code == 200
    assert not ReportTemplate.objects.exists()


@pytest.mark.parametrize("role", ["city_official", "official_a", "alliance_staff_a", "contact_a", "outsider"])
def test_only_admins_manage_templates(world, role, private_media):
    user = getattr(world, role)
    user.is_staff = True
    user.save()
    assert client_for(user).get("/admin/reports/reporttemplate/").status_code in (302, 403)
    assert client_for(user).get("/admin/reports/reportdownload/").status_code in (302, 403)


def test_an_admin_reads_the_download_log_but_cannot_change_it(world):
    client_for(world.city_official).get("/dashboard/report.docx", {"period": "2025"})
    admin = client_for(world.admin)
    assert admin.get("/admin/reports/reportdownload/").context["cl"].result_count == 1
    assert admin.get("/admin/reports/reportdownload/add/").status_code == 403


def test_an_admin_downloads_the_default_template_to_start_from(world):
    response = client_for(world.admin).get("/dashboard/report-template.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "做强{{ F01 }}条重点产业链" in text
    assert client_for(world.city_official).get("/dashboard/report-template.docx").status_code == 404
