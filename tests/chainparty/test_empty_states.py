"""Every list page, generated from the URL configuration: with no rows, it says why and what to do next.

Teaching a new list page (a class-based list view the registry below does not know FAILS
`test_every_list_view_is_known`): give its view an ``empty = EmptyState(...)`` (chainparty/empty_states.py),
render ``{% include "includes/empty_state.html" %}`` where the rows would be, and add its URL name to LIST_PAGES
with the roles that may open it. A list page written as a function (it renders ``empty_state`` itself) cannot be
found from the URL configuration: add it by hand.
"""
from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.generic.list import MultipleObjectMixin

from chainparty.models import Region
from tests import factories as f
from tests.conftest import client_for
from tests.empty_state import empty_state_of

EVERYONE = ("admin", "official", "outsider")  # may create everything, may create nothing, sees nothing
OFFICIALS = ("admin", "official")
DECIDERS = ("admin",)


def listed(roles=EVERYONE, **kwargs):
    return {"roles": roles, "kwargs": kwargs}


LIST_PAGES = {
    "alliances:chain-list": listed(), "alliances:meeting-list": listed(), "alliances:activity-list": listed(),
    "alliances:agreement-list": listed(), "alliances:pairing-list": listed(),
    "alliances:servicecenter-list": listed(), "alliances:instruction-list": listed(),
    "alliances:case-list": listed(),
    "parks:park-list": listed(),
    "enterprises:enterprise-list": listed(), "enterprises:member-report-list": listed(),
    "enterprises:member-report-queue": listed(), "enterprises:member-post-list": listed(),
    "enterprises:branch-rating-list": listed(), "enterprises:training-session-list": listed(),
    "enterprises:demonstration-site-list": listed(),
    "services:need-list": listed(), "services:my-needs": listed(), "services:need-inbox": listed(),
    "services:assigned-needs": listed(), "services:publicized-needs": listed(),
    "services:resource-list": listed(), "services:project-list": listed(), "services:visit-list": listed(),
    "services:visit-coverage": listed(),
    # Function views: found by hand.
    "notifications": listed(), "enterprises:signup-status": listed(), "enterprises:signup-requests": listed(DECIDERS),
    "coverage": listed(OFFICIALS), "figure-records": listed(OFFICIALS, figure_id="F01"),
}


def url_views():
    """(namespaced URL name, view callback) of every named URL."""
    def walk(resolver, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(part for part in (namespace, entry.namespace) if part)
                yield from walk(entry, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry.callback

    return list(walk(get_resolver(), ""))


def test_every_list_view_is_known():
    """A list view this test does not know fails here until it is taught (see the docstring)."""
    lists = {name for name, callback in url_views() if not name.startswith(("admin:", "api:"))
             and issubclass(getattr(callback, "view_class", object), MultipleObjectMixin)}
    assert sorted(lists - set(LIST_PAGES)) == [], "list pages without a known empty state"
    assert sorted(set(LIST_PAGES) - {name for name, _callback in url_views()}) == [], "stale names"


@pytest.fixture
def nobody_recorded_anything(db):
    """A city with its users, and not a single record: every list is empty for everyone."""
    province = f.RegionFactory(code="320000", name="江苏省", level=Region.Level.PROVINCE)
    city = f.RegionFactory(code="321300", name="宿迁市", level=Region.Level.CITY, parent=province)
    return {"admin": f.UserFactory(username="admin", is_superuser=True, is_staff=True),
            "official": f.OfficialFactory(user=f.UserFactory(username="official"), region=city).user,
            "outsider": f.UserFactory(username="outsider")}


PAGE_ROLES = [(name, role) for name, spec in LIST_PAGES.items() for role in spec["roles"]]


@pytest.mark.parametrize(("name", "role"), PAGE_ROLES, ids=[f"{name}-{role}" for name, role in PAGE_ROLES])
def test_an_empty_list_says_what_to_do_next(nobody_recorded_anything, name, role):
    client = client_for(nobody_recorded_anything[role])
    response = client.get(reverse(name, kwargs=LIST_PAGES[name]["kwargs"]))
    assert response.status_code == 200, f"{role} should open {name} (or fix LIST_PAGES)"
    shown = empty_state_of(response)
    assert shown is not None, f"{name} shows no empty state"
    assert shown.message
    assert shown.links or shown.hint, f"{name} gives {role} no next step"
    for href, label in shown.links:
        assert label
        assert client.get(href).status_code == 200, f"{name}: the next step {href} is closed to {role}"
