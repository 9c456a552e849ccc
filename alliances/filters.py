"""FilterSets of the alliances app: one per model, shared by the list pages and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chainparty.filters import visible

from .models import Alliance, AllianceMember, AlliancePosition, IndustrialChain


class IndustrialChainFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    region = django_filters.ModelChoiceFilter(label=_("region"), queryset=visible("chainparty", "Region"))

    class Meta:
        model = IndustrialChain
        fields = ["q", "region", "is_key", "lead_department"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(alliance__name__icontains=value))


class AllianceFilterSet(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"),
                                             queryset=visible("alliances", "IndustrialChain"))

    class Meta:
        model = Alliance
        fields = ["chain"]


class AlliancePositionFilterSet(django_filters.FilterSet):
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))

    class Meta:
        model = AlliancePosition
        fields = ["alliance", "role", "is_party_member", "is_city_leader"]


class AllianceMemberFilterSet(django_filters.FilterSet):
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))

    class Meta:
        model = AllianceMember
        fields = ["alliance", "kind", "segment", "enterprise"]
