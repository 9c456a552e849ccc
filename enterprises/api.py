"""API of the enterprises app: serializers and scoped viewsets."""
from rest_framework import serializers

from chainparty.masking import MaskedPhonesMixin
from chainparty.api import ScopedModelSerializer, ScopedModelViewSet

from .filters import EnterpriseContactFilterSet, EnterpriseFilterSet, PartyOrganizationFilterSet
from .models import Enterprise, EnterpriseContact, PartyOrganization


class EnterpriseSerializer(ScopedModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "name", "credit_code", "county", "park", "chains", "is_chain_leader", "is_above_scale",
                  "ownership", "size", "employees", "address", "party_organization"]


class PartyOrganizationSerializer(ScopedModelSerializer):
    enterprises = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = PartyOrganization
        fields = ["id", "name", "kind", "secretary_name", "secretary_management_level", "secretary_is_investor",
                  "superior", "founded_on", "dissolved_on", "enterprises"]


class EnterpriseContactSerializer(MaskedPhonesMixin, ScopedModelSerializer):
    masked_phone_fields = ("mobile",)

    class Meta:
        model = EnterpriseContact
        fields = ["id", "user", "enterprise", "position", "mobile", "active"]


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.select_related("county", "park").prefetch_related("chains")
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    ordering_fields = ["name", "credit_code"]


class PartyOrganizationViewSet(ScopedModelViewSet):
    queryset = PartyOrganization.objects.prefetch_related("enterprises")
    serializer_class = PartyOrganizationSerializer
    filterset_class = PartyOrganizationFilterSet


class EnterpriseContactViewSet(ScopedModelViewSet):
    queryset = EnterpriseContact.objects.all()
    serializer_class = EnterpriseContactSerializer
    filterset_class = EnterpriseContactFilterSet


routes = [
    ("enterprises", EnterpriseViewSet),
    ("party-organizations", PartyOrganizationViewSet),
    ("enterprise-contacts", EnterpriseContactViewSet),
]


# --- Member growth and branch building (issue 4) -------------------------------------------------

from django.core.exceptions import ValidationError as DjangoValidationError  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.shortcuts import get_object_or_404  # noqa: E402
from django.utils.translation import gettext_lazy as _  # noqa: E402
from drf_spectacular.utils import extend_schema, inline_serializer  # noqa: E402
from rest_framework.decorators import action  # noqa: E402
from rest_framework.exceptions import ValidationError  # noqa: E402
from rest_framework.response import Response  # noqa: E402

from . import actions  # noqa: E402
from .filters import (BranchRatingFilterSet, DemonstrationSiteFilterSet, MemberPostFilterSet,  # noqa: E402
                      MemberPostProjectFilterSet, MemberReportFilterSet, TrainingSessionFilterSet)
from .models import (BASICS, CRITERIA, BranchRating, DemonstrationSite, MemberPost,  # noqa: E402
                     MemberPostProject, MemberReport, TrainingSession, check_participants)
from .models.growth import NOT_NEGATIVE  # noqa: E402


def drf_errors(error: DjangoValidationError) -> ValidationError:
    """A model's or an action's ValidationError as the API's 400 with field errors."""
    return ValidationError(serializers.as_serializer_error(error))


class TransitionsMixin:
    """Workflow steps as POST actions on a visible record: 404 outside the scope, 403 for who may not act,
    400 when the record's state does not allow the step."""

    def visible_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def run(self, step, **kwargs):
        try:
            instance = step(self.visible_object(), acting_user=self.request.user, **kwargs)
        except DjangoValidationError as error:
            raise drf_errors(error)
        return Response(self.get_serializer(instance).data)


class MemberReportSerializer(ScopedModelSerializer):
    filed_by = serializers.HiddenField(default=serializers.CurrentUserDefault())
    period = serializers.CharField(source="period_code", read_only=True)
    candidates_pending = serializers.IntegerField(read_only=True, label=_("candidates not yet admitted"))

    class Meta:
        model = MemberReport
        fields = ["id", "organization", "year", "quarter", "period", *MemberReport.COUNT_FIELDS, "candidates_pending",
                  "note", "status", "return_reason", "filed_by", "submitted_at", "decided_by", "decided_at",
                  "created_at", "updated_at"]
        read_only_fields = ["status", "return_reason", "submitted_at", "decided_by", "decided_at"]
        extra_kwargs = {name: {"error_messages": {"min_value": NOT_NEGATIVE}} for name in MemberReport.COUNT_FIELDS}
        validators = []  # uniqueness is the model's constraint, with its own message


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(label=_("reason for return"))


