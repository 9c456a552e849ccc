"""Base API classes (the one place the API applies the Scope), the figures endpoint and core lists."""
from __future__ import annotations

import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from .access import get_scope
from .db_routers import reads_from_replica
from .figures import Area, Period, PeriodError, as_json_number, compute_all
from .models import Department, Region, is_region_code


class ScopedViewSetMixin:
    """Lists and details through ``visible_to``; changes only to what ``editable_by`` allows.

    An object outside the scope answers 404 exactly like a missing one; a visible one the user may
    not change answers 403.
    """

    def get_queryset(self):
        return super().get_queryset().visible_to(get_scope(self.request))

    def get_object(self):
        obj = super().get_object()
        if self.request.method not in permissions.SAFE_METHODS:
            if not type(obj).objects.editable_by(get_scope(self.request)).filter(pk=obj.pk).exists():
                raise PermissionDenied(_("You may read this record but not change it."))
        return obj

    def perform_create(self, serializer):
        if not get_scope(self.request).may_edit_something:
            raise PermissionDenied(_("Your positions do not allow you to create records."))
        self._save_within_scope(serializer)

    def perform_update(self, serializer):
        self._save_within_scope(serializer)

    def _save_within_scope(self, serializer):
        """Save, then roll back unless the record lies inside what the user may change."""
        with transaction.atomic():
            instance = serializer.save()
            if not type(instance).objects.editable_by(get_scope(self.request)).filter(pk=instance.pk).exists():
                raise PermissionDenied(_("This record would lie outside what your positions allow you to change."))


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    pass


class ScopedRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key a user may only point at records they may see (or, with ``editable=True``, change)."""

    def __init__(self, *args, editable: bool = False, **kwargs):
        self.editable = editable
        super().__init__(*args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        if request is None:
            return queryset.none()
        scope = get_scope(request)
        if not hasattr(queryset, "visible_to"):  # e.g. users: only administrators link them
            return queryset if scope.is_superuser else queryset.none()
        return queryset.editable_by(scope) if self.editable else queryset.visible_to(scope)


class ScopedModelSerializer(serializers.ModelSerializer):
    """Foreign keys accept only records the user may see; the model's own rules give field errors."""

    serializer_related_field = ScopedRelatedField

    def validate(self, attrs):
        """Run the model's own rules (clean, constraints, uniqueness) so a violation is a 400, never a 500."""
        attrs = super().validate(attrs)
        model = self.Meta.model
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if not isinstance(model._meta.get_field(name), models.ManyToManyField):
                setattr(instance, name, value)
        try:
            instance.clean()
            instance.validate_unique()
            instance.validate_constraints()
        except DjangoValidationError as error:
            raise ValidationError(serializers.as_serializer_error(error))
        return attrs


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "code", "name", "level", "parent"]


class DepartmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Department
        fields = ["id", "name", "region"]


class RegionViewSet(ScopedReadOnlyViewSet):
    queryset = Region.objects.all()
    serializer_class = RegionSerializer
    filterset_fields = ["level", "parent", "code"]
    search_fields = ["name", "code"]


class DepartmentViewSet(ScopedReadOnlyViewSet):
    queryset = Department.objects.select_related("region")
    serializer_class = DepartmentSerializer
    filterset_fields = ["region"]
    search_fields = ["name"]


def resolve_area_and_period(scope, region_code: str | None, period_text: str | None) -> tuple[Area, Period]:
    """Parse and check the region and period of a figures request; errors name the parameter."""
    errors = {}
    period = None
    try:
        period = Period.parse(period_text or "")
    except PeriodError as error:
        errors["period"] = [str(error)]
    region = None
    if not region_code and scope.official_region_ids:
        region = Region.objects.filter(pk__in=scope.official_region_ids).order_by("code").first()
    elif region_code and is_region_code(region_code):
        region = Region.objects.filter(code=region_code).first()
    # A region outside the user's reach answers exactly like an unknown one.
    if region is None or not (scope.is_superuser or region.pk in scope.region_ids):
        errors["region"] = [str(_("Unknown region: give the six-digit administrative code of a region you may see."))]
    if errors:
        raise ValidationError(errors)
    return Area.of(region, scope), period


class FigureRowSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(allow_null=True)
    unit = serializers.CharField()
    breakdown = serializers.DictField(child=serializers.FloatField(allow_null=True))


class FiguresView(APIView):
    """Every registered figure of FIGURES.md for a region and a period, scoped to the user."""

    @extend_schema(
        parameters=[
            OpenApiParameter("region", OpenApiTypes.STR, description=_("six-digit administrative code")),
            OpenApiParameter("period", OpenApiTypes.STR, required=True, description=_("a year (2026) or a quarter (2026Q3)")),
        ],
        responses=inline_serializer("Figures", fields={
            "region": serializers.CharField(), "period": serializers.CharField(),
            "figures": FigureRowSerializer(many=True)}),
    )
    @method_decorator(reads_from_replica)
    def get(self, request):
        area, period = resolve_area_and_period(get_scope(request), request.query_params.get("region"),
                                               request.query_params.get("period"))
        return Response({
            "region": area.region.code,
            "period": str(period),
            "figures": [figure_row(figure, value) for figure, value in compute_all(area, period)],
        })


def figure_row(figure, value) -> dict:
    return {
        "id": figure.id, "label": str(figure.label), "value": as_json_number(value.value), "unit": str(figure.unit),
        "breakdown": {key: as_json_number(number) for key, number in value.breakdown.items()},
    }


routes = [("regions", RegionViewSet), ("departments", DepartmentViewSet)]
