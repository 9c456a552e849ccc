"""Admin of resources, projects (with milestones), milestones and visits: scoped for non-superuser staff."""
from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from chainparty.admin import ScopedAdmin

from .categories import NeedCategory
from .models import Milestone, Project, Resource, Visit


class ResourceAdminForm(forms.ModelForm):
    target_categories = forms.MultipleChoiceField(label=_("categories of need"), choices=NeedCategory.choices,
                                                  required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Resource
        fields = "__all__"


@admin.register(Resource)
class ResourceAdmin(ScopedAdmin):
    form = ResourceAdminForm
    list_display = ["title", "kind", "department", "quota", "valid_from", "valid_to", "published"]
    list_filter = ["kind", "published", "department", "target_chains"]
    search_fields = ["title", "summary", "body"]
    list_select_related = ["department"]
    autocomplete_fields = ["department", "target_chains"]
    date_hierarchy = "created_at"


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Project)
class ProjectAdmin(ScopedAdmin):
    list_display = ["title", "alliance", "year", "category", "target", "department", "status", "progress"]
    list_filter = ["year", "category", "target", "status", "alliance"]
    search_fields = ["title", "description", "alliance__name"]
    list_select_related = ["alliance", "department"]
    autocomplete_fields = ["alliance", "department", "target_enterprises"]
    inlines = [MilestoneInline]


@admin.register(Milestone)
class MilestoneAdmin(ScopedAdmin):
    list_display = ["title", "project", "due_on", "done_on"]
    list_filter = ["due_on", "done_on"]
    search_fields = ["title", "project__title"]
    list_select_related = ["project"]
    autocomplete_fields = ["project"]


@admin.register(Visit)
class VisitAdmin(ScopedAdmin):
    list_display = ["enterprise", "visited_on", "alliance", "committee", "department", "visitors"]
    list_filter = ["visited_on", "alliance", "committee", "department", "enterprise__is_chain_leader",
                   "enterprise__is_above_scale"]
    search_fields = ["enterprise__name", "visitors", "findings"]
    list_select_related = ["enterprise", "alliance", "committee", "department"]
    autocomplete_fields = ["enterprise", "alliance", "committee", "department", "visitor_users"]
    date_hierarchy = "visited_on"
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
