"""Domain queries of the alliances app, and who may see and change each record."""
from __future__ import annotations

import dataclasses

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from chainparty.access import NOTHING, Scope, ScopedQuerySet, active_on, standing_on
from chainparty.figures import computing, shared


def visible_chain_ids(scope: Scope):
    """Subquery of the chains a non-superuser may read."""
    Chain = apps.get_model("alliances", "IndustrialChain")
    return Chain.objects.visible_to(scope).values("pk")


def _chain_in_region(region_ids) -> Q:
    """A chain lies in the regions by its own region, or by a joint committee's park there."""
    return Q(region_id__in=region_ids) | Q(pk__in=committees_in_region(region_ids, "chain_id"))


class IndustrialChainQuerySet(ScopedQuerySet, models.QuerySet):
    def in_region(self, region_ids):
        """Chains that lie in the regions: their own region, or a joint committee's park there."""
        return self.filter(_chain_in_region(region_ids))

    def official_reads_in_region(self, region_ids):
        """All of them: an official reads the chains lying in their regions."""
        return self.in_region(region_ids)

    def visible_q(self, scope: Scope) -> Q:
        q = Q(pk__in=scope.chain_ids)
        if scope.region_ids:
            q |= _chain_in_region(scope.region_ids)
        if scope.enterprise_ids:
            Enterprise = apps.get_model("enterprises", "Enterprise")
            q |= Q(pk__in=Enterprise.chains.through.objects.filter(enterprise_id__in=scope.enterprise_ids)
                   .values("industrialchain_id"))
        if scope.department_ids:
            q |= Q(lead_department_id__in=scope.department_ids)
        return q


class AllianceQuerySet(ScopedQuerySet, models.QuerySet):
    def active(self, on=None):
        return self.filter(standing_on(on))

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


# --- Operations of the alliances and committees (issue 5) -------------------------------------------------


def without_enterprise_reach(scope: Scope) -> Scope:
    """The scope less what an enterprise contact reaches through their enterprise.

    A contact reads their chain's alliance, but of its work only what their enterprise is party to:
    records that say so add that reach back explicitly.
    """
    if not scope.enterprise_ids:
        return scope
    # ``request.scope`` is a lazy proxy, which dataclasses.replace does not accept: copy field by field.
    values = {field.name: getattr(scope, field.name) for field in dataclasses.fields(Scope)}
    return Scope(**{**values, "enterprise_ids": frozenset()})


def _alliances_seen_by_staff(scope: Scope):
    return apps.get_model("alliances", "Alliance").objects.visible_to(without_enterprise_reach(scope)).values("pk")


def _committees_seen_by_staff(scope: Scope):
    return apps.get_model("parks", "JointCommittee").objects.visible_to(without_enterprise_reach(scope)).values("pk")


def chains_in_region(region_ids):
    """The ids of the chains lying in the regions (IndustrialChain.in_region), as a subquery; inside a figure
    computation, as a list (``_bodies_in_region``). So for the two helpers below."""
    if computing():
        return _bodies_in_region(region_ids)["chains"]
    return apps.get_model("alliances", "IndustrialChain").objects.in_region(region_ids).values("pk")


def _alliances_in_region(region_ids):
    """The ids of the alliances whose chain lies in the regions."""
    if computing():
        return _bodies_in_region(region_ids)["alliances"]
    Alliance = apps.get_model("alliances", "Alliance")
    return Alliance.objects.filter(chain_id__in=chains_in_region(region_ids)).values("pk")


def committees_in_region(region_ids, field: str = "pk"):
    """The ids (``field="chain_id"``: the chains) of the joint committees whose park lies in the regions."""
    if computing():
        return _bodies_in_region(region_ids)[{"pk": "committees", "chain_id": "committee chains"}[field]]
    return apps.get_model("parks", "JointCommittee").objects.filter(park__county_id__in=region_ids).values(field)


