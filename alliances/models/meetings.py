"""Regular meetings of the alliances and joint committees, the issues raised in them, and calendar links."""
from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chainparty.constraints import ChecksInOneQuery
from chainparty.uploads import private_upload_to

from .. import periods
from ..querysets import CalendarTokenQuerySet, MeetingIssueQuerySet, MeetingQuerySet
from ..validators import UploadedDocumentValidator


class Meeting(ChecksInOneQuery):
    """A regular meeting: an alliance's member congress (yearly) or council meeting (quarterly), or a joint
    committee's monthly meeting. One row per body, kind and period, so a scheduler can create the period's
    meeting with ``get_or_create`` on that key (``actions.schedule_meeting``) and never create it twice."""

    class Kind(models.TextChoices):
        MEMBER_CONGRESS = "member_congress", _("member congress")
        COUNCIL = "council", _("council quarterly meeting")
        COMMITTEE_MONTHLY = "committee_monthly", _("joint committee monthly meeting")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("scheduled")
        HELD = "held", _("held")
        MISSED = "missed", _("missed")
        CANCELLED = "cancelled", _("cancelled")

    ALLIANCE_KINDS = (Kind.MEMBER_CONGRESS, Kind.COUNCIL)
    COMMITTEE_KINDS = (Kind.COMMITTEE_MONTHLY,)

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="meetings")
    committee = models.ForeignKey("parks.JointCommittee", verbose_name=_("joint committee"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    period_start = models.DateField(_("period"), blank=True, help_text=_(
        "The period the meeting covers: a year (2026) for a member congress, a quarter (2026Q3) for a council "
        "meeting, a month (2026-07) for a committee meeting. Left empty, it is the period of the meeting's date."))
    period_end = models.DateField(_("end of period"), editable=False)
    date = models.DateField(_("date"), null=True, blank=True, help_text=_("Planned date, or the day it was held."))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    chair = models.CharField(_("chaired by"), max_length=50, blank=True)
    expected_count = models.PositiveSmallIntegerField(_("expected to attend"), null=True, blank=True)
    attendance_count = models.PositiveSmallIntegerField(_("attended"), null=True, blank=True)
    alliance_attendees = models.ManyToManyField("alliances.AlliancePosition", verbose_name=_("positions present"),
                                                blank=True, related_name="meetings_attended")
    committee_attendees = models.ManyToManyField("parks.CommitteePosition", verbose_name=_("committee positions present"),
                                                 blank=True, related_name="meetings_attended")
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_file = models.FileField(_("minutes file"), upload_to=private_upload_to, blank=True,
                                    validators=[UploadedDocumentValidator()],
                                    help_text=_("PDF, Word, Excel, JPEG or PNG."))
    decisions = models.TextField(_("decisions"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-period_start", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alliance__isnull=False, committee__isnull=True) | Q(alliance__isnull=True,
                                                                                committee__isnull=False),
                name="meeting_held_by_one_body",
                violation_error_message=_("A meeting is held by exactly one body: an alliance or a joint committee.")),
            models.CheckConstraint(
                condition=Q(alliance__isnull=True) | Q(kind__in=["member_congress", "council"]),
                name="meeting_alliance_kinds",
                violation_error_message=_("An alliance holds member congresses and council meetings.")),
            models.CheckConstraint(
                condition=Q(committee__isnull=True) | Q(kind="committee_monthly"),
                name="meeting_committee_kinds",
                violation_error_message=_("A joint committee holds monthly committee meetings.")),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(date__isnull=False), name="meeting_held_has_date",
                violation_error_message=_("A held meeting needs the date it was held.")),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="meeting_period_ends_after_start",
                violation_error_message=_("A period cannot end before it starts.")),
            models.CheckConstraint(
                condition=Q(expected_count__isnull=True) | Q(attendance_count__isnull=True)
                | Q(attendance_count__lte=F("expected_count")), name="meeting_attendance_within_expected",
                violation_error_message=_("More people attended than were expected: check both numbers.")),
            models.UniqueConstraint(
                fields=["alliance", "kind", "period_start"], name="meeting_one_per_alliance_kind_period",
                violation_error_message=_("This alliance already has a meeting of this kind for this period.")),
            models.UniqueConstraint(
                fields=["committee", "kind", "period_start"], name="meeting_one_per_committee_kind_period",
                violation_error_message=_("This committee already has a meeting of this kind for this period.")),
        ]
        indexes = [models.Index(fields=["kind", "period_end"]), models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.body} · {self.get_kind_display()} · {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("alliances:meeting-detail", args=[self.pk])

    @property
    def body(self):
        return self.alliance if self.alliance_id else self.committee

    @property
    def period_text(self) -> str:
        return periods.as_text(self.kind, self.period_start)

    @property
    def period_label(self) -> str:
        return periods.label(self.kind, self.period_start)

    @property
    def is_incomplete(self) -> bool:
        """Held without minutes, or below quorum (fewer than half of those expected)."""
        if self.status != self.Status.HELD:
            return False
        no_minutes = not (self.minutes.strip() or self.minutes_file)
        below_quorum = bool(self.expected_count) and (self.attendance_count or 0) * 2 < self.expected_count
        return no_minutes or below_quorum

    def _set_period(self) -> None:
        """Normalise the period to the kind's year, quarter or month, defaulting to the one of the date."""
        if self.period_start is None and self.date is not None:
            self.period_start = self.date
        if self.period_start is not None and self.kind in periods.GRANULARITY:
            self.period_start, self.period_end = periods.bounds_for_kind(self.kind, self.period_start)

    def clean(self) -> None:
        super().clean()
        self._set_period()
        errors = {}
        if self.period_start is None:
            errors["period_start"] = _("Give the period the meeting covers, or its date.")
        if self.status == self.Status.HELD and self.date and self.date > timezone.localdate():
            errors["date"] = _("A meeting cannot have been held on a future date.")
        if self.status == self.Status.MISSED and self.period_end and self.period_end >= timezone.localdate():
            errors["status"] = _("A meeting is missed only once its period has ended.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self._set_period()
        super().save(*args, **kwargs)


class MeetingIssue(models.Model):
    """An issue raised in a meeting (问题收集), possibly about one enterprise; it can become an enterprise need."""

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="issues")
    text = models.TextField(_("issue raised"))
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="meeting_issues")
    raised_by = models.CharField(_("raised by"), max_length=100, blank=True)

    objects = MeetingIssueQuerySet.as_manager()

    class Meta:
        verbose_name = _("issue raised")
        verbose_name_plural = _("issues raised")
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarToken(models.Model):
    """The secret in a user's private iCalendar link: a calendar app subscribes without signing in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="calendar_token")
    token = models.CharField(_("token"), max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CalendarTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar link")
        verbose_name_plural = _("calendar links")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def for_user(cls, user) -> "CalendarToken":
        token, _created = cls.objects.get_or_create(user=user)
        return token

    def renew(self) -> None:
        """A new secret: the old link stops working (for a link that was shared by mistake)."""
        self.token = new_calendar_token()
        self.save(update_fields=["token"])
