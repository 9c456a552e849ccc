"""The working-day calendar's admin-editable parts: day overrides and the deadlines of each need category.

The official holidays and make-up workdays come from the ``holidays`` package (services/workdays.py);
an override records an arrangement the State Council announced before the package carries it.
"""
from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from ..querysets import ReferenceQuerySet
from .needs import NeedCategory


class WorkingDayOverride(models.Model):
    """A day that is (or is not) a working day against what the holidays package says."""

    date = models.DateField(_("date"), unique=True,
                            error_messages={"unique": _("This day already has an override.")})
    is_working_day = models.BooleanField(_("working day"),
                                         help_text=_("Ticked: a make-up working day; unticked: a day off."))
    source_document = models.CharField(_("source document"), max_length=200,
                                       help_text=_("The notice that announced it, e.g. the State Council General Office's notice "
                                                   "on the holiday arrangements of the year."))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("working-day override")
        verbose_name_plural = _("working-day overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{date_format(self.date)} · {_('working day') if self.is_working_day else _('day off')}"


# DESIGN.md: due in 15 working days, complex categories in 30.
COMPLEX_CATEGORIES = (NeedCategory.LAND, NeedCategory.ENERGY, NeedCategory.APPROVALS)


def _days(default: int, maximum: int = 250):
    return dict(default=default, validators=[MinValueValidator(0), MaxValueValidator(maximum)])


class CategoryDeadlines(models.Model):
    """The deadlines, in working days, that apply to the needs of one category (admins may change them)."""

    category = models.CharField(_("category"), max_length=20, choices=NeedCategory.choices, unique=True)
    accept_days = models.PositiveSmallIntegerField(_("accept within"), **_days(1))
    sign_days = models.PositiveSmallIntegerField(_("sign for within"), **_days(1))
    first_reply_days = models.PositiveSmallIntegerField(_("first reply within"), **_days(3))
    due_days = models.PositiveSmallIntegerField(_("resolve within"), **_days(15))
    max_extension_days = models.PositiveSmallIntegerField(_("longest extension"), **_days(15, 15))
    extension_decision_days = models.PositiveSmallIntegerField(_("decide on an extension within"), **_days(1))
    remind_days_before = models.PositiveSmallIntegerField(_("reminder (催办) before the due date"), **_days(3))
    publicize_days_overdue = models.PositiveSmallIntegerField(_("report (通报) after the due date"), **_days(5))
    feedback_days = models.PositiveSmallIntegerField(_("close without feedback after"), **_days(10))

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("deadlines of a category")
        verbose_name_plural = _("deadlines of the categories")
        ordering = ["category"]
        constraints = [
            models.CheckConstraint(condition=Q(max_extension_days__lte=15), name="category_extension_at_most_15",
                                   violation_error_message=_("An extension adds at most 15 working days.")),
        ]

    def __str__(self) -> str:
        return str(self.get_category_display())

    @classmethod
    def default_for(cls, category: str) -> "CategoryDeadlines":
        """The DESIGN.md defaults for a category (unsaved)."""
        return cls(category=category, due_days=30 if category in COMPLEX_CATEGORIES else 15)

    @classmethod
    def for_category(cls, category: str) -> "CategoryDeadlines":
        return cls.objects.filter(category=category).first() or cls.default_for(category)
