"""Admin for the core, and ScopedAdminMixin: the one place admin applies the Scope to non-superusers."""
from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .access import get_scope
from .models import (AccessLog, Department, DepartmentStaff, Notification, NotificationDelivery, NotificationPreference, Official,
                     Region, User)

admin.site.site_header = _("Chain Party-Building Portal administration")
admin.site.site_title = _("Chain Party-Building Portal")
admin.site.index_title = _("Administration")


class ScopedAdminMixin:
    """Non-superuser staff see in admin only what their Scope makes visible and change only what it makes editable.

    An object outside the scope is treated by admin exactly like a missing one.
    """

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(get_scope(request))

    def _editable(self, request, obj) -> bool:
        scope = get_scope(request)
        return scope.is_superuser or type(obj).objects.editable_by(scope).filter(pk=obj.pk).exists()

    def save_model(self, request, obj, form, change):
        """Admin views run in a transaction: refusing here rolls the save back."""
        super().save_model(request, obj, form, change)
        if not self._editable(request, obj):
            raise PermissionDenied

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or self._editable(request, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or self._editable(request, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and hasattr(field.queryset, "visible_to"):
            field.queryset = field.queryset.visible_to(get_scope(request))
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and hasattr(field.queryset, "visible_to"):
            field.queryset = field.queryset.visible_to(get_scope(request))
        return field


class ScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """The admin base of every model: scoped."""


class ScopedHistoryAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """The admin base of models that keep a history of changes: scoped, with the history view.

    The history pages of an object outside the scope answer like a missing object (simple-history itself
    reads the history table without the admin's queryset)."""

    def _outside_scope(self, request, object_id) -> bool:
        from django.contrib.admin.utils import unquote

        return not self.get_queryset(request).filter(pk=unquote(object_id)).exists()

    def history_view(self, request, object_id, extra_context=None):
        if self._outside_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if self._outside_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class OfficialInline(admin.TabularInline):
    model = Official
    extra = 0
    autocomplete_fields = ["region"]


class DepartmentStaffInline(admin.TabularInline):
    model = DepartmentStaff
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Portal"), {"fields": ("name", "mobile")}),)
    list_display = ["username", "name", "email", "is_staff", "is_active"]
    search_fields = ["username", "name", "email", "mobile"]
    inlines = [OfficialInline, DepartmentStaffInline]


@admin.register(Region)
class RegionAdmin(ScopedAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]


@admin.register(Department)
class DepartmentAdmin(ScopedAdmin):
    list_display = ["name", "region"]
    list_filter = ["region"]
    search_fields = ["name"]
    list_select_related = ["region"]


@admin.register(Official)
class OfficialAdmin(ScopedAdmin):
    list_display = ["user", "region", "title", "active"]
    list_filter = ["active", "region__level"]
    search_fields = ["user__username", "user__name", "title"]
    list_select_related = ["user", "region"]
    autocomplete_fields = ["user", "region"]


@admin.register(DepartmentStaff)
class DepartmentStaffAdmin(ScopedAdmin):
    list_display = ["user", "department", "title", "active"]
    list_filter = ["active", "department"]
    search_fields = ["user__username", "user__name", "department__name"]
    list_select_related = ["user", "department"]
    autocomplete_fields = ["user", "department"]


class NotificationDeliveryInline(admin.TabularInline):
    model = NotificationDelivery
    extra = 0
    readonly_fields = ["channel", "status", "attempts", "last_error", "sent_at"]


@admin.register(Notification)
class NotificationAdmin(ScopedAdmin):
    list_display = ["title", "recipient", "kind", "created_at", "read_at"]
    list_filter = ["kind", "created_at"]
    search_fields = ["title", "body", "recipient__username", "recipient__name", "dedupe_key"]
    list_select_related = ["recipient"]
    autocomplete_fields = ["recipient"]
    inlines = [NotificationDeliveryInline]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(ScopedAdmin):
    list_display = ["user", "kind", "channel", "enabled"]
    list_filter = ["kind", "channel", "enabled"]
    search_fields = ["user__username", "user__name"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: who exported or downloaded what, and when."""

    list_display = ["at", "user", "what", "object_repr", "detail", "ip_address"]
    list_filter = ["what"]
    search_fields = ["what", "object_repr", "user__username", "user__name", "detail"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
