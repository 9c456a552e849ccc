"""Minutes and signed agreements: checked by content and size, stored under random names, downloaded only by
those who may see the record."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from alliances.models import Agreement, Meeting

from ..conftest import api_client_for, client_for
from .roles import EXPECTED, ROLES

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
NOT_A_DOCUMENT = "This file is not an accepted document. Upload a PDF, Word, Excel, JPEG or PNG file."


def _meeting_post(meeting, upload, **data):
    return {"alliance": meeting.alliance_id, "kind": meeting.kind, "period_start": meeting.period_text,
            "status": "held", "date": "2025-05-10", "place": "联盟会议室", "agenda": "研究下季度供需对接安排",
            "minutes": "会议纪要正文", "minutes_file": upload, "issues-TOTAL_FORMS": "0", "issues-INITIAL_FORMS": "0",
            "issues-MIN_NUM_FORMS": "0", "issues-MAX_NUM_FORMS": "1000", **data}


def test_a_renamed_executable_is_refused_and_the_form_keeps_what_was_typed(world, work, private_media):
    meeting = work.a.alliance_meeting
    upload = SimpleUploadedFile("纪要.pdf", EXECUTABLE, content_type="application/pdf")
    response = client_for(world.alliance_staff_a).post(f"/chains/meetings/{meeting.pk}/edit/",
                                                       _meeting_post(meeting, upload))
    assert response.status_code == 200
    content = response.content.decode()
    assert NOT_A_DOCUMENT in content
    assert "研究下季度供需对接安排" in content and "联盟会议室" in content
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED and not meeting.minutes_file


def test_an_oversize_file_is_refused_with_a_clear_message_and_the_form_keeps_its_data(world, work, private_media,
                                                                                       settings):
    settings.UPLOAD_MAX_BYTES = 1024
    meeting = work.a.alliance_meeting
    upload = SimpleUploadedFile("纪要.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = client_for(world.alliance_staff_a).post(f"/chains/meetings/{meeting.pk}/edit/",
                                                       _meeting_post(meeting, upload))
    assert response.status_code == 200
    content = response.content.decode()
    assert "files may be at most" in content
    assert "研究下季度供需对接安排" in content and "会议纪要正文" in content
    assert "What you typed is kept; a file must be chosen again." in content
    meeting.refresh_from_db()
    assert not meeting.minutes_file and meeting.minutes == ""


def test_an_oversize_agreement_is_refused_on_the_new_agreement_form(world, work, private_media, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    response = client_for(world.alliance_staff_a).post("/chains/agreements/new/", {
        "alliance": world.alliance_a.pk, "kind": "joint_research", "title": "浓香型白酒联合研究",
        "parties": [world.member_a.pk, work.a.partner.pk], "signed_on": "2025-03-01", "status": "signed",
        "document": SimpleUploadedFile("协议.pdf", PDF + b"0" * 2048)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "files may be at most" in content and "浓香型白酒联合研究" in content
    assert not Agreement.objects.filter(title="浓香型白酒联合研究").exists()


def test_a_document_is_stored_under_a_random_name(world, work, private_media):
    meeting = work.a.alliance_meeting
    response = client_for(world.alliance_staff_a).post(f"/chains/meetings/{meeting.pk}/edit/", _meeting_post(
        meeting, SimpleUploadedFile("理事会纪要.pdf", PDF)))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes_file.name.startswith("alliances/meeting/") and "纪要" not in meeting.minutes_file.name
    assert meeting.status == Meeting.Status.HELD


def test_the_api_refuses_a_renamed_executable(world, work, private_media):
    response = api_client_for(world.alliance_staff_a).patch(
        f"/api/v1/agreements/{work.a.agreement.pk}/", {"document": SimpleUploadedFile("协议.docx", EXECUTABLE)},
        format="multipart")
    assert response.status_code == 400
    assert NOT_A_DOCUMENT in str(response.json()["document"])


def test_the_api_takes_a_document_and_links_to_the_scoped_download(world, work, private_media):
    response = api_client_for(world.alliance_staff_a).patch(
        f"/api/v1/agreements/{work.a.agreement.pk}/", {"document": SimpleUploadedFile("协议.pdf", PDF)},
        format="multipart")
    assert response.status_code == 200, response.json()
    assert response.json()["document"].endswith(f"/chains/agreements/{work.a.agreement.pk}/document/")


@pytest.fixture
def stored(work, private_media):
    for side in (work.a, work.b):
        side.alliance_meeting.minutes_file.save("minutes.pdf", ContentFile(PDF))
        side.agreement.document.save("agreement.pdf", ContentFile(PDF))
    return work


@pytest.mark.parametrize("role", ROLES)
def test_minutes_download_for_every_role(world, stored, role):
    client = client_for(getattr(world, role))
    own = client.get(f"/chains/meetings/{stored.a.alliance_meeting.pk}/minutes/")
    other = client.get(f"/chains/meetings/{stored.b.alliance_meeting.pk}/minutes/")
    assert own.status_code == (200 if role in EXPECTED["alliance_meeting"][0] else 404)
    assert other.status_code == (200 if role in {"admin", "city_official"} else 404)
    if own.status_code == 200:
        assert b"".join(own.streaming_content) == PDF
        assert own["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize("role", ROLES)
def test_agreement_download_for_every_role(world, stored, role):
    client = client_for(getattr(world, role))
    own = client.get(f"/chains/agreements/{stored.a.agreement.pk}/document/")
    other = client.get(f"/chains/agreements/{stored.b.agreement.pk}/document/")
    assert own.status_code == (200 if role in EXPECTED["agreement"][0] else 404)
    assert other.status_code == (200 if role in {"admin", "city_official"} else 404)


def test_the_b_side_people_download_only_their_side(world, stored):
    for user in (world.alliance_staff_b, world.official_b):
        client = client_for(user)
        assert client.get(f"/chains/meetings/{stored.b.alliance_meeting.pk}/minutes/").status_code == 200
        assert client.get(f"/chains/meetings/{stored.a.alliance_meeting.pk}/minutes/").status_code == 404
    contact = client_for(world.contact_b)
    assert contact.get(f"/chains/agreements/{stored.b.agreement.pk}/document/").status_code == 200
    assert contact.get(f"/chains/agreements/{stored.a.agreement.pk}/document/").status_code == 404


def test_an_anonymous_download_goes_to_the_login(world, stored):
    from django.test import Client

    response = Client().get(f"/chains/meetings/{stored.a.alliance_meeting.pk}/minutes/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_record_without_a_file_has_nothing_to_download(world, work, private_media):
    assert client_for(world.admin).get(f"/chains/meetings/{work.a.committee_meeting.pk}/minutes/").status_code == 404
