"""Admin of the services app — the needs here (scoped, with history; workflow fields are read-only: they change only through actions);
resources, projects and visits in admin_lists.py."""
from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chainparty.admin import ScopedAdmin, ScopedHistoryAdmin

from .deadlines import recompute_deadlines, recompute_provisional_deadlines
from .models import (Assignment, CategoryDeadlines, ExtensionRequest, Feedback, FollowUp, Need, NeedAttachment,
                     NeedEvent, WorkingDayOverride)

WORKFLOW_FIELDS = ["status", "submitted_by", "submitted_at", "status_changed_at", "accepted_at", "first_replied_at",
                   "resolved_at", "closed_at", "accept_due", "sign_due", "first_reply_due", "due_date",
                   "deferred_until", "remind_on", "publicize_on", "feedback_due", "deadlines_provisional",
                   "rejection_kind", "rejection_reason", "duplicate_of", "explanation", "timetable", "outcome",
                   "amount_solved", "workers_provided", "resolution_working_days", "satisfaction", "closed_how",
                   "reopen_count", "enterprise", "county", "park", "chains"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NeedEventInline(ReadOnlyInline):
    model = NeedEvent
    fields = ["at", "kind", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields


class AssignmentInline(ReadOnlyInline):
    model = Assignment
    fields = ["round", "department", "is_lead", "responsible_person", "due_date", "signed_at", "returned_at",
              "is_current"]
    readonly_fields = fields


class ExtensionRequestInline(ReadOnlyInline):
    model = ExtensionRequest
    fields = ["days", "reason", "status", "requested_at", "new_due", "decision_note"]
    readonly_fields = fields


class FeedbackInline(ReadOnlyInline):
    model = Feedback
    fields = ["satisfaction", "reason", "given_at", "given_by"]
    readonly_fields = fields


class NeedAttachmentInline(admin.TabularInline):
    model = NeedAttachment
    extra = 0
    fields = ["file", "name", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


@admin.register(Need)
class NeedAdmin(ScopedHistoryAdmin):
    list_display = ["title", "enterprise", "category", "status", "urgency", "submitted_at", "due_date",
                    "deadlines_provisional"]
    list_filter = ["status", "category", "urgency", "source", "deadlines_provisional", "county", "park", "chains"]
    search_fields = ["title", "description", "enterprise__name", "enterprise__credit_code"]
    list_select_related = ["enterprise"]
    date_hierarchy = "submitted_at"
    readonly_fields = WORKFLOW_FIELDS
    fieldsets = [
        (None, {"fields": ["enterprise", "county", "park", "chains", "category", "title", "description",
                           "amount_requested", "workers_requested", "urgency", "source"]}),
        (_("Workflow"), {"fields": ["status", "submitted_by", "submitted_at", "status_changed_at", "accepted_at",
                                    "first_replied_at", "resolved_at", "closed_at", "closed_how", "reopen_count"]}),
        (_("Deadlines"), {"fields": ["accept_due", "sign_due", "first_reply_due", "due_date", "deferred_until",
                                     "remind_on", "publicize_on", "feedback_due", "deadlines_provisional"]}),
        (_("Outcome"), {"fields": ["rejection_kind", "rejection_reason", "duplicate_of", "explanation", "timetable",
                                   "outcome", "amount_solved", "workers_provided", "resolution_working_days",
                                   "satisfaction"]}),
    ]
    inlines = [AssignmentInline, ExtensionRequestInline, FeedbackInline, NeedAttachmentInline, NeedEventInline]
    actions = ["recompute_deadlines"]

    def has_add_permission(self, request):
        return False  # a need is submitted through the form or the API, which start its workflow

    @admin.action(description=_("Recompute the deadlines of the selected needs"))
    def recompute_deadlines(self, request, queryset):
        count = recompute_deadlines(queryset)
        self.message_user(request, ngettext("The deadlines of %(count)d need were recomputed.",
                                                   "The deadlines of %(count)d needs were recomputed.", count)
                          % {"count": count}, messages.SUCCESS)


@admin.register(NeedEvent)
class NeedEventAdmin(ScopedAdmin):
    list_display = ["need", "kind", "actor", "at", "from_status", "to_status"]
    list_filter = ["kind", "to_status"]
    search_fields = ["need__title", "note", "actor__username", "actor__name"]
    list_select_related = ["need", "actor"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Assignment)
class AssignmentAdmin(ScopedAdmin):
    list_display = ["need", "department", "round", "is_lead", "responsible_person", "due_date", "signed_at",
                    "returned_at", "is_current"]
    list_filter = ["is_lead", "is_current", "department"]
    search_fields = ["need__title", "department__name", "responsible_person"]
    list_select_related = ["need", "department"]
    autocomplete_fields = ["need", "department"]

    def has_add_permission(self, request):
        return False


@admin.register(ExtensionRequest)
class ExtensionRequestAdmin(ScopedAdmin):
    list_display = ["need", "days", "status", "requested_at", "decision_due", "new_due"]
    list_filter = ["status"]
    search_fields = ["need__title", "reason"]
    list_select_related = ["need"]

    def has_add_permission(self, request):
        return False


@admin.register(FollowUp)
class FollowUpAdmin(ScopedAdmin):
    """Written by the follow-up pass only: a read-only record of what was sent, once."""

    list_display = ["need", "kind", "stage", "due_on", "recipients", "created_at"]
    list_filter = ["kind", "created_at", "need__status"]
    search_fields = ["need__title", "need__enterprise__name", "stage"]
    list_select_related = ["need"]
    date_hierarchy = "created_at"
    readonly_fields = ["need", "kind", "stage", "due_on", "recipients", "created_at", "run"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Feedback)
class FeedbackAdmin(ScopedAdmin):
    list_display = ["need", "satisfaction", "round", "given_at", "given_by"]
    list_filter = ["satisfaction"]
    search_fields = ["need__title", "reason"]
    list_select_related = ["need", "given_by"]

    def has_add_permission(self, request):
        return False


@admin.register(NeedAttachment)
class NeedAttachmentAdmin(ScopedAdmin):
    list_display = ["name", "need", "uploaded_by", "uploaded_at"]
    search_fields = ["name", "need__title"]
    list_select_related = ["need", "uploaded_by"]
    autocomplete_fields = ["need"]


@admin.register(WorkingDayOverride)
class WorkingDayOverrideAdmin(ScopedAdmin):
    list_display = ["date", "is_working_day", "source_document", "note"]
    list_filter = ["is_working_day"]
    search_fields = ["source_document", "note"]
    date_hierarchy = "date"

    def _recompute_later(self, request):
        def recompute():
            count = recompute_provisional_deadlines()
            if count:
                self.message_user(request, ngettext("The deadlines of %(count)d need were recomputed.",
                                                    "The deadlines of %(count)d needs were recomputed.", count)
                                  % {"count": count}, messages.INFO)
        transaction.on_commit(recompute)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._recompute_later(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._recompute_later(request)


@admin.register(CategoryDeadlines)
class CategoryDeadlinesAdmin(ScopedAdmin):
    list_display = ["category", "accept_days", "sign_days", "first_reply_days", "due_days", "max_extension_days",
                    "remind_days_before", "publicize_days_overdue", "feedback_days"]
    list_editable = ["accept_days", "sign_days", "first_reply_days", "due_days", "max_extension_days",
                     "remind_days_before", "publicize_days_overdue", "feedback_days"]


from . import admin_lists  # noqa: E402,F401  resources, projects, visits
