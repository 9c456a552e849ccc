"""FilterSets of the enterprises app, shared by the list pages and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliances.models import AllianceMember
from chainparty.filters import visible

from .models import Enterprise, EnterpriseContact, PartyOrganization


class EnterpriseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Name or credit code"), method="search")
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="chains",
                                             queryset=visible("alliances", "IndustrialChain"), method="filter_chain")
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"))
    county = django_filters.ModelChoiceFilter(label=_("county"), queryset=visible("chainparty", "Region"))
    segment = django_filters.ChoiceFilter(label=_("segment"), choices=AllianceMember.Segment.choices,
                                          method="filter_segment")
    has_party_organization = django_filters.BooleanFilter(label=_("has a Party organisation"),
                                                          field_name="party_organization", lookup_expr="isnull",
                                                          exclude=True)

    class Meta:
        model = Enterprise
        fields = ["q", "chain", "park", "county", "segment", "is_chain_leader", "is_above_scale",
                  "has_party_organization", "ownership", "size"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__icontains=value.strip().upper()))

    def filter_chain(self, queryset, name, value):
        return queryset.on_chains([value.pk])

    def filter_segment(self, queryset, name, value):
        return queryset.filter(pk__in=AllianceMember.objects.filter(segment=value).values("enterprise_id"))


class PartyOrganizationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="enterprises__chains",
                                             distinct=True, queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), field_name="enterprises__park", distinct=True,
                                            queryset=visible("parks", "Park"))

    class Meta:
        model = PartyOrganization
        fields = ["q", "kind", "secretary_management_level", "secretary_is_investor", "chain", "park"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(secretary_name__icontains=value))


class EnterpriseContactFilterSet(django_filters.FilterSet):
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"),
                                                  queryset=visible("enterprises", "Enterprise"))

    class Meta:
        model = EnterpriseContact
        fields = ["enterprise", "active"]
