"""The access matrix, generated from the URL configuration, the API router and the admin registry.

For every URL of the portal and every role of DESIGN.md, an object on side B of the `world` fixture
(built by tests/security/side_b.py) is invisible (404) and unchangeable (403/404) to everyone whose
scope does not reach side B, and anonymous users get the login page (pages, admin) or 401/403 (API).
Admin sees the same objects (200), so a check that passes only because the URL is wrong fails.

Teaching a new URL (a URL the registries below do not know FAILS `test_every_url_is_known`):
- a page: add its URL name to PAGES, e.g. ``"services:need-detail": detail("need")`` — the kinds are
  PUBLIC (no login), page() (a list, form or dashboard: no 5xx, no side-B name shown to side-A users),
  detail(key) (GET of the side-B object is 404), edit(key)/action(key) (GET and POST refused with
  403/404, the object unchanged), download(key) (a file: 404). ``key`` is a key of side_b.build_side_b;
  extra URL arguments go in ``kwargs=``.
- an API viewset: add its router basename to API with the side-B key (``shared=True`` for reference
  tables everyone reads but only admin changes). List, detail, update, delete and every detail
  @action are exercised automatically; a non-detail @action goes in API_ACTIONS.
- an admin model: add "app_label.model" to ADMIN with the side-B key, or to ADMIN_ONLY when only
  superusers may open it; a custom admin URL goes in ADMIN_PAGES.
"""
from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.core import serializers
from django.shortcuts import resolve_url
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from chainparty.api_urls import router
from tests.conftest import api_client_for, client_for

from .side_b import build_side_b

# Who must NOT reach side B (admin and the city official do; the B-side people are not asked).
RESTRICTED = ["official_a", "alliance_staff_a", "committee_staff_a", "department_staff", "contact_a", "outsider"]
ROLES = ["admin", "city_official", *RESTRICTED]

PUBLIC = {"kind": "public"}


def page(allow=(), **kwargs):
    """``allow``: side-B names the page may show on purpose (e.g. "chain": a resource may target any chain)."""
    return {"kind": "page", "kwargs": kwargs, "allow": allow}


def detail(key, **kwargs):
    return {"kind": "detail", "key": key, "kwargs": kwargs}


def edit(key, **kwargs):
    return {"kind": "edit", "key": key, "kwargs": kwargs}


def action(key, **kwargs):
    return {"kind": "action", "key": key, "kwargs": kwargs}


def download(key, **kwargs):
    return {"kind": "download", "key": key, "kwargs": kwargs}


def _need_actions():
    from services.actions import TRANSITIONS

    return {name.replace("_", "-") if False else name for name in TRANSITIONS}


