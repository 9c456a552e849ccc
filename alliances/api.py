"""API of the alliances app: serializers and scoped viewsets."""
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.exceptions import APIException
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from chainparty.api import ScopedModelSerializer, ScopedModelViewSet, ScopedRelatedField
from parks.models import JointCommittee

from . import actions, periods
from .validators import UploadedDocumentValidator
from .filters import (ActivityFilterSet, AgreementFilterSet, AllianceFilterSet, AllianceMemberFilterSet,
                      AlliancePositionFilterSet, CaseFilterSet, IndustrialChainFilterSet, InstructionFilterSet,
                      MeetingFilterSet, MeetingIssueFilterSet, PairingFilterSet, ServiceCenterFilterSet)
from .models import (Activity, Agreement, Alliance, AllianceMember, AlliancePosition, Case, IndustrialChain,
                     Instruction, Meeting, MeetingIssue, Pairing, ServiceCenter, check_participants, check_parties)


class IndustrialChainSerializer(ScopedModelSerializer):
    class Meta:
        model = IndustrialChain
        fields = ["id", "name", "region", "is_key", "lead_department", "description"]


class AllianceSerializer(ScopedModelSerializer):
    class Meta:
        model = Alliance
        fields = ["id", "chain", "name", "charter", "founded_on", "dissolved_on"]


class AlliancePositionSerializer(ScopedModelSerializer):
    class Meta:
        model = AlliancePosition
        fields = ["id", "alliance", "role", "person_name", "title", "organisation", "is_party_member",
                  "is_city_leader", "user", "start_date", "end_date"]


class AllianceMemberSerializer(ScopedModelSerializer):
    class Meta:
        model = AllianceMember
        fields = ["id", "alliance", "kind", "enterprise", "department", "name", "segment", "joined_on", "left_on"]


class IndustrialChainViewSet(ScopedModelViewSet):
    queryset = IndustrialChain.objects.all()
    serializer_class = IndustrialChainSerializer
    filterset_class = IndustrialChainFilterSet


class AllianceViewSet(ScopedModelViewSet):
    queryset = Alliance.objects.all()
    serializer_class = AllianceSerializer
    filterset_class = AllianceFilterSet
    search_fields = ["name"]


class AlliancePositionViewSet(ScopedModelViewSet):
    queryset = AlliancePosition.objects.all()
    serializer_class = AlliancePositionSerializer
    filterset_class = AlliancePositionFilterSet
    search_fields = ["person_name", "title", "organisation"]


class AllianceMemberViewSet(ScopedModelViewSet):
    queryset = AllianceMember.objects.all()
    serializer_class = AllianceMemberSerializer
    filterset_class = AllianceMemberFilterSet
    search_fields = ["name", "enterprise__name"]


routes = [
    ("chains", IndustrialChainViewSet),
    ("alliances", AllianceViewSet),
    ("alliance-positions", AlliancePositionViewSet),
    ("alliance-members", AllianceMemberViewSet),
]


# --- The bodies' work (issue 5) ------------------------------------------------------------------------------

