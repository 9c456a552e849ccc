"""Who may see and change resources, projects, milestones and visits (the Scope is the only path)."""
from __future__ import annotations

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils import timezone

from alliances.querysets import AllianceRecordQuerySet
from chainparty.access import Scope, ScopedQuerySet


def _model(label: str):
    return apps.get_model(*label.split("."))


def ancestors_or_self(region_ids):
    """Subquery of the given regions and every region above them (the tree has three levels)."""
    Region = _model("chainparty.Region")
    return Region.objects.filter(Q(pk__in=region_ids) | Q(children__in=region_ids)
                                 | Q(children__children__in=region_ids)).values("pk")


class ResourceQuerySet(ScopedQuerySet, models.QuerySet):
    """A published resource reaches the chains it targets, or, targeting none, every chain below its
    department's region. Its readers are the people whose chains (or, for officials, region) it reaches;
    its department's staff see and change it, drafts included."""

    def published(self):
        return self.filter(published=True)

    def current(self, on=None):
        """Valid on ``on`` (today by default): started and not ended."""
        day = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day),
                           Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def not_expired(self, on=None):
        day = on or timezone.localdate()
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def targeting_chains(self, chain_ids):
        """Resources that target one of the chains (a queryset or ids), not counting those for every chain."""
        through = self.model.target_chains.through
        return self.filter(pk__in=through.objects.filter(industrialchain_id__in=chain_ids).values("resource_id"))

    def for_every_chain(self):
        through = self.model.target_chains.through
        return self.exclude(pk__in=through.objects.values("resource_id"))

    def for_category(self, code: str):
        """Resources that may answer a need of this category: those naming it, and those naming none."""
        return self.filter(Q(target_categories=[]) | Q(target_categories__icontains=f'"{code}"'))

    def matching(self, need):
        """Published, unexpired resources that may solve ``need``: of its category, aimed at one of its chains or,
        aimed at no chain, offered by a department of its region (or a region above it)."""
        on_its_chains = self.model.objects.targeting_chains(need.chains.values("pk")).values("pk")
        in_its_region = self.model.objects.for_every_chain().filter(
            department__region_id__in=ancestors_or_self([need.county_id])).values("pk")
        return (self.published().not_expired().for_category(need.category)
                .filter(Q(pk__in=on_its_chains) | Q(pk__in=in_its_region)).order_by("valid_to", "-pk"))

    def visible_q(self, scope: Scope) -> Q:
        Chain = _model("alliances.IndustrialChain")
        Enterprise = _model("enterprises.Enterprise")
        Park = _model("parks.Park")
        chains = Chain.objects.visible_to(scope).values("pk")
        # The regions the user stands in: those of their chains, enterprises, parks and official posts.
        anchors = Q(pk__in=Chain.objects.filter(pk__in=chains).values("region_id")) | Q(pk__in=scope.region_ids)
        if scope.enterprise_ids:
            anchors |= Q(pk__in=Enterprise.objects.filter(pk__in=scope.enterprise_ids).values("county_id"))
        if scope.park_ids:
            anchors |= Q(pk__in=Park.objects.filter(pk__in=scope.park_ids).values("county_id"))
        anchor_ids = _model("chainparty.Region").objects.filter(anchors).values("pk")
        through = self.model.target_chains.through
        targeted = through.objects.values("resource_id")
        reaches = (Q(pk__in=through.objects.filter(industrialchain_id__in=chains).values("resource_id"))
                   | (~Q(pk__in=targeted) & Q(department__region_id__in=ancestors_or_self(anchor_ids))))
        if scope.region_ids:
            reaches |= Q(department__region_id__in=scope.region_ids)
        return (Q(published=True) & reaches) | self.editable_q(scope)

    def editable_q(self, scope: Scope) -> Q:
        return Q(department_id__in=scope.department_ids)