# ---- pages: URL name -> how to exercise it -----------------------------------------------------------
PAGES = {
    "home": page(), "login": PUBLIC, "logout": PUBLIC, "set_language": PUBLIC,
    "notifications": page(), "notification-read": action("notification"), "notifications-read-all": page(),
    "notification-preferences": page(),
    "overview": page(), "figure-records": page(figure_id="F01"),
    "my-dashboard": page(), "coverage": page(), "report-download": page(), "report-workbook": page(),
    "report-template-default": page(),
    "dashboard-chart": page(name="needs-category"),
    "alliance-dashboard": detail("alliance"), "committee-dashboard": detail("committee"),
    "enterprise-dashboard": detail("enterprise"),
    "alliances:meeting-issue-to-need": action("meeting_issue"), "services:visit-need": action("visit"),
    "services:publicized-needs": page(),
    "alliances:chain-list": page(), "alliances:chain-detail": detail("chain"),
    "alliances:meeting-list": page(), "alliances:meeting-create": page(),
    "alliances:meeting-calendar": page(), "alliances:calendar-renew": page(),
    "alliances:meeting-feed": {"kind": "feed"},
    "alliances:meeting-detail": detail("meeting"), "alliances:meeting-update": edit("meeting"),
    "alliances:meeting-cancel": action("meeting"), "alliances:meeting-minutes": edit("meeting"),
    "alliances:activity-list": page(), "alliances:activity-create": page(),
    "alliances:activity-detail": detail("activity"), "alliances:activity-update": edit("activity"),
    "alliances:agreement-list": page(), "alliances:agreement-create": page(),
    "alliances:agreement-detail": detail("agreement"), "alliances:agreement-update": edit("agreement"),
    "alliances:agreement-document": download("agreement"),
    "alliances:pairing-list": page(), "alliances:pairing-create": page(), "alliances:pairing-update": edit("pairing"),
    "alliances:servicecenter-list": page(), "alliances:servicecenter-create": page(),
    "alliances:servicecenter-detail": detail("service_center"),
    "alliances:servicecenter-update": edit("service_center"),
    "alliances:instruction-list": page(), "alliances:instruction-create": page(),
    "alliances:instruction-update": edit("instruction"),
    "alliances:case-list": page(), "alliances:case-create": page(), "alliances:case-update": edit("case"),
    "parks:park-list": page(), "parks:park-detail": detail("park"),
    "enterprises:enterprise-list": page(), "enterprises:enterprise-detail": detail("enterprise"),
    "enterprises:member-report-list": page(), "enterprises:member-report-queue": page(),
    "enterprises:member-report-create": page(), "enterprises:member-report-detail": detail("member_report"),
    "enterprises:member-report-update": edit("member_report"),
    "enterprises:member-report-submit": action("member_report"),
    "enterprises:member-report-approve": action("member_report"),
    "enterprises:member-report-return": action("member_report"),
    "enterprises:organization-growth": detail("org"),
    "enterprises:member-post-list": page(), "enterprises:member-post-create": page(),
    "enterprises:member-post-update": edit("member_post"),
    "enterprises:branch-rating-list": page(), "enterprises:branch-rating-create": page(),
    "enterprises:branch-rating-update": edit("branch_rating"),
    "enterprises:training-session-list": page(), "enterprises:training-session-create": page(),
    "enterprises:training-session-update": edit("training_session"),
    "enterprises:demonstration-site-list": page(), "enterprises:demonstration-site-create": page(),
    "enterprises:demonstration-site-update": edit("demonstration_site"),
    "enterprises:demonstration-site-award": action("demonstration_site"),
    "enterprises:demonstration-site-decline": action("demonstration_site"),
    "enterprises:signup": PUBLIC, "enterprises:signup-done": PUBLIC, "enterprises:signup-status": page(),
    "enterprises:signup-invite": page(), "enterprises:signup-requests": page(),
    "enterprises:signup-approve": action("pending_contact"), "enterprises:signup-refuse": action("pending_contact"),
    "services:need-home": page(), "services:need-list": page(), "services:my-needs": page(),
    "services:need-submit": page(), "services:need-inbox": page(), "services:assigned-needs": page(),
    "services:need-detail": detail("need"),
    "services:need-action": {"kind": "need-actions", "key": "need"},
    "services:attachment-download": download("need_attachment"),
    "services:resource-list": page(), "services:resource-create": page(allow=["chain"]),
    "services:resource-detail": detail("resource"), "services:resource-update": edit("resource"),
    "services:project-list": page(), "services:project-create": page(),
    "services:project-detail": detail("project"), "services:project-update": edit("project"),
    "services:visit-list": page(), "services:visit-create": page(), "services:visit-coverage": page(),
    "services:visit-detail": detail("visit"), "services:visit-update": edit("visit"),
    # The API's own non-router URLs and docs.
    "api:figures": {"kind": "api-page"}, "api:api-root": {"kind": "api-page"},
    "schema": {"kind": "api-page"}, "api-docs": PUBLIC,
}

# ---- API: router basename -> side-B object key ---------------------------------------------------------
API = {
    "region": {"key": "region", "shared": True}, "department": {"key": "department", "shared": True},
    "industrialchain": {"key": "chain"}, "alliance": {"key": "alliance"},
    "allianceposition": {"key": "alliance_position"}, "alliancemember": {"key": "member"},
    "meeting": {"key": "meeting"}, "meetingissue": {"key": "meeting_issue"}, "activity": {"key": "activity"},
    "agreement": {"key": "agreement"}, "pairing": {"key": "pairing"}, "servicecenter": {"key": "service_center"},
    "instruction": {"key": "instruction"}, "case": {"key": "case"},
    "park": {"key": "park"}, "jointcommittee": {"key": "committee"},
    "committeeposition": {"key": "committee_position"}, "partyworker": {"key": "worker"},
    "partyworkerassessment": {"key": "assessment"},
    "enterprise": {"key": "enterprise"}, "partyorganization": {"key": "org"},
    "enterprisecontact": {"key": "contact"}, "memberreport": {"key": "member_report"},
    "memberpost": {"key": "member_post"}, "memberpostproject": {"key": "member_post_project"},
    "branchrating": {"key": "branch_rating"}, "demonstrationsite": {"key": "demonstration_site"},
    "trainingsession": {"key": "training_session"}, "contact-request": {"key": "pending_contact"},
    "need": {"key": "need"}, "needevent": {"key": "need_event"}, "assignment": {"key": "assignment"},
    "extensionrequest": {"key": "extension_request"}, "feedback": {"key": "feedback"},
    "needattachment": {"key": "need_attachment"},
    "workingdayoverride": {"key": "working_day_override", "shared": True},
    "categorydeadlines": {"key": "category_deadlines", "shared": True},
    "resource": {"key": "resource"}, "project": {"key": "project"}, "milestone": {"key": "milestone"},
    "visit": {"key": "visit"}, "followup": {"key": "followup"},
}
# Non-detail @actions (detail ones are exercised with the side-B object automatically): "read" = a GET that
# must not show side-B ids; "create" = a POST that must not 5xx.
API_ACTIONS = {"memberreport-summary": "read", "contact-request-invite": "create"}

