"""State changes of member reports and demonstration sites: the one place pages, the API and admin call.

Each function is atomic, locks the row, checks who may act (the same rule on every path) and leaves an
audit row in the record's history (who, when, what, and the reason given).
"""
from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from alliances.models import AlliancePosition
from chainparty.access import Scope, active_on, scope_for
from chainparty.models import Notification
from chainparty.notifications import notify
from parks.models import CommitteePosition

from .models import DemonstrationSite, Enterprise, EnterpriseContact, MemberReport
from .querysets import reporting_organization_ids, supervised_organization_ids


class TransitionError(ValidationError):
    """The record is not in a state that allows this step (a 400 on the API, a message on pages)."""


def files_for(scope: Scope, report: MemberReport) -> bool:
    """Whether the user files this report's organisation's reports (its enterprise contact, or an administrator)."""
    return scope.is_superuser or (scope.is_authenticated and type(report).objects.filter(
        pk=report.pk, organization_id__in=reporting_organization_ids(scope)).exists())


def supervises(scope: Scope, report) -> bool:
    """Whether the user approves this organisation's reports and rates its branch: the committee of the
    enterprise's park, or the alliance of its chain where the enterprise is in no park."""
    return scope.is_superuser or (scope.is_authenticated and type(report).objects.filter(
        pk=report.pk, organization_id__in=supervised_organization_ids(scope)).exists())


def _lock(report: MemberReport) -> MemberReport:
    return MemberReport.objects.select_for_update().select_related("organization").get(pk=report.pk)


def _record(instance, acting_user, reason: str) -> None:
    instance._history_user = acting_user
    instance._change_reason = reason[:100]


def deciders_of(report: MemberReport):
    """The users who decide on the report: the joint committee of each park of the organisation's enterprises and,
    for its enterprises in no park, the alliances of their chains."""
    enterprises = Enterprise.objects.filter(party_organization_id=report.organization_id)
    chains = Enterprise.chains.through.objects.filter(
        enterprise_id__in=enterprises.filter(park__isnull=True).values("pk")).values("industrialchain_id")
    committee_users = CommitteePosition.objects.filter(active_on(), committee__park_id__in=enterprises.values(
        "park_id"), user__isnull=False).values("user_id")
    alliance_users = AlliancePosition.objects.filter(active_on(), alliance__chain_id__in=chains,
                                                     user__isnull=False).values("user_id")
    return get_user_model().objects.filter(Q(pk__in=committee_users) | Q(pk__in=alliance_users))


def filers_of(report: MemberReport):
    """The enterprise contacts who file the organisation's reports."""
    contacts = EnterpriseContact.objects.active().filter(enterprise__party_organization_id=report.organization_id)
    return get_user_model().objects.filter(pk__in=contacts.values("user_id"))


def _tell(recipients, report: MemberReport, title: str, body: str = "") -> None:
    notify(recipients, Notification.Kind.REPORT, title, body, url=report.get_absolute_url())


@transaction.atomic
def submit_report(report: MemberReport, *, acting_user) -> MemberReport:
    """The enterprise sends a draft (or a returned report it corrected) for approval."""
    scope = scope_for(acting_user)
    report = _lock(report)
    if not files_for(scope, report):
        raise PermissionDenied(_("Only the enterprise's contact submits its member report."))
    if report.status not in (MemberReport.Status.DRAFT, MemberReport.Status.RETURNED):
        raise TransitionError(_("This report is already %(status)s: it is locked.")
                              % {"status": report.get_status_display()}, code="locked")
    report.full_clean()
    report.status = MemberReport.Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.filed_by = acting_user
    report.return_reason = ""
    _record(report, acting_user, "submitted")
    report.save(update_fields=["status", "submitted_at", "filed_by", "return_reason", "updated_at"])
    _tell(deciders_of(report), report, _("Member report to approve: %(report)s") % {"report": report})
    return report


