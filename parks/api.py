"""API of the parks app: serializers and scoped viewsets."""
from chainparty.api import ScopedModelSerializer, ScopedModelViewSet

from .filters import (CommitteePositionFilterSet, JointCommitteeFilterSet, ParkFilterSet,
                      PartyWorkerAssessmentFilterSet, PartyWorkerFilterSet)
from .models import CommitteePosition, JointCommittee, Park, PartyWorker, PartyWorkerAssessment


class ParkSerializer(ScopedModelSerializer):
    class Meta:
        model = Park
        fields = ["id", "name", "level", "county"]


class JointCommitteeSerializer(ScopedModelSerializer):
    class Meta:
        model = JointCommittee
        fields = ["id", "park", "chain", "name", "secretary_name", "secretary_title", "founded_on", "dissolved_on"]


class CommitteePositionSerializer(ScopedModelSerializer):
    class Meta:
        model = CommitteePosition
        fields = ["id", "committee", "role", "person_name", "title", "user", "start_date", "end_date"]


class PartyWorkerSerializer(ScopedModelSerializer):
    class Meta:
        model = PartyWorker
        fields = ["id", "name", "employment", "alliance", "committee", "is_party_member", "title", "user",
                  "certificate_no", "certified_on", "start_date", "end_date"]


class PartyWorkerAssessmentSerializer(ScopedModelSerializer):
    class Meta:
        model = PartyWorkerAssessment
        fields = ["id", "worker", "year", "result", "note"]


class ParkViewSet(ScopedModelViewSet):
    queryset = Park.objects.select_related("county")
    serializer_class = ParkSerializer
    filterset_class = ParkFilterSet


class JointCommitteeViewSet(ScopedModelViewSet):
    queryset = JointCommittee.objects.all()
    serializer_class = JointCommitteeSerializer
    filterset_class = JointCommitteeFilterSet
    search_fields = ["name", "secretary_name"]


class CommitteePositionViewSet(ScopedModelViewSet):
    queryset = CommitteePosition.objects.all()
    serializer_class = CommitteePositionSerializer
    filterset_class = CommitteePositionFilterSet
    search_fields = ["person_name", "title"]


class PartyWorkerViewSet(ScopedModelViewSet):
    queryset = PartyWorker.objects.all()
    serializer_class = PartyWorkerSerializer
    filterset_class = PartyWorkerFilterSet
    search_fields = ["name", "certificate_no"]


class PartyWorkerAssessmentViewSet(ScopedModelViewSet):
    queryset = PartyWorkerAssessment.objects.all()
    serializer_class = PartyWorkerAssessmentSerializer
    filterset_class = PartyWorkerAssessmentFilterSet


routes = [
    ("parks", ParkViewSet),
    ("committees", JointCommitteeViewSet),
    ("committee-positions", CommitteePositionViewSet),
    ("party-workers", PartyWorkerViewSet),
    ("party-worker-assessments", PartyWorkerAssessmentViewSet),
]
