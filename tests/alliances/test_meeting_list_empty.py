"""The meeting list with no rows: clear the filters, record a meeting, or learn where meetings come from."""
from django.urls import reverse

from alliances.models import Meeting
from alliances.views import MeetingListView
from tests import factories as f
from tests.conftest import client_for
from tests.empty_state import empty_state_of

LIST = reverse("alliances:meeting-list")
EMPTY = MeetingListView.empty


def test_filters_matching_nothing_offer_to_clear_them(world):
    f.MeetingFactory(alliance=world.alliance_a, kind=Meeting.Kind.COUNCIL)
    response = client_for(world.alliance_staff_a).get(LIST, {"kind": Meeting.Kind.MEMBER_CONGRESS, "page": "1"})
    shown = empty_state_of(response)
    assert (shown.kind, shown.message) == ("filtered", str(EMPTY.filtered))
    assert [href for href, _label in shown.links] == [LIST]


def test_a_blank_filter_form_is_not_a_filter(world):
    response = client_for(world.alliance_staff_a).get(LIST, {"kind": "", "alliance": "", "period": ""})
    assert empty_state_of(response).kind == "create"


def test_staff_who_may_record_meetings_get_a_button_to_the_form(world):
    shown = empty_state_of(client_for(world.alliance_staff_a).get(LIST))
    assert (shown.kind, shown.message) == ("create", str(EMPTY.nothing))
    assert shown.links == [(reverse("alliances:meeting-create"), str(EMPTY.create))]


def test_an_official_learns_that_the_bodies_record_them(world):
    response = client_for(world.official_a).get(LIST)
    shown = empty_state_of(response)
    assert (shown.kind, shown.hint, shown.links) == ("elsewhere", str(EMPTY.elsewhere), [])
    assert reverse("alliances:meeting-create") not in response.content.decode()


def test_a_list_with_rows_shows_no_empty_state(world):
    f.MeetingFactory(alliance=world.alliance_a)
    assert empty_state_of(client_for(world.alliance_staff_a).get(LIST)) is None
