"""Coverage of the matrix (组织覆盖): the gaps in 一链一联盟、一园一党委、一企一支部 an official must close.

Each gap kind is one queryset (through the user's scope, within the area); the coverage page lists them with a
link to the record to fix. The overview shows their counts: the gaps that are conditions on the same records (the
alliances missing one post or another, the key enterprises missing an organisation or a secretary) are counted
together in one aggregate query.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance, AlliancePosition, IndustrialChain, Meeting
from alliances.querysets import chains_in_region
from enterprises.models import Enterprise, MemberReport, PartyOrganization
from parks.models import JointCommittee, Park, PartyWorker

from .figures import Area, Period, computed_together


@dataclass(frozen=True)
class GapKind:
    id: str
    label: str
    records: Callable  # (scope, area, period) -> queryset
    link: Callable     # (record) -> url


@dataclass(frozen=True)
class Condition:
    """The records of a gap as a condition on a shared queryset, so that gaps of one ``among`` count together."""

    among: Callable    # (scope, area) -> the records the condition picks from
    condition: Callable  # () -> Q (dates are today's at each call)

    def __call__(self, scope, area, period):
        return self.among(scope, area).filter(self.condition())


def _last_quarter(today) -> Period:
    return Period(today.year, (today.month - 1) // 3 + 1).previous()


def chains_without_alliance(scope, area: Area, period: Period):
    today = timezone.localdate()
    return IndustrialChain.objects.visible_in_region(scope, area.ids).filter(is_key=True).exclude(
        pk__in=Alliance.objects.active(today).values("chain_id"))


def _alliances(scope, area):
    today = timezone.localdate()
    return Alliance.objects.visible_to(scope).active(today).filter(
        chain_id__in=chains_in_region(area.ids))


def _missing_role(role) -> Condition:
    return Condition(_alliances, lambda: ~Q(pk__in=AlliancePosition.objects.active(timezone.localdate()).filter(
        role=role).values("alliance_id")))


def parks_without_committee(scope, area, period):
    today = timezone.localdate()
    return Park.objects.visible_to(scope).filter(county_id__in=area.ids).exclude(
        pk__in=JointCommittee.objects.active(today).values("park_id"))


def committees_without_worker(scope, area, period):
    today = timezone.localdate()
    return JointCommittee.objects.visible_to(scope).active(today).filter(park__county_id__in=area.ids).exclude(
        pk__in=PartyWorker.objects.active(today).filter(employment=PartyWorker.Employment.FULL_TIME)
        .values("committee_id"))


def _key_enterprises(scope, area):
    return Enterprise.objects.visible_in_region(scope, area.ids).filter(
        Q(is_chain_leader=True) | Q(is_above_scale=True))


enterprises_without_organization = Condition(_key_enterprises, lambda: Q(party_organization__isnull=True))
enterprises_without_secretary = Condition(_key_enterprises, lambda: Q(party_organization__isnull=False,
                                                                      party_organization__secretary_name=""))


def organizations_without_report(scope, area, period):
    last = _last_quarter(timezone.localdate())
    # An organisation is seen through its enterprises: those of the area that the user sees, in one subquery.
    # NOT EXISTS, not NOT IN: PostgreSQL answers it with an anti-join instead of hashing every approved report of
    # the quarter for each organisation's test (in a province's database 236 → 85 ms).
    return PartyOrganization.objects.active(last.end).filter(
        pk__in=Enterprise.objects.visible_in_region(scope, area.ids).values("party_organization_id")).exclude(
        Exists(MemberReport.objects.approved().filter(organization_id=OuterRef("pk"), year=last.year,
                                                      quarter=last.quarter)))


def meetings_missed_or_incomplete(scope, area, period):
    """Regular meetings of the period missed, or held without minutes or below quorum (half of those expected)."""
    held = Q(status=Meeting.Status.HELD)
    no_minutes = Q(minutes="") & (Q(minutes_file="") | Q(minutes_file__isnull=True))
    below_quorum = Q(expected_count__gt=0) & (Q(attendance_count__isnull=True) | Q(
        attendance_count__lt=F("expected_count") / 2.0))
    return Meeting.objects.visible_in_region(scope, area.ids).filter(
        period_end__gte=period.start, period_end__lte=period.end).filter(
        Q(status=Meeting.Status.MISSED) | (held & (no_minutes | below_quorum))).select_related("alliance", "committee")


def _chain_url(chain):
    return reverse("alliances:chain-detail", args=[chain.pk])


GAPS: list[GapKind] = [
    GapKind("chain-alliance", _("Key chains without an active alliance"), chains_without_alliance, _chain_url),
    GapKind("alliance-advisor", _("Alliances without an advisor (指导员)"),
            _missing_role(AlliancePosition.Role.ADVISOR), lambda a: reverse("alliance-dashboard", args=[a.pk])),
    GapKind("alliance-chair", _("Alliances without a chair (理事长)"),
            _missing_role(AlliancePosition.Role.CHAIR), lambda a: reverse("alliance-dashboard", args=[a.pk])),
    GapKind("alliance-secretary", _("Alliances without a secretary general (秘书长)"),
            _missing_role(AlliancePosition.Role.SECRETARY_GENERAL),
            lambda a: reverse("alliance-dashboard", args=[a.pk])),
    GapKind("park-committee", _("Parks without a joint committee"), parks_without_committee,
            lambda p: reverse("parks:park-detail", args=[p.pk])),
    GapKind("committee-worker", _("Joint committees without a full-time Party worker"), committees_without_worker,
            lambda c: reverse("committee-dashboard", args=[c.pk])),
    GapKind("enterprise-organization", _("Chain-leader or above-scale enterprises without a Party organisation"),
            enterprises_without_organization, lambda e: reverse("enterprises:enterprise-detail", args=[e.pk])),
    GapKind("enterprise-secretary", _("Chain-leader or above-scale enterprises whose organisation has no secretary"),
            enterprises_without_secretary, lambda e: reverse("enterprises:enterprise-detail", args=[e.pk])),
    GapKind("organization-report", _("Party organisations without an approved member report last quarter"),
            organizations_without_report, lambda o: reverse("enterprises:organization-growth", args=[o.pk])),
    GapKind("meeting", _("Regular meetings missed, or held without minutes or below quorum"),
            meetings_missed_or_incomplete, lambda m: reverse("alliances:meeting-detail", args=[m.pk])),
]


def gap_counts(scope, area: Area, period: Period) -> list[tuple[GapKind, int]]:
    counts = {}
    shared = defaultdict(list)
    with computed_together():  # the area's chains, alliances and committees read once (alliances/querysets.py)
        for gap in GAPS:
            if isinstance(gap.records, Condition):
                shared[gap.records.among].append(gap)
            else:
                counts[gap.id] = gap.records(scope, area, period).count()
        for among, gaps in shared.items():
            counts.update(among(scope, area).aggregate(**{
                gap.id: Count("pk", filter=gap.records.condition()) for gap in gaps}))
    return [(gap, counts[gap.id]) for gap in GAPS]
