"""The alliances' joint work: activities, agreements, the three pairings, service centers, leaders'
instructions and typical cases (the report's "发挥集成作用")."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chainparty.constraints import ChecksInOneQuery
from chainparty.uploads import private_upload_to

from ..querysets import (ActivityQuerySet, AgreementQuerySet, CaseQuerySet, InstructionQuerySet, PairingQuerySet,
                         ServiceCenterQuerySet)
from ..validators import UploadedDocumentValidator


class ServiceCenter(models.Model):
    """An alliance's comprehensive service center (综合服务中心), hosted by a park or an enterprise."""

    class Area(models.TextChoices):
        PARTY_ACTIVITIES = "party_activities", _("Party activities")
        PUBLIC_SERVICES = "public_services", _("public services")
        PRODUCT_EXHIBITION = "product_exhibition", _("product exhibition")
        TRAINING = "training", _("training")
        TALKS = "talks", _("business talks")
        OTHER = "other", _("other")

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.PROTECT,
                                 related_name="service_centers")
    name = models.CharField(_("name"), max_length=100)
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="service_centers")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("host enterprise"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="service_centers")
    address = models.CharField(_("address"), max_length=200, blank=True)
    functional_areas = models.JSONField(_("functional areas"), default=list, blank=True)
    opened_on = models.DateField(_("opened on"), null=True, blank=True, help_text=_("Empty while it is being built."))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    objects = ServiceCenterQuerySet.as_manager()

    class Meta:
        verbose_name = _("service center")
        verbose_name_plural = _("service centers")
        ordering = ["alliance", "name"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "name"], name="service_center_unique_name",
                                    violation_error_message=_("This alliance already has a service center with this name.")),
            models.CheckConstraint(condition=Q(closed_on__isnull=True) | Q(opened_on__isnull=False,
                                                                           closed_on__gte=F("opened_on")),
                                   name="service_center_closes_after_opening",
                                   violation_error_message=_("A service center cannot close before it opened.")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliances:servicecenter-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        areas = self.functional_areas or []
        if not isinstance(areas, list) or any(area not in self.Area.values for area in areas):
            raise ValidationError({"functional_areas": _("Choose functional areas from the list.")})

    def get_functional_areas_display(self) -> str:
        labels = dict(self.Area.choices)
        return "、".join(str(labels.get(area, area)) for area in self.functional_areas or [])


class Activity(ChecksInOneQuery):
    """An activity held by an alliance or a joint committee, with its outcomes."""

    class Kind(models.TextChoices):
        FACE_TO_FACE = "face_to_face", _("chair face-to-face")
        MATCHMAKING = "matchmaking", _("matchmaking (supply and demand)")
        FORUM = "forum", _("technology forum")
        RECRUITMENT = "recruitment", _("recruitment event")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    class Mode(models.TextChoices):
        OFFLINE = "offline", _("offline")
        ONLINE = "online", _("online")

    class Venue(models.TextChoices):
        PARK = "park", _("at a park")
        ENTERPRISE = "enterprise", _("at an enterprise")
        SERVICE_CENTER = "service_center", _("at a service center")
        OTHER = "other", _("elsewhere")

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="activities")
    committee = models.ForeignKey("parks.JointCommittee", verbose_name=_("joint committee"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mode = models.CharField(_("online or offline"), max_length=10, choices=Mode.choices, default=Mode.OFFLINE)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    venue = models.CharField(_("held"), max_length=20, choices=Venue.choices, default=Venue.OTHER)
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="activities")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="activities_hosted")
    service_center = models.ForeignKey(ServiceCenter, verbose_name=_("service center"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="activities")
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField("alliances.AllianceMember", verbose_name=_("participating units"),
                                          blank=True, related_name="activities")
    enterprises_reached = models.PositiveIntegerField(_("enterprises reached"), default=0)
    workers_recommended = models.PositiveIntegerField(_("workers recommended"), default=0)
    deals_reached = models.PositiveIntegerField(_("deals or intentions reached"), default=0)
    outcome = models.TextField(_("outcome"), blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(alliance__isnull=False, committee__isnull=True) | Q(alliance__isnull=True,
                                                                                committee__isnull=False),
                name="activity_held_by_one_body",
                violation_error_message=_("An activity is organised by exactly one body: an alliance or a joint committee.")),
            models.CheckConstraint(
                condition=(Q(venue="park", park__isnull=False, enterprise__isnull=True, service_center__isnull=True)
                           | Q(venue="enterprise", enterprise__isnull=False, park__isnull=True,
                               service_center__isnull=True)
                           | Q(venue="service_center", service_center__isnull=False, park__isnull=True,
                               enterprise__isnull=True)
                           | Q(venue="other", park__isnull=True, enterprise__isnull=True, service_center__isnull=True)),
                name="activity_venue_matches_place",
                violation_error_message=_("Name the park, the enterprise or the service center where it was held, "
                                          "and only that one.")),
        ]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliances:activity-detail", args=[self.pk])

    @property
    def body(self):
        return self.alliance if self.alliance_id else self.committee

    @property
    def venue_display(self) -> str:
        where = self.park or self.enterprise or self.service_center
        return f"{where}" + (f" · {self.place}" if self.place else "") if where else self.place


