"""Users, the region tree and departments: the core every app refers to."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .querysets import DepartmentQuerySet, DepartmentStaffQuerySet, OfficialQuerySet, RegionQuerySet

six_digit_code = RegexValidator(r"^\d{6}$", _("An administrative code has exactly six digits."))


class User(AbstractUser):
    """A person who signs in. What they may see follows from the positions they hold (access.py)."""

    name = models.CharField(_("full name"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.get_full_name() or self.username


class Region(models.Model):
    """Province › city › county, by their GB/T 2260 six-digit administrative codes."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("city")
        COUNTY = "county", _("county")

    code = models.CharField(_("administrative code"), max_length=6, unique=True, validators=[six_digit_code])
    name = models.CharField(_("name"), max_length=50)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey("self", verbose_name=_("parent region"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="children")

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^[0-9]{6}$"), name="region_code_six_digits",
                                   violation_error_message=_("An administrative code has exactly six digits.")),
            models.CheckConstraint(condition=Q(level="province", parent__isnull=True) | Q(parent__isnull=False),
                                   name="region_only_province_without_parent",
                                   violation_error_message=_("Only a province may have no parent region.")),
        ]

    def __str__(self) -> str:
        return self.name

    def subtree_ids(self) -> set[int]:
        """This region's id and those of every region below it (the tree is small: one query per level)."""
        ids, frontier = {self.pk}, {self.pk}
        while frontier:
            frontier = set(Region.objects.filter(parent_id__in=frontier).values_list("pk", flat=True)) - ids
            ids |= frontier
        return ids


class Department(models.Model):
    """A functional department (职能部门) of a city or county government."""

    name = models.CharField(_("name"), max_length=100)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="departments")

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["region__code", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="department_unique_name_in_region",
                                               violation_error_message=_("This region already has a department with this name."))]

    def __str__(self) -> str:
        return self.name


class Official(models.Model):
    """An official (市/县领导, 组织部): reads everything inside their region."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="official_posts")
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="officials")
    title = models.CharField(_("title"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        constraints = [models.UniqueConstraint(fields=["user", "region"], name="official_unique_user_region",
                                               violation_error_message=_("This user is already an official of this region."))]

    def __str__(self) -> str:
        return f"{self.user} · {self.region}"


class DepartmentStaff(models.Model):
    """Membership of a user in a department (职能部门工作人员)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="department_posts")
    department = models.ForeignKey(Department, verbose_name=_("department"), on_delete=models.CASCADE,
                                   related_name="staff")
    title = models.CharField(_("title"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = DepartmentStaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("department staff")
        verbose_name_plural = _("department staff")
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="department_staff_unique",
                                               violation_error_message=_("This user is already on this department's staff."))]

    def __str__(self) -> str:
        return f"{self.user} · {self.department}"
