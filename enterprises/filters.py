"""FilterSets of the enterprises app, shared by the list pages and the API."""
import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from alliances.models import AllianceMember
from chainparty.filters import PeriodFilter, visible

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

    @extend_schema_field(OpenApiTypes.INT)
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


# --- Member growth and branch building (issue 4) -------------------------------------------------

from chainparty.access import get_scope  # noqa: E402

from .models import (BranchRating, DemonstrationSite, MemberPost, MemberPostProject, MemberReport,  # noqa: E402
                     TrainingSession)


def organizations_in_park(park):
    return Enterprise.objects.filter(park=park).values("party_organization_id")


def organizations_on_chain(chain):
    return Enterprise.objects.on_chains([chain.pk]).values("party_organization_id")


class OrganizationRecordFilterSet(django_filters.FilterSet):
    """Filters of the records that belong to a Party organisation (reports, ratings)."""

    park = django_filters.ModelChoiceFilter(label=_("park"), method="filter_park", queryset=visible("parks", "Park"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    county = django_filters.ModelChoiceFilter(label=_("region"), method="filter_region",
                                              queryset=visible("chainparty", "Region"))
    organization = django_filters.ModelChoiceFilter(label=_("Party organisation"),
                                                    queryset=visible("enterprises", "PartyOrganization"))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_park(self, queryset, name, value):
        return queryset.filter(organization_id__in=organizations_in_park(value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return queryset.filter(organization_id__in=organizations_on_chain(value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_region(self, queryset, name, value):
        return queryset.in_region(value.subtree_ids())


class MemberReportFilterSet(OrganizationRecordFilterSet):
    period = PeriodFilter(method="filter_period")
    pending_for_me = django_filters.BooleanFilter(label=_("awaiting my decision"), method="filter_pending")

    class Meta:
        model = MemberReport
        fields = ["period", "status", "park", "chain", "county", "organization", "pending_for_me"]

    def filter_period(self, queryset, name, value):
        return queryset.in_period(value)

    def filter_pending(self, queryset, name, value):
        decidable = MemberReport.objects.decidable_by(get_scope(self.request)).values("pk")
        return queryset.filter(pk__in=decidable) if value else queryset.exclude(pk__in=decidable)


class BranchRatingFilterSet(OrganizationRecordFilterSet):
    period = PeriodFilter(method="filter_period")

    class Meta:
        model = BranchRating
        fields = ["period", "grade", "park", "chain", "county", "organization"]

    def filter_period(self, queryset, name, value):
        return queryset.filter(year=value.year)


class EnterpriseRecordFilterSet(django_filters.FilterSet):
    """Filters of the records that belong to an enterprise (member posts, demonstration sites)."""

    park = django_filters.ModelChoiceFilter(label=_("park"), field_name="enterprise__park",
                                            queryset=visible("parks", "Park"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    enterprise = django_filters.ModelChoiceFilter(label=_("enterprise"), queryset=visible("enterprises", "Enterprise"))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return queryset.filter(enterprise_id__in=Enterprise.objects.on_chains([value.pk]).values("pk"))


class MemberPostFilterSet(EnterpriseRecordFilterSet):
    period = PeriodFilter(method="filter_period", help_text=_("posts active during the period"))
    status = django_filters.ChoiceFilter(label=_("status"), method="filter_status",
                                         choices=[("active", _("active")), ("ended", _("ended"))])

    class Meta:
        model = MemberPost
        fields = ["period", "kind", "status", "park", "chain", "enterprise"]

    def filter_period(self, queryset, name, value):
        return queryset.filter(Q(established_on__lte=value.end) & (Q(ended_on__isnull=True)
                                                                   | Q(ended_on__gte=value.start)))

    def filter_status(self, queryset, name, value):
        active = queryset.active()
        return active if value == "active" else queryset.exclude(pk__in=active.values("pk"))


class MemberPostProjectFilterSet(django_filters.FilterSet):
    period = PeriodFilter(method="filter_period", help_text=_("projects taken on during the period"))
    park = django_filters.ModelChoiceFilter(label=_("park"), field_name="post__enterprise__park",
                                            queryset=visible("parks", "Park"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    post = django_filters.ModelChoiceFilter(label=_("member post"), queryset=visible("enterprises", "MemberPost"))

    class Meta:
        model = MemberPostProject
        fields = ["period", "kind", "status", "park", "chain", "post"]

    def filter_period(self, queryset, name, value):
        return queryset.filter(taken_on__gte=value.start, taken_on__lte=value.end)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return queryset.filter(post__enterprise_id__in=Enterprise.objects.on_chains([value.pk]).values("pk"))


class DemonstrationSiteFilterSet(EnterpriseRecordFilterSet):
    period = PeriodFilter(method="filter_period", help_text=_("the year of the nomination"))
    alliance = django_filters.ModelChoiceFilter(label=_("alliance"), queryset=visible("alliances", "Alliance"))

    class Meta:
        model = DemonstrationSite
        fields = ["period", "status", "park", "chain", "alliance", "enterprise"]

    def filter_period(self, queryset, name, value):
        return queryset.filter(year=value.year)


class TrainingSessionFilterSet(django_filters.FilterSet):
    period = PeriodFilter(method="filter_period", help_text=_("classes that began during the period"))
    organizer = django_filters.ModelChoiceFilter(label=_("organiser"), queryset=visible("chainparty", "Region"))
    level = django_filters.ChoiceFilter(label=_("organiser level"), field_name="organizer__level",
                                        choices=[("city", _("city")), ("county", _("county"))])
    park = django_filters.ModelChoiceFilter(label=_("park"), method="filter_park", queryset=visible("parks", "Park"))
    chain = django_filters.ModelChoiceFilter(label=_("industrial chain"), method="filter_chain",
                                             queryset=visible("alliances", "IndustrialChain"))
    committee = django_filters.ModelChoiceFilter(label=_("recorded by committee"),
                                                 queryset=visible("parks", "JointCommittee"))
    organization = django_filters.ModelChoiceFilter(label=_("Party organisation"), field_name="organizations",
                                                    queryset=visible("enterprises", "PartyOrganization"))

    class Meta:
        model = TrainingSession
        fields = ["period", "organizer", "level", "park", "chain", "committee", "organization"]

    def filter_period(self, queryset, name, value):
        return queryset.filter(start_date__gte=value.start, start_date__lte=value.end)

    def _attended_by(self, queryset, organizations):
        through = TrainingSession.organizations.through
        return queryset.filter(pk__in=through.objects.filter(partyorganization_id__in=organizations)
                               .values("trainingsession_id"))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_park(self, queryset, name, value):
        return self._attended_by(queryset, organizations_in_park(value))

    @extend_schema_field(OpenApiTypes.INT)
    def filter_chain(self, queryset, name, value):
        return self._attended_by(queryset, organizations_on_chain(value))