def check_participants(activity, members) -> None:
    """Participating units are members of the organising alliance (or of the alliance on the committee's chain)."""
    alliance_id = activity.alliance_id
    if alliance_id is None and activity.committee_id and activity.committee.chain_id:
        alliance_id = getattr(getattr(activity.committee.chain, "alliance", None), "pk", None)
    if any(member.alliance_id != alliance_id for member in members or []):
        raise ValidationError(_("Participating units are member units of the organising alliance."),
                              code="participant_outside_alliance")


class Agreement(models.Model):
    """A cooperation agreement between two or more member units, recorded by their alliance.

    An innovation consortium (创新联合体) or a joint research project is a joint-research agreement.
    """

    class Kind(models.TextChoices):
        PARTY_BUILDING = "party_building", _("Party-building co-construction")
        JOINT_RESEARCH = "joint_research", _("joint research")
        SUPPLY_SALES = "supply_sales", _("supply and sales cooperation")
        FINANCE = "finance", _("financial services")

    class Status(models.TextChoices):
        SIGNED = "signed", _("signed")
        IN_PROGRESS = "in_progress", _("being performed")
        FULFILLED = "fulfilled", _("fulfilled")
        TERMINATED = "terminated", _("terminated")

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.PROTECT,
                                 related_name="agreements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    parties = models.ManyToManyField("alliances.AllianceMember", verbose_name=_("parties"),
                                     related_name="agreements")
    signed_on = models.DateField(_("signed on"))
    amount = models.DecimalField(_("amount (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SIGNED)
    summary = models.TextField(_("summary"), blank=True)
    document = models.FileField(_("signed document"), upload_to=private_upload_to, blank=True,
                                validators=[UploadedDocumentValidator()],
                                help_text=_("PDF, Word, Excel, JPEG or PNG."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[parties])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "title", "signed_on"], name="agreement_unique_title",
                                    violation_error_message=_("This alliance already recorded an agreement with this "
                                                              "title signed on that day.")),
            models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0), name="agreement_amount_positive",
                                   violation_error_message=_("An amount cannot be negative.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliances:agreement-detail", args=[self.pk])


def check_parties(alliance, members) -> None:
    """Two or more distinct member units of the agreement's alliance (forms and the API both call this)."""
    members = list(members or [])
    if len({member.pk for member in members}) < 2:
        raise ValidationError(_("An agreement has at least two parties."), code="too_few_parties")
    if alliance is not None and any(member.alliance_id != alliance.pk for member in members):
        raise ValidationError(_("Every party must be a member unit of the agreement's alliance."),
                              code="party_outside_alliance")


class Pairing(ChecksInOneQuery):
    """One of the three pairings (三个结对) between two member units of an alliance."""

    class Kind(models.TextChoices):
        BRANCH = "branch", _("branch pairing")
        RESEARCH = "research", _("R&D pairing")
        SUPPLY_SALES = "supply_sales", _("purchase–sales pairing")

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.PROTECT,
                                 related_name="pairings")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    first = models.ForeignKey("alliances.AllianceMember", verbose_name=_("first unit"), on_delete=models.PROTECT,
                              related_name="pairings_as_first")
    second = models.ForeignKey("alliances.AllianceMember", verbose_name=_("second unit"), on_delete=models.PROTECT,
                               related_name="pairings_as_second")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    outcome = models.TextField(_("what it produced"), blank=True)

    objects = PairingQuerySet.as_manager()

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-start_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(first=F("second")), name="pairing_two_different_units",
                                   violation_error_message=_("A pairing joins two different units.")),
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                                   name="pairing_ends_after_start",
                                   violation_error_message=_("A pairing cannot end before it starts.")),
            models.UniqueConstraint(fields=["kind", "first", "second", "start_date"], name="pairing_unique",
                                    violation_error_message=_("This pairing is already recorded.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.first} — {self.second}"

    def clean(self) -> None:
        super().clean()
        if self.alliance_id:
            for name in ("first", "second"):
                if getattr(self, f"{name}_id") and getattr(self, name).alliance_id != self.alliance_id:
                    raise ValidationError({name: _("Choose a member unit of this alliance.")})


class Instruction(models.Model):
    """A leader's written instruction (批示) on an alliance's work, and what was done about it."""

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.PROTECT,
                                 related_name="instructions")
    leader_name = models.CharField(_("leader"), max_length=50)
    leader_title = models.CharField(_("leader's title"), max_length=100, blank=True)
    issued_on = models.DateField(_("date"))
    content = models.TextField(_("content"))
    follow_up = models.TextField(_("follow-up"), blank=True)

    objects = InstructionQuerySet.as_manager()

    class Meta:
        verbose_name = _("leader's instruction")
        verbose_name_plural = _("leaders' instructions")
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.leader_name} {date_format(self.issued_on)}"


class Case(models.Model):
    """A typical case (典型案例) published in the city's series (产业链党建N计)."""

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="cases")
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    series_number = models.PositiveIntegerField(_("number in the series"), unique=True,
                                                validators=[MinValueValidator(1)],
                                                error_messages={"unique": _("A case with this number is already published.")})
    published_on = models.DateField(_("published on"))
    summary = models.TextField(_("summary"), blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("typical case")
        verbose_name_plural = _("typical cases")
        ordering = ["series_number"]
        constraints = [
            models.CheckConstraint(condition=Q(alliance__isnull=False) | Q(enterprise__isnull=False),
                                   name="case_about_alliance_or_enterprise",
                                   violation_error_message=_("A case is about an alliance or an enterprise: name at least one.")),
        ]

    def __str__(self) -> str:
        return f"{self.series_number}. {self.title}"
