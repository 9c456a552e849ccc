"""Domain queries of the services app, and who may see and change each record.

Needs: an enterprise contact sees their enterprise's needs; alliance staff the needs of their chains;
committee staff those of their park; department staff the needs assigned to their department;
officials those of enterprises in their region.
"""
from __future__ import annotations

from datetime import date

from django.apps import apps
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone

from chainparty.access import NOTHING, Scope, ScopedQuerySet
from chainparty.dates import on_days


def alliance_chain_ids(scope: Scope):
    """Subquery: the chains of the alliances the user works for (not those reached through a committee)."""
    Alliance = apps.get_model("alliances", "Alliance")
    return Alliance.objects.filter(pk__in=scope.alliance_ids).values("chain_id")


def assigned_need_ids(department_ids):
    """Subquery: needs assigned to any of the departments (a returned task is no longer theirs)."""
    Assignment = apps.get_model("services", "Assignment")
    return Assignment.objects.filter(department_id__in=department_ids, returned_at__isnull=True).values("need_id")


class NeedQuerySet(ScopedQuerySet, models.QuerySet):
    def _dispatcher_q(self, scope: Scope) -> Q:
        """Alliance staff of one of the need's chains or committee staff of its park: they accept and assign."""
        q = NOTHING
        if scope.park_ids:
            q |= Q(park_id__in=scope.park_ids)
        if scope.alliance_ids:
            through = self.model.chains.through
            q |= Q(pk__in=through.objects.filter(industrialchain_id__in=alliance_chain_ids(scope))
                   .values("need_id"))
        return q

    def visible_q(self, scope: Scope) -> Q:
        q = self._dispatcher_q(scope)
        if scope.enterprise_ids:
            q |= Q(enterprise_id__in=scope.enterprise_ids)
        if scope.region_ids:
            q |= Q(county_id__in=scope.region_ids)
        if scope.department_ids:
            q |= Q(pk__in=assigned_need_ids(scope.department_ids))
        return q

    def editable_q(self, scope: Scope) -> Q:
        """Everyone who takes part in the workflow; which transition each may make is checked in actions.py."""
        q = self._dispatcher_q(scope)
        if scope.enterprise_ids:
            q |= Q(enterprise_id__in=scope.enterprise_ids)
        if scope.department_ids:
            q |= Q(pk__in=assigned_need_ids(scope.department_ids))
        return q

    def dispatched_by(self, scope: Scope):
        """Needs this user accepts and assigns (the inbox); everything for an administrator."""
        if scope.is_superuser:
            return self.all()
        return self.filter(self._dispatcher_q(scope))

    # Domain queries -------------------------------------------------------------------------------------------
    def open(self):
        return self.filter(status__in=self.model.OPEN_STATUSES)

    def counted(self):
        """Needs figures count: never the withdrawn or rejected ones (FIGURES.md)."""
        return self.exclude(status__in=self.model.NOT_COUNTED_STATUSES)

    def in_area(self, region_ids):
        return self.filter(county_id__in=region_ids)

    in_region = in_area  # the name every record type's location filter shares (ScopedQuerySet.visible_in_region)

    def official_reads_in_region(self, region_ids):
        """All of them: an official reads the needs of every county in their regions."""
        return self.in_area(region_ids)

    def collected_between(self, start: date, end: date):
        return self.filter(on_days("submitted_at", start, end))

    def resolved_between(self, start: date, end: date):
        """Needs whose (latest) resolution falls in the dates and that stay resolved or closed."""
        return self.filter(on_days("resolved_at", start, end), status__in=self.model.DONE_STATUSES)

    def on_chains(self, chain_ids):
        through = self.model.chains.through
        return self.filter(pk__in=through.objects.filter(industrialchain_id__in=chain_ids).values("need_id"))

    def assigned_to(self, department_ids):
        return self.filter(pk__in=assigned_need_ids(department_ids))

    def overdue_q(self, today: date | None = None) -> Q:
        today = today or timezone.localdate()
        Status = self.model.Status
        # The first condition repeats what the others imply, so PostgreSQL can read the partial index of the
        # needs being worked on (need_county_working) instead of every need of the area.
        return Q(status__in=self.model.WORKING_STATUSES) & (
            Q(status__in=[Status.ASSIGNED, Status.IN_PROGRESS], due_date__lt=today)
            | Q(status=Status.DEFERRED, deferred_until__lt=today)
            | Q(status=Status.DEFERRED, deferred_until__isnull=True, due_date__lt=today))

    def overdue(self, today: date | None = None):
        """Past the date to be resolved by (the timetable's date while deferred)."""
        return self.filter(self.overdue_q(today))

    def late_q(self, today: date | None = None) -> Q:
        today = today or timezone.localdate()
        Status = self.model.Status
        return (self.overdue_q(today)
                | Q(status__in=[Status.SUBMITTED, Status.ACCEPTED, Status.REOPENED], accept_due__lt=today)
                | Q(status=Status.ASSIGNED, sign_due__lt=today)
                | Q(status__in=self.model.WORKING_STATUSES, first_replied_at__isnull=True,
                    first_reply_due__lt=today))

    def late(self, today: date | None = None):
        """Any stage deadline missed: acceptance, signing, first reply or resolution."""
        return self.filter(self.late_q(today))

    def with_list_data(self, names: bool = True):
        """What a row of any needs list shows, in a fixed number of queries: the enterprise, the chains and the
        lead task; ``names`` also the park, the county and the lead department (the pages show their names, the API
        their ids)."""
        Assignment = apps.get_model("services", "Assignment")
        leads = Assignment.objects.current().filter(is_lead=True)
        related = ["enterprise"]
        if names:
            leads = leads.select_related("department")
            related += ["park", "county"]
        return self.select_related(*related).prefetch_related(
            "chains", Prefetch("assignments", queryset=leads, to_attr="lead_assignments"))

    def awaiting_dispatch(self):
        """With the alliance or committee: new, returned by a department, or reopened."""
        Status = self.model.Status
        return self.filter(status__in=[Status.SUBMITTED, Status.ACCEPTED, Status.REOPENED])

    def awaiting_feedback(self):
        return self.filter(status=self.model.Status.RESOLVED)

    def awaiting_extension_decision(self):
        ExtensionRequest = apps.get_model("services", "ExtensionRequest")
        return self.filter(pk__in=ExtensionRequest.objects.filter(status="pending").values("need_id"))


