"""Who may see what: a user becomes a Scope once per request, from the positions they hold.

Every queryset that reaches a person goes through ``Model.objects.visible_to(scope)`` and, for
changes, ``editable_by(scope)``. They are applied in exactly three places: ``ScopedViewMixin``
(views.py), ``ScopedViewSetMixin`` (api.py) and ``ScopedAdminMixin`` (admin.py), so a new page,
endpoint or admin inherits the rule instead of repeating it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _


def active_on(day=None, start="start_date", end="end_date") -> Q:
    """Q for a position or post that has started and not ended on ``day`` (today by default)."""
    day = day or timezone.localdate()
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


@dataclass(frozen=True)
class Scope:
    """What one user may reach. Ids only: cheap to build, safe to pass around, never stale within a request."""

    user_id: int | None = None
    is_superuser: bool = False
    region_ids: frozenset[int] = field(default_factory=frozenset)      # official: their regions and below
    official_region_ids: frozenset[int] = field(default_factory=frozenset)  # the regions themselves
    alliance_ids: frozenset[int] = field(default_factory=frozenset)    # alliance staff
    committee_ids: frozenset[int] = field(default_factory=frozenset)   # committee staff
    department_ids: frozenset[int] = field(default_factory=frozenset)  # department staff
    enterprise_ids: frozenset[int] = field(default_factory=frozenset)  # enterprise contact
    chain_ids: frozenset[int] = field(default_factory=frozenset)       # chains of the alliances and committees above
    park_ids: frozenset[int] = field(default_factory=frozenset)        # parks of the committees above

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_official(self) -> bool:
        return bool(self.region_ids)

    @property
    def may_edit_something(self) -> bool:
        return self.is_superuser or bool(self.alliance_ids or self.committee_ids or self.department_ids
                                         or self.enterprise_ids)

    @property
    def role_labels(self) -> list[str]:
        """The user's roles, in words, for the top bar."""
        labels = []
        if self.is_superuser:
            labels.append(_("Administrator"))
        if self.region_ids:
            labels.append(_("Official"))
        if self.alliance_ids:
            labels.append(_("Alliance staff"))
        if self.committee_ids:
            labels.append(_("Committee staff"))
        if self.department_ids:
            labels.append(_("Department staff"))
        if self.enterprise_ids:
            labels.append(_("Enterprise contact"))
        return [str(label) for label in labels]


ANONYMOUS = Scope()


def scope_for(user) -> Scope:
    """Build the Scope of ``user`` from the positions they hold today."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    if user.is_superuser:
        return Scope(user_id=user.pk, is_superuser=True)
    model = apps.get_model
    today = timezone.localdate()

    official_regions = set(model("chainparty", "Official").objects.filter(user=user, active=True)
                           .values_list("region_id", flat=True))
    region_ids: set[int] = set()
    if official_regions:
        region_ids = set(official_regions)
        frontier = set(official_regions)
        Region = model("chainparty", "Region")
        while frontier:
            frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - region_ids
            region_ids |= frontier

    alliance_ids = set(model("alliances", "AlliancePosition").objects.filter(active_on(today), user=user)
                       .values_list("alliance_id", flat=True))
    committee_ids = set(model("parks", "CommitteePosition").objects.filter(active_on(today), user=user)
                        .values_list("committee_id", flat=True))
    for alliance_id, committee_id in model("parks", "PartyWorker").objects.filter(active_on(today), user=user) \
            .values_list("alliance_id", "committee_id"):
        if alliance_id:
            alliance_ids.add(alliance_id)
        if committee_id:
            committee_ids.add(committee_id)
    department_ids = set(model("chainparty", "DepartmentStaff").objects.filter(user=user, active=True)
                         .values_list("department_id", flat=True))
    enterprise_ids = set(model("enterprises", "EnterpriseContact").objects.active().filter(user=user)
                         .values_list("enterprise_id", flat=True))

    chain_ids = set(model("alliances", "Alliance").objects.filter(pk__in=alliance_ids)
                    .values_list("chain_id", flat=True))
    park_ids: set[int] = set()
    for park_id, chain_id in model("parks", "JointCommittee").objects.filter(pk__in=committee_ids) \
            .values_list("park_id", "chain_id"):
        park_ids.add(park_id)
        if chain_id:
            chain_ids.add(chain_id)

    return Scope(
        user_id=user.pk,
        region_ids=frozenset(region_ids),
        official_region_ids=frozenset(official_regions),
        alliance_ids=frozenset(alliance_ids),
        committee_ids=frozenset(committee_ids),
        department_ids=frozenset(department_ids),
        enterprise_ids=frozenset(enterprise_ids),
        chain_ids=frozenset(chain_ids),
        park_ids=frozenset(park_ids),
    )


def get_scope(request) -> Scope:
    """The request's Scope; DRF's token authentication sets the user after the middleware, so check."""
    scope = getattr(request, "_scope", None)
    user = getattr(request, "user", None)
    if scope is None or scope.user_id != getattr(user, "pk", None):
        scope = scope_for(user)
        request._scope = scope
    return scope


class ScopeMiddleware:
    """Attach ``request.scope``, built lazily on first use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: get_scope(request))
        return self.get_response(request)


class ScopedQuerySet:
    """Mixin for a model's QuerySet; subclasses define ``visible_q`` and ``editable_q``."""

    def visible_to(self, scope: Scope):
        if scope.is_superuser:
            return self.all()
        if not scope.is_authenticated:
            return self.none()
        return self.filter(self.visible_q(scope))

    def editable_by(self, scope: Scope):
        if scope.is_superuser:
            return self.all()
        if not scope.is_authenticated:
            return self.none()
        return self.filter(self.editable_q(scope))

    def visible_q(self, scope: Scope) -> Q:
        return Q(pk__in=[])

    def editable_q(self, scope: Scope) -> Q:
        return Q(pk__in=[])


NOTHING = Q(pk__in=[])
