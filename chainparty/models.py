"""Users, the region tree and departments: the core every app refers to."""
from __future__ import annotations

import re

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .constraints import ChecksInOneQuery
from .prepared import Prepared
from .querysets import (AccessLogQuerySet, DepartmentQuerySet, DepartmentStaffQuerySet, NotificationDeliveryQuerySet,
                        NotificationPreferenceQuerySet, NotificationQuerySet, OfficialQuerySet, RegionQuerySet)

six_digit_code = RegexValidator(r"^\d{6}$", _("An administrative code has exactly six digits."))


def is_region_code(text: str) -> bool:
    """Whether ``text`` can be a region's code: anything else is looked up nowhere (a NUL would fail the query)."""
    return re.fullmatch(r"[0-9]{6}", text) is not None


class User(AbstractUser):
    """A person who signs in. What they may see follows from the positions they hold (access.py)."""

    name = models.CharField(_("full name"), max_length=50, blank=True)
    mobile = models.CharField(_("mobile number"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.name or self.get_full_name() or self.username

    def get_short_name(self) -> str:
        """What admin greets the user with: their name, as everywhere else."""
        return str(self)


class Region(ChecksInOneQuery):
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
        """This region's id and those of every region below it."""
        return Region.subtree_ids_of({self.pk})

    @staticmethod
    def ancestor_ids(region_id: int | None) -> set[int]:
        """``region_id`` and the ids of the regions above it: province › city › county in one query."""
        ids, above = set(), "parent__parent__parent_id"
        while region_id is not None and region_id not in ids:
            row = Region.objects.filter(pk=region_id).values_list("pk", "parent_id", "parent__parent_id", above).first()
            ids.update(pk for pk in (row or ())[:3] if pk is not None)
            region_id = row[3] if row else None
        return ids

    @staticmethod
    def children_by_parent() -> dict[int | None, list[int]]:
        """The whole tree in one query, parent id → child ids: a province holds a few hundred regions, so reading
        them all costs less than a query per level."""
        children = {}
        for pk, parent_id in _REGION_TREE.rows():  # read for every official's request (access.Scope)
            children.setdefault(parent_id, []).append(pk)
        return children

    @staticmethod
    def subtree_ids_of(region_ids, children: dict[int | None, list[int]] | None = None) -> set[int]:
        """The ids of ``region_ids`` and of every region below them (``children``: the tree, if already read)."""
        children = Region.children_by_parent() if children is None else children
        ids, frontier = set(region_ids), list(region_ids)
        while frontier:
            below = [child for parent in frontier for child in children.get(parent, ()) if child not in ids]
            ids.update(below)
            frontier = below
        return ids


_REGION_TREE = Prepared(Region, lambda: Region.objects.values_list("pk", "parent_id"))


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


class Notification(models.Model):
    """A message to one user, shown in the bell; e-mail and webhook copies are NotificationDelivery rows.

    Written to the database first (inside the caller's transaction) and sent after commit by a task,
    or by the periodic sweep when the broker was down: a submission never fails because of sending.
    """

    class Kind(models.TextChoices):
        GENERAL = "general", _("general")
        NEED_SUBMITTED = "need_submitted", _("new need to accept")
        NEED_ACCEPT_REMINDER = "need_accept_reminder", _("reminder to accept a need")
        NEED_ASSIGNED = "need_assigned", _("need assigned")
        NEED_SIGN_REMINDER = "need_sign_reminder", _("reminder to sign for a need")
        NEED_REPLY_REMINDER = "need_reply_reminder", _("reminder to reply to the enterprise")
        NEED_REMIND = "need_remind", _("need due soon (催办)")
        NEED_SUPERVISE = "need_supervise", _("overdue need under supervision (督办)")
        NEED_PUBLICIZE = "need_publicize", _("overdue need publicized (通报)")
        NEED_UPDATE = "need_update", _("update on a need")
        EXTENSION_REMINDER = "extension_reminder", _("extension request awaiting decision")
        FEEDBACK_REQUEST = "feedback_request", _("feedback requested")
        MEETING_SCHEDULED = "meeting_scheduled", _("meeting scheduled")
        MEETING_REMINDER = "meeting_reminder", _("meeting reminder")
        MEETING_MISSED = "meeting_missed", _("meeting missed")
        WEEKLY_DIGEST = "weekly_digest", _("weekly digest")
        ACCOUNT_REQUEST = "account_request", _("account request")
        REPORT = "report", _("member report")

    # Indexed by "notification_unread" (recipient, read_at), which serves every lookup by recipient: one index
    # less to write for each of the hundred thousand notifications a follow-up pass may send.
    recipient = models.ForeignKey(User, verbose_name=_("recipient"), on_delete=models.CASCADE,
                                  related_name="notifications", db_index=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=200, blank=True,
                                  help_text=_("The same key is never notified twice to the same person."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""),
                                               name="notification_once_per_key")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.title


class NotificationDelivery(models.Model):
    """One copy of a notification sent by a channel other than the bell; pending until sent."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("e-mail")
        WEBHOOK = "webhook", _("group robot (webhook)")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    notification = models.ForeignKey(Notification, verbose_name=_("notification"), on_delete=models.CASCADE,
                                     related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = NotificationDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification delivery")
        verbose_name_plural = _("notification deliveries")
        constraints = [models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel")]
        indexes = [models.Index(fields=["status"], name="delivery_status")]

    def __str__(self) -> str:
        return f"{self.notification} · {self.get_channel_display()}"


class NotificationPreference(models.Model):
    """Whether a kind of notification reaches a user by a channel (the bell always shows it)."""

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE,
                             related_name="notification_preferences")
    kind = models.CharField(_("kind"), max_length=30, choices=Notification.Kind.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=NotificationDelivery.Channel.choices)
    enabled = models.BooleanField(_("enabled"), default=True)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind", "channel"], name="preference_once")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.channel}"


class AccessLog(models.Model):
    """Who downloaded or exported what, and when (exports, reports, private files)."""

    user = models.ForeignKey(User, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    what = models.CharField(_("what"), max_length=200)
    object_repr = models.CharField(_("record"), max_length=200, blank=True)
    object_label = models.CharField(_("record type"), max_length=100, blank=True)
    object_pk = models.CharField(_("record id"), max_length=40, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} · {self.what} · {self.at:%Y-%m-%d %H:%M}" if self.at else self.what
