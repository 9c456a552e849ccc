"""Needs (需求/诉求) of enterprises and their follow-up: the timeline, the task letters (任务书),
extension requests, feedback and attachments.

State changes never happen here: they go through ``services/actions.py``, which checks the role and
the state and writes a ``NeedEvent`` for every transition.
"""
from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chainparty.constraints import ChecksInOneQuery
from chainparty.uploads import DocumentValidator, private_upload_to

from ..categories import NeedCategory  # noqa: F401  (re-exported: needs and resources share it)
from ..querysets import (AssignmentQuerySet, ExtensionRequestQuerySet, FeedbackQuerySet, NeedAttachmentQuerySet,
                         NeedEventQuerySet, NeedQuerySet)


class NeedStatus(models.TextChoices):
    SUBMITTED = "submitted", _("submitted")
    ACCEPTED = "accepted", _("accepted")
    ASSIGNED = "assigned", _("assigned")
    IN_PROGRESS = "in_progress", _("in progress")
    DEFERRED = "deferred", _("deferred with a timetable")
    RESOLVED = "resolved", _("resolved")
    CLOSED = "closed", _("closed")
    REOPENED = "reopened", _("reopened")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("satisfied")
    BASICALLY_SATISFIED = "basically_satisfied", _("basically satisfied")
    UNSATISFIED = "unsatisfied", _("unsatisfied")


STATUS_CSS = {
    NeedStatus.SUBMITTED: "primary", NeedStatus.ACCEPTED: "info", NeedStatus.ASSIGNED: "info",
    NeedStatus.IN_PROGRESS: "warning", NeedStatus.DEFERRED: "dark", NeedStatus.RESOLVED: "success",
    NeedStatus.CLOSED: "secondary", NeedStatus.REOPENED: "danger", NeedStatus.REJECTED: "light",
    NeedStatus.WITHDRAWN: "light",
}


# Assigned, being worked on or deferred: what the follow-up pass and the overdue figures look at.
WORKING_STATUSES = (NeedStatus.ASSIGNED, NeedStatus.IN_PROGRESS, NeedStatus.DEFERRED)