def _bodies_in_region(region_ids) -> dict[str, list[int]]:
    """The bodies of an area, read in two queries once per figure computation (chainparty.figures.shared).

    Most figures filter on the area's chains, alliances or committees: tens of ids in a city, hundreds in a
    province. Carried as a list they cost the ORM next to nothing, where the nested subqueries they replace were
    built and compiled again for every figure and period (the overview computing its figures and gaps: about 15 ms
    of the process's time less, for two queries more).
    """
    def read():
        Chain = apps.get_model("alliances", "IndustrialChain")
        JointCommittee = apps.get_model("parks", "JointCommittee")
        committees = list(JointCommittee.objects.filter(park__county_id__in=region_ids).order_by()
                          .values_list("pk", "chain_id"))
        committee_chains = sorted({chain for _pk, chain in committees if chain is not None})
        chains = list(Chain.objects.filter(Q(region_id__in=region_ids) | Q(pk__in=committee_chains)).order_by()
                      .values_list("pk", "alliance__pk"))
        return {"committees": [pk for pk, _chain in committees], "committee chains": committee_chains,
                "chains": [pk for pk, _alliance in chains],
                "alliances": [alliance for _pk, alliance in chains if alliance is not None]}
    return shared(("bodies in", frozenset(region_ids)), read)


def _members_of_enterprises(enterprise_ids):
    return apps.get_model("alliances", "AllianceMember").objects.filter(enterprise_id__in=enterprise_ids).values("pk")


class StaffAllianceRecordQuerySet(ScopedQuerySet, models.QuerySet):
    """An alliance's internal record: read with the alliance (not by enterprise contacts), changed by its staff."""

    def visible_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=_alliances_seen_by_staff(scope))

    def editable_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=scope.alliance_ids)

    def in_region(self, region_ids):
        """Alliance-level records lie where the alliance's chain lies (IndustrialChain.in_region)."""
        return self.filter(alliance_id__in=_alliances_in_region(region_ids))


class BodyRecordQuerySet(ScopedQuerySet, models.QuerySet):
    """A record of an alliance or of a joint committee: read with the body, changed by the body's staff."""

    def visible_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=_alliances_seen_by_staff(scope)) | Q(committee_id__in=_committees_seen_by_staff(scope))

    def editable_q(self, scope: Scope) -> Q:
        return Q(alliance_id__in=scope.alliance_ids) | Q(committee_id__in=scope.committee_ids)

    def of_body(self, body):
        """Records of one alliance or committee."""
        if body._meta.model_name == "alliance":
            return self.filter(alliance=body)
        return self.filter(committee=body)


class MeetingQuerySet(BodyRecordQuerySet):
    def official_reads_in_region(self, region_ids):
        """All of them: an official reads the alliances of the chains in their regions and the committees there."""
        return self.in_region(region_ids)

    def in_region(self, region_ids):
        """Alliance meetings lie where the alliance's chain lies; committee meetings where the park lies.

        Subqueries on the two bodies rather than joins to them: no join to repeat or widen a meeting's row, and
        each body's ids are read once, however many meetings there are.
        """
        return self.filter(Q(alliance_id__in=_alliances_in_region(region_ids))
                           | Q(committee_id__in=committees_in_region(region_ids)))

    def of_own_bodies(self, scope: Scope):
        """The meetings of the bodies the user works for; an official or admin without one gets all they see."""
        meetings = self.visible_to(scope)
        if scope.alliance_ids or scope.committee_ids:
            meetings = meetings.filter(Q(alliance_id__in=scope.alliance_ids) | Q(committee_id__in=scope.committee_ids))
        return meetings


class MeetingIssueQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope: Scope) -> Q:
        Meeting = apps.get_model("alliances", "Meeting")
        return Q(meeting_id__in=Meeting.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        Meeting = apps.get_model("alliances", "Meeting")
        return Q(meeting_id__in=Meeting.objects.editable_by(scope).values("pk"))


class ActivityQuerySet(BodyRecordQuerySet):
    def visible_q(self, scope: Scope) -> Q:
        q = super().visible_q(scope)
        if scope.enterprise_ids:
            through = self.model.participants.through
            q |= Q(enterprise_id__in=scope.enterprise_ids) | Q(pk__in=through.objects.filter(
                alliancemember_id__in=_members_of_enterprises(scope.enterprise_ids)).values("activity_id"))
        return q

    def held_in(self, start, end):
        return self.filter(date__gte=start, date__lte=end)

    def in_region(self, region_ids):
        """Where the activity took place: its park, enterprise or service center; else its organiser's place."""
        return self.annotate(location_region_id=Coalesce(
            "park__county_id", "enterprise__county_id", "service_center__park__county_id",
            "service_center__enterprise__county_id", "committee__park__county_id", "alliance__chain__region_id",
        )).filter(location_region_id__in=region_ids)


class AgreementQuerySet(StaffAllianceRecordQuerySet):
    def visible_q(self, scope: Scope) -> Q:
        q = super().visible_q(scope)
        if scope.enterprise_ids:
            through = self.model.parties.through
            q |= Q(pk__in=through.objects.filter(
                alliancemember_id__in=_members_of_enterprises(scope.enterprise_ids)).values("agreement_id"))
        return q

    def in_region(self, region_ids):
        """An agreement lies in a county when one of its enterprise parties does; at the chain's level otherwise."""
        through = self.model.parties.through
        Alliance = apps.get_model("alliances", "Alliance")
        # Subqueries, not a join to the alliance and chain: an aggregate over agreements then needs no DISTINCT.
        # The chain-level test comes first: PostgreSQL tries OR'ed subqueries in order and builds the parties'
        # (a join over every party of every agreement) only for the agreements the alliances' few rows leave,
        # none at all when the area holds every chain (a city: 59 ms → 9 ms).
        return self.filter(Q(alliance_id__in=Alliance.objects.filter(chain__region_id__in=region_ids).values("pk"))
                           | Q(pk__in=through.objects.filter(
                               alliancemember__enterprise__county_id__in=region_ids).values("agreement_id")))


class PairingQuerySet(StaffAllianceRecordQuerySet):
    def visible_q(self, scope: Scope) -> Q:
        q = super().visible_q(scope)
        if scope.enterprise_ids:
            members = _members_of_enterprises(scope.enterprise_ids)
            q |= Q(first_id__in=members) | Q(second_id__in=members)
        return q

    def active(self, on=None):
        return self.filter(active_on(on))

    def in_region(self, region_ids):
        """A pairing lies in a county when one of its two units is an enterprise there; at the chain's level otherwise."""
        return self.filter(Q(first__enterprise__county_id__in=region_ids) | Q(second__enterprise__county_id__in=region_ids)
                           | Q(alliance__chain__region_id__in=region_ids))


class ServiceCenterQuerySet(AllianceRecordQuerySet):
    """Service centers are open places: whoever reads the alliance reads them (contacts included)."""

    def open_on(self, day=None):
        return self.filter(active_on(day, start="opened_on", end="closed_on")).exclude(opened_on__isnull=True)

    def in_region(self, region_ids):
        """A center lies where it stands: its park's or host enterprise's county; at the chain's level otherwise."""
        return self.annotate(location_region_id=Coalesce("park__county_id", "enterprise__county_id",
                                                         "alliance__chain__region_id")) \
            .filter(location_region_id__in=region_ids)


class InstructionQuerySet(StaffAllianceRecordQuerySet):
    pass


class CaseQuerySet(ScopedQuerySet, models.QuerySet):
    """Published cases: read with their alliance or enterprise; changed by the staff of the alliance that
    records them (or, for an enterprise's case without an alliance, of an alliance the enterprise belongs to)."""

    def visible_q(self, scope: Scope) -> Q:
        Alliance = apps.get_model("alliances", "Alliance")
        Enterprise = apps.get_model("enterprises", "Enterprise")
        return Q(alliance_id__in=Alliance.objects.visible_to(scope).values("pk")) | Q(
            enterprise_id__in=Enterprise.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        AllianceMember = apps.get_model("alliances", "AllianceMember")
        return Q(alliance_id__in=scope.alliance_ids) | Q(alliance__isnull=True, enterprise_id__in=AllianceMember.objects
                                                        .filter(alliance_id__in=scope.alliance_ids)
                                                        .values("enterprise_id"))

    def in_region(self, region_ids):
        """A case lies where its enterprise lies; an alliance's case where the alliance's chain lies."""
        return self.filter(Q(enterprise__county_id__in=region_ids) | Q(
            enterprise__isnull=True, alliance__chain_id__in=chains_in_region(region_ids)))


class CalendarTokenQuerySet(ScopedQuerySet, models.QuerySet):
    """A user's private calendar link: theirs alone."""

    def visible_q(self, scope: Scope) -> Q:
        return Q(user_id=scope.user_id)

    def editable_q(self, scope: Scope) -> Q:
        return Q(user_id=scope.user_id)


__all__ = ["IndustrialChainQuerySet", "AllianceQuerySet", "AlliancePositionQuerySet", "AllianceMemberQuerySet",
           "AllianceRecordQuerySet", "visible_chain_ids", "NOTHING", "without_enterprise_reach",
           "StaffAllianceRecordQuerySet", "BodyRecordQuerySet", "MeetingQuerySet", "MeetingIssueQuerySet",
           "ActivityQuerySet", "AgreementQuerySet", "PairingQuerySet", "ServiceCenterQuerySet",
           "InstructionQuerySet", "CaseQuerySet", "CalendarTokenQuerySet"]
