"""API of the alliances app: serializers and scoped viewsets."""
from chainparty.api import ScopedModelSerializer, ScopedModelViewSet

from .filters import AllianceFilterSet, AllianceMemberFilterSet, AlliancePositionFilterSet, IndustrialChainFilterSet
from .models import Alliance, AllianceMember, AlliancePosition, IndustrialChain


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
