"""The needs lists with no rows: the contact is asked to submit a need, the official told where needs come from,
and filters matching nothing can be cleared."""
from django.urls import reverse

from services.views import MyNeedsView, NeedListView
from tests.conftest import client_for
from tests.empty_state import empty_state_of


def test_a_contact_without_needs_is_invited_to_submit_one(world):
    shown = empty_state_of(client_for(world.contact_a).get(reverse("services:my-needs")))
    assert (shown.kind, shown.message) == ("create", str(MyNeedsView.empty.nothing))
    assert shown.links == [(reverse("services:need-submit"), str(MyNeedsView.empty.create))]


def test_an_official_learns_where_needs_come_from(world):
    shown = empty_state_of(client_for(world.official_a).get(reverse("services:need-list")))
    assert (shown.kind, shown.hint, shown.links) == ("elsewhere", str(NeedListView.empty.elsewhere), [])


def test_filters_matching_nothing_offer_to_clear_them(world):
    url = reverse("services:need-list")
    shown = empty_state_of(client_for(world.official_a).get(url, {"status": ["resolved", "closed"], "q": ""}))
    assert (shown.kind, shown.message) == ("filtered", str(NeedListView.empty.filtered))
    assert [href for href, _label in shown.links] == [url]
