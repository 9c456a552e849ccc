"""Enterprises on the chains, their Party organisations (one enterprise, one branch) and contacts."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from chainparty.constraints import ChecksInOneQuery

from ..credit_code import FORMAT, validate_credit_code
from ..querysets import EnterpriseContactQuerySet, EnterpriseQuerySet, PartyOrganizationQuerySet


class PartyOrganization(ChecksInOneQuery):
    """A Party organisation of one enterprise or, for a joint branch, of several."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", _("Party committee")
        GENERAL_BRANCH = "general_branch", _("general Party branch")
        BRANCH = "branch", _("Party branch")
        JOINT_BRANCH = "joint_branch", _("joint Party branch")

    class ManagementLevel(models.TextChoices):
        SENIOR = "senior", _("senior management")
        MIDDLE = "middle", _("middle management")
        JUNIOR = "junior", _("junior management")
        NONE = "none", _("not in management")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BRANCH)
    secretary_name = models.CharField(_("secretary"), max_length=50, blank=True)
    secretary_management_level = models.CharField(_("secretary's management level"), max_length=10,
                                                  choices=ManagementLevel.choices, blank=True)
    secretary_is_investor = models.BooleanField(_("secretary is the investor or owner"), default=False)
    superior = models.CharField(_("superior organisation (as recorded)"), max_length=150, blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    dissolved_on = models.DateField(_("dissolved on"), null=True, blank=True)

    objects = PartyOrganizationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Party organisation")
        verbose_name_plural = _("Party organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(dissolved_on__isnull=True) | Q(founded_on__isnull=True)
                                   | Q(dissolved_on__gte=F("founded_on")),
                                   name="party_organization_dissolved_after_founded",
                                   violation_error_message=_("An organisation cannot be dissolved before it was founded.")),
            models.CheckConstraint(condition=~Q(secretary_name="") | Q(secretary_management_level=""),
                                   name="party_organization_level_needs_secretary",
                                   violation_error_message=_("A management level needs a secretary's name.")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def secretary_is_middle_or_above(self) -> bool:
        return self.secretary_management_level in (self.ManagementLevel.SENIOR, self.ManagementLevel.MIDDLE)


class Enterprise(models.Model):
    """An enterprise on one or more chains (非公企业), with its unified social credit code."""

    class Ownership(models.TextChoices):
        PRIVATE = "private", _("private")
        FOREIGN = "foreign", _("foreign-invested")
        HK_MACAO_TAIWAN = "hmt", _("Hong Kong, Macao or Taiwan invested")
        JOINT_STOCK = "joint_stock", _("joint-stock")
        MIXED = "mixed", _("mixed ownership")
        OTHER = "other", _("other")

    class Size(models.TextChoices):
        LARGE = "large", _("large")
        MEDIUM = "medium", _("medium")
        SMALL = "small", _("small")
        MICRO = "micro", _("micro")

    name = models.CharField(_("name"), max_length=150)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, unique=True,
                                   validators=[validate_credit_code],
                                   error_messages={"unique": _("An enterprise with this credit code already exists.")})
    county = models.ForeignKey("chainparty.Region", verbose_name=_("county"), on_delete=models.PROTECT,
                               related_name="enterprises")
    park = models.ForeignKey("parks.Park", verbose_name=_("park"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="enterprises")
    chains = models.ManyToManyField("alliances.IndustrialChain", verbose_name=_("industrial chains"), blank=True,
                                    related_name="enterprises")
    is_chain_leader = models.BooleanField(_("chain leader"), default=False)
    is_above_scale = models.BooleanField(_("above designated size"), default=False)
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, default=Ownership.PRIVATE)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, default=Size.SMALL)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    party_organization = models.ForeignKey(PartyOrganization, verbose_name=_("Party organisation"), null=True,
                                           blank=True, on_delete=models.SET_NULL, related_name="enterprises")

    objects = EnterpriseQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[chains])

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(credit_code__regex=FORMAT), name="enterprise_credit_code_format",
                                   violation_error_message=_("A unified social credit code has 18 characters: "
                                                             "digits and capital letters other than I, O, S, V, Z.")),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enterprises:enterprise-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.park_id and self.county_id and self.park.county_id != self.county_id:
            raise ValidationError({"park": _("The park lies in another county than the enterprise.")})
        organization = self.party_organization
        if organization and organization.kind != PartyOrganization.Kind.JOINT_BRANCH:
            # all() rather than exclude(): an import prefetches the enterprises of the organisations it names
            others = [enterprise for enterprise in organization.enterprises.all() if enterprise.pk != self.pk]
            if others:
                raise ValidationError({"party_organization": _(
                    "Only a joint Party branch covers several enterprises; this organisation already covers %(name)s."
                ) % {"name": others[0].name}})


class EnterpriseContact(models.Model):
    """A user who speaks for an enterprise (企业联络员); reaches the enterprise only once approved."""

    class Status(models.TextChoices):
        PENDING = "pending", _("awaiting approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="enterprise_contacts")
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE,
                                   related_name="contacts")
    position = models.CharField(_("position"), max_length=100, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=20, blank=True)
    active = models.BooleanField(_("active"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.APPROVED)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True, null=True)

    objects = EnterpriseContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("enterprise contact")
        verbose_name_plural = _("enterprise contacts")
        constraints = [models.UniqueConstraint(fields=["user", "enterprise"], name="enterprise_contact_once",
                                               violation_error_message=_("This user is already a contact of this enterprise."))]

    def __str__(self) -> str:
        return f"{self.user} · {self.enterprise}"