class ProjectQuerySet(AllianceRecordQuerySet):
    """Projects are visible with their alliance and changed by its staff."""

    def counted(self):
        """Projects the figures count: every one but the cancelled."""
        return self.exclude(status=self.model.Status.CANCELLED)


class MilestoneQuerySet(ScopedQuerySet, models.QuerySet):
    def overdue(self, on=None):
        return self.filter(done_on__isnull=True, due_on__lt=on or timezone.localdate())

    def visible_q(self, scope: Scope) -> Q:
        return Q(project__in=_model("services.Project").objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        return Q(project__alliance_id__in=scope.alliance_ids)


class VisitQuerySet(ScopedQuerySet, models.QuerySet):
    """Visits are visible with the enterprise, and to the body that made them; that body changes them."""

    def in_period(self, period):
        return self.filter(visited_on__gte=period.start, visited_on__lte=period.end)

    def visible_q(self, scope: Scope) -> Q:
        Enterprise = _model("enterprises.Enterprise")
        return Q(enterprise_id__in=Enterprise.objects.visible_to(scope).values("pk")) | self.editable_q(scope)

    def editable_q(self, scope: Scope) -> Q:
        return (Q(alliance_id__in=scope.alliance_ids) | Q(committee_id__in=scope.committee_ids)
                | Q(department_id__in=scope.department_ids))


def key_enterprises():
    """Key enterprises on the key chains: chain leaders and enterprises above designated size (F26)."""
    Enterprise = _model("enterprises.Enterprise")
    on_key_chains = Enterprise.chains.through.objects.filter(industrialchain__is_key=True).values("enterprise_id")
    return Enterprise.objects.filter(Q(is_chain_leader=True) | Q(is_above_scale=True), pk__in=on_key_chains)


def targetable_chains(scope: Scope):
    """Chains a resource may target: those the user sees, and every chain of their departments' regions."""
    Chain = _model("alliances.IndustrialChain")
    if scope.is_superuser:
        return Chain.objects.all()
    department_regions = _model("chainparty.Department").objects.filter(pk__in=scope.department_ids) \
        .values("region_id")
    Region = _model("chainparty.Region")
    below = Region.objects.filter(Q(pk__in=department_regions) | Q(parent__in=department_regions)
                                  | Q(parent__parent__in=department_regions)).values("pk")
    return Chain.objects.filter(Q(pk__in=Chain.objects.visible_to(scope).values("pk"))
                                | Q(pk__in=Chain.objects.in_region(below).values("pk")))


def visiting_bodies(scope: Scope) -> list:
    """The alliances, committees and departments in whose name the user may record a visit."""
    if scope.is_superuser:
        return [*_model("alliances.Alliance").objects.all(), *_model("parks.JointCommittee").objects.all(),
                *_model("chainparty.Department").objects.all()]
    return [*_model("alliances.Alliance").objects.filter(pk__in=scope.alliance_ids),
            *_model("parks.JointCommittee").objects.filter(pk__in=scope.committee_ids),
            *_model("chainparty.Department").objects.filter(pk__in=scope.department_ids)]


def colleague_users(scope: Scope):
    """Users who hold a position in one of the user's bodies: who may be named as a visitor."""
    User = _model("chainparty.User")
    if scope.is_superuser:
        return User.objects.filter(is_active=True)
    AlliancePosition = _model("alliances.AlliancePosition")
    CommitteePosition = _model("parks.CommitteePosition")
    DepartmentStaff = _model("chainparty.DepartmentStaff")
    return User.objects.filter(
        Q(pk__in=AlliancePosition.objects.active().filter(alliance_id__in=scope.alliance_ids).values("user_id"))
        | Q(pk__in=CommitteePosition.objects.active().filter(committee_id__in=scope.committee_ids).values("user_id"))
        | Q(pk__in=DepartmentStaff.objects.filter(active=True, department_id__in=scope.department_ids)
            .values("user_id")), is_active=True)
