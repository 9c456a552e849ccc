"""FilterSets of the parks app, shared by the list pages and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chainparty.filters import visible

from .models import CommitteePosition, JointCommittee, Park, PartyWorker, PartyWorkerAssessment


class ParkFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    county = django_filters.ModelChoiceFilter(label=_("county"), queryset=visible("chainparty", "Region"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), field_name="committee__chain",
                                             queryset=visible("alliances", "IndustrialChain"))

    class Meta:
        model = Park
        fields = ["q", "county", "level", "chain"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(committee__name__icontains=value))


class JointCommitteeFilterSet(django_filters.FilterSet):
    park = django_filters.ModelChoiceFilter(label=_("park"), queryset=visible("parks", "Park"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"),
                                             queryset=visible("alliances", "IndustrialChain"))

    class Meta:
        model = JointCommittee
        fields = ["park", "chain"]


class CommitteePositionFilterSet(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(label=_("joint committee"),
                                                 queryset=visible("parks", "JointCommittee"))

    class Meta:
        model = CommitteePosition
        fields = ["committee", "role"]


class PartyWorkerFilterSet(django_filters.FilterSet):
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))
    committee = django_filters.ModelChoiceFilter(label=_("joint committee"),
                                                 queryset=visible("parks", "JointCommittee"))
    certified = django_filters.BooleanFilter(label=_("certified"), method="filter_certified")

    class Meta:
        model = PartyWorker
        fields = ["alliance", "committee", "employment", "certified"]

    def filter_certified(self, queryset, name, value):
        return queryset.exclude(certificate_no="") if value else queryset.filter(certificate_no="")


class PartyWorkerAssessmentFilterSet(django_filters.FilterSet):
    class Meta:
        model = PartyWorkerAssessment
        fields = ["worker", "year", "result"]
