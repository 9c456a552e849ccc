"""For every role, on pages, API and admin: what lies outside the scope is invisible (404) and
cannot be changed; what lies inside is visible."""
import pytest
from django.contrib.auth.models import Permission

from tests.conftest import api_client_for, client_for

# role -> which side's records it sees: "ab" both, "a" side A only, "" none.
# Department staff reach the chain their department leads (chain_a) and its alliance only.
SIDES = {
    "admin": "ab", "city_official": "ab", "official_a": "a", "alliance_staff_a": "a",
    "committee_staff_a": "a", "contact_a": "a", "outsider": "",
}
DEPARTMENT = {"chain": "a", "alliance": "a", "park": "", "committee": "", "enterprise": "", "org": ""}

PAGES = [("chain", "/chains/{}/"), ("park", "/parks/{}/"), ("enterprise", "/enterprises/{}/")]
API = [("chain", "chains"), ("alliance", "alliances"), ("park", "parks"), ("committee", "committees"),
       ("enterprise", "enterprises"), ("org", "party-organizations")]
ROLES = list(SIDES) + ["department_staff"]


def sees(role: str, kind: str, side: str) -> bool:
    return side in (DEPARTMENT[kind] if role == "department_staff" else SIDES[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind,url", PAGES)
def test_pages_show_inside_and_hide_outside(world, role, kind, url):
    client = client_for(getattr(world, role))
    for side in "ab":
        obj = getattr(world, f"{kind}_{side}")
        response = client.get(url.format(obj.pk))
        assert response.status_code == (200 if sees(role, kind, side) else 404), (side, response.status_code)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind,prefix", API)
def test_api_shows_inside_and_hides_outside(world, role, kind, prefix):
    client = api_client_for(getattr(world, role))
    listed = {row["id"] for row in client.get(f"/api/v1/{prefix}/").json()["results"]}
    for side in "ab":
        obj = getattr(world, f"{kind}_{side}")
        expected = sees(role, kind, side)
        assert (obj.pk in listed) is expected
        assert client.get(f"/api/v1/{prefix}/{obj.pk}/").status_code == (200 if expected else 404)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("kind,prefix", API)
def test_api_cannot_change_what_lies_outside(world, role, kind, prefix):
    if role == "admin":
        return
    client = api_client_for(getattr(world, role))
    obj = getattr(world, f"{kind}_b")
    response = client.patch(f"/api/v1/{prefix}/{obj.pk}/", {"name": "改名"}, format="json")
    assert response.status_code in (403, 404)
    assert response.status_code == (403 if sees(role, kind, "b") else 404)
    assert client.delete(f"/api/v1/{prefix}/{obj.pk}/").status_code in (403, 404)
    obj.refresh_from_db()
    assert getattr(obj, "name", "") != "改名"


def test_an_official_reads_but_cannot_change_inside_their_region(world):
    client = api_client_for(world.official_a)
    response = client.patch(f"/api/v1/alliances/{world.alliance_a.pk}/", {"name": "改名"}, format="json")
    assert response.status_code == 403


def test_alliance_staff_change_their_own_alliance_but_not_move_records_elsewhere(world):
    client = api_client_for(world.alliance_staff_a)
    position = world.alliance_a.positions.first()
    assert client.patch(f"/api/v1/alliance-positions/{position.pk}/", {"title": "秘书长"},
                        format="json").status_code == 200
    # Pointing the position at alliance B (which they cannot see) is a field error, and nothing moves.
    response = client.patch(f"/api/v1/alliance-positions/{position.pk}/", {"alliance": world.alliance_b.pk},
                            format="json")
    assert response.status_code == 400
    position.refresh_from_db()
    assert position.alliance == world.alliance_a


def test_committee_staff_cannot_create_a_record_for_another_committee(world):
    client = api_client_for(world.committee_staff_a)
    response = client.post("/api/v1/committee-positions/", {
        "committee": world.committee_b.pk, "role": "member", "person_name": "某人"}, format="json")
    assert response.status_code == 400
    assert not world.committee_b.positions.filter(person_name="某人").exists()
    response = client.post("/api/v1/committee-positions/", {
        "committee": world.committee_a.pk, "role": "member", "person_name": "某人"}, format="json")
    assert response.status_code == 201


def test_visible_but_not_editable_parent_is_refused_on_create(world):
    # City officials see every committee but hold no committee position.
    client = api_client_for(world.city_official)
    response = client.post("/api/v1/committee-positions/", {
        "committee": world.committee_a.pk, "role": "member", "person_name": "某人"}, format="json")
    assert response.status_code == 403
    assert not world.committee_a.positions.filter(person_name="某人").exists()


def test_anonymous_users_get_the_login_page_or_401(client, world):
    assert client.get("/chains/").status_code == 302
    assert client.get(f"/enterprises/{world.enterprise_a.pk}/").url.startswith("/accounts/login/")
    assert client.get("/api/v1/enterprises/").status_code in (401, 403)


def _staff_with_all_permissions(user):
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label__in=["alliances", "parks", "enterprises", "chainparty"]))
    return user


@pytest.mark.parametrize("kind,url", [
    ("chain", "/admin/alliances/industrialchain/"), ("alliance", "/admin/alliances/alliance/"),
    ("park", "/admin/parks/park/"), ("committee", "/admin/parks/jointcommittee/"),
    ("enterprise", "/admin/enterprises/enterprise/"), ("org", "/admin/enterprises/partyorganization/"),
])
@pytest.mark.parametrize("role", ["alliance_staff_a", "committee_staff_a", "official_a"])
def test_admin_shows_staff_only_their_scope(world, role, kind, url):
    client = client_for(_staff_with_all_permissions(getattr(world, role)))
    inside, outside = getattr(world, f"{kind}_a"), getattr(world, f"{kind}_b")
    listing = client.get(url)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == listing.context["cl"].queryset.filter(pk=inside.pk).count() + \
        listing.context["cl"].queryset.exclude(pk=inside.pk).count()
    assert inside in listing.context["cl"].queryset
    assert outside not in listing.context["cl"].queryset
    # An object outside the scope is treated exactly like a missing one: admin redirects with "doesn't exist".
    missing = client.get(f"{url}999999/change/")
    hidden = client.get(f"{url}{outside.pk}/change/")
    assert hidden.status_code == missing.status_code == 302
    assert client.post(f"{url}{outside.pk}/delete/", {"post": "yes"}).status_code == 302
    assert type(outside).objects.filter(pk=outside.pk).exists()


def test_admin_lets_alliance_staff_change_their_alliance_only(world):
    client = client_for(_staff_with_all_permissions(world.alliance_staff_a))
    assert client.get(f"/admin/alliances/alliance/{world.alliance_a.pk}/change/").status_code == 200
    # Side-A chain is visible, but the chain itself is admin-only: read-only view, no save.
    chain_page = client.get(f"/admin/alliances/industrialchain/{world.chain_a.pk}/change/")
    assert chain_page.status_code == 200
    assert not chain_page.context["has_change_permission"]
