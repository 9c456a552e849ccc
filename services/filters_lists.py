"""FilterSets of resources, projects, milestones and visits: one per model, shared by the pages and the API."""
from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from chainparty.filters import PeriodFilter, visible
from enterprises.models import Enterprise

from .categories import NeedCategory
from .models import Milestone, Project, Resource, Visit


class ResourceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    category = django_filters.ChoiceFilter(label=_("category of need"), choices=NeedCategory.choices,
                                           method="filter_category")
    department = django_filters.ModelChoiceFilter(label=_("publishing department"),
                                                  queryset=visible("chainparty", "Department"))
    current = django_filters.BooleanFilter(label=_("valid today"), method="filter_current")

    class Meta:
        model = Resource
        fields = ["q", "kind", "chain", "category", "department", "current", "published"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(summary__icontains=value) | Q(body__icontains=value)
                               | Q(how_to_apply__icontains=value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        """Resources for this chain: those targeting it and those for every chain."""
        return queryset.filter(Q(pk__in=Resource.objects.targeting_chains([value.pk]).values("pk"))
                               | Q(pk__in=Resource.objects.for_every_chain().values("pk")))

    def filter_category(self, queryset, name, value):
        return queryset.for_category(value)

    def filter_current(self, queryset, name, value):
        current = Resource.objects.current().values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class ProjectFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="alliance__chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    enterprise = django_filters.ModelChoiceFilter(label=_("target enterprise"), field_name="target_enterprises",
                                                  queryset=visible("enterprises", "Enterprise"))
    department = django_filters.ModelChoiceFilter(label=_("responsible department"),
                                                  queryset=visible("chainparty", "Department"))

    class Meta:
        model = Project
        fields = ["q", "year", "alliance", "chain", "category", "target", "status", "department", "enterprise"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))


class MilestoneFilterSet(django_filters.FilterSet):
    project = django_filters.ModelChoiceFilter(label=_("project"), queryset=visible("services", "Project"))
    done = django_filters.BooleanFilter(label=_("done"), field_name="done_on", lookup_expr="isnull", exclude=True)
    overdue = django_filters.BooleanFilter(label=_("overdue"), method="filter_overdue")

    class Meta:
        model = Milestone
        fields = ["project", "done", "overdue"]

    def filter_overdue(self, queryset, name, value):
        overdue = Milestone.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)


class VisitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    period = PeriodFilter(field_name="visited_on")
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), field_name="enterprise__park",
                                            queryset=visible("parks", "Park"))
    alliance = django_filters.ModelChoiceFilter(label=_("visiting alliance"), queryset=visible("alliances", "Alliance"))
    committee = django_filters.ModelChoiceFilter(label=_("visiting committee"),
                                                 queryset=visible("parks", "JointCommittee"))
    department = django_filters.ModelChoiceFilter(label=_("visiting department"),
                                                  queryset=visible("chainparty", "Department"))
    key = django_filters.BooleanFilter(label=_("key enterprise"), method="filter_key")

    class Meta:
        model = Visit
        fields = ["q", "period", "enterprise", "chain", "park", "alliance", "committee", "department", "key"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(enterprise__name__icontains=value) | Q(findings__icontains=value)
                               | Q(purpose__icontains=value) | Q(visitors__icontains=value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return queryset.filter(enterprise__in=Enterprise.objects.on_chains([value.pk]).values("pk"))

    def filter_key(self, queryset, name, value):
        key = Q(enterprise__is_chain_leader=True) | Q(enterprise__is_above_scale=True)
        return queryset.filter(key) if value else queryset.exclude(key)


class CoverageFilterSet(django_filters.FilterSet):
    """Filters of the coverage page (key enterprises, each visited or not in the period)."""

    period = PeriodFilter(method="keep_rows")  # the view counts the visits in the period; rows are not filtered
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"))
    covered = django_filters.BooleanFilter(label=_("visited in the period"), method="filter_covered")

    def keep_rows(self, queryset, name, value):
        return queryset

    class Meta:
        model = Enterprise
        fields = ["period", "chain", "park", "is_chain_leader", "is_above_scale", "covered"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return queryset.on_chains([value.pk])

    def filter_covered(self, queryset, name, value):
        return queryset.filter(visits_in_period__gt=0) if value else queryset.filter(visits_in_period=0)
