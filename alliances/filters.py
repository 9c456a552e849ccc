"""FilterSets of the alliances app: one per model, shared by the list pages and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from chainparty.filters import PeriodFilter, visible

from .models import (Activity, Agreement, Alliance, AllianceMember, AlliancePosition, Case, IndustrialChain,
                     Instruction, Meeting, MeetingIssue, Pairing, ServiceCenter)


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


# --- The bodies' work (issue 5) -----------------------------------------------------------------------------

def _chain_filter(paths):
    def method(queryset, name, value):
        q = Q()
        for path in paths:
            q |= Q(**{path: value})
        return queryset.filter(q) if value else queryset
    return method


class MeetingFilterSet(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), queryset=visible("alliances", "IndustrialChain"),
                                             method="filter_chain")
    park = django_filters.ModelChoiceFilter(label=_("park"), field_name="committee__park",
                                            queryset=visible("parks", "Park"))
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    committee = django_filters.ModelChoiceFilter(label=_("joint committee"), queryset=visible("parks", "JointCommittee"))
    period = PeriodFilter(field_name="period_end")

    class Meta:
        model = Meeting
        fields = ["chain", "park", "alliance", "committee", "kind", "status", "period"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return _chain_filter(["alliance__chain", "committee__chain"])(queryset, name, value)


class MeetingIssueFilterSet(django_filters.FilterSet):
    meeting = django_filters.ModelChoiceFilter(label=_("meeting"), queryset=visible("alliances", "Meeting"))
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"))

    class Meta:
        model = MeetingIssue
        fields = ["meeting", "enterprise"]


class ActivityFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), queryset=visible("alliances", "IndustrialChain"),
                                             method="filter_chain")
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"), method="filter_park")
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    committee = django_filters.ModelChoiceFilter(label=_("joint committee"), queryset=visible("parks", "JointCommittee"))
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"),
                                                  method="filter_enterprise")
    period = PeriodFilter(field_name="date")

    class Meta:
        model = Activity
        fields = ["q", "chain", "park", "alliance", "committee", "kind", "mode", "enterprise", "period"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return _chain_filter(["alliance__chain", "committee__chain"])(queryset, name, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_park(self, queryset, name, value):
        return _chain_filter(["park", "committee__park", "enterprise__park", "service_center__park"])(
            queryset, name, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_enterprise(self, queryset, name, value):
        through = Activity.participants.through
        return queryset.filter(Q(enterprise=value) | Q(pk__in=through.objects.filter(
            alliancemember__enterprise=value).values("activity_id")))


class AgreementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), field_name="title", lookup_expr="icontains")
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="alliance__chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"), method="filter_park")
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"),
                                                  method="filter_enterprise")
    period = PeriodFilter(field_name="signed_on")

    class Meta:
        model = Agreement
        fields = ["q", "chain", "park", "alliance", "kind", "status", "enterprise", "period"]

    def _parties(self, **lookup):
        return Agreement.parties.through.objects.filter(**lookup).values("agreement_id")

    @extend_schema_field(OpenApiTypes.INT)
    def filter_park(self, queryset, name, value):
        return queryset.filter(pk__in=self._parties(alliancemember__enterprise__park=value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_enterprise(self, queryset, name, value):
        return queryset.filter(pk__in=self._parties(alliancemember__enterprise=value))


class PairingFilterSet(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="alliance__chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"), method="filter_park")
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    period = PeriodFilter(field_name="start_date", end_field="end_date", label=_("active during"))

    class Meta:
        model = Pairing
        fields = ["chain", "park", "alliance", "kind", "period"]

    @extend_schema_field(OpenApiTypes.INT)
    def filter_park(self, queryset, name, value):
        return _chain_filter(["first__enterprise__park", "second__enterprise__park"])(queryset, name, value)


class ServiceCenterFilterSet(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="alliance__chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"))
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))

    class Meta:
        model = ServiceCenter
        fields = ["chain", "park", "alliance"]


class InstructionFilterSet(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="alliance__chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    period = PeriodFilter(field_name="issued_on")

    class Meta:
        model = Instruction
        fields = ["chain", "alliance", "period"]


class CaseFilterSet(django_filters.FilterSet):
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="alliance__chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"))
    period = PeriodFilter(field_name="published_on")

    class Meta:
        model = Case
        fields = ["chain", "alliance", "enterprise", "period"]
