"""Domain queries of the enterprises app, and who may see and change each record."""
from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

from chainparty.access import NOTHING, Scope, ScopedQuerySet, active_on, standing_on


class EnterpriseQuerySet(ScopedQuerySet, models.QuerySet):
    def in_region(self, region_ids):
        return self.filter(county_id__in=region_ids)

    def official_reads_in_region(self, region_ids):
        """All of them: an official reads the enterprises of every county in their regions."""
        return self.in_region(region_ids)

    def on_chains(self, chain_ids):
        through = self.model.chains.through
        return self.filter(pk__in=through.objects.filter(industrialchain_id__in=chain_ids).values("enterprise_id"))

    def visible_q(self, scope: Scope) -> Q:
        q = Q(county_id__in=scope.region_ids) | Q(park_id__in=scope.park_ids) | Q(pk__in=scope.enterprise_ids)
        if scope.chain_ids:
            q |= Q(pk__in=self.model.objects.on_chains(scope.chain_ids).values("pk"))
        if scope.department_ids:  # department staff: the enterprises whose needs are assigned to them
            from services.querysets import assigned_need_ids

            Need = apps.get_model("services", "Need")
            q |= Q(pk__in=Need.objects.filter(pk__in=assigned_need_ids(scope.department_ids)).values("enterprise_id"))
        return q

    def editable_q(self, scope: Scope) -> Q:
        return Q(park_id__in=scope.park_ids)


class PartyOrganizationQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self, on=None):
        return self.filter(standing_on(on))

    def visible_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(pk__in=Enterprise.objects.visible_to(scope).values("party_organization_id"))

    def editable_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(pk__in=Enterprise.objects.editable_by(scope).values("party_organization_id"))


class EnterpriseContactQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self):
        """Contacts that give their user the enterprise's reach: active and approved."""
        return self.filter(active=True, status="approved")

    def visible_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(enterprise_id__in=Enterprise.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(enterprise_id__in=Enterprise.objects.editable_by(scope).values("pk"))


__all__ = ["EnterpriseQuerySet", "PartyOrganizationQuerySet", "EnterpriseContactQuerySet", "NOTHING"]


# --- Member growth and branch building (issue 4) -------------------------------------------------

def reporting_organization_ids(scope: Scope):
    """Subquery of the Party organisations whose quarterly report the user files: those of their own enterprises."""
    Enterprise = apps.get_model("enterprises", "Enterprise")
    return (Enterprise.objects.filter(pk__in=scope.enterprise_ids, party_organization__isnull=False)
            .values("party_organization_id"))


def supervised_enterprise_ids(scope: Scope):
    """Subquery of the enterprises whose branch work the user supervises (approves reports, rates branches).

    That is the joint committee of the enterprise's park or, for an enterprise in no park, the alliance of
    one of its chains.
    """
    Enterprise = apps.get_model("enterprises", "Enterprise")
    Alliance = apps.get_model("alliances", "Alliance")
    alliance_chains = Alliance.objects.filter(pk__in=scope.alliance_ids).values("chain_id")
    return Enterprise.objects.filter(
        Q(park_id__in=scope.park_ids)
        | Q(park__isnull=True, pk__in=Enterprise.objects.on_chains(alliance_chains).values("pk"))).values("pk")


def supervised_organization_ids(scope: Scope):
    """Subquery of the Party organisations of the enterprises in ``supervised_enterprise_ids``."""
    Enterprise = apps.get_model("enterprises", "Enterprise")
    return (Enterprise.objects.filter(pk__in=supervised_enterprise_ids(scope), party_organization__isnull=False)
            .values("party_organization_id"))


def visible_organization_ids(scope: Scope):
    PartyOrganization = apps.get_model("enterprises", "PartyOrganization")
    return PartyOrganization.objects.visible_to(scope).values("pk")


class OrganizationRecordQuerySet(ScopedQuerySet, models.QuerySet):
    """Records of one Party organisation: seen with the organisation, changed by who supervises it."""

    def in_region(self, region_ids):
        """Records of organisations with an enterprise in the regions (a joint branch may lie in several)."""
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return self.filter(organization_id__in=Enterprise.objects.filter(county_id__in=region_ids)
                           .values("party_organization_id"))

    def visible_q(self, scope: Scope) -> Q:
        return Q(organization_id__in=visible_organization_ids(scope))

    def editable_q(self, scope: Scope) -> Q:
        return Q(organization_id__in=supervised_organization_ids(scope))


class MemberReportQuerySet(OrganizationRecordQuerySet):
    """Quarterly member reports. A draft is the enterprise's own working copy: nobody else sees it.

    The enterprise contact changes its reports while they are drafts or returned; a submitted or
    approved report is locked for them. Who supervises the organisation decides (``decidable_by``).
    """

    def approved(self):
        return self.filter(status="approved")

    def in_period(self, period):
        return self.filter(year=period.year, quarter__in=[quarter.quarter for quarter in period.quarters()])

    def visible_q(self, scope: Scope) -> Q:
        return (Q(organization_id__in=visible_organization_ids(scope)) & ~Q(status="draft")) | Q(
            organization_id__in=reporting_organization_ids(scope))

    def official_reads_in_region(self, region_ids):
        """All but drafts: an official reads the organisations of the enterprises in their regions."""
        return self.in_region(region_ids).exclude(status="draft")

    def editable_q(self, scope: Scope) -> Q:
        return Q(organization_id__in=reporting_organization_ids(scope), status__in=["draft", "returned"])

    def decidable_by(self, scope: Scope):
        """Submitted reports this user may approve or return."""
        submitted = self.filter(status="submitted")
        if scope.is_superuser:
            return submitted
        if not scope.is_authenticated:
            return self.none()
        return submitted.filter(organization_id__in=supervised_organization_ids(scope))

    def returnable_by(self, scope: Scope):
        """Reports this user may send back to the enterprise: submitted ones, and approved ones to correct."""
        reports = self.filter(status__in=["submitted", "approved"])
        if scope.is_superuser:
            return reports
        if not scope.is_authenticated:
            return self.none()
        return reports.filter(organization_id__in=supervised_organization_ids(scope))


class BranchRatingQuerySet(OrganizationRecordQuerySet):
    pass


class EnterpriseRecordQuerySet(ScopedQuerySet, models.QuerySet):
    """Records of one enterprise: seen with the enterprise, changed by its contacts and its park's committee."""

    def in_region(self, region_ids):
        return self.filter(enterprise__county_id__in=region_ids)

    def visible_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(enterprise_id__in=Enterprise.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(enterprise_id__in=scope.enterprise_ids) | Q(
            enterprise_id__in=Enterprise.objects.editable_by(scope).values("pk"))


class MemberPostQuerySet(EnterpriseRecordQuerySet):
    def active(self, on=None):
        return self.filter(active_on(on, start="established_on", end="ended_on"))


class MemberPostProjectQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope: Scope) -> Q:
        MemberPost = apps.get_model("enterprises", "MemberPost")
        return Q(post_id__in=MemberPost.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        MemberPost = apps.get_model("enterprises", "MemberPost")
        return Q(post_id__in=MemberPost.objects.editable_by(scope).values("pk"))


class DemonstrationSiteQuerySet(ScopedQuerySet, models.QuerySet):
    """Nominations of chain-leader enterprises: seen with the enterprise, changed by the nominating alliance
    until a decision is taken (administrators award or decline)."""

    def awarded(self):
        return self.filter(status="awarded")

    def visible_q(self, scope: Scope) -> Q:
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(enterprise_id__in=Enterprise.objects.visible_to(scope).values("pk")) | Q(
            alliance_id__in=scope.alliance_ids)

    def editable_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=scope.alliance_ids, status="nominated")


class TrainingSessionQuerySet(ScopedQuerySet, models.QuerySet):
    """Training classes: seen by officials of the organiser's region, by the recording committee, and by whoever
    sees one of the organisations that took part; changed by the committee that recorded them."""

    def visible_q(self, scope: Scope) -> Q:
        through = self.model.organizations.through
        q = Q(organizer_id__in=scope.region_ids) | Q(committee_id__in=scope.committee_ids) | Q(
            pk__in=through.objects.filter(partyorganization_id__in=visible_organization_ids(scope))
            .values("trainingsession_id"))
        if scope.park_ids:
            # Committee staff also see what their county (and its city) organises.
            Park = apps.get_model("parks", "Park")
            counties = Park.objects.filter(pk__in=scope.park_ids).values("county_id")
            Region = apps.get_model("chainparty", "Region")
            q |= Q(organizer_id__in=counties) | Q(organizer_id__in=Region.objects.filter(pk__in=counties)
                                                  .values("parent_id"))
        return q

    def editable_q(self, scope: Scope) -> Q:
        return Q(committee_id__in=scope.committee_ids)
