"""API of the enterprises app: serializers and scoped viewsets."""
from rest_framework import serializers

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


class EnterpriseContactSerializer(ScopedModelSerializer):
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

# Account requests of enterprise contacts (signup.py): approve / refuse / invite actions.
from .signup import ContactRequestViewSet  # noqa: E402

routes.append(("contact-requests", ContactRequestViewSet))
