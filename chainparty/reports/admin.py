from django.contrib import admin

from chainparty.admin import ScopedAdmin

from .models import ReportDownload, ReportTemplate


@admin.register(ReportTemplate)
class ReportTemplateAdmin(ScopedAdmin):
    list_display = ["name", "is_active", "uploaded_at", "uploaded_by"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    readonly_fields = ["uploaded_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(ReportDownload)
class ReportDownloadAdmin(ScopedAdmin):
    list_display = ["at", "user", "format", "region", "period"]
    list_filter = ["format", "region"]
    search_fields = ["user__username", "period"]
    list_select_related = ["user", "region"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