# ---- admin: "app_label.model" -> side-B key; ADMIN_ONLY: superusers only ------------------------------------
ADMIN = {
    "chainparty.notification": "notification", "alliances.industrialchain": "chain", "alliances.alliance": "alliance",
    "alliances.allianceposition": "alliance_position", "alliances.alliancemember": "member",
    "alliances.meeting": "meeting", "alliances.meetingissue": "meeting_issue", "alliances.activity": "activity",
    "alliances.agreement": "agreement", "alliances.pairing": "pairing", "alliances.servicecenter": "service_center",
    "alliances.instruction": "instruction", "alliances.case": "case", "alliances.calendartoken": "calendar_token",
    "parks.park": "park", "parks.jointcommittee": "committee", "parks.committeeposition": "committee_position",
    "parks.partyworker": "worker", "parks.partyworkerassessment": "assessment",
    "enterprises.enterprise": "enterprise", "enterprises.partyorganization": "org",
    "enterprises.enterprisecontact": "contact", "enterprises.memberreport": "member_report",
    "enterprises.memberpost": "member_post", "enterprises.memberpostproject": "member_post_project",
    "enterprises.branchrating": "branch_rating", "enterprises.demonstrationsite": "demonstration_site",
    "enterprises.trainingsession": "training_session",
    "services.need": "need", "services.needevent": "need_event", "services.assignment": "assignment",
    "services.extensionrequest": "extension_request", "services.feedback": "feedback",
    "services.needattachment": "need_attachment", "services.resource": "resource", "services.project": "project",
    "services.milestone": "milestone", "services.visit": "visit", "services.followup": "followup",
}
ADMIN_ONLY = {
    "auth.group", "authtoken.tokenproxy", "django_celery_beat.periodictask", "django_celery_beat.clockedschedule",
    "django_celery_beat.crontabschedule", "django_celery_beat.solarschedule", "django_celery_beat.intervalschedule",
    "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog", "chainparty.user", "chainparty.region",
    "chainparty.department", "chainparty.official", "chainparty.departmentstaff",
    "chainparty.notificationpreference", "services.workingdayoverride", "services.categorydeadlines",
    "chainparty.accesslog", "reports.reporttemplate", "reports.reportdownload",
}
ADMIN_PAGES = {
    "admin:index": "page", "admin:login": "public", "admin:logout": "public", "admin:password_change": "page",
    "admin:password_change_done": "page", "admin:autocomplete": "page", "admin:jsi18n": "page",
    "admin:view_on_site": "page", "admin:app_list": "page", "admin:auth_user_password_change": "page",
    "admin:enterprises_enterprise_import": "page", "admin:enterprises_enterprise_process_import": "page",
    "admin:enterprises_enterprise_export": "page", "admin:enterprises_partyorganization_import": "page",
    "admin:enterprises_partyorganization_process_import": "page",
    "admin:enterprises_partyorganization_export": "page",
}
ADMIN_SUFFIXES = ("_changelist", "_add", "_change", "_delete", "_history", "_simple_history")


