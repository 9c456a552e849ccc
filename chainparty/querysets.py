"""Querysets of the core models: reference data every signed-in user may read."""
from django.db import models
from django.db.models import Q

from .access import ScopedQuerySet


class RegionQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope) -> Q:
        return Q()


class DepartmentQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope) -> Q:
        return Q()


class OfficialQuerySet(ScopedQuerySet, models.QuerySet):
    """Who holds an official post is seen by that person and by officials of a region above it."""

    def visible_q(self, scope) -> Q:
        return Q(user_id=scope.user_id) | Q(region_id__in=scope.region_ids)


class DepartmentStaffQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope) -> Q:
        return Q(user_id=scope.user_id) | Q(department_id__in=scope.department_ids) | Q(
            department__region_id__in=scope.region_ids)


class NotificationQuerySet(ScopedQuerySet, models.QuerySet):
    """A notification is seen by its recipient only (administrators see all in admin)."""

    def visible_q(self, scope) -> Q:
        return Q(recipient_id=scope.user_id)

    def editable_q(self, scope) -> Q:
        return Q(recipient_id=scope.user_id)

    def unread(self):
        return self.filter(read_at__isnull=True)


class NotificationDeliveryQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope) -> Q:
        return Q(notification__recipient_id=scope.user_id)

    def pending(self):
        return self.filter(status="pending")


class NotificationPreferenceQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope) -> Q:
        return Q(user_id=scope.user_id)

    def editable_q(self, scope) -> Q:
        return Q(user_id=scope.user_id)


class AccessLogQuerySet(ScopedQuerySet, models.QuerySet):
    """The access log: administrators read all of it; a user their own lines; nobody changes it."""

    def visible_q(self, scope):
        return Q(user_id=scope.user_id)

    def editable_q(self, scope):
        return Q(pk__in=[])
