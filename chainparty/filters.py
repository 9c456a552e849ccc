"""Helpers for FilterSets shared by list pages and the API."""
import django_filters
from django import forms
from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from .access import get_scope
from .dates import on_days
from .figures import Period, PeriodError


def visible(app_label: str, model_name: str):
    """A callable queryset for a filter: only the choices the requesting user may see."""

    def queryset(request):
        model = apps.get_model(app_label, model_name)
        if request is None:
            return model.objects.none()
        return model.objects.visible_to(get_scope(request))

    return queryset


class PeriodFormField(forms.CharField):
    """A year (2026) or a quarter (2026Q3), as on the figures; cleans into a ``Period``."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            return Period.parse(value)
        except PeriodError as error:
            raise forms.ValidationError(str(error), code="period")


@extend_schema_field(OpenApiTypes.STR)
class PeriodFilter(django_filters.Filter):
    """Filters on a period: ``field_name`` lies in it, or, with ``end_field``, the record is active during it.
    For a date-time write ``field_name="submitted_at__date"``: it is filtered as a range of the timestamp
    itself (``chainparty.dates.on_days``), which the column's index serves."""

    field_class = PeriodFormField

    def __init__(self, *args, end_field: str | None = None, **kwargs):
        self.end_field = end_field
        kwargs.setdefault("label", _("period"))
        kwargs.setdefault("help_text", _("a year (2026) or a quarter (2026Q3)"))
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.field_name.endswith("__date"):
            return qs.filter(on_days(self.field_name.removesuffix("__date"), value.start, value.end))
        if self.end_field:
            return qs.filter(Q(**{f"{self.field_name}__lte": value.end})
                             & (Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gte": value.start})))
        return qs.filter(**{f"{self.field_name}__gte": value.start, f"{self.field_name}__lte": value.end})
