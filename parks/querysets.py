"""Domain queries of the parks app, and who may see and change each record."""
from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

from chainparty.access import NOTHING, Scope, ScopedQuerySet, active_on, standing_on


class ParkQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope: Scope) -> Q:
        q = Q(county_id__in=scope.region_ids) | Q(pk__in=scope.park_ids)
        if scope.chain_ids:
            q |= Q(committee__chain_id__in=scope.chain_ids)
        if scope.enterprise_ids:
            Enterprise = apps.get_model("enterprises", "Enterprise")
            q |= Q(pk__in=Enterprise.objects.filter(pk__in=scope.enterprise_ids).values("park_id"))
        return q


class JointCommitteeQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self, on=None):
        return self.filter(standing_on(on))

    def visible_q(self, scope: Scope) -> Q:
        Park = apps.get_model("parks", "Park")
        return Q(park_id__in=Park.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        return Q(pk__in=scope.committee_ids)


class CommitteePositionQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self, on=None):
        return self.filter(active_on(on))

    def visible_q(self, scope: Scope) -> Q:
        JointCommittee = apps.get_model("parks", "JointCommittee")
        return Q(committee_id__in=JointCommittee.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        return Q(committee_id__in=scope.committee_ids)


class PartyWorkerQuerySet(ScopedQuerySet, models.QuerySet):
    """Party workers are personnel: seen by officials of the region and the body that dispatched them."""

    def active(self, on=None):
        return self.filter(active_on(on))

    def visible_q(self, scope: Scope) -> Q:
        q = Q(alliance_id__in=scope.alliance_ids) | Q(committee_id__in=scope.committee_ids)
        if scope.region_ids:
            Chain = apps.get_model("alliances", "IndustrialChain")
            q |= Q(committee__park__county_id__in=scope.region_ids) | Q(
                alliance__chain_id__in=Chain.objects.in_region(scope.region_ids).values("pk"))
        return q

    def editable_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=scope.alliance_ids) | Q(committee_id__in=scope.committee_ids)


__all__ = ["ParkQuerySet", "JointCommitteeQuerySet", "CommitteePositionQuerySet", "PartyWorkerQuerySet", "NOTHING"]


class PartyWorkerAssessmentQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope: Scope) -> Q:
        PartyWorker = apps.get_model("parks", "PartyWorker")
        return Q(worker_id__in=PartyWorker.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        PartyWorker = apps.get_model("parks", "PartyWorker")
        return Q(worker_id__in=PartyWorker.objects.editable_by(scope).values("pk"))