class NeedRecordQuerySet(ScopedQuerySet, models.QuerySet):
    """Records that belong to one need: visible with the need; changed only through actions.py."""

    def visible_q(self, scope: Scope) -> Q:
        Need = apps.get_model("services", "Need")
        return Q(need_id__in=Need.objects.visible_to(scope).values("pk"))

    def editable_q(self, scope: Scope) -> Q:
        return NOTHING


class NeedEventQuerySet(NeedRecordQuerySet):
    pass


class AssignmentQuerySet(NeedRecordQuerySet):
    # The tasks of the round a need is handled in, not returned: also the condition of their index
    # (``assignment_current_by_need``), which serves only a query saying the same.
    CURRENT = Q(is_current=True, returned_at__isnull=True)

    def current(self):
        return self.filter(self.CURRENT)


class ExtensionRequestQuerySet(NeedRecordQuerySet):
    def pending(self):
        return self.filter(status="pending")


class FeedbackQuerySet(NeedRecordQuerySet):
    pass


class NeedAttachmentQuerySet(NeedRecordQuerySet):
    def editable_q(self, scope: Scope) -> Q:
        """The enterprise adds and removes the documents of its own needs."""
        return Q(need__enterprise_id__in=scope.enterprise_ids) if scope.enterprise_ids else NOTHING


class ReferenceQuerySet(ScopedQuerySet, models.QuerySet):
    """Settings every signed-in user may read (the calendar, the deadlines); only administrators change them."""

    def visible_q(self, scope: Scope) -> Q:
        return Q()


__all__ = ["NeedQuerySet", "NeedEventQuerySet", "AssignmentQuerySet", "ExtensionRequestQuerySet",
           "FeedbackQuerySet", "NeedAttachmentQuerySet", "ReferenceQuerySet", "alliance_chain_ids",
           "assigned_need_ids"]
