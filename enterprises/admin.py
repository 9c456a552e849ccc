"""Admin of the enterprises app: scoped, with history, and Excel import/export of enterprises and organisations."""
from django.contrib import admin
from import_export.admin import ImportExportMixin

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

# Account requests (signup.py) are decided from the contact list too.
from .signup import approve_selected, refuse_selected  # noqa: E402

EnterpriseContactAdmin.actions = [approve_selected, refuse_selected]
EnterpriseContactAdmin.list_display = [*EnterpriseContactAdmin.list_display, "status", "requested_at", "decided_by"]
EnterpriseContactAdmin.list_filter = [*EnterpriseContactAdmin.list_filter, "status"]
EnterpriseContactAdmin.list_select_related = [*EnterpriseContactAdmin.list_select_related, "decided_by"]
