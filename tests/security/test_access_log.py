"""Downloads and exports are logged (who, what, when), and the log is read-only, for administrators only."""
from django.core.files.base import ContentFile

from chainparty.models import AccessLog
from tests import factories as f
from tests.conftest import client_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_private_file_download_is_logged_with_who_what_and_when(world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {**settings.STORAGES["default"],
                                                          "OPTIONS": {"location": str(tmp_path)}}}
    agreement = f.AgreementFactory(alliance=world.alliance_a, parties=[world.member_a])
    agreement.document.save("signed.pdf", ContentFile(PDF), save=True)
    response = client_for(world.alliance_staff_a).get(f"/chains/agreements/{agreement.pk}/document/")
    assert response.status_code == 200
    entry = AccessLog.objects.get()
    assert entry.user == world.alliance_staff_a
    assert entry.object_label == "alliances.Agreement" and entry.object_pk == str(agreement.pk)
    assert entry.what == "download document" and entry.at is not None
    # A refused download (outside the scope) is a 404 and logs nothing.
    assert client_for(world.alliance_staff_b).get(f"/chains/agreements/{agreement.pk}/document/").status_code == 404
    assert AccessLog.objects.count() == 1


def test_the_access_log_is_read_only_in_admin(world):
    AccessLog.objects.create(user=world.official_a, what="export enterprises.Enterprise (xlsx)")
    client = client_for(world.admin)
    listing = client.get("/admin/chainparty/accesslog/")
    assert listing.status_code == 200 and "export enterprises.Enterprise" in listing.content.decode()
    entry = AccessLog.objects.get()
    page = client.get(f"/admin/chainparty/accesslog/{entry.pk}/change/")
    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert client.get("/admin/chainparty/accesslog/add/").status_code == 403
    assert client.post(f"/admin/chainparty/accesslog/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_every_admin_of_a_model_with_history_shows_the_history(world):
    from django.contrib import admin

    from chainparty.admin import ScopedHistoryAdmin

    with_history = [model for model, model_admin in admin.site._registry.items()
                    if hasattr(model, "history") and not isinstance(model_admin, ScopedHistoryAdmin)]
    assert not with_history, with_history