def all_url_names():
    """Every named URL, namespaced; the router's format-suffix twins and admin's catch-alls left out."""
    names = set()

    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else \
                    (entry.namespace or namespace)
                walk(entry, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                names.add(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver(), "")
    return names


def router_names():
    names = set()
    for _prefix, viewset, basename in router.registry:
        names |= {f"api:{basename}-list", f"api:{basename}-detail"}
        for extra in viewset.get_extra_actions():
            names.add(f"api:{basename}-{extra.url_name}")
    return names


def test_every_url_is_known():
    """A URL the matrix does not know how to exercise fails here until it is taught (see the docstring)."""
    admin_models = {f"{m._meta.app_label}_{m._meta.model_name}": f"{m._meta.app_label}.{m._meta.model_name}"
                    for m in admin.site._registry}
    unknown = []
    for name in sorted(all_url_names() - router_names()):
        if name in PAGES or name in ADMIN_PAGES:
            continue
        if name.startswith("admin:") and name.endswith(ADMIN_SUFFIXES):
            bare = name[len("admin:"):]
            model = bare.removesuffix("_simple_history") if bare.endswith("_simple_history") else \
                bare.rsplit("_", 1)[0]
            if model in admin_models and (admin_models[model] in ADMIN or admin_models[model] in ADMIN_ONLY):
                continue
        unknown.append(name)
    for _prefix, viewset, basename in router.registry:
        if basename not in API:
            unknown.append(f"api:{basename} (router)")
        for extra in viewset.get_extra_actions():
            if not extra.detail and f"{basename}-{extra.url_name}" not in API_ACTIONS:
                unknown.append(f"api:{basename}-{extra.url_name} (non-detail action)")
    for model in admin.site._registry:
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        if label not in ADMIN and label not in ADMIN_ONLY:
            unknown.append(f"admin model {label}")
    assert not unknown, f"URLs the access matrix does not know how to exercise: {unknown}"


# ---- helpers ------------------------------------------------------------------------------------------------
@pytest.fixture
def side_b(world, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        **settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}}}
    settings.MEDIA_ROOT = str(tmp_path)
    return build_side_b(world)


def markers(world, objects, allow=()) -> list[str]:
    """Names only side-B records carry: none may show on a page of a side-A user."""
    return [world.enterprise_b.name, "洋河第二酒厂", *([] if "chain" in allow else [world.chain_b.name]), world.park_b.name, world.org_b.name,
            objects["need"].title, objects["activity"].title, objects["agreement"].title, objects["case"].title,
            objects["project"].title, objects["resource"].title, objects["notification"].title]


def snapshot(obj):
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    return serializers.serialize("json", [fresh]) if fresh else None


def is_login_redirect(response, login_url=None) -> bool:
    return response.status_code == 302 and response.url.startswith(login_url or resolve_url(settings.LOGIN_URL))


def page_urls(name, spec, objects):
    kind = spec["kind"]
    if kind == "need-actions":
        return [(reverse(name, kwargs={"pk": objects["need"].pk, "name": action_name}), "action", "need")
                for action_name in _need_actions()]
    kwargs = dict(spec.get("kwargs", {}))
    if spec.get("key"):
        kwargs["pk"] = objects[spec["key"]].pk
    return [(reverse(name, kwargs=kwargs), kind, spec.get("key"))]


# ---- pages -------------------------------------------------------------------------------------------------
SCOPED_PAGES = sorted(name for name, spec in PAGES.items() if spec["kind"] not in ("public", "api-page", "feed"))


@pytest.mark.parametrize("name", SCOPED_PAGES)
def test_page_hides_side_b(side_b, world, name):
    spec = PAGES[name]
    hidden = markers(world, side_b, spec.get("allow", ()))
    for url, kind, key in page_urls(name, spec, side_b):
        anonymous = client_for.__globals__["Client"]().get(url)
        assert is_login_redirect(anonymous) or anonymous.status_code in (401, 403), (url, anonymous.status_code)
        if kind in ("detail", "download"):
            assert client_for(world.admin).get(url).status_code == 200, f"{url}: admin should see it (bad spec?)"
        for role in RESTRICTED:
            client = client_for(getattr(world, role))
            before = snapshot(side_b[key]) if key else None
            response = client.get(url)
            assert response.status_code < 500, (url, role)
            if kind in ("detail", "download"):
                assert response.status_code == 404, (url, role, response.status_code)
            elif kind in ("edit", "action"):
                assert response.status_code in (403, 404, 405), (url, role, response.status_code)
                posted = client.post(url, {"reason": "x", "note": "x", "title": "改名"})
                assert posted.status_code in (403, 404), (url, role, posted.status_code)
                assert snapshot(side_b[key]) == before, (url, role)
            elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
                text = response.content.decode()
                shown = [m for m in hidden if m in text]
                assert not shown, (url, role, shown)


@pytest.mark.parametrize("role", ROLES)
def test_calendar_feed_needs_its_secret_token(side_b, world, role):
    client = client_for(getattr(world, role))
    assert client.get(reverse("alliances:meeting-feed", kwargs={"token": "not-a-token"})).status_code == 404


def test_api_pages_need_login(world, client):
    for name in ("api:figures", "api:api-root"):
        assert client.get(reverse(name)).status_code in (401, 403)


# ---- API -----------------------------------------------------------------------------------------------------
def _rows(payload):
    return payload.get("results", payload) if isinstance(payload, dict) else payload


