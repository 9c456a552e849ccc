"""Admin of the enterprises app: scoped, with history, and Excel import/export of enterprises and organisations."""
from django.contrib import admin
from chainparty.excel_admin import SafeImportExportMixin as ImportExportMixin

from chainparty.admin import ScopedAdmin, ScopedHistoryAdmin

from .models import Enterprise, EnterpriseContact, PartyOrganization
from .resources import EnterpriseResource, PartyOrganizationResource


class EnterpriseContactInline(admin.TabularInline):
    model = EnterpriseContact
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Enterprise)
class EnterpriseAdmin(ImportExportMixin, ScopedHistoryAdmin):
    resource_classes = [EnterpriseResource]
    list_display = ["name", "credit_code", "county", "park", "is_chain_leader", "is_above_scale", "party_organization"]
    list_filter = ["is_chain_leader", "is_above_scale", "ownership", "size", "county", "park", "chains"]
    search_fields = ["name", "credit_code"]
    list_select_related = ["county", "park", "party_organization"]
    autocomplete_fields = ["county", "park", "party_organization"]
    filter_horizontal = ["chains"]
    inlines = [EnterpriseContactInline]


@admin.register(PartyOrganization)
class PartyOrganizationAdmin(ImportExportMixin, ScopedHistoryAdmin):
    resource_classes = [PartyOrganizationResource]
    list_display = ["name", "kind", "secretary_name", "secretary_management_level", "secretary_is_investor",
                    "founded_on"]
    list_filter = ["kind", "secretary_management_level", "secretary_is_investor"]
    search_fields = ["name", "secretary_name", "superior"]


@admin.register(EnterpriseContact)
class EnterpriseContactAdmin(ScopedAdmin):
    list_display = ["user", "enterprise", "position", "mobile", "active"]
    list_filter = ["active"]
    search_fields = ["user__username", "user__name", "enterprise__name", "mobile"]
    list_select_related = ["user", "enterprise"]
    autocomplete_fields = ["user", "enterprise"]


# --- Member growth and branch building (issue 4) -------------------------------------------------

from django import forms  # noqa: E402
from django.contrib import messages  # noqa: E402
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.template.response import TemplateResponse  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402


from . import actions as workflow  # noqa: E402
from .forms import ReturnReportForm  # noqa: E402
from .models import (BranchRating, DemonstrationSite, MemberPost, MemberPostProject, MemberReport,  # noqa: E402
                     TrainingSession, check_participants)


def _run_each(modeladmin, request, queryset, step, done_message, **kwargs) -> None:
    """Run a workflow step on each selected record; report how many succeeded and why the others did not."""
    done = 0
    for instance in queryset:
        try:
            step(instance, acting_user=request.user, **kwargs)
            done += 1
        except PermissionDenied:
            modeladmin.message_user(request, _("%(record)s: you may not do this.") % {"record": instance},
                                    messages.ERROR)
        except ValidationError as error:
            modeladmin.message_user(request, f"{instance}: {' '.join(error.messages)}", messages.ERROR)
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