class Need(ChecksInOneQuery):
    """A need an enterprise raises; its park, county and chains are copied at submission so figures stay true."""

    Category = NeedCategory
    Status = NeedStatus
    Satisfaction = Satisfaction

    OPEN_STATUSES = (NeedStatus.SUBMITTED, NeedStatus.ACCEPTED, NeedStatus.ASSIGNED, NeedStatus.IN_PROGRESS,
                     NeedStatus.DEFERRED, NeedStatus.REOPENED)
    WORKING_STATUSES = WORKING_STATUSES
    DONE_STATUSES = (NeedStatus.RESOLVED, NeedStatus.CLOSED)
    NOT_COUNTED_STATUSES = (NeedStatus.REJECTED, NeedStatus.WITHDRAWN)
    FINAL_STATUSES = (NeedStatus.CLOSED, NeedStatus.REJECTED, NeedStatus.WITHDRAWN)

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("normal")
        URGENT = "urgent", _("urgent")
        CRITICAL = "critical", _("very urgent")

    class Source(models.TextChoices):
        FORM = "form", _("submitted on the form")
        MEETING = "meeting", _("raised in a meeting")
        VISIT = "visit", _("raised during a visit")

    class RejectionKind(models.TextChoices):
        DUPLICATE = "duplicate", _("duplicate")
        OUT_OF_SCOPE = "out_of_scope", _("out of scope")

    class Closing(models.TextChoices):
        FEEDBACK = "feedback", _("after the enterprise's feedback")
        DISPATCHER = "dispatcher", _("closed by the alliance or committee")
        AUTOMATIC = "automatic", _("closed automatically without feedback")

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="needs")
    # Indexed by need_county_submitted and need_county_resolved below, which lead with the county.
    county = models.ForeignKey("chainparty.Region", verbose_name=_("county"), on_delete=models.PROTECT, db_index=False,
                               related_name="+", help_text=_("The enterprise's county when the need was submitted."))
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="needs", help_text=_("The enterprise's park when the need was submitted."))
    chains = models.ManyToManyField("alliances.IndustrialChain", verbose_name=_("industrial chains"), blank=True,
                                    related_name="needs",
                                    help_text=_("The enterprise's chains when the need was submitted."))
    category = models.CharField(_("category"), max_length=20, choices=NeedCategory.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    amount_requested = models.DecimalField(_("amount asked for (10,000 yuan)"), max_digits=12, decimal_places=2,
                                           null=True, blank=True, validators=[MinValueValidator(0)])
    workers_requested = models.PositiveIntegerField(_("workers needed"), null=True, blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.FORM)
    meeting_issue = models.OneToOneField("alliances.MeetingIssue", verbose_name=_("raised in the meeting as"),
                                         null=True, blank=True, on_delete=models.SET_NULL, related_name="need")
    visit = models.ForeignKey("services.Visit", verbose_name=_("raised during the visit"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="needs")

    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.SUBMITTED,
                              db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    first_replied_at = models.DateTimeField(_("first replied at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    # Deadlines, in working days (services/deadlines.py). Stored so a periodic sweep finds what is due by query.
    accept_due = models.DateField(_("to be accepted and dispatched by"), null=True, blank=True, db_index=True)
    sign_due = models.DateField(_("to be signed for by"), null=True, blank=True, db_index=True)
    first_reply_due = models.DateField(_("first reply due"), null=True, blank=True, db_index=True)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    deferred_until = models.DateField(_("deferred until"), null=True, blank=True, db_index=True)
    remind_on = models.DateField(_("reminder (催办) on"), null=True, blank=True, db_index=True)
    publicize_on = models.DateField(_("listed in the weekly report (通报) on"), null=True, blank=True, db_index=True)
    feedback_due = models.DateField(_("closed without feedback on"), null=True, blank=True, db_index=True)
    deadlines_provisional = models.BooleanField(
        _("provisional deadlines"), default=False, db_index=True,
        help_text=_("A deadline runs into a year whose holiday arrangement is not yet announced."))
    deadline_basis = models.JSONField(_("how the deadlines were computed"), default=dict, blank=True, editable=False)

    rejection_kind = models.CharField(_("reason for rejection"), max_length=20, choices=RejectionKind.choices,
                                      blank=True)
    rejection_reason = models.TextField(_("explanation of the rejection"), blank=True)
    duplicate_of = models.ForeignKey("self", verbose_name=_("duplicate of"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="duplicates")
    explanation = models.TextField(_("explanation to the enterprise"), blank=True)
    timetable = models.TextField(_("timetable"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    amount_solved = models.DecimalField(_("amount solved (10,000 yuan)"), max_digits=12, decimal_places=2, null=True,
                                        blank=True, validators=[MinValueValidator(0)])
    workers_provided = models.PositiveIntegerField(_("workers provided"), null=True, blank=True)
    resolution_working_days = models.PositiveIntegerField(_("working days to resolve"), null=True, blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True)
    closed_how = models.CharField(_("how it was closed"), max_length=20, choices=Closing.choices, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    objects = NeedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["deadline_basis"])

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(category="funding") | Q(amount_requested__isnull=False,
                                                                                  amount_requested__gt=0),
                                   name="need_funding_has_amount",
                                   violation_error_message=_("A funding need states the amount asked for.")),
            models.CheckConstraint(condition=~Q(category="labour") | Q(workers_requested__isnull=False,
                                                                                 workers_requested__gte=1),
                                   name="need_labour_has_workers",
                                   violation_error_message=_("A labour need states how many workers are needed.")),
            models.CheckConstraint(condition=Q(amount_requested__isnull=True) | Q(amount_requested__gte=0),
                                   name="need_amount_requested_not_negative",
                                   violation_error_message=_("An amount cannot be negative.")),
            models.CheckConstraint(condition=Q(amount_solved__isnull=True) | Q(amount_solved__gte=0),
                                   name="need_amount_solved_not_negative",
                                   violation_error_message=_("An amount cannot be negative.")),
            models.CheckConstraint(condition=~Q(status="rejected") | ~Q(rejection_reason=""),
                                   name="need_rejection_has_reason",
                                   violation_error_message=_("A rejected need gives the enterprise a reason.")),
        ]
        # The follow-up pass walks the needs being worked on in id order, four stages a day, reading only these
        # columns: an index-only scan of these few thousand rows instead of the table (services/followups.py).
        indexes = [models.Index(fields=["id", "status", "first_replied_at", "first_reply_due", "remind_on", "due_date",
                                        "deferred_until", "publicize_on"],
                                condition=Q(status__in=list(WORKING_STATUSES)), name="need_working_deadlines"),
                   # The figures and charts count an area's needs of a period by status and category (and sum the
                   # amount solved): led by the county, so a city's range is read alone however many cities the
                   # database holds, with the counted columns included so the index alone answers (index-only
                   # scans). A province's 2.6 million needs: a city's needs-category chart 198 ms → 7 ms.
                   models.Index(fields=["county", "submitted_at"], include=["status", "category", "id"],
                                name="need_county_submitted"),
                   models.Index(fields=["county", "resolved_at"], include=["status", "category", "amount_solved", "id"],
                                name="need_county_resolved"),
                   # An area's overdue needs (NeedQuerySet.overdue_q) among those being worked on: a province's
                   # overdue-by-department chart for a city 348 ms → 67 ms.
                   models.Index(fields=["county", "due_date"], include=["status", "deferred_until", "id"],
                                condition=Q(status__in=list(WORKING_STATUSES)), name="need_county_working")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:need-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.category == NeedCategory.FUNDING and not self.amount_requested:
            errors["amount_requested"] = _("A funding need states the amount asked for.")
        if self.category == NeedCategory.LABOUR and not self.workers_requested:
            errors["workers_requested"] = _("A labour need states how many workers are needed.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def current_due(self) -> date | None:
        """The date the need must be resolved by now: the timetable's date while deferred, else the due date."""
        if self.status == NeedStatus.DEFERRED and self.deferred_until:
            return self.deferred_until
        return self.due_date

    def is_overdue(self, today: date | None = None) -> bool:
        """Mirror of ``NeedQuerySet.overdue`` for one loaded row (no query)."""
        today = today or timezone.localdate()
        due = self.current_due
        return self.status in self.WORKING_STATUSES and due is not None and due < today

    @property
    def overdue(self) -> bool:
        return self.is_overdue()

    @property
    def late(self) -> bool:
        return self.is_late()

    @property
    def status_css(self) -> str:
        """Bootstrap colour of the status badge."""
        return STATUS_CSS.get(self.status, "secondary")

    def is_late(self, today: date | None = None) -> bool:
        """Any stage deadline missed (mirror of ``NeedQuerySet.late``)."""
        today = today or timezone.localdate()
        if self.is_overdue(today):
            return True
        if self.status in (NeedStatus.SUBMITTED, NeedStatus.ACCEPTED, NeedStatus.REOPENED):
            return bool(self.accept_due and self.accept_due < today)
        if self.status == NeedStatus.ASSIGNED and self.sign_due and self.sign_due < today:
            return True
        return bool(self.status in self.WORKING_STATUSES and self.first_replied_at is None
                    and self.first_reply_due and self.first_reply_due < today)


class NeedEvent(models.Model):
    """One step of a need's timeline (who, when, from which status to which, and a note)."""

    class Kind(models.TextChoices):
        SUBMIT = "submit", _("submitted")
        ACCEPT = "accept", _("accepted")
        REJECT = "reject", _("rejected")
        WITHDRAW = "withdraw", _("withdrawn")
        ASSIGN = "assign", _("assigned")
        SIGN = "sign", _("signed for")
        RETURN = "return", _("returned")
        REPLY = "reply", _("replied to the enterprise")
        PROGRESS = "progress", _("progress")
        DEFER = "defer", _("explained and deferred")
        RESUME = "resume", _("back in progress")
        REQUEST_EXTENSION = "request_extension", _("extension requested")
        APPROVE_EXTENSION = "approve_extension", _("extension approved")
        REFUSE_EXTENSION = "refuse_extension", _("extension refused")
        RESOLVE = "resolve", _("resolved")
        FEEDBACK = "feedback", _("feedback")
        CLOSE = "close", _("closed")
        REMIND = "remind", _("reminder (催办)")
        SUPERVISE = "supervise", _("supervision (督办)")
        PUBLICIZE = "publicize", _("listed in the report (通报)")
        DEADLINES = "deadlines", _("deadlines recomputed")

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+", db_index=False)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("from"), max_length=20, choices=NeedStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=NeedStatus.choices)
    note = models.TextField(_("note"), blank=True)

    objects = NeedEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("need event")
        verbose_name_plural = _("need events")
        ordering = ["at", "pk"]
        # The follow-up pass writes tens of thousands of events without an actor: only those with one are indexed,
        # which is every event a user's deletion looks up to clear (SET_NULL).
        indexes = [models.Index(fields=["actor"], condition=Q(actor__isnull=False), name="needevent_actor")]

    def __str__(self) -> str:
        return f"{self.need} · {self.get_kind_display()}"


class Assignment(ChecksInOneQuery):
    """A task letter (任务书) to one department; a round may name several departments, exactly one leading."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="assignments")
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    department = models.ForeignKey("chainparty.Department", verbose_name=_("department"), on_delete=models.PROTECT,
                                   related_name="need_assignments")
    is_lead = models.BooleanField(_("leading department"), default=True)
    responsible_person = models.CharField(_("responsible person"), max_length=50, blank=True)
    responsible_phone = models.CharField(_("phone of the responsible person"), max_length=20, blank=True)
    plan = models.TextField(_("plan"), blank=True)
    due_date = models.DateField(_("due date"))
    sign_due = models.DateField(_("to be signed for by"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("signed for by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(_("signed for at"), null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("returned by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)
    is_current = models.BooleanField(_("current"), default=True,
                                     help_text=_("Part of the round the need is being handled in."))

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["need", "round", "-is_lead", "pk"]
        # The follow-up pass reads the current tasks of ten thousand needs at a time (who leads, who has signed):
        # answered by this index alone (index-only scan), not by a heap page per task.
        indexes = [models.Index(fields=["need"], include=["department", "is_lead", "signed_at"],
                                condition=AssignmentQuerySet.CURRENT,
                                name="assignment_current_by_need")]
        constraints = [
            models.UniqueConstraint(fields=["need", "round", "department"], name="assignment_department_once_a_round",
                                    violation_error_message=_("This department is already assigned in this round.")),
            models.UniqueConstraint(fields=["need", "round"], condition=Q(is_lead=True),
                                    name="assignment_one_lead_a_round",
                                    violation_error_message=_("A round has exactly one leading department.")),
            models.CheckConstraint(condition=Q(returned_at__isnull=True) | ~Q(return_reason=""),
                                   name="assignment_return_has_reason",
                                   violation_error_message=_("Returning a task gives a reason.")),
            models.CheckConstraint(condition=Q(returned_at__isnull=True) | Q(signed_at__isnull=True),
                                   name="assignment_signed_or_returned",
                                   violation_error_message=_("A task is either signed for or returned, not both.")),
        ]

    def __str__(self) -> str:
        return f"{self.need} · {self.department}"

    @property
    def state_label(self) -> str:
        if self.returned_at:
            return str(_("returned"))
        if self.signed_at:
            return str(_("signed for"))
        return str(_("awaiting signature"))


class ExtensionRequest(ChecksInOneQuery):
    """A request (延期申请) by the leading department to push the due date back; the alliance decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting decision")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        CANCELLED = "cancelled", _("cancelled")

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE,
                             related_name="extension_requests")
    assignment = models.ForeignKey(Assignment, verbose_name=_("assignment"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="extension_requests")
    days = models.PositiveSmallIntegerField(_("working days asked for"),
                                            validators=[MinValueValidator(1), MaxValueValidator(15)])
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decision_due = models.DateField(_("to be decided by"), null=True, blank=True, db_index=True)
    previous_due = models.DateField(_("due date before"), null=True, blank=True)
    new_due = models.DateField(_("due date after"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    objects = ExtensionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1, days__lte=15), name="extension_at_most_15_days",
                                   violation_error_message=_("An extension adds between 1 and 15 working days.")),
            models.UniqueConstraint(fields=["need"], condition=Q(status="pending"),
                                    name="extension_one_pending_per_need",
                                    violation_error_message=_("This need already has an extension request awaiting a decision.")),
            models.CheckConstraint(condition=~Q(status="refused") | ~Q(decision_note=""),
                                   name="extension_refusal_has_reason",
                                   violation_error_message=_("Refusing an extension gives a reason.")),
        ]

    def __str__(self) -> str:
        return f"{self.need} · +{self.days}"


class Feedback(models.Model):
    """The enterprise's evaluation (回访评价) of a resolution; unsatisfied feedback reopens the need."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="feedback")
    satisfaction = models.CharField(_("satisfaction"), max_length=20, choices=Satisfaction.choices)
    reason = models.TextField(_("reason"), blank=True)
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("given by"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    given_at = models.DateTimeField(_("given at"), default=timezone.now, db_index=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(satisfaction="unsatisfied") | ~Q(reason=""),
                                   name="feedback_unsatisfied_has_reason",
                                   violation_error_message=_("Unsatisfied feedback says why.")),
        ]

    def __str__(self) -> str:
        return f"{self.need} · {self.get_satisfaction_display()}"


class NeedAttachment(models.Model):
    """A document attached to a need; private, served only to users who may see the need."""

    need = models.ForeignKey(Need, verbose_name=_("need"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=private_upload_to, validators=[DocumentValidator()])
    name = models.CharField(_("file name"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = NeedAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("need attachment")
        verbose_name_plural = _("need attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs):
        if not self.name and self.file:
            self.name = self.file.name.rsplit("/", 1)[-1][:200]
        super().save(*args, **kwargs)
