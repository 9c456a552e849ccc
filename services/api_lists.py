"""API of resources, projects, milestones and visits: serializers and scoped viewsets."""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from alliances.models import Alliance, IndustrialChain
from chainparty.access import get_scope
from chainparty.api import ScopedModelSerializer, ScopedModelViewSet, ScopedRelatedField
from chainparty.models import Department, User
from parks.models import JointCommittee

from .categories import NeedCategory
from .filters_lists import MilestoneFilterSet, ProjectFilterSet, ResourceFilterSet, VisitFilterSet
from .models import Milestone, Project, Resource, Visit
from .querysets_lists import colleague_users, targetable_chains


class OwnDepartmentField(serializers.PrimaryKeyRelatedField):
    """A department the user works in (any, for an administrator)."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return Department.objects.none()
        scope = get_scope(request)
        return Department.objects.all() if scope.is_superuser else Department.objects.filter(pk__in=scope.department_ids)


class TargetChainField(serializers.PrimaryKeyRelatedField):
    """Chains a resource may target: those the user sees, and those of their departments' regions."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return super().get_queryset().none()
        return targetable_chains(get_scope(request))


class ColleagueField(serializers.PrimaryKeyRelatedField):
    """Visitors with an account: people holding a position in one of the user's own bodies."""

    def get_queryset(self):
        request = self.context.get("request")
        if request is None:
            return super().get_queryset().none()
        return colleague_users(get_scope(request))


class ResourceSerializer(ScopedModelSerializer):
    department = OwnDepartmentField(queryset=Department.objects.all(), label=_("publishing department"))
    target_chains = TargetChainField(many=True, required=False, queryset=IndustrialChain.objects.all(),
                                     label=_("target chains"))
    target_categories = serializers.ListField(child=serializers.ChoiceField(choices=NeedCategory.choices),
                                              required=False, label=_("categories of need"))

    class Meta:
        model = Resource
        fields = ["id", "department", "kind", "title", "summary", "body", "how_to_apply", "contact_info", "quota",
                  "valid_from", "valid_to", "target_chains", "target_categories", "published", "created_at",
                  "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class MilestoneSerializer(ScopedModelSerializer):
    project = ScopedRelatedField(editable=True, queryset=Project.objects.all(), label=_("project"))

    class Meta:
        model = Milestone
        fields = ["id", "project", "title", "due_on", "done_on", "note"]


class NestedMilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = Milestone
        fields = ["id", "title", "due_on", "done_on", "note"]


class ProjectSerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(editable=True, queryset=Alliance.objects.all(), label=_("alliance"))
    milestones = NestedMilestoneSerializer(many=True, read_only=True)

    class Meta:
        model = Project
        fields = ["id", "alliance", "year", "category", "title", "description", "target", "target_enterprises",
                  "department", "status", "progress", "milestones", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        instance = self.instance
        project = Project(alliance=attrs.get("alliance", getattr(instance, "alliance", None)),
                          target=attrs.get("target", getattr(instance, "target", Project.Target.CHAIN)))
        if "target_enterprises" in attrs:
            enterprises = attrs["target_enterprises"]
        else:
            enterprises = list(instance.target_enterprises.all()) if instance else []
        try:
            project.validate_targets(enterprises)
        except DjangoValidationError as error:
            raise ValidationError(serializers.as_serializer_error(error))
        return attrs


class VisitSerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(editable=True, queryset=Alliance.objects.all(), required=False, allow_null=True,
                                  label=_("visiting alliance"))
    committee = ScopedRelatedField(editable=True, queryset=JointCommittee.objects.all(), required=False,
                                   allow_null=True, label=_("visiting committee"))
    department = OwnDepartmentField(queryset=Department.objects.all(), required=False, allow_null=True,
                                    label=_("visiting department"))
    visitor_users = ColleagueField(many=True, required=False, queryset=User.objects.all(),
                                   label=_("visitors with an account"))

    class Meta:
        model = Visit
        fields = ["id", "enterprise", "visited_on", "alliance", "committee", "department", "visitors",
                  "visitor_users", "purpose", "findings", "created_by", "created_at", "updated_at"]
        read_only_fields = ["created_by", "created_at", "updated_at"]


class ResourceViewSet(ScopedModelViewSet):
    queryset = Resource.objects.select_related("department").prefetch_related("target_chains")
    serializer_class = ResourceSerializer
    filterset_class = ResourceFilterSet
    ordering_fields = ["created_at", "valid_from", "valid_to", "title"]


class ProjectViewSet(ScopedModelViewSet):
    queryset = Project.objects.prefetch_related("milestones", "target_enterprises")
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    ordering_fields = ["year", "title", "progress"]


class MilestoneViewSet(ScopedModelViewSet):
    queryset = Milestone.objects.all()
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    ordering_fields = ["due_on", "done_on"]


class VisitViewSet(ScopedModelViewSet):
    queryset = Visit.objects.prefetch_related("visitor_users")
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    ordering_fields = ["visited_on"]

    def perform_create(self, serializer):
        serializer.validated_data["created_by"] = self.request.user
        super().perform_create(serializer)


routes = [
    ("resources", ResourceViewSet),
    ("projects", ProjectViewSet),
    ("milestones", MilestoneViewSet),
    ("visits", VisitViewSet),
]
