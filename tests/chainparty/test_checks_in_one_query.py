"""ChecksInOneQuery: a model's check constraints validated in one query, with Django's messages and rules."""
import pytest
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from services.models import Need
from tests import factories as f


def broken_need(world) -> Need:
    """A funding need without an amount, with a negative amount solved, rejected without a reason."""
    return f.NeedFactory.build(enterprise=world.enterprise_a, county=world.county_a, category="funding",
                               amount_requested=None, amount_solved=-1, status=Need.Status.REJECTED,
                               rejection_reason="")


def messages_of(validate) -> dict:
    with pytest.raises(ValidationError) as raised:
        validate()
    return {field: sorted(str(message) for message in messages)
            for field, messages in raised.value.message_dict.items()}


def test_every_broken_check_is_reported_from_one_query(world):
    need = broken_need(world)
    with CaptureQueriesContext(connection) as queries:
        found = messages_of(need.validate_constraints)
    selects = [query["sql"] for query in queries.captured_queries if query["sql"].startswith("SELECT")]
    assert len(selects) == 1 and len(queries) <= 3  # and the savepoint around it, inside the test's transaction
    assert len(found["__all__"]) == 3


def test_the_messages_are_those_djangos_own_validation_gives(world):
    need = broken_need(world)
    assert messages_of(need.validate_constraints) == messages_of(lambda: models.Model.validate_constraints(need))
    assert messages_of(lambda: need.validate_constraints(exclude={"amount_requested"})) == messages_of(
        lambda: models.Model.validate_constraints(need, exclude={"amount_requested"}))


def test_a_valid_need_passes_and_an_excluded_field_skips_its_checks(world):
    need = f.NeedFactory.build(enterprise=world.enterprise_a, county=world.county_a, category="funding",
                               amount_requested=50)
    need.validate_constraints()
    need.amount_requested = None
    need.validate_constraints(exclude={"amount_requested"})  # the funding check reads it: skipped
    funding = next(c for c in Need._meta.constraints if c.name == "need_funding_has_amount")
    assert messages_of(need.validate_constraints) == {"__all__": [str(funding.get_violation_error_message())]}


def test_every_model_with_several_check_constraints_checks_them_in_one_query():
    from django.apps import apps

    from chainparty.constraints import ChecksInOneQuery

    forgot = [model._meta.label for model in apps.get_models()
              if sum(isinstance(c, models.CheckConstraint) for c in model._meta.constraints) >= 2
              and not issubclass(model, ChecksInOneQuery)]
    assert forgot == []
