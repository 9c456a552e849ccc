"""Admin of the parks app: scoped for non-superuser staff, with history and inlines."""
from django.contrib import admin

from chainparty.admin import ScopedAdmin, ScopedHistoryAdmin

from .models import CommitteePosition, JointCommittee, Park, PartyWorker, PartyWorkerAssessment


class CommitteePositionInline(admin.TabularInline):
    model = CommitteePosition
    extra = 0
    autocomplete_fields = ["user"]


class PartyWorkerAssessmentInline(admin.TabularInline):
    model = PartyWorkerAssessment
    extra = 0


@admin.register(Park)
class ParkAdmin(ScopedHistoryAdmin):
    list_display = ["name", "level", "county"]
    list_filter = ["level", "county"]
    search_fields = ["name"]
    list_select_related = ["county"]
    autocomplete_fields = ["county"]


@admin.register(JointCommittee)
class JointCommitteeAdmin(ScopedHistoryAdmin):
    list_display = ["name", "park", "chain", "secretary_name", "founded_on", "dissolved_on"]
    list_filter = ["chain", "park__county"]
    search_fields = ["name", "park__name", "secretary_name"]
    list_select_related = ["park", "chain"]
    autocomplete_fields = ["park", "chain"]
    inlines = [CommitteePositionInline]


@admin.register(CommitteePosition)
class CommitteePositionAdmin(ScopedAdmin):
    list_display = ["person_name", "role", "committee", "title", "user", "start_date", "end_date"]
    list_filter = ["role", "committee"]
    search_fields = ["person_name", "title"]
    list_select_related = ["committee", "user"]
    autocomplete_fields = ["committee", "user"]


@admin.register(PartyWorker)
class PartyWorkerAdmin(ScopedHistoryAdmin):
    list_display = ["name", "employment", "alliance", "committee", "certificate_no", "start_date", "end_date"]
    list_filter = ["employment", "alliance", "committee"]
    search_fields = ["name", "certificate_no"]
    list_select_related = ["alliance", "committee"]
    autocomplete_fields = ["alliance", "committee", "user"]
    inlines = [PartyWorkerAssessmentInline]


@admin.register(PartyWorkerAssessment)
class PartyWorkerAssessmentAdmin(ScopedAdmin):
    list_display = ["worker", "year", "result"]
    list_filter = ["year", "result"]
    search_fields = ["worker__name"]
    list_select_related = ["worker"]
    autocomplete_fields = ["worker"]
