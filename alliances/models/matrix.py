"""Industrial chains, their Party-building alliances, the alliances' positions and member units."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..querysets import (AllianceMemberQuerySet, AlliancePositionQuerySet, AllianceQuerySet,
                        IndustrialChainQuerySet)


class IndustrialChain(models.Model):
    """An industrial chain (产业链) the city develops; key chains are the ones the report counts."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey("chainparty.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="chains")
    is_key = models.BooleanField(_("key chain"), default=True)
    lead_department = models.ForeignKey("chainparty.Department", verbose_name=_("lead department"), null=True,
                                        blank=True, on_delete=models.SET_NULL, related_name="led_chains")
    description = models.TextField(_("description"), blank=True)

    objects = IndustrialChainQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("industrial chain")
        verbose_name_plural = _("industrial chains")
        ordering = ["region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="chain_unique_name_in_region",
                                               violation_error_message=_("This region already has a chain with this name."))]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliances:chain-detail", args=[self.pk])


class Alliance(models.Model):
    """The Party-building alliance (产业链党建联盟) of one chain: exactly one per chain."""

    chain = models.OneToOneField(IndustrialChain, verbose_name=_("industrial chain"), on_delete=models.PROTECT,
                                 related_name="alliance")
    name = models.CharField(_("name"), max_length=100)
    charter = models.TextField(_("charter"), blank=True)
    charter_file = models.FileField(_("charter file"), upload_to="charters/", blank=True)
    founded_on = models.DateField(_("founded on"))
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = AllianceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")
        ordering = ["chain__region__code", "chain__name"]
        constraints = [
            models.CheckConstraint(condition=Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=F("founded_on")),
                                   name="alliance_dissolved_after_founded",
                                   violation_error_message=_("An alliance cannot be dissolved before it was founded.")),
        ]

    def __str__(self) -> str:
        return self.name

    def validate_unique(self, exclude=None):
        try:
            super().validate_unique(exclude)
        except ValidationError as error:
            if "chain" in error.error_dict:
                error.error_dict["chain"] = [ValidationError(_("This chain already has an alliance: one chain, one alliance."))]
            raise


class AlliancePosition(models.Model):
    """A position in an alliance (指导员 / 理事长 / 秘书长 / 理事 / 工作人员); a linked user gets the alliance's reach."""

    class Role(models.TextChoices):
        ADVISOR = "advisor", _("advisor")
        CHAIR = "chair", _("chair")
        SECRETARY_GENERAL = "secretary_general", _("secretary general")
        COUNCIL_MEMBER = "council_member", _("council member")
        STAFF = "staff", _("alliance staff")

    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE,
                                 related_name="positions")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    person_name = models.CharField(_("person"), max_length=50)
    title = models.CharField(_("title"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    is_party_member = models.BooleanField(_("Party member"), default=True)
    is_city_leader = models.BooleanField(_("city leader"), default=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="alliance_positions")
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = AlliancePositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alliance position")
        verbose_name_plural = _("alliance positions")
        ordering = ["alliance", "role", "person_name"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__isnull=True) | Q(start_date__isnull=True)
                                   | Q(end_date__gte=F("start_date")), name="alliance_position_ends_after_start",
                                   violation_error_message=_("A position cannot end before it starts.")),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.person_name}"


class AllianceMember(models.Model):
    """A member unit (成员单位) of an alliance, with its place on the chain."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("enterprise")
        INSTITUTE = "institute", _("research institute")
        UNIVERSITY = "university", _("university")
        FINANCIAL = "financial", _("financial institution")
        DEPARTMENT = "department", _("department")

    class Segment(models.TextChoices):
        UPSTREAM = "upstream", _("upstream")
        MIDSTREAM = "midstream", _("midstream")
        DOWNSTREAM = "downstream", _("downstream")
        PEER = "peer", _("peer (left and right banks)")
        RESEARCH = "research", _("industry–university–research")
        FINANCE = "finance", _("finance")
        GOVERNMENT = "government", _("government")

    alliance = models.ForeignKey(Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE,
                                 related_name="members")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.ENTERPRISE)
    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="alliance_memberships")
    department = models.ForeignKey("chainparty.Department", verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="alliance_memberships")
    name = models.CharField(_("name"), max_length=100, blank=True,
                            help_text=_("For members that are neither an enterprise nor a department."))
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)

    objects = AllianceMemberQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("alliance member")
        verbose_name_plural = _("alliance members")
        ordering = ["alliance", "segment", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="enterprise", enterprise__isnull=False, department__isnull=True)
                           | Q(kind="department", department__isnull=False, enterprise__isnull=True)
                           | (~Q(kind__in=["enterprise", "department"]) & Q(enterprise__isnull=True,
                                                                            department__isnull=True) & ~Q(name=""))),
                name="alliance_member_kind_matches_unit",
                violation_error_message=_("An enterprise member names an enterprise, a department member a "
                                          "department, and any other member its name.")),
            models.UniqueConstraint(fields=["alliance", "enterprise"], name="alliance_member_enterprise_once",
                                    violation_error_message=_("This enterprise is already a member of this alliance.")),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.enterprise_id:
            return str(self.enterprise)
        if self.department_id:
            return str(self.department)
        return self.name
