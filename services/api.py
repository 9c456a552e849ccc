"""API of the needs: scoped viewsets for every record, and the workflow transitions as actions.

A transition answers 404 for a need outside the user's scope, 403 for one the user may only read
(officials), and 400 with a message (or field errors, the same as the pages') when refused.
"""
from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from chainparty.masking import MaskedPhonesMixin
from chainparty.access import get_scope
from chainparty.api import ScopedModelSerializer, ScopedModelViewSet, ScopedReadOnlyViewSet, ScopedViewSetMixin
from chainparty.uploads import DocumentValidator

from . import actions
from .filters import (AssignmentFilterSet, CategoryDeadlinesFilterSet, ExtensionRequestFilterSet, FeedbackFilterSet,
                      FollowUpFilterSet, NeedAttachmentFilterSet, NeedEventFilterSet, NeedFilterSet, WorkingDayOverrideFilterSet)
from .forms import TRANSITION_FORMS
from .models import (Assignment, CategoryDeadlines, ExtensionRequest, Feedback, FollowUp, Need, NeedAttachment,
                     NeedEvent, WorkingDayOverride)


class AssignmentSerializer(MaskedPhonesMixin, serializers.ModelSerializer):
    masked_phone_fields = ("responsible_phone",)

    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "need", "round", "department", "department_name", "is_lead", "responsible_person",
                  "responsible_phone", "plan", "due_date", "sign_due", "assigned_at", "signed_at", "returned_at",
                  "return_reason", "is_current"]
        read_only_fields = fields


class NeedEventSerializer(serializers.ModelSerializer):
    actor_name = serializers.CharField(source="actor", read_only=True, default=None)

    class Meta:
        model = NeedEvent
        fields = ["id", "need", "kind", "actor", "actor_name", "at", "from_status", "to_status", "note"]
        read_only_fields = fields


class ExtensionRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExtensionRequest
        fields = ["id", "need", "assignment", "days", "reason", "status", "requested_by", "requested_at",
                  "decision_due", "previous_due", "new_due", "decided_by", "decided_at", "decision_note"]
        read_only_fields = fields


class FeedbackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Feedback
        fields = ["id", "need", "satisfaction", "reason", "round", "given_by", "given_at"]
        read_only_fields = fields


class NeedAttachmentSerializer(ScopedModelSerializer):
    file = serializers.FileField(write_only=True, validators=[DocumentValidator()],
                                 help_text=_("PDF, Word, Excel, JPEG or PNG; checked by content."))
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = NeedAttachment
        fields = ["id", "need", "file", "name", "uploaded_by", "uploaded_at", "download_url"]
        read_only_fields = ["name", "uploaded_by", "uploaded_at"]

    def get_download_url(self, obj) -> str:
        return reverse("services:attachment-download", args=[obj.pk])


