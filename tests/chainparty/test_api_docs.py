"""The OpenAPI schema and its docs work offline, for signed-in users."""
from tests.conftest import client_for


def test_the_schema_is_generated_without_errors(world):
    response = client_for(world.admin).get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/enterprises/" in response.content
    assert b"/api/v1/figures/" in response.content


def test_the_docs_page_loads_its_assets_locally(world):
    response = client_for(world.city_official).get("/api/docs/")
    assert response.status_code == 200
    assert b"cdn." not in response.content and b"unpkg" not in response.content


def test_a_token_authenticates_api_calls(world, client):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=world.official_a)
    response = client.get("/api/v1/enterprises/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["卡米特激光"]
