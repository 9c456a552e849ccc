"""Fixtures of the figure tests."""
from __future__ import annotations

import io

import pytest

from chainparty.models import Region
from chainparty.scale import generate


@pytest.fixture(scope="module")
def city(request, django_db_setup, django_db_blocker):
    """A small generated city (a thousandth of the scale benchmark's) for the module's tests, rolled back after."""
    with django_db_blocker.unblock():
        from django.db import transaction

        with transaction.atomic():
            generated = generate(scale=0.001, seed=request.module.__name__, out=io.StringIO())[0]
            yield Region.objects.get(code=generated.code)
            transaction.set_rollback(True)
