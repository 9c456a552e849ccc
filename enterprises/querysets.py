"""Domain queries of the enterprises app, and who may see and change each record."""
from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q

from chainparty.access import NOTHING, Scope, ScopedQuerySet, active_on


class EnterpriseQuerySet(ScopedQuerySet, models.QuerySet):
    def in_region(self, region_ids):
        return self.filter(county_id__in=region_ids)

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
        return self.filter(active_on(on, start="founded_on", end="dissolved_on"))

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
