"""Development parks, one joint Party committee per park, its positions and the Party workers."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chainparty.constraints import ChecksInOneQuery

from .querysets import (CommitteePositionQuerySet, JointCommitteeQuerySet, ParkQuerySet,
                        PartyWorkerAssessmentQuerySet, PartyWorkerQuerySet)


class Park(models.Model):
    """A development park (开发园区) in a county."""

    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        PROVINCIAL = "provincial", _("provincial")
        MUNICIPAL = "municipal", _("municipal")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=100, unique=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    county = models.ForeignKey("chainparty.Region", verbose_name=_("county"), on_delete=models.PROTECT,
                               related_name="parks")

    objects = ParkQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("park")
        verbose_name_plural = _("parks")
        ordering = ["county__code", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parks:park-detail", args=[self.pk])


class JointCommittee(models.Model):
    """The joint Party committee (产业链联合党委) of one park, tied to the park's chain."""

    park = models.OneToOneField(Park, verbose_name=_("park"), on_delete=models.PROTECT, related_name="committee")
    chain = models.ForeignKey("alliances.IndustrialChain", verbose_name=_("industrial chain"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(_("name"), max_length=100)
    secretary_name = models.CharField(_("secretary"), max_length=50, blank=True)
    secretary_title = models.CharField(_("secretary's title"), max_length=100, blank=True)
    founded_on = models.DateField(_("founded on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = JointCommitteeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("joint committee")
        verbose_name_plural = _("joint committees")
        ordering = ["park__county__code", "park__name"]
        constraints = [
            models.CheckConstraint(condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("founded_on")),
                                   name="committee_dissolved_after_founded",
                                   violation_error_message=_("A committee cannot be dissolved before it was founded.")),
        ]

    def __str__(self) -> str:
        return self.name

    def validate_unique(self, exclude=None):
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            if "park" in error.error_dict:
                error.error_dict["park"] = [ValidationError(_("This park already has a joint committee: one park, one committee."))]
            raise


class CommitteePosition(models.Model):
    """A position in a joint committee; a linked user gets the committee's reach."""

    class Role(models.TextChoices):
        SECRETARY = "secretary", _("secretary")
        DEPUTY_SECRETARY = "deputy_secretary", _("deputy secretary")
        MEMBER = "member", _("committee member")
        STAFF = "staff", _("committee staff")

    committee = models.ForeignKey(JointCommittee, verbose_name=_("joint committee"), on_delete=models.CASCADE,
                                  related_name="positions")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person_name = models.CharField(_("person"), max_length=50)
    title = models.CharField(_("title"), max_length=100, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="committee_positions")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = CommitteePositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("committee position")
        verbose_name_plural = _("committee positions")
        ordering = ["committee", "role", "person_name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                                   | Q(end_date__gte=F("start_date")), name="committee_position_ends_after_start",
                                   violation_error_message=_("A position cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person_name}"


class PartyWorker(ChecksInOneQuery):
    """A Party affairs worker (党务工作者), full- or part-time, dispatched by an alliance or a committee."""

    class Employment(models.TextChoices):
        FULL_TIME = "full_time", _("full-time")
        PART_TIME = "part_time", _("part-time")

    name = models.CharField(_("name"), max_length=50)
    employment = models.CharField(_("employment"), max_length=20, choices=Employment.choices)
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("dispatched by alliance"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="party_workers")
    committee = models.ForeignKey(JointCommittee, verbose_name=_("dispatched by committee"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="party_workers")
    is_party_member = models.BooleanField(_("Party member"), default=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="party_worker_posts")
    certificate_no = models.CharField(_("certificate number"), max_length=50, blank=True)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = PartyWorkerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party worker")
        verbose_name_plural = _("Party workers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(alliance__isnull=True, committee__isnull=False)
                                   | Q(alliance__isnull=False, committee__isnull=True),
                                   name="party_worker_dispatched_by_one_body",
                                   violation_error_message=_("A Party worker is dispatched by exactly one body: an alliance or a committee.")),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                                   | Q(end_date__gte=F("start_date")), name="party_worker_ends_after_start",
                                   violation_error_message=_("A post cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_certified(self) -> bool:
        return bool(self.certificate_no)


class PartyWorkerAssessment(models.Model):
    """The yearly assessment (履职考核) of a Party worker."""

    class Result(models.TextChoices):
        EXCELLENT = "excellent", _("excellent")
        COMPETENT = "competent", _("competent")
        BASICALLY_COMPETENT = "basically_competent", _("basically competent")
        INCOMPETENT = "incompetent", _("incompetent")

    worker = models.ForeignKey(PartyWorker, verbose_name=_("Party worker"), on_delete=models.CASCADE,
                               related_name="assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=30, choices=Result.choices)
    note = models.TextField(_("note"), blank=True)

    objects = PartyWorkerAssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("Party worker assessment")
        verbose_name_plural = _("Party worker assessments")
        ordering = ["worker", "-year"]
        constraints = [models.UniqueConstraint(fields=["worker", "year"], name="party_worker_assessment_once_a_year",
                                               violation_error_message=_("This worker already has an assessment for this year."))]

    def __str__(self) -> str:
        return f"{self.worker} {self.year}"
