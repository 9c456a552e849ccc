"""Admin of the needs: everything for administrators, scoped for staff users, nothing for the others."""
from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from services.models import Need, NeedEvent, WorkingDayOverride
from services.workdays import package_last_announced_year

from .needs_world import ALL_STATES, build, submit, w  # noqa: F401  (fixtures)

MODELS = ["need", "needevent", "assignment", "extensionrequest", "feedback", "needattachment", "workingdayoverride",
          "categorydeadlines"]


@pytest.fixture
def needs(w):
    return build(w, Need.Status.IN_PROGRESS), submit(w, acting_user=w.contact_b, enterprise=w.enterprise_b,
                                                     title="酒厂用地")


def make_staff(user, *codenames):
    user.is_staff = True
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="services", codename__in=codenames))
    return user


@pytest.mark.parametrize("model", MODELS)
def test_the_administrator_opens_every_changelist(w, needs, as_user, model):
    assert as_user(w.admin).get(reverse(f"admin:services_{model}_changelist")).status_code == 200


def test_the_administrator_opens_a_need_with_its_timeline_and_history(w, needs, as_user):
    client = as_user(w.admin)
    page = client.get(reverse("admin:services_need_change", args=[needs[0].pk]))
    assert page.status_code == 200 and needs[0].title in page.content.decode()
    assert client.get(reverse("admin:services_need_history", args=[needs[0].pk])).status_code == 200
    assert client.get(reverse("admin:services_need_add")).status_code == 403  # needs start on the form


@pytest.mark.parametrize("role", ["city_official", "official_a", "alliance_staff_a", "committee_staff_a",
                                  "department_staff", "contact_a", "outsider"])
def test_people_who_are_not_staff_are_sent_to_log_in(w, needs, as_user, role):
    response = as_user(getattr(w, role)).get(reverse("admin:services_need_changelist"))
    assert response.status_code == 302 and "login" in response.url


def test_staff_users_see_in_admin_only_the_needs_of_their_scope(w, needs, as_user):
    make_staff(w.alliance_staff_a, "view_need", "change_need", "view_needevent")
    client = as_user(w.alliance_staff_a)
    page = client.get(reverse("admin:services_need_changelist")).content.decode()
    assert needs[0].title in page and needs[1].title not in page
    assert client.get(reverse("admin:services_need_change", args=[needs[0].pk])).status_code == 200
    outside = client.get(reverse("admin:services_need_change", args=[needs[1].pk]))
    assert outside.status_code == 302 and outside.url == reverse("admin:index")
    events = client.get(reverse("admin:services_needevent_changelist")).content.decode()
    assert needs[1].title not in events


def test_workflow_fields_cannot_be_changed_in_admin(w, needs, as_user):
    need = needs[0]
    response = as_user(w.admin).post(reverse("admin:services_need_change", args=[need.pk]), {
        "category": need.category, "title": "新标题", "description": need.description, "urgency": "normal",
        "source": "form", "status": "closed",
        **{f"{prefix}-{key}": value for prefix in ("assignments", "extension_requests", "feedback", "attachments",
                                                   "events")
           for key, value in (("TOTAL_FORMS", 0), ("INITIAL_FORMS", 0))}})
    assert response.status_code == 302, response.content.decode()[:2000]
    need.refresh_from_db()
    assert need.title == "新标题" and need.status == Need.Status.IN_PROGRESS


def test_events_are_read_only_in_admin(w, needs, as_user):
    event = NeedEvent.objects.filter(need=needs[0]).first()
    client = as_user(w.admin)
    assert client.get(reverse("admin:services_needevent_add")).status_code == 403
    response = client.post(reverse("admin:services_needevent_change", args=[event.pk]), {"note": "改写"})
    event.refresh_from_db()
    assert event.note != "改写" and response.status_code in (302, 403)


def test_an_override_entered_in_admin_recomputes_provisional_deadlines(w, as_user, django_capture_on_commit_callbacks):
    from datetime import datetime
    from zoneinfo import ZoneInfo
    year = package_last_announced_year()
    need = submit(w, at=datetime(year, 12, 31, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert need.deadlines_provisional
    with django_capture_on_commit_callbacks(execute=True):
        response = as_user(w.admin).post(reverse("admin:services_workingdayoverride_add"), {
            "date": need.accept_due.isoformat(), "source_document": "国务院办公厅通知", "note": ""})
    assert response.status_code == 302
    assert WorkingDayOverride.objects.get().is_working_day is False
    need.refresh_from_db()
    assert not need.deadlines_provisional and need.accept_due > WorkingDayOverride.objects.get().date


def test_every_status_opens_in_admin(w, as_user):
    client = as_user(w.admin)
    for state in ALL_STATES:
        need = build(w, state)
        assert client.get(reverse("admin:services_need_change", args=[need.pk])).status_code == 200, state


def test_the_admin_action_recomputes_the_deadlines_of_selected_needs(w, needs, as_user):
    need = needs[1]
    Need.objects.filter(pk=need.pk).update(accept_due=date(2020, 1, 1))
    response = as_user(w.admin).post(reverse("admin:services_need_changelist"),
                                     {"action": "recompute_deadlines", "_selected_action": [need.pk]})
    assert response.status_code == 302
    need.refresh_from_db()
    assert need.accept_due != date(2020, 1, 1)
    assert need.events.filter(kind=NeedEvent.Kind.DEADLINES).exists()