@pytest.mark.parametrize("basename", sorted(b for _p, _v, b in router.registry))
def test_api_hides_side_b(side_b, world, basename):
    prefix, viewset = next((p, v) for p, v, b in router.registry if b == basename)
    spec = API[basename]
    obj = side_b[spec["key"]]
    shared = spec.get("shared", False)
    list_url, detail_url = f"/api/v1/{prefix}/", f"/api/v1/{prefix}/{obj.pk}/"
    anonymous = api_client_for(None)
    assert anonymous.get(list_url).status_code in (401, 403)
    assert anonymous.get(detail_url).status_code in (401, 403)
    assert api_client_for(world.admin).get(detail_url).status_code == 200, "admin must see it (bad spec?)"
    detail_actions = [a for a in viewset.get_extra_actions() if a.detail]
    for role in RESTRICTED:
        client = api_client_for(getattr(world, role))
        before = snapshot(obj)
        listing = client.get(list_url)
        assert listing.status_code in (200, 403), (role, listing.status_code)
        if listing.status_code == 200:
            ids = {row.get("id") for row in _rows(listing.json()) if isinstance(row, dict)}
            assert (obj.pk in ids) is shared, (role, basename)
        assert client.get(detail_url).status_code == (200 if shared else 404), role
        for method in ("put", "patch", "delete"):
            response = getattr(client, method)(detail_url, {}, format="json")
            assert response.status_code in ((403, 405) if shared else (403, 404, 405)), (role, method, response.status_code)
            if not shared and response.status_code == 403:
                pytest.fail(f"{role} {method} {detail_url}: 403 tells that a hidden object exists")
        for extra in detail_actions:
            url = f"{detail_url}{extra.url_path}/"
            response = client.post(url, {"reason": "x", "note": "x"}, format="json")
            assert response.status_code in (403, 404, 405), (role, url, response.status_code)
        assert snapshot(obj) == before, (role, basename)


@pytest.mark.parametrize("name", sorted(API_ACTIONS))
def test_api_list_actions_do_not_leak(side_b, world, name):
    basename, url_name = next((b, a.url_name) for _p, v, b in router.registry for a in v.get_extra_actions()
                              if f"{b}-{a.url_name}" == name)
    url = reverse(f"api:{name}")
    assert api_client_for(None).get(url).status_code in (401, 403)
    for role in RESTRICTED:
        client = api_client_for(getattr(world, role))
        if API_ACTIONS[name] == "read":
            response = client.get(url)
            assert response.status_code < 500
            assert not any(m in response.content.decode() for m in markers(world, side_b)), role
        else:
            response = client.post(url, {"enterprise": world.enterprise_b.pk}, format="json")
            assert response.status_code in (400, 403, 404), (role, response.status_code)


# ---- admin ---------------------------------------------------------------------------------------------------
def _staff(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.all())
    return user


@pytest.mark.parametrize("label", sorted(ADMIN))
def test_admin_hides_side_b(side_b, world, label):
    obj = side_b[ADMIN[label]]
    app_label, model_name = label.split(".")
    base = f"admin:{app_label}_{model_name}"
    changelist = reverse(f"{base}_changelist")
    object_urls = [reverse(f"{base}_{suffix}", args=[obj.pk]) for suffix in ("change", "history", "delete")]
    if hasattr(type(obj), "history"):
        object_urls.append(reverse(f"{base}_simple_history", args=[obj.pk, obj.history.first().history_id]))
    anonymous = client_for.__globals__["Client"]()
    assert is_login_redirect(anonymous.get(changelist), "/admin/login/")
    assert client_for(world.admin).get(object_urls[0]).status_code == 200
    for role in RESTRICTED:
        client = client_for(_staff(getattr(world, role)))
        before = snapshot(obj)
        listing = client.get(changelist)
        assert listing.status_code in (200, 403), (role, listing.status_code)
        if listing.status_code == 200:
            assert not listing.context["cl"].queryset.filter(pk=obj.pk).exists(), role
        for url in object_urls:
            response = client.get(url)
            assert response.status_code in (302, 403, 404), (role, url, response.status_code)
        client.post(object_urls[2], {"post": "yes"})
        client.post(object_urls[0], {})
        assert snapshot(obj) == before, (role, label)


@pytest.mark.parametrize("label", sorted(ADMIN_ONLY))
def test_admin_only_models_are_closed_to_other_staff(world, label):
    app_label, model_name = label.split(".")
    url = reverse(f"admin:{app_label}_{model_name}_changelist")
    assert is_login_redirect(client_for.__globals__["Client"]().get(url), "/admin/login/")
    client = client_for(world.official_a)  # not staff: admin refuses
    assert is_login_redirect(client.get(url), "/admin/login/")
