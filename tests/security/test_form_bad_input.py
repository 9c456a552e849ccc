"""Bad input on the main forms: overlong text, wrong dates, wrong numbers and HTML/script in every text
field. Each gets a clear message next to the field (never a 500) and nothing is saved; markup that is
saved is shown escaped."""
from __future__ import annotations

import pytest
from django.urls import reverse

from alliances.models import Activity
from services.models import Need, Resource, Visit
from tests.conftest import client_for

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'

# name -> (URL name, role, model, valid data(world), text fields, date fields, number fields)
FORMS = {
    "need": ("services:need-submit", "contact_a", Need,
             lambda w: {"enterprise": w.enterprise_a.pk, "category": "funding", "title": "流动资金贷款",
                        "description": "扩产需要资金", "amount_requested": "500", "urgency": "normal"},
             ["title", "description"], [], ["amount_requested"]),
    "activity": ("alliances:activity-create", "alliance_staff_a", Activity,
                 lambda w: {"alliance": w.alliance_a.pk, "kind": "matchmaking", "mode": "offline", "title": "对接会",
                            "date": "2025-05-01", "venue": "other", "place": "宿迁", "outcome": "签约",
                            "enterprises_reached": "3", "workers_recommended": "0", "deals_reached": "1"},
                 ["title", "place", "outcome"], ["date"],
                 ["enterprises_reached", "workers_recommended", "deals_reached"]),
    "resource": ("services:resource-create", "department_staff", Resource,
                 lambda w: {"department": w.department.pk, "kind": "policy", "title": "技改补贴", "summary": "摘要",
                            "body": "正文", "how_to_apply": "申报", "contact_info": "市工信局", "quota": "",
                            "valid_from": "2026-01-01", "valid_to": "2026-12-31", "published": "on"},
                 ["title", "summary", "body", "how_to_apply", "contact_info"], ["valid_from", "valid_to"], []),
    "visit": ("services:visit-create", "alliance_staff_a", Visit,
              lambda w: {"enterprise": w.enterprise_a.pk, "visited_on": "2026-03-10",
                         "body": f"alliance:{w.alliance_a.pk}", "visitors": "张三", "purpose": "走访",
                         "findings": "用工紧张"},
              ["visitors", "purpose", "findings"], ["visited_on"], []),
}


def cases():
    for name, (_url, _role, _model, _data, texts, dates, numbers) in FORMS.items():
        yield from [(name, field, "overlong", "长" * 20000) for field in texts]
        yield from [(name, field, "script", SCRIPT) for field in texts]
        yield from [(name, field, "wrong date", bad) for field in dates for bad in ("2026-13-45", "昨天", "99999-01-01")]
        yield from [(name, field, "wrong number", bad) for field in numbers
                    for bad in ("abc", "-5", "1e400", "99999999999999999999")]


def test_the_valid_data_of_every_form_is_accepted(world):
    for name, (url, role, model, data, *_rest) in FORMS.items():
        response = client_for(getattr(world, role)).post(reverse(url), data(world))
        assert response.status_code == 302, (name, response.status_code,
                                              getattr(response, "context", None) and response.context.get("form")
                                              and response.context["form"].errors)
        assert model.objects.count() == 1, name


@pytest.mark.parametrize("name,field,kind,value", list(cases()))
def test_bad_input_gets_a_message_and_saves_nothing_or_is_shown_escaped(world, name, field, kind, value):
    url, role, model, data, *_rest = FORMS[name]
    client = client_for(getattr(world, role))
    before = model.objects.count()
    response = client.post(reverse(url), {**data(world), field: value})
    assert response.status_code < 500
    if kind == "overlong" and model._meta.get_field(field).max_length is None:
        assert response.status_code == 302 and len(getattr(model.objects.latest("pk"), field)) == 20000
        return  # a text field without a limit keeps what was written
    if kind == "script":
        assert response.status_code == 302, (name, field)
        saved = model.objects.latest("pk")
        assert getattr(saved, field) == value  # stored as typed...
        page = client.get(response.url).content.decode()
        assert SCRIPT not in page and "onerror=alert(1)>" not in page  # ...and shown escaped
        return
    assert response.status_code in (200, 400), (name, field, kind, response.status_code)
    assert model.objects.count() == before, (name, field, kind)
    errors = response.context["form"].errors
    assert field in errors or errors.get("__all__"), (name, field, kind, errors)
