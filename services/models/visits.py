"""Visits (走访) to enterprises by an alliance, a joint committee or a department."""
from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..querysets_lists import VisitQuerySet


class Visit(models.Model):
    """One visit to one enterprise by exactly one body (alliance, committee or department)."""

    enterprise = models.ForeignKey("enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT,
                                   related_name="visits")
    visited_on = models.DateField(_("date of the visit"))
    alliance = models.ForeignKey("alliances.Alliance", verbose_name=_("visiting alliance"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="visits")
    committee = models.ForeignKey("parks.JointCommittee", verbose_name=_("visiting committee"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="visits")
    department = models.ForeignKey("chainparty.Department", verbose_name=_("visiting department"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="visits")
    visitors = models.CharField(_("visitors"), max_length=300,
                                help_text=_("The names of the people who went, separated by 、 or commas."))
    visitor_users = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("visitors with an account"),
                                           blank=True, related_name="visits_made")
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    findings = models.TextField(_("findings"), blank=True,
                                help_text=_("What the enterprise said and what was found: problems, requests, ideas."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-visited_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(alliance__isnull=False, committee__isnull=True, department__isnull=True)
                           | Q(alliance__isnull=True, committee__isnull=False, department__isnull=True)
                           | Q(alliance__isnull=True, committee__isnull=True, department__isnull=False)),
                name="visit_by_exactly_one_body",
                violation_error_message=_("A visit is made by exactly one body: an alliance, a committee or a "
                                          "department.")),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {date_format(self.visited_on)}"

    def get_absolute_url(self) -> str:
        return reverse("services:visit-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.visited_on and self.visited_on > timezone.localdate():
            raise ValidationError({"visited_on": _("A visit is recorded once it has taken place: the date cannot "
                                                   "lie in the future.")})

    @property
    def body(self):
        """The alliance, committee or department that made the visit."""
        return self.alliance or self.committee or self.department