@admin.register(MemberReport)
class MemberReportAdmin(ScopedHistoryAdmin):
    list_display = ["organization", "year", "quarter", "status", "members", "applications", "admitted",
                    "hidden_members_found", "decided_by", "updated_at"]
    list_filter = ["status", "year", "quarter"]
    search_fields = ["organization__name"]
    list_select_related = ["organization", "decided_by"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["status", "return_reason", "filed_by", "submitted_at", "decided_by", "decided_at",
                       "created_at", "updated_at"]
    actions = ["approve_selected", "return_selected"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.filed_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve the selected reports"))
    def approve_selected(self, request, queryset):
        _run_each(self, request, queryset, workflow.approve_report, _("%(count)d reports approved."))

    @admin.action(description=_("Return the selected reports to the enterprise"))
    def return_selected(self, request, queryset):
        """Asks for the reason on an intermediate page, like Django's delete confirmation."""
        form = ReturnReportForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST and form.is_valid():
            _run_each(self, request, queryset, workflow.return_report, _("%(count)d reports returned."),
                      reason=form.cleaned_data["reason"])
            return None
        return TemplateResponse(request, "admin/enterprises/memberreport/return_selected.html", {
            **self.admin_site.each_context(request), "title": _("Return the selected reports to the enterprise"),
            "opts": self.model._meta, "form": form, "queryset": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME})


class MemberPostProjectInline(admin.TabularInline):
    model = MemberPostProject
    extra = 0


@admin.register(MemberPost)
class MemberPostAdmin(ScopedAdmin):
    list_display = ["name", "kind", "enterprise", "leader_name", "members_involved", "established_on", "ended_on"]
    list_filter = ["kind", "enterprise__park"]
    search_fields = ["name", "enterprise__name", "leader_name"]
    list_select_related = ["enterprise"]
    autocomplete_fields = ["enterprise"]
    inlines = [MemberPostProjectInline]


@admin.register(MemberPostProject)
class MemberPostProjectAdmin(ScopedAdmin):
    list_display = ["title", "kind", "post", "taken_on", "status", "completed_on"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "post__name", "post__enterprise__name"]
    list_select_related = ["post"]
    autocomplete_fields = ["post"]


@admin.register(BranchRating)
class BranchRatingAdmin(ScopedHistoryAdmin):
    list_display = ["organization", "year", "basic_organization", "basic_team", "basic_activities", "basic_system",
                    "basic_guarantee", "grade", "rated_by"]
    list_filter = ["year", "grade"]
    search_fields = ["organization__name"]
    list_select_related = ["organization", "rated_by"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["grade", "rated_by"]

    def save_model(self, request, obj, form, change):
        obj.rated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(DemonstrationSite)
class DemonstrationSiteAdmin(ScopedHistoryAdmin):
    list_display = ["enterprise", "year", "alliance", "evaluator", "status", "awarded_on"]
    list_filter = ["status", "year", "alliance"]
    search_fields = ["enterprise__name", "evaluator"]
    list_select_related = ["enterprise", "alliance"]
    autocomplete_fields = ["enterprise", "alliance"]
    readonly_fields = ["status", "awarded_on", "decided_by", "nominated_by"]
    actions = ["award_selected", "decline_selected"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.nominated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Award the selected nominations"))
    def award_selected(self, request, queryset):
        _run_each(self, request, queryset, workflow.award_site, _("%(count)d demonstration sites awarded."))

    @admin.action(description=_("Decline the selected nominations"))
    def decline_selected(self, request, queryset):
        _run_each(self, request, queryset, workflow.decline_site, _("%(count)d nominations declined."))


class TrainingSessionAdminForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = "__all__"

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("organizations") is not None:
            try:
                check_participants(cleaned_data.get("participants"), cleaned_data["organizations"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


@admin.register(TrainingSession)
class TrainingSessionAdmin(ScopedAdmin):
    form = TrainingSessionAdminForm
    list_display = ["topic", "organizer", "start_date", "end_date", "participants", "committee"]
    list_filter = ["organizer__level", "organizer"]
    search_fields = ["topic", "location"]
    list_select_related = ["organizer", "committee"]
    autocomplete_fields = ["organizer", "committee", "organizations"]
    date_hierarchy = "start_date"
    readonly_fields = ["entered_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.entered_by = request.user
        super().save_model(request, obj, form, change)

# Account requests (signup.py) are decided from the contact list too.
from .signup import approve_selected, refuse_selected  # noqa: E402

EnterpriseContactAdmin.actions = [approve_selected, refuse_selected]
EnterpriseContactAdmin.list_display = [*EnterpriseContactAdmin.list_display, "status", "requested_at", "decided_by"]
EnterpriseContactAdmin.list_filter = [*EnterpriseContactAdmin.list_filter, "status"]
EnterpriseContactAdmin.list_select_related = [*EnterpriseContactAdmin.list_select_related, "decided_by"]
