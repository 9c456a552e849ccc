"""Admin of the alliances app: scoped for non-superuser staff, with history and inlines."""
from django.contrib import admin

from chainparty.admin import ScopedAdmin, ScopedHistoryAdmin

from .models import (Activity, Agreement, Alliance, AllianceMember, AlliancePosition, CalendarToken, Case,
                     IndustrialChain, Instruction, Meeting, MeetingIssue, Pairing, ServiceCenter)


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


# --- The bodies' work (issue 5) ------------------------------------------------------------------------------

class MeetingIssueInline(admin.TabularInline):
    model = MeetingIssue
    extra = 0
    autocomplete_fields = ["enterprise"]


@admin.register(Meeting)
class MeetingAdmin(ScopedHistoryAdmin):
    list_display = ["__str__", "kind", "status", "period_start", "date", "place", "attendance_count"]
    list_filter = ["kind", "status", "alliance", "committee", "period_start"]
    search_fields = ["alliance__name", "committee__name", "place", "chair", "agenda", "minutes"]
    list_select_related = ["alliance", "committee"]
    autocomplete_fields = ["alliance", "committee"]
    filter_horizontal = ["alliance_attendees", "committee_attendees"]
    date_hierarchy = "period_start"
    inlines = [MeetingIssueInline]


@admin.register(MeetingIssue)
class MeetingIssueAdmin(ScopedAdmin):
    list_display = ["__str__", "meeting", "enterprise", "raised_by"]
    list_filter = ["meeting__kind"]
    search_fields = ["text", "enterprise__name", "raised_by"]
    list_select_related = ["meeting__alliance", "meeting__committee", "enterprise"]
    autocomplete_fields = ["meeting", "enterprise"]


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    list_display = ["title", "kind", "mode", "date", "alliance", "committee", "venue", "enterprises_reached",
                    "workers_recommended", "deals_reached"]
    list_filter = ["kind", "mode", "venue", "alliance", "committee"]
    search_fields = ["title", "place", "outcome"]
    list_select_related = ["alliance", "committee"]
    autocomplete_fields = ["alliance", "committee", "park", "enterprise", "service_center", "participants"]
    date_hierarchy = "date"


@admin.register(Agreement)
class AgreementAdmin(ScopedHistoryAdmin):
    list_display = ["title", "kind", "alliance", "signed_on", "amount", "status"]
    list_filter = ["kind", "status", "alliance"]
    search_fields = ["title", "summary", "parties__enterprise__name"]
    list_select_related = ["alliance"]
    autocomplete_fields = ["alliance", "parties"]
    date_hierarchy = "signed_on"


@admin.register(Pairing)
class PairingAdmin(ScopedAdmin):
    list_display = ["__str__", "kind", "alliance", "start_date", "end_date"]
    list_filter = ["kind", "alliance"]
    search_fields = ["first__enterprise__name", "second__enterprise__name", "first__name", "second__name", "outcome"]
    list_select_related = ["alliance", "first__enterprise", "first__department", "second__enterprise",
                           "second__department"]
    autocomplete_fields = ["alliance", "first", "second"]


@admin.register(ServiceCenter)
class ServiceCenterAdmin(ScopedAdmin):
    list_display = ["name", "alliance", "park", "enterprise", "opened_on", "closed_on"]
    list_filter = ["alliance", "park"]
    search_fields = ["name", "address"]
    list_select_related = ["alliance", "park", "enterprise"]
    autocomplete_fields = ["alliance", "park", "enterprise"]


@admin.register(Instruction)
class InstructionAdmin(ScopedAdmin):
    list_display = ["leader_name", "leader_title", "issued_on", "alliance"]
    list_filter = ["alliance"]
    search_fields = ["leader_name", "content", "follow_up"]
    list_select_related = ["alliance"]
    autocomplete_fields = ["alliance"]
    date_hierarchy = "issued_on"


@admin.register(Case)
class CaseAdmin(ScopedAdmin):
    list_display = ["series_number", "title", "alliance", "enterprise", "published_on"]
    list_filter = ["alliance"]
    search_fields = ["title", "summary"]
    list_select_related = ["alliance", "enterprise"]
    autocomplete_fields = ["alliance", "enterprise"]


@admin.register(CalendarToken)
class CalendarTokenAdmin(ScopedAdmin):
    """Only to withdraw a link (delete it); the secret itself is not shown."""

    list_display = ["user", "created_at"]
    search_fields = ["user__username", "user__name"]
    list_select_related = ["user"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False