class NeedSerializer(ScopedModelSerializer):
    """A need as lists show it; created by POST (the enterprise's submission)."""

    status_display = serializers.CharField(source="get_status_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    overdue = serializers.BooleanField(read_only=True)
    late = serializers.BooleanField(read_only=True, help_text=_("A deadline of any stage was missed."))
    lead_department = serializers.SerializerMethodField()

    class Meta:
        model = Need
        fields = ["id", "enterprise", "enterprise_name", "county", "park", "chains", "category", "category_display",
                  "title", "description", "amount_requested", "workers_requested", "urgency", "source", "status",
                  "status_display", "submitted_by", "submitted_at", "accepted_at", "first_replied_at", "resolved_at",
                  "closed_at", "accept_due", "sign_due", "first_reply_due", "due_date", "deferred_until",
                  "remind_on", "publicize_on", "feedback_due", "deadlines_provisional", "overdue", "late",
                  "rejection_kind", "rejection_reason", "duplicate_of", "explanation", "timetable", "outcome",
                  "amount_solved", "workers_provided", "resolution_working_days", "satisfaction", "closed_how",
                  "reopen_count", "lead_department"]
        read_only_fields = [name for name in fields if name not in (
            "enterprise", "category", "title", "description", "amount_requested", "workers_requested", "urgency",
            "source")]

    def get_lead_department(self, obj) -> int | None:
        leads = getattr(obj, "lead_assignments", None)
        if leads is None:
            leads = [a for a in obj.assignments.all() if a.is_lead and a.is_current and not a.returned_at]
        return leads[0].department_id if leads else None

    def validate(self, attrs):
        return serializers.ModelSerializer.validate(self, attrs)  # submit_need runs the model's rules

    def create(self, validated_data):
        try:
            return actions.submit_need(acting_user=self.context["request"].user, **validated_data)
        except DjangoValidationError as error:
            raise serializers.ValidationError(serializers.as_serializer_error(error))


class NeedDetailSerializer(NeedSerializer):
    events = NeedEventSerializer(many=True, read_only=True)
    assignments = AssignmentSerializer(many=True, read_only=True)
    extension_requests = ExtensionRequestSerializer(many=True, read_only=True)
    feedback = FeedbackSerializer(many=True, read_only=True)
    attachments = NeedAttachmentSerializer(many=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()

    class Meta(NeedSerializer.Meta):
        fields = NeedSerializer.Meta.fields + ["events", "assignments", "extension_requests", "feedback",
                                               "attachments", "allowed_transitions"]

    def get_allowed_transitions(self, obj) -> list[str]:
        return actions.allowed_transitions(obj, get_scope(self.context["request"]))


def with_detail_data(queryset):
    return queryset.select_related("enterprise").prefetch_related(
        "chains", "events__actor", Prefetch("assignments", queryset=Assignment.objects.select_related("department")),
        "extension_requests", "feedback", "attachments")


TRANSITION_REQUEST = {
    name: inline_serializer(f"Need{''.join(part.title() for part in name.split('_'))}Request", fields={
        key: serializers.CharField(required=field.required, help_text=str(field.label))
        for key, field in form.base_fields.items()})
    for name, form in TRANSITION_FORMS.items()
}


class NeedViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                  viewsets.GenericViewSet):
    """Needs the user may see. POST submits a need; the workflow moves only through the actions below."""

    queryset = Need.objects.all()
    serializer_class = NeedSerializer
    filterset_class = NeedFilterSet
    search_fields = ["title", "description", "enterprise__name"]
    ordering_fields = ["submitted_at", "due_date", "accept_due", "status"]
    ordering = ["-submitted_at", "-pk"]

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action == "retrieve":
            return with_detail_data(queryset)
        if self.action == "list":
            return queryset.with_list_data(names=False)
        return queryset  # a transition reads the need alone, and answers with it read afresh (``transition``)

    def get_serializer_class(self):
        return NeedDetailSerializer if self.action == "retrieve" else NeedSerializer

    def perform_create(self, serializer):
        if not get_scope(self.request).may_edit_something:
            raise PermissionDenied(_("Your positions do not allow you to create records."))
        serializer.save()  # submit_need: a refusal is a 400 with its message

    def transition(self, request, name: str):
        need = self.get_object()  # 404 outside the scope, 403 if the user may only read it
        form = TRANSITION_FORMS[name](data=request.data, need=need, scope=get_scope(request))
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            actions.perform(name, need, acting_user=request.user, **form.cleaned_data)
        except actions.TransitionRefused as refused:
            return Response({"detail": refused.messages[0], "code": refused.code}, status=status.HTTP_400_BAD_REQUEST)
        except DjangoValidationError as error:
            return Response(serializers.as_serializer_error(error), status=status.HTTP_400_BAD_REQUEST)
        fresh = with_detail_data(Need.objects).get(pk=need.pk)
        return Response(NeedDetailSerializer(fresh, context=self.get_serializer_context()).data)


def _transition_action(name: str):
    def handler(self, request, pk=None):
        return self.transition(request, name)

    handler.__name__ = handler.__qualname__ = name.replace("return", "return_task")
    handler.__doc__ = f"{actions.TRANSITIONS[name].label}"
    handler = extend_schema(request=TRANSITION_REQUEST[name], responses={
        200: NeedDetailSerializer, 400: OpenApiResponse(description=str(_("The transition was refused.")))})(handler)
    return action(detail=True, methods=["post"], url_path=name.replace("_", "-"),
                  url_name=name.replace("_", "-"))(handler)


for _name in actions.TRANSITIONS:
    setattr(NeedViewSet, _name.replace("return", "return_task"), _transition_action(_name))


class NeedEventViewSet(ScopedReadOnlyViewSet):
    queryset = NeedEvent.objects.select_related("actor")
    serializer_class = NeedEventSerializer
    filterset_class = NeedEventFilterSet


class AssignmentViewSet(ScopedReadOnlyViewSet):
    queryset = Assignment.objects.select_related("department")
    serializer_class = AssignmentSerializer
    filterset_class = AssignmentFilterSet


class FollowUpSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUp
        fields = ["id", "need", "kind", "stage", "due_on", "created_at", "recipients"]
        read_only_fields = fields


class FollowUpViewSet(ScopedReadOnlyViewSet):
    """Follow-ups of the needs (reminders, 催办, 督办, 通报, 回访, automatic closing): seen with the need."""

    queryset = FollowUp.objects.all()
    serializer_class = FollowUpSerializer
    filterset_class = FollowUpFilterSet


class ExtensionRequestViewSet(ScopedReadOnlyViewSet):
    queryset = ExtensionRequest.objects.all()
    serializer_class = ExtensionRequestSerializer
    filterset_class = ExtensionRequestFilterSet


class FeedbackViewSet(ScopedReadOnlyViewSet):
    queryset = Feedback.objects.all()
    serializer_class = FeedbackSerializer
    filterset_class = FeedbackFilterSet


class NeedAttachmentViewSet(ScopedViewSetMixin, mixins.CreateModelMixin, mixins.ListModelMixin,
                            mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Documents of a need: the enterprise adds and removes them; everyone who sees the need downloads them."""

    queryset = NeedAttachment.objects.all()
    serializer_class = NeedAttachmentSerializer
    filterset_class = NeedAttachmentFilterSet

    def perform_create(self, serializer):
        scope = get_scope(self.request)
        if not scope.may_edit_something:
            raise PermissionDenied(_("Your positions do not allow you to create records."))
        with transaction.atomic():
            upload = serializer.validated_data["file"]
            instance = serializer.save(uploaded_by=self.request.user, name=upload.name[:200])
            if not NeedAttachment.objects.editable_by(scope).filter(pk=instance.pk).exists():
                raise PermissionDenied(_("This record would lie outside what your positions allow you to change."))


class WorkingDayOverrideSerializer(ScopedModelSerializer):
    class Meta:
        model = WorkingDayOverride
        fields = ["id", "date", "is_working_day", "source_document", "note"]


class CategoryDeadlinesSerializer(ScopedModelSerializer):
    class Meta:
        model = CategoryDeadlines
        fields = ["id", "category", "accept_days", "sign_days", "first_reply_days", "due_days", "max_extension_days",
                  "extension_decision_days", "remind_days_before", "publicize_days_overdue", "feedback_days"]


class WorkingDayOverrideViewSet(ScopedModelViewSet):
    """Read by everyone; changed by administrators (provisional deadlines are then recomputed)."""

    queryset = WorkingDayOverride.objects.all()
    serializer_class = WorkingDayOverrideSerializer
    filterset_class = WorkingDayOverrideFilterSet

    def perform_create(self, serializer):
        super().perform_create(serializer)
        _recompute_on_commit()

    def perform_update(self, serializer):
        super().perform_update(serializer)
        _recompute_on_commit()

    def perform_destroy(self, instance):
        super().perform_destroy(instance)
        _recompute_on_commit()


def _recompute_on_commit():
    from .deadlines import recompute_provisional_deadlines

    transaction.on_commit(recompute_provisional_deadlines)


class CategoryDeadlinesViewSet(ScopedModelViewSet):
    queryset = CategoryDeadlines.objects.all()
    serializer_class = CategoryDeadlinesSerializer
    filterset_class = CategoryDeadlinesFilterSet


from .api_lists import routes as lists_routes  # noqa: E402  resources, projects, visits, contact requests

routes = [
    ("needs", NeedViewSet),
    ("need-events", NeedEventViewSet),
    ("need-assignments", AssignmentViewSet),
    ("need-extension-requests", ExtensionRequestViewSet),
    ("need-feedback", FeedbackViewSet),
    ("need-followups", FollowUpViewSet),
    ("need-attachments", NeedAttachmentViewSet),
    ("working-day-overrides", WorkingDayOverrideViewSet),
    ("need-category-deadlines", CategoryDeadlinesViewSet),
    *lists_routes,
]
