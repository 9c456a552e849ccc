"""FilterSets of the services app: one per model, shared by the list pages and the API."""
from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from chainparty.filters import PeriodFilter, visible

from .models import (Assignment, CategoryDeadlines, ExtensionRequest, Feedback, FollowUp, Need, NeedAttachment,
                     NeedEvent, WorkingDayOverride)


class NeedFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    # A plain column joins nothing, so no row can repeat: without distinct=False (django-filter's default for
    # several choices) the whole page and its count ran as SELECT DISTINCT over every column of the needs.
    status = django_filters.MultipleChoiceFilter(label=_("status"), choices=Need.Status.choices, distinct=False)
    category = django_filters.MultipleChoiceFilter(label=_("category"), choices=Need.Category.choices,
                                                   distinct=False)
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"))
    county = django_filters.ModelChoiceFilter(label=_("county"), queryset=visible("chainparty", "Region"))
    department = django_filters.ModelChoiceFilter(label=_("department"), method="filter_department",
                                                  queryset=visible("chainparty", "Department"))
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")
    late = django_filters.BooleanFilter(label=_("a deadline missed"), method="filter_late")
    period = PeriodFilter(label=_("period (2026 or 2026Q3)"), field_name="submitted_at__date")
    urgency = django_filters.ChoiceFilter(label=_("urgency"), choices=Need.Urgency.choices)
    source = django_filters.ChoiceFilter(label=_("source"), choices=Need.Source.choices)
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"))

    class Meta:
        model = Need
        fields = ["q", "status", "category", "chain", "park", "county", "department", "overdue", "late", "period",
                  "urgency", "source", "enterprise"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value)
                               | Q(enterprise__name__icontains=value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return queryset.on_chains([value.pk]) if value else queryset

    @extend_schema_field(OpenApiTypes.INT)
    def filter_department(self, queryset, name, value):
        return queryset.assigned_to([value.pk]) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        q = queryset.overdue_q()
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_late(self, queryset, name, value):
        if value is None:
            return queryset
        q = queryset.late_q()
        return queryset.filter(q) if value else queryset.exclude(q)


class NeedRecordFilterSet(django_filters.FilterSet):
    """Filters of a need's records: the need is chosen among those the user may see."""

    need = django_filters.ModelChoiceFilter(label=_("need"), queryset=visible("services", "Need"))


class NeedEventFilterSet(NeedRecordFilterSet):
    class Meta:
        model = NeedEvent
        fields = ["need", "kind"]


class AssignmentFilterSet(NeedRecordFilterSet):
    department = django_filters.ModelChoiceFilter(label=_("department"), queryset=visible("chainparty", "Department"))

    class Meta:
        model = Assignment
        fields = ["need", "department", "is_lead", "is_current"]


class ExtensionRequestFilterSet(NeedRecordFilterSet):
    class Meta:
        model = ExtensionRequest
        fields = ["need", "status"]


class FeedbackFilterSet(NeedRecordFilterSet):
    period = PeriodFilter(label=_("period (2026 or 2026Q3)"), field_name="given_at__date")

    class Meta:
        model = Feedback
        fields = ["need", "satisfaction", "period"]


class NeedAttachmentFilterSet(NeedRecordFilterSet):
    class Meta:
        model = NeedAttachment
        fields = ["need"]


class WorkingDayOverrideFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("year"), field_name="date", lookup_expr="year",
                                     min_value=1, max_value=9999)

    class Meta:
        model = WorkingDayOverride
        fields = ["year", "is_working_day"]


class CategoryDeadlinesFilterSet(django_filters.FilterSet):
    class Meta:
        model = CategoryDeadlines
        fields = ["category"]


class FollowUpFilterSet(NeedRecordFilterSet):
    created_after = django_filters.DateFilter(label=_("recorded from"), field_name="created_at__date",
                                              lookup_expr="gte")
    created_before = django_filters.DateFilter(label=_("recorded until"), field_name="created_at__date",
                                               lookup_expr="lte")

    class Meta:
        model = FollowUp
        fields = ["need", "kind", "created_after", "created_before"]