@transaction.atomic
def approve_report(report: MemberReport, *, acting_user) -> MemberReport:
    """The committee (or alliance) approves a submitted report: it then counts in the figures and is locked."""
    scope = scope_for(acting_user)
    report = _lock(report)
    if not supervises(scope, report):
        raise PermissionDenied(_("Only the joint committee of the enterprise's park (or the alliance of its chain, "
                                 "for an enterprise in no park) approves this report."))
    if report.status != MemberReport.Status.SUBMITTED:
        raise TransitionError(_("Only a submitted report can be approved; this one is %(status)s.")
                              % {"status": report.get_status_display()}, code="not_submitted")
    report.status = MemberReport.Status.APPROVED
    report.decided_by = acting_user
    report.decided_at = timezone.now()
    _record(report, acting_user, "approved")
    report.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    _tell(filers_of(report), report, _("Member report approved: %(report)s") % {"report": report})
    return report


@transaction.atomic
def return_report(report: MemberReport, *, acting_user, reason: str) -> MemberReport:
    """The committee (or alliance) sends a submitted or approved report back to the enterprise to correct."""
    scope = scope_for(acting_user)
    reason = (reason or "").strip()
    report = _lock(report)
    if not supervises(scope, report):
        raise PermissionDenied(_("Only the joint committee of the enterprise's park (or the alliance of its chain, "
                                 "for an enterprise in no park) returns this report."))
    if report.status not in (MemberReport.Status.SUBMITTED, MemberReport.Status.APPROVED):
        raise TransitionError(_("Only a submitted or approved report can be returned; this one is %(status)s.")
                              % {"status": report.get_status_display()}, code="not_submitted")
    if not reason:
        raise TransitionError({"reason": [_("Give the reason for returning the report, so the enterprise knows "
                                            "what to correct.")]}, code="reason_required")
    report.status = MemberReport.Status.RETURNED
    report.return_reason = reason
    report.decided_by = acting_user
    report.decided_at = timezone.now()
    _record(report, acting_user, f"returned: {reason}")
    report.save(update_fields=["status", "return_reason", "decided_by", "decided_at", "updated_at"])
    _tell(filers_of(report), report, _("Member report returned: %(report)s") % {"report": report}, reason)
    return report


def _require_administrator(acting_user) -> None:
    if not scope_for(acting_user).is_superuser:
        raise PermissionDenied(_("Demonstration sites are awarded by the administrators of the organisation "
                                 "department."))


def _decide_site(site: DemonstrationSite, acting_user, status: str, awarded_on: date | None) -> DemonstrationSite:
    site = DemonstrationSite.objects.select_for_update().get(pk=site.pk)
    if site.status != DemonstrationSite.Status.NOMINATED:
        raise TransitionError(_("This nomination was already decided: %(status)s.")
                              % {"status": site.get_status_display()}, code="decided")
    if status == DemonstrationSite.Status.AWARDED:
        site.full_clean()  # the enterprise may have stopped being a chain leader since its nomination
    site.status = status
    site.awarded_on = awarded_on
    site.decided_by = acting_user
    _record(site, acting_user, status)
    site.save(update_fields=["status", "awarded_on", "decided_by"])
    return site


@transaction.atomic
def award_site(site: DemonstrationSite, *, acting_user, awarded_on: date | None = None) -> DemonstrationSite:
    """Award a nominated chain-leader enterprise the title of Party-building demonstration site."""
    _require_administrator(acting_user)
    return _decide_site(site, acting_user, DemonstrationSite.Status.AWARDED, awarded_on or timezone.localdate())


@transaction.atomic
def decline_site(site: DemonstrationSite, *, acting_user) -> DemonstrationSite:
    """Decide not to award a nomination (it stays on record, and no longer counts as pending)."""
    _require_administrator(acting_user)
    return _decide_site(site, acting_user, DemonstrationSite.Status.DECLINED, None)