class PrivateFileField(serializers.FileField):
    """An upload in, the scoped download link out: never the stored name or a media URL."""

    def __init__(self, *args, download_view: str, **kwargs):
        self.download_view = download_view
        kwargs.setdefault("validators", [UploadedDocumentValidator()])
        super().__init__(*args, **kwargs)

    def to_representation(self, value):
        if not value:
            return None
        url = reverse(self.download_view, args=[value.instance.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


@extend_schema_field(OpenApiTypes.STR)
class PeriodSerializerField(serializers.Field):
    """A meeting's period as text: 2026 (year), 2026Q3 (quarter) or 2026-07 (month)."""

    def to_internal_value(self, data):
        try:
            return periods.parse(str(data))
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.messages)

    def to_representation(self, value):
        return value


class MeetingIssueInlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = MeetingIssue
        fields = ["id", "text", "enterprise", "raised_by"]


class MeetingSerializer(ScopedModelSerializer):
    period = PeriodSerializerField(source="period_text", required=False, help_text=_(
        "2026 for a member congress, 2026Q3 for a council meeting, 2026-07 for a committee meeting; "
        "left out, the period of the date."))
    period_start = serializers.DateField(read_only=True)
    period_end = serializers.DateField(read_only=True)
    minutes_file = PrivateFileField(download_view="alliances:meeting-minutes", required=False, allow_null=True)
    issues = MeetingIssueInlineSerializer(many=True, read_only=True)
    alliance = ScopedRelatedField(queryset=Alliance.objects.all(), editable=True, required=False, allow_null=True)
    committee = ScopedRelatedField(queryset=JointCommittee.objects.all(), editable=True, required=False,
                                   allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "alliance", "committee", "kind", "status", "period", "period_start", "period_end", "date",
                  "start_time", "place", "chair", "expected_count", "attendance_count", "alliance_attendees",
                  "committee_attendees", "agenda", "minutes", "minutes_file", "decisions", "issues"]

    def validate(self, attrs):
        period = attrs.pop("period_text", None)
        if period is not None:
            start, granularity = period
            kind = attrs.get("kind") or getattr(self.instance, "kind", None)
            try:
                periods.check_granularity(kind, granularity)
            except DjangoValidationError as error:
                raise serializers.ValidationError({"period": error.messages})
            attrs["period_start"] = start
        elif self.instance is None:
            attrs["period_start"] = None
        attrs = super().validate(attrs)
        alliance = attrs.get("alliance", getattr(self.instance, "alliance", None))
        committee = attrs.get("committee", getattr(self.instance, "committee", None))
        for name, body, field in (("alliance_attendees", alliance, "alliance_id"),
                                  ("committee_attendees", committee, "committee_id")):
            if any(getattr(position, field) != getattr(body, "pk", None) for position in attrs.get(name, [])):
                raise serializers.ValidationError({name: [_("Tick only positions of the body that holds the meeting.")]})
        return attrs


class MeetingIssueSerializer(ScopedModelSerializer):
    meeting = ScopedRelatedField(queryset=Meeting.objects.all(), editable=True)

    class Meta:
        model = MeetingIssue
        fields = ["id", "meeting", "text", "enterprise", "raised_by"]


class ActivitySerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(queryset=Alliance.objects.all(), editable=True, required=False, allow_null=True)
    committee = ScopedRelatedField(queryset=JointCommittee.objects.all(), editable=True, required=False,
                                   allow_null=True)

    class Meta:
        model = Activity
        fields = ["id", "alliance", "committee", "kind", "mode", "title", "date", "venue", "park", "enterprise",
                  "service_center", "place", "participants", "enterprises_reached", "workers_recommended",
                  "deals_reached", "outcome"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "participants" in attrs:
            activity = Activity(alliance=attrs.get("alliance", getattr(self.instance, "alliance", None)),
                                committee=attrs.get("committee", getattr(self.instance, "committee", None)))
            try:
                check_participants(activity, attrs["participants"])
            except DjangoValidationError as error:
                raise serializers.ValidationError({"participants": error.messages})
        return attrs


class AgreementSerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(queryset=Alliance.objects.all(), editable=True)
    document = PrivateFileField(download_view="alliances:agreement-document", required=False, allow_null=True)

    class Meta:
        model = Agreement
        fields = ["id", "alliance", "kind", "title", "parties", "signed_on", "amount", "status", "summary",
                  "document"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if "parties" in attrs or self.instance is None:
            alliance = attrs.get("alliance", getattr(self.instance, "alliance", None))
            try:
                check_parties(alliance, attrs.get("parties", []))
            except DjangoValidationError as error:
                raise serializers.ValidationError({"parties": error.messages})
        return attrs


class PairingSerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(queryset=Alliance.objects.all(), editable=True)

    class Meta:
        model = Pairing
        fields = ["id", "alliance", "kind", "first", "second", "start_date", "end_date", "outcome"]


class ServiceCenterSerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(queryset=Alliance.objects.all(), editable=True)
    functional_areas = serializers.ListField(child=serializers.ChoiceField(choices=ServiceCenter.Area.choices),
                                             required=False)

    class Meta:
        model = ServiceCenter
        fields = ["id", "alliance", "name", "park", "enterprise", "address", "functional_areas", "opened_on",
                  "closed_on", "description"]


class InstructionSerializer(ScopedModelSerializer):
    alliance = ScopedRelatedField(queryset=Alliance.objects.all(), editable=True)

    class Meta:
        model = Instruction
        fields = ["id", "alliance", "leader_name", "leader_title", "issued_on", "content", "follow_up"]


class CaseSerializer(ScopedModelSerializer):
    class Meta:
        model = Case
        fields = ["id", "alliance", "enterprise", "title", "series_number", "published_on", "summary"]


class WorkViewSet(ScopedModelViewSet):
    """A record that others still point at is not deleted: 409 with the reason, never a 500."""

    def perform_destroy(self, instance):
        try:
            with transaction.atomic():
                instance.delete()
        except ProtectedError:
            raise Conflict(_("Other records still refer to this one; change or delete them first."))


class Conflict(APIException):
    status_code = 409
    default_code = "protected"


class MeetingViewSet(WorkViewSet):
    queryset = Meeting.objects.select_related("alliance", "committee").prefetch_related(
        "issues", "alliance_attendees", "committee_attendees")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilterSet
    search_fields = ["place", "chair", "agenda", "minutes", "decisions"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting = self.get_object()
        actions.cancel_meeting(meeting, acting_user=request.user)
        return Response(self.get_serializer(meeting).data)


class IssueToNeedSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=[], help_text=_("The category of the need."))
    amount_requested = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False,
                                                allow_null=True, help_text=_("For funding needs, in 10,000 yuan."))
    workers_requested = serializers.IntegerField(min_value=1, required=False, allow_null=True,
                                                 help_text=_("For labour needs."))

    def __init__(self, *args, **kwargs):
        from services.models import NeedCategory

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = NeedCategory.choices


class MeetingIssueViewSet(WorkViewSet):
    queryset = MeetingIssue.objects.select_related("meeting")
    serializer_class = MeetingIssueSerializer
    filterset_class = MeetingIssueFilterSet
    search_fields = ["text", "raised_by"]

    @extend_schema(request=IssueToNeedSerializer, responses={201: inline_serializer(
        "IssueToNeed", fields={"need": serializers.IntegerField(), "url": serializers.CharField()})})
    @action(detail=True, methods=["post"], url_path="to-need")
    def to_need(self, request, pk=None):
        """Turn the issue into a need of its enterprise (keeps the link); refused with a message if not allowed."""
        from services import actions as need_actions

        issue = self.get_object()
        data = IssueToNeedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            need = need_actions.raise_need_from_meeting_issue(issue, acting_user=request.user, **data.validated_data)
        except need_actions.TransitionRefused as refused:
            return Response({"detail": refused.messages[0], "code": refused.code}, status=400)
        except DjangoValidationError as error:
            return Response(serializers.as_serializer_error(error), status=400)
        return Response({"need": need.pk, "url": reverse("services:need-detail", args=[need.pk])}, status=201)


class ActivityViewSet(WorkViewSet):
    queryset = Activity.objects.prefetch_related("participants")
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet
    search_fields = ["title", "place", "outcome"]


class AgreementViewSet(WorkViewSet):
    queryset = Agreement.objects.prefetch_related("parties")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet
    search_fields = ["title", "summary"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]


class PairingViewSet(WorkViewSet):
    queryset = Pairing.objects.all()
    serializer_class = PairingSerializer
    filterset_class = PairingFilterSet
    search_fields = ["outcome"]


class ServiceCenterViewSet(WorkViewSet):
    queryset = ServiceCenter.objects.all()
    serializer_class = ServiceCenterSerializer
    filterset_class = ServiceCenterFilterSet
    search_fields = ["name", "address"]


class InstructionViewSet(WorkViewSet):
    queryset = Instruction.objects.all()
    serializer_class = InstructionSerializer
    filterset_class = InstructionFilterSet
    search_fields = ["leader_name", "content", "follow_up"]


class CaseViewSet(WorkViewSet):
    queryset = Case.objects.all()
    serializer_class = CaseSerializer
    filterset_class = CaseFilterSet
    search_fields = ["title", "summary"]


routes += [
    ("meetings", MeetingViewSet),
    ("meeting-issues", MeetingIssueViewSet),
    ("activities", ActivityViewSet),
    ("agreements", AgreementViewSet),
    ("pairings", PairingViewSet),
    ("service-centers", ServiceCenterViewSet),
    ("instructions", InstructionViewSet),
    ("cases", CaseViewSet),
]
