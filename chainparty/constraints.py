"""Check constraints validated in one query.

Django's ``full_clean`` asks the database about each ``CheckConstraint`` in a query of its own, inside a savepoint
when a transaction is open: a need's five constraints were fifteen statements of every submission. A model that
inherits ``ChecksInOneQuery`` asks about all of its check constraints in one ``SELECT``, with the same messages and
the same rules (a constraint reading an excluded field is skipped; a database error falls back to Django's way).
Every model with two check constraints or more inherits it (a test says which one forgot).
"""
from __future__ import annotations

from contextlib import nullcontext

from django.core.exceptions import FieldError, ValidationError
from django.db import DatabaseError, connections, models, router, transaction
from django.db.models import BooleanField, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.sql import Query
from django.db.models.sql.constants import SINGLE


class ChecksInOneQuery(models.Model):
    class Meta:
        abstract = True

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        checks = [(model, constraint) for model, constraints in self.get_constraints() for constraint in constraints
                  if isinstance(constraint, models.CheckConstraint)]
        failed = self._failed_checks(checks, exclude, using)
        if failed is None:  # not answerable in one query here: Django's way
            return super().validate_constraints(exclude)
        errors = {}
        for constraint in failed:
            errors = ValidationError(constraint.get_violation_error_message(),
                                     code=constraint.violation_error_code).update_error_dict(errors)
        for model, constraints in self.get_constraints():
            for constraint in constraints:
                if isinstance(constraint, models.CheckConstraint):
                    continue
                try:
                    constraint.validate(model, self, exclude=exclude, using=using)
                except ValidationError as error:  # as Model.validate_constraints files it
                    if getattr(error, "code", None) == "unique" and len(constraint.fields) == 1:
                        errors.setdefault(constraint.fields[0], []).append(error)
                    else:
                        errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def _failed_checks(self, checks, exclude, using) -> list | None:
        """The check constraints the instance breaks, or None when one query cannot say."""
        connection = connections[using]
        if not connection.features.supports_boolean_expr_in_select_clause or len({m for m, _c in checks}) > 1:
            return None
        if not checks:
            return []
        query = Query(None)
        for name, value in self._get_field_expression_map(meta=checks[0][0]._meta, exclude=exclude).items():
            query.add_annotation(value if hasattr(value, "resolve_expression") else Value(value), name, select=False)
        asked = []
        for index, (_model, constraint) in enumerate(checks):
            try:
                query.add_annotation(Coalesce(Q(constraint.condition), True, output_field=BooleanField()),
                                     f"check_{index}")
            except FieldError:  # it reads a field left out of the validation: skipped, as Django does
                continue
            asked.append(constraint)
        if not asked:
            return []
        try:
            with transaction.atomic(using=using) if connection.in_atomic_block else nullcontext():
                row = query.get_compiler(using=using).execute_sql(SINGLE)
        except DatabaseError:
            return None
        return [constraint for constraint, holds in zip(asked, row) if not holds]
