"""Who may see what: a user becomes a Scope once per request, from the positions they hold.

Every queryset that reaches a person goes through ``Model.objects.visible_to(scope)`` and, for
changes, ``editable_by(scope)``. They are applied in exactly three places: ``ScopedViewMixin``
(views.py), ``ScopedViewSetMixin`` (api.py) and ``ScopedAdminMixin`` (admin.py), so a new page,
endpoint or admin inherits the rule instead of repeating it.
"""
from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.db.models import BigIntegerField, F, Q, Value
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .prepared import Prepared


def active_on(day=None, start="start_date", end="end_date") -> Q:
    """Q for a position or post that has started and not ended on ``day`` (today by default)."""
    day = day or timezone.localdate()
    return (Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": day})) & (
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def standing_on(day=None, prefix: str = "") -> Q:
    """Q for a body (an alliance, a joint committee, a Party organisation; ``prefix``: one related) founded by
    ``day`` and not dissolved before it."""
    return active_on(day, start=f"{prefix}founded_on", end=f"{prefix}dissolved_on")


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
    # (child, parent) of each region within region_ids below the official's own: their part of the tree
    region_links: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def is_official(self) -> bool:
        return bool(self.region_ids)

    def is_official_of(self, region_ids) -> bool:
        """Whether every region of ``region_ids`` lies within the official's reach."""
        return bool(self.region_ids) and frozenset(region_ids) <= self.region_ids

    def subtree_ids(self, region_id: int) -> set[int] | None:
        """``region_id`` and every region below it, without a query, when it lies within the official's reach
        (None otherwise): the dashboards need the area the Scope already read the tree for."""
        if region_id not in self.region_ids:
            return None
        children = {}
        for child, parent in self.region_links:
            children.setdefault(parent, []).append(child)
        return apps.get_model("chainparty", "Region").subtree_ids_of({region_id}, children)

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


def _positions_query(user_id: int, today: date):
    """Every post of a user that gives reach on ``today``, as (kind, body id, chain id, park id): one UNION ALL."""
    model = apps.get_model

    def rows(queryset, kind: str, body: str, chain=None, park=None):
        none = Cast(Value(None), BigIntegerField())  # typed: PostgreSQL takes an untyped NULL for text
        return queryset.filter(user_id=user_id).order_by().annotate(
            position_kind=Value(kind), body_id=F(body), body_chain_id=F(chain) if chain else none,
            body_park_id=F(park) if park else none,
        ).values_list("position_kind", "body_id", "body_chain_id", "body_park_id")

    return rows(model("chainparty", "Official").objects.filter(active=True), "region", "region_id").union(
        rows(model("alliances", "AlliancePosition").objects.filter(active_on(today)), "alliance", "alliance_id",
             "alliance__chain_id"),
        rows(model("parks", "CommitteePosition").objects.filter(active_on(today)), "committee", "committee_id",
             "committee__chain_id", "committee__park_id"),
        rows(model("parks", "PartyWorker").objects.filter(active_on(today), alliance__isnull=False), "alliance",
             "alliance_id", "alliance__chain_id"),
        rows(model("parks", "PartyWorker").objects.filter(active_on(today), committee__isnull=False), "committee",
             "committee_id", "committee__chain_id", "committee__park_id"),
        rows(model("chainparty", "DepartmentStaff").objects.filter(active=True), "department", "department_id"),
        rows(model("enterprises", "EnterpriseContact").objects.active(), "enterprise", "enterprise_id"),
        all=True)


# Every request builds a Scope, and the ORM took longer to build the union than the database to answer it.
_POSITIONS = Prepared("chainparty.Official", _positions_query)


def _positions(user, today: date) -> list[tuple[str, int, int | None, int | None]]:
    return _POSITIONS.rows(user_id=user.pk, today=today)


# The Scopes built during one request, by user id (ScopeMiddleware): the actions a request calls (services/actions.py)
# ask ``scope_for(acting_user)`` again, and each asking was the positions query again. Outside a request (the
# worker, a shell) every call reads the positions afresh.
_request_scopes: ContextVar[dict[int, Scope] | None] = ContextVar("request_scopes", default=None)


def scope_for(user) -> Scope:
    """The Scope of ``user`` from the positions they hold today: one query, and one more for an official; once per
    request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    if user.is_superuser:
        return Scope(user_id=user.pk, is_superuser=True)
    known = _request_scopes.get()
    if known is None:
        return _build_scope(user)
    if user.pk not in known:
        known[user.pk] = _build_scope(user)
    return known[user.pk]


def _build_scope(user) -> Scope:
    ids = {kind: set() for kind in ("region", "alliance", "committee", "department", "enterprise", "chain", "park")}
    for kind, body_id, chain_id, park_id in _positions(user, timezone.localdate()):
        ids[kind].add(body_id)
        if chain_id:
            ids["chain"].add(chain_id)
        if park_id:
            ids["park"].add(park_id)
    official_regions = ids["region"]
    Region = apps.get_model("chainparty", "Region")
    children = Region.children_by_parent() if official_regions else {}
    region_ids = Region.subtree_ids_of(official_regions, children) if official_regions else set()
    links = {(child, parent) for parent, kids in children.items() if parent in region_ids for child in kids}

    return Scope(
        user_id=user.pk,
        region_ids=frozenset(region_ids),
        official_region_ids=frozenset(official_regions),
        alliance_ids=frozenset(ids["alliance"]),
        committee_ids=frozenset(ids["committee"]),
        department_ids=frozenset(ids["department"]),
        enterprise_ids=frozenset(ids["enterprise"]),
        chain_ids=frozenset(ids["chain"]),
        park_ids=frozenset(ids["park"]),
        region_links=frozenset(links),
    )


def get_scope(request) -> Scope:
    """The Scope of the request's user as it is now (DRF's token authentication sets the user after the
    middleware); ``scope_for`` keeps it for the rest of the request."""
    return scope_for(getattr(request, "user", None))


class ScopeMiddleware:
    """Attach ``request.scope``, built lazily on first use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.scope = SimpleLazyObject(lambda: get_scope(request))
        token = _request_scopes.set({})
        try:
            return self.get_response(request)
        finally:
            _request_scopes.reset(token)


class ScopedQuerySet:
    """Mixin for a model's QuerySet; subclasses define ``visible_q`` and ``editable_q``."""

    def visible_to(self, scope: Scope):
        if scope.is_superuser:
            return self.all()
        if not scope.is_authenticated:
            return self.none()
        return self.filter(self.visible_q(scope))

    def visible_in_region(self, scope: Scope, region_ids):
        """The records lying in the regions (``in_region``) that the user may read.

        An official's own area is read as ``official_reads_in_region`` says, where the record type says: the
        scope's filter would select the same records again, at the cost of its subqueries to build (an ORM
        query's construction outweighs a small chart's SQL) and to run.
        """
        if scope.is_official_of(region_ids):
            records = self.official_reads_in_region(region_ids)
            if records is not None:
                return records
        return self.visible_to(scope).in_region(region_ids)

    def official_reads_in_region(self, region_ids):
        """What an official reads of the records lying in regions of their own, where ``visible_q`` grants it
        without regard to anything else in the scope; None (the default) where it cannot be said so."""
        return None

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
