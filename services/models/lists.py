"""Two of the three lists: the resources departments publish (资源清单) and the alliances' annual
enterprise-benefit projects (项目清单, 年度惠企项目) with their milestones."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chainparty.constraints import ChecksInOneQuery

from ..categories import NeedCategory
from ..querysets_lists import MilestoneQuerySet, ProjectQuerySet, ResourceQuerySet


class Resource(ChecksInOneQuery):
    """A resource a department publishes for enterprises: a policy, a loan product, a service, a venue…

    It reaches the chains it targets, or every chain of its department's region when it targets none.
    """

    class Kind(models.TextChoices):
        POLICY = "policy", _("policy")
        LOAN = "loan", _("loan product")
        RECRUITMENT = "recruitment", _("recruitment service")
        TALENT = "talent", _("talent programme")
        VENUE = "venue", _("venue")
        EQUIPMENT = "equipment", _("equipment")

    department = models.ForeignKey("chainparty.Department", verbose_name=_("publishing department"),
                                   on_delete=models.PROTECT, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=150)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("details"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    contact_info = models.CharField(_("contact"), max_length=150, blank=True,
                                    help_text=_("Who to call or where to go, e.g. a name and a telephone number."))
    quota = models.DecimalField(_("quota (10,000 yuan)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                help_text=_("For a loan product: the total amount available, in 10,000 yuan."))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    target_chains = models.ManyToManyField("alliances.IndustrialChain", verbose_name=_("target chains"), blank=True,
                                           related_name="resources",
                                           help_text=_("Leave empty for every chain of the department's region."))
    target_categories = models.JSONField(_("categories of need"), default=list, blank=True,
                                         help_text=_("The kinds of need this resource may answer; empty for any."))
    published = models.BooleanField(_("published"), default=False,
                                    help_text=_("Only published resources are shown to enterprises."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                                   | Q(valid_to__gte=F("valid_from")), name="resource_valid_to_after_from",
                                   violation_error_message=_("A resource cannot stop being valid before it starts.")),
            models.CheckConstraint(condition=Q(quota__isnull=True) | Q(kind="loan", quota__gt=0),
                                   name="resource_quota_only_for_loans",
                                   violation_error_message=_("Only a loan product has a quota, and it is more than 0.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:resource-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        categories = self.target_categories
        if not isinstance(categories, list) or any(code not in NeedCategory.values for code in categories):
            raise ValidationError({"target_categories": _("Choose categories of need from the list.")})
        self.target_categories = sorted(set(categories), key=NeedCategory.values.index)

    def get_target_categories_display(self) -> list[str]:
        labels = dict(NeedCategory.choices)
        return [str(labels[code]) for code in self.target_categories if code in labels]


class Project(ChecksInOneQuery):
    """An alliance's annual enterprise-benefit project (年度惠企项目).

    A project aimed at the whole chain is a 一链一策 measure; one aimed at one enterprise, a 一企一策 one.
    """

    class Category(models.TextChoices):
        PARTY_BUILDING = "party_building", _("Party-building work")
        POLICY_SUPPORT = "policy_support", _("policy support")
        BUSINESS_GUIDANCE = "business_guidance", _("business guidance")
        TALENT_SERVICE = "talent_service", _("talent services")

    class Target(models.TextChoices):
        CHAIN = "chain", _("the whole chain (one chain, one policy)")
        ENTERPRISE = "enterprise", _("one enterprise (one enterprise, one policy)")
        ENTERPRISES = "enterprises", _("a list of enterprises")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("alliance"), on_delete=models.PROTECT,
                                 related_name="projects")
    year = models.PositiveSmallIntegerField(_("year"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    target = models.CharField(_("target"), max_length=20, choices=Target.choices, default=Target.CHAIN)
    target_enterprises = models.ManyToManyField("enterprises.Enterprise", verbose_name=_("target enterprises"),
                                                blank=True, related_name="benefit_projects")
    department = models.ForeignKey("chainparty.Department", verbose_name=_("responsible department"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="benefit_projects")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual project")
        verbose_name_plural = _("annual projects")
        ordering = ["-year", "alliance", "category", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="project_year_in_range",
                                   violation_error_message=_("The year must lie between 2000 and 2100.")),
            models.CheckConstraint(condition=Q(progress__lte=100), name="project_progress_at_most_100",
                                   violation_error_message=_("Progress is a percentage between 0 and 100.")),
            models.UniqueConstraint(fields=["alliance", "year", "title"], name="project_unique_title_per_alliance_year",
                                    violation_error_message=_("This alliance already has a project with this title "
                                                              "for this year.")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("services:project-detail", args=[self.pk])

    def validate_targets(self, enterprises) -> None:
        """The target enterprises must match the kind of target and lie on the alliance's chain.

        Called by forms and serializers, since a many-to-many value is not on the instance before saving.
        """
        enterprises = list(enterprises)
        if self.target == self.Target.CHAIN and enterprises:
            raise ValidationError({"target_enterprises": _("A project for the whole chain names no enterprises.")})
        if self.target == self.Target.ENTERPRISE and len(enterprises) != 1:
            raise ValidationError({"target_enterprises": _("A one-enterprise project names exactly one enterprise.")})
        if self.target == self.Target.ENTERPRISES and not enterprises:
            raise ValidationError({"target_enterprises": _("Name at least one target enterprise.")})
        if enterprises and self.alliance_id:
            Enterprise = type(enterprises[0])
            on_chain = set(Enterprise.objects.filter(pk__in=[e.pk for e in enterprises]).filter(
                Q(chains=self.alliance.chain_id) | Q(alliance_memberships__alliance_id=self.alliance_id))
                .values_list("pk", flat=True))
            outside = [e.name for e in enterprises if e.pk not in on_chain]
            if outside:
                raise ValidationError({"target_enterprises": _(
                    "These enterprises are neither on the alliance's chain nor its members: %(names)s."
                ) % {"names": "、".join(outside)}})


class Milestone(models.Model):
    """A step of a project, with the date it is due and the date it was done."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="milestones")
    title = models.CharField(_("title"), max_length=150)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
