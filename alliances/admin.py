"""Admin of the alliances app: scoped for non-superuser staff, with history and inlines."""
from django.contrib import admin

from chainparty.admin import ScopedAdmin, ScopedHistoryAdmin

from .models import Alliance, AllianceMember, AlliancePosition, IndustrialChain


class AlliancePositionInline(admin.TabularInline):
    model = AlliancePosition
    extra = 0
    autocomplete_fields = ["user"]


class AllianceMemberInline(admin.TabularInline):
    model = AllianceMember
    extra = 0
    autocomplete_fields = ["enterprise", "department"]


@admin.register(IndustrialChain)
class IndustrialChainAdmin(ScopedHistoryAdmin):
    list_display = ["name", "region", "is_key", "lead_department"]
    list_filter = ["is_key", "region"]
    search_fields = ["name"]
    list_select_related = ["region", "lead_department"]
    autocomplete_fields = ["region", "lead_department"]


@admin.register(Alliance)
class AllianceAdmin(ScopedHistoryAdmin):
    list_display = ["name", "chain", "founded_on", "dissolved_on"]
    list_filter = ["chain__region", "founded_on"]
    search_fields = ["name", "chain__name"]
    list_select_related = ["chain"]
    autocomplete_fields = ["chain"]
    inlines = [AlliancePositionInline, AllianceMemberInline]


@admin.register(AlliancePosition)
class AlliancePositionAdmin(ScopedAdmin):
    list_display = ["person_name", "role", "alliance", "title", "is_party_member", "is_city_leader", "user",
                    "start_date", "end_date"]
    list_filter = ["role", "is_party_member", "is_city_leader", "alliance"]
    search_fields = ["person_name", "title", "organisation"]
    list_select_related = ["alliance", "user"]
    autocomplete_fields = ["alliance", "user"]


@admin.register(AllianceMember)
class AllianceMemberAdmin(ScopedHistoryAdmin):
    list_display = ["__str__", "alliance", "kind", "segment", "joined_on", "left_on"]
    list_filter = ["kind", "segment", "alliance"]
    search_fields = ["name", "enterprise__name", "department__name"]
    list_select_related = ["alliance", "enterprise", "department"]
    autocomplete_fields = ["alliance", "enterprise", "department"]