class MemberReportViewSet(TransitionsMixin, ScopedModelViewSet):
    """Quarterly member reports. Drafts are seen only by the enterprise; submit, approve and return are actions."""

    queryset = MemberReport.objects.select_related("organization")
    serializer_class = MemberReportSerializer
    filterset_class = MemberReportFilterSet
    ordering_fields = ["year", "quarter", "updated_at"]
    search_fields = ["organization__name"]

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self.run(actions.submit_report)

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self.run(actions.approve_report)

    @extend_schema(request=ReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        report = self.visible_object()  # 404 before looking at the body
        form = ReturnSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        try:
            report = actions.return_report(report, acting_user=request.user, reason=form.validated_data["reason"])
        except DjangoValidationError as error:
            raise drf_errors(error)
        return Response(self.get_serializer(report).data)

    @extend_schema(responses=inline_serializer("MemberReportSummary", fields={
        "reports": serializers.IntegerField(), **{name: serializers.IntegerField()
                                                  for name in MemberReport.COUNT_FIELDS if name != "members"}}))
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """Sums over the approved reports among those the filters select (period, park, chain, region …), for
        the people who read figures by chain or park rather than by region; /api/v1/figures/ gives F06–F13
        and F23 by region."""
        approved = self.filter_queryset(self.get_queryset()).filter(status=MemberReport.Status.APPROVED)
        sums = {name: Coalesce(Sum(name), 0) for name in MemberReport.COUNT_FIELDS if name != "members"}
        return Response(approved.aggregate(reports=Count("pk"), **sums))


class MemberPostSerializer(ScopedModelSerializer):
    projects = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = MemberPost
        fields = ["id", "enterprise", "kind", "name", "leader_name", "members_involved", "established_on",
                  "ended_on", "description", "projects"]


class MemberPostProjectSerializer(ScopedModelSerializer):
    class Meta:
        model = MemberPostProject
        fields = ["id", "post", "kind", "title", "taken_on", "status", "completed_on", "result"]


class MemberPostViewSet(ScopedModelViewSet):
    queryset = MemberPost.objects.prefetch_related("projects")
    serializer_class = MemberPostSerializer
    filterset_class = MemberPostFilterSet
    search_fields = ["name", "enterprise__name", "leader_name"]


class MemberPostProjectViewSet(ScopedModelViewSet):
    queryset = MemberPostProject.objects.all()
    serializer_class = MemberPostProjectSerializer
    filterset_class = MemberPostProjectFilterSet
    search_fields = ["title"]


class BranchRatingSerializer(ScopedModelSerializer):
    rated_by = serializers.HiddenField(default=serializers.CurrentUserDefault())
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = BranchRating
        fields = ["id", "organization", "year", *[name for name, _label in BASICS], "total", "grade", "rated_on",
                  "rated_by", "note"]
        read_only_fields = ["grade"]
        validators = []


class BranchRatingViewSet(ScopedModelViewSet):
    """Yearly "standard + demonstration" ratings, changed by the committee (or alliance) that supervises the branch."""

    queryset = BranchRating.objects.select_related("organization")
    serializer_class = BranchRatingSerializer
    filterset_class = BranchRatingFilterSet
    ordering_fields = ["year", "grade"]
    search_fields = ["organization__name"]


class DemonstrationSiteSerializer(ScopedModelSerializer):
    nominated_by = serializers.HiddenField(default=serializers.CurrentUserDefault())
    total = serializers.IntegerField(read_only=True)

    class Meta:
        model = DemonstrationSite
        fields = ["id", "enterprise", "alliance", "year", *[name for name, _label in CRITERIA], "total", "evaluator",
                  "status", "nominated_by", "nominated_on", "decided_by", "awarded_on", "note"]
        read_only_fields = ["status", "decided_by", "awarded_on"]
        validators = []


class AwardSerializer(serializers.Serializer):
    awarded_on = serializers.DateField(required=False, label=_("awarded on"))


class DemonstrationSiteViewSet(TransitionsMixin, ScopedModelViewSet):
    """Nominations by the alliances; administrators award or decline them (actions)."""

    queryset = DemonstrationSite.objects.select_related("enterprise", "alliance")
    serializer_class = DemonstrationSiteSerializer
    filterset_class = DemonstrationSiteFilterSet
    search_fields = ["enterprise__name", "evaluator"]

    @extend_schema(request=AwardSerializer)
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        form = AwardSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        return self.run(actions.award_site, awarded_on=form.validated_data.get("awarded_on"))

    @extend_schema(request=None)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self.run(actions.decline_site)


class TrainingSessionSerializer(ScopedModelSerializer):
    entered_by = serializers.HiddenField(default=serializers.CurrentUserDefault())

    class Meta:
        model = TrainingSession
        fields = ["id", "organizer", "committee", "topic", "start_date", "end_date", "location", "participants",
                  "organizations", "entered_by"]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        organizations = attrs.get("organizations")
        if organizations is None and self.instance is not None:
            organizations = list(self.instance.organizations.all())
        participants = attrs.get("participants", getattr(self.instance, "participants", None))
        try:
            check_participants(participants, organizations or [])
        except DjangoValidationError as error:
            raise drf_errors(error)
        return attrs


class TrainingSessionViewSet(ScopedModelViewSet):
    queryset = TrainingSession.objects.select_related("organizer").prefetch_related("organizations")
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilterSet
    ordering_fields = ["start_date", "participants"]
    search_fields = ["topic", "location"]


routes += [
    ("member-reports", MemberReportViewSet),
    ("member-posts", MemberPostViewSet),
    ("member-post-projects", MemberPostProjectViewSet),
    ("branch-ratings", BranchRatingViewSet),
    ("demonstration-sites", DemonstrationSiteViewSet),
    ("training-sessions", TrainingSessionViewSet),
]

# Account requests of enterprise contacts (signup.py): approve / refuse / invite actions.
from .signup import ContactRequestViewSet  # noqa: E402

routes.append(("contact-requests", ContactRequestViewSet))
