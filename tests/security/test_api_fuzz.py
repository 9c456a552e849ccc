"""Property-based run (schemathesis + hypothesis) against the OpenAPI schema of /api/schema/.

For each role (admin, an official, alliance staff, an enterprise contact) every operation of the schema is
called with generated input, a bounded number of examples each (FUZZ_EXAMPLES, default 2; raise it for a
longer local run: ``FUZZ_EXAMPLES=50 pytest tests/security/test_api_fuzz.py``): no answer is a 5xx, and
every documented answer matches the schema."""
from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2"))
ROLES = ["admin", "official_a", "alliance_staff_a", "contact_a"]
CHECKS = (not_a_server_error, response_schema_conformance, content_type_conformance)
RUN = {"calls": 0, "failures": []}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Calling the real WSGI handler fires request_started, whose close_old_connections would close the test's
    database connection (and its transaction) on PostgreSQL; Django's test client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module")
def api_schema(django_db_blocker):
    with django_db_blocker.unblock():
        raw = SchemaGenerator().get_schema(request=None, public=True)
    import json

    from rest_framework.renderers import JSONRenderer

    return schemathesis.from_dict(json.loads(JSONRenderer().render(raw)), app=get_wsgi_application(),
                                  base_url="/", data_generation_methods=["positive", "negative"])


def _run_operation(operation, headers):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=[Phase.explicit, Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def run(case):
        RUN["calls"] += 1
        response = case.call_wsgi(headers=headers)
        try:
            case.validate_response(response, checks=CHECKS)
        except AssertionError as error:  # collected: one report for the whole run
            RUN["failures"].append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                                   f"{str(error).splitlines()[0][:300]}")

    run()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("role", ROLES)
def test_generated_requests_never_break_the_api(world, api_schema, role):
    token = Token.objects.create(user=getattr(world, role))
    headers = {"Authorization": f"Token {token.key}"}
    RUN["failures"].clear()
    before = RUN["calls"]
    for result in api_schema.get_all_operations():
        operation = result.ok()
        _run_operation(operation, headers)
    print(f"\n{role}: {RUN['calls'] - before} generated requests, {len(RUN['failures'])} failures")
    assert not RUN["failures"], "\n".join(sorted(set(RUN["failures"]))[:40])
