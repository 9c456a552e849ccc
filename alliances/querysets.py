"""Domain queries of the alliances app, and who may see and change each record."""
from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

from chainparty.access import NOTHING, Scope, ScopedQuerySet, active_on


def visible_chain_ids(scope: Scope):
    """Subquery of the chains a non-superuser may read."""
    Chain = apps.get_model("alliances", "IndustrialChain")
    return Chain.objects.visible_to(scope).values("pk")


class IndustrialChainQuerySet(ScopedQuerySet, models.QuerySet):
    def in_region(self, region_ids):
        """Chains that lie in the regions: their own region, or a joint committee's park there."""
        JointCommittee = apps.get_model("parks", "JointCommittee")
        return self.filter(Q(region_id__in=region_ids) | Q(
            pk__in=JointCommittee.objects.filter(park__county_id__in=region_ids).values("chain_id")))

    def visible_q(self, scope: Scope) -> Q:
        q = Q(pk__in=scope.chain_ids)
        if scope.region_ids:
            q |= Q(pk__in=self.model.objects.in_region(scope.region_ids).values("pk"))
        if scope.enterprise_ids:
            Enterprise = apps.get_model("enterprises", "Enterprise")
            q |= Q(pk__in=Enterprise.chains.through.objects.filter(enterprise_id__in=scope.enterprise_ids)
                   .values("industrialchain_id"))
        if scope.department_ids:
            q |= Q(lead_department_id__in=scope.department_ids)
        return q


class AllianceQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self, on=None):
        return self.filter(active_on(on, start="founded_on", end="dissolved_on"))

    def visible_q(self, scope: Scope) -> Q:
        return Q(chain_id__in=visible_chain_ids(scope))

    def editable_q(self, scope: Scope) -> Q:
        return Q(pk__in=scope.alliance_ids)


class AllianceRecordQuerySet(ScopedQuerySet, models.QuerySet):
    """Records that belong to one alliance: visible with the alliance, changed by its staff."""

    def visible_q(self, scope: Scope) -> Q:
        Alliance = apps.get_model("alliances", "Alliance")
        return Q(alliance_id__in=Alliance.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=scope.alliance_ids)


class AlliancePositionQuerySet(AllianceRecordQuerySet):
    def active(self, on=None):
        return self.filter(active_on(on))


class AllianceMemberQuerySet(AllianceRecordQuerySet):
    def active(self, on=None):
        return self.filter(active_on(on, start="joined_on", end="left_on"))


__all__ = ["IndustrialChainQuerySet", "AllianceQuerySet", "AlliancePositionQuerySet", "AllianceMemberQuerySet",
           "AllianceRecordQuerySet", "visible_chain_ids", "NOTHING"]
