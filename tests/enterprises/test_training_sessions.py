"""Training sessions for enterprise Party secretaries: entered by committee staff, read around the region."""
import pytest

from enterprises.models import TrainingSession
from tests import factories as f
from tests.enterprises.test_member_report_permissions import EVERYONE, READERS


def session_data(world, **changes):
    return {"organizer": world.county_a.pk, "committee": world.committee_a.pk, "topic": "党组织书记履职能力提升班",
            "start_date": "2025-09-01", "end_date": "2025-09-03", "location": "宿城区委党校", "participants": 35,
            "organizations": [world.org_a.pk], **changes}


def test_committee_staff_enter_a_session_on_the_page(world, as_user):
    response = as_user(world.committee_staff_a).post("/enterprises/trainings/new/", session_data(world))
    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert session.entered_by == world.committee_staff_a and list(session.organizations.all()) == [world.org_a]


def test_committee_staff_enter_a_session_in_the_api(world, api_as):
    response = api_as(world.committee_staff_a).post("/api/v1/training-sessions/", session_data(world), format="json")
    assert response.status_code == 201, response.json()
    assert TrainingSession.objects.get().entered_by == world.committee_staff_a


RULES = [
    (dict(end_date="2025-08-31"), "end_date"),
    (dict(participants=0), "participants"),
    (dict(participants=1, organizations=[]), None),  # fine: one participant, no organisation listed
    (dict(organizer="province"), "organizer"),
    (dict(organizer="county_b"), "organizer"),
]


@pytest.mark.parametrize("changes,field", RULES, ids=["ends before start", "no participant", "one participant",
                                                      "a province organises", "another county"])
def test_the_rules_of_a_session_on_the_form_and_in_the_api(world, as_user, api_as, changes, field):
    if isinstance(changes.get("organizer"), str):
        changes = {**changes, "organizer": getattr(world, changes["organizer"]).pk}
    data = session_data(world, **changes)
    page = as_user(world.committee_staff_a).post("/enterprises/trainings/new/", data)
    api = api_as(world.committee_staff_a).post("/api/v1/training-sessions/", data, format="json")
    if field is None:
        assert page.status_code == 302 and api.status_code == 201
    else:
        assert field in page.context["form"].errors
        assert api.status_code == 400 and field in api.json()
        assert not TrainingSession.objects.exists()


def test_participants_cannot_be_fewer_than_the_organisations_listed(world, as_user, api_as):
    other = f.PartyOrganizationFactory()
    f.EnterpriseFactory(county=world.county_a, park=world.park_a, party_organization=other)
    data = session_data(world, participants=1, organizations=[world.org_a.pk, other.pk])
    assert "participants" in as_user(world.committee_staff_a).post("/enterprises/trainings/new/",
                                                                     data).context["form"].errors
    api = api_as(world.committee_staff_a).post("/api/v1/training-sessions/", data, format="json")
    assert api.status_code == 400 and "participants" in api.json()
    session = f.TrainingSessionFactory(organizer=world.county_a, committee=world.committee_a, participants=2,
                                       organizations=[world.org_a, other])
    api = api_as(world.committee_staff_a).patch(f"/api/v1/training-sessions/{session.pk}/", {"participants": 1},
                                                format="json")
    assert api.status_code == 400 and "participants" in api.json()


@pytest.mark.parametrize("role", EVERYONE)
def test_who_reads_and_who_changes_a_session(world, as_user, api_as, role):
    session = f.TrainingSessionFactory(organizer=world.county_a, committee=world.committee_a,
                                       organizations=[world.org_a])
    user = getattr(world, role)
    listed = set(as_user(user).get("/enterprises/trainings/").context["object_list"])
    assert (session in listed) is (role in READERS)
    expected = 200 if role in {"admin", "committee_staff_a"} else (403 if role in READERS else 404)
    assert as_user(user).get(f"/enterprises/trainings/{session.pk}/edit/").status_code == expected
    assert api_as(user).patch(f"/api/v1/training-sessions/{session.pk}/", {"participants": 50},
                              format="json").status_code == expected


@pytest.mark.parametrize("role", EVERYONE)
def test_who_may_enter_a_session(world, as_user, role):
    allowed = {"admin", "committee_staff_a", "committee_staff_b"}
    assert as_user(getattr(world, role)).get("/enterprises/trainings/new/").status_code == (
        200 if role in allowed else 403)


def test_committee_staff_see_the_classes_of_their_county_and_city(world, as_user):
    city_class = f.TrainingSessionFactory(organizer=world.city)
    county_b_class = f.TrainingSessionFactory(organizer=world.county_b)
    listed = set(as_user(world.committee_staff_a).get("/enterprises/trainings/").context["object_list"])
    assert city_class in listed and county_b_class not in listed
