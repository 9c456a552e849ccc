"""Pages of the alliances app: chains and their alliances."""
from itertools import groupby

from django.db.models import Count, Prefetch

from chainparty.views import ScopedDetailView, ScopedListView
from enterprises.models import Enterprise

from .filters import IndustrialChainFilterSet
from .models import AllianceMember, AlliancePosition, IndustrialChain


class ChainListView(ScopedListView):
    model = IndustrialChain
    filterset_class = IndustrialChainFilterSet
    template_name = "alliances/chain_list.html"

    def get_queryset(self):
        return (super().get_queryset().select_related("region", "lead_department", "alliance")
                .annotate(enterprise_count=Count("enterprises", distinct=True),
                          member_count=Count("alliance__members", distinct=True))
                .order_by("region__code", "name"))


class ChainDetailView(ScopedDetailView):
    model = IndustrialChain
    template_name = "alliances/chain_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region", "lead_department", "alliance")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        chain = self.object
        alliance = getattr(chain, "alliance", None)
        scope = self.request.scope
        members = []
        if alliance:
            context["positions"] = (AlliancePosition.objects.visible_to(scope).filter(alliance=alliance)
                                    .active().order_by("role", "person_name"))
            members = list(AllianceMember.objects.visible_to(scope).filter(alliance=alliance).active()
                           .select_related("enterprise", "department").order_by("segment", "pk"))
        labels = dict(AllianceMember.Segment.choices)
        context["segments"] = [(labels[key], list(rows)) for key, rows in groupby(members, key=lambda m: m.segment)]
        enterprises = Enterprise.objects.visible_to(scope).on_chains([chain.pk])
        context["enterprise_total"] = enterprises.count()
        context["enterprises"] = enterprises.select_related("park", "party_organization").order_by("name")[:50]
        context["enterprise_list_query"] = f"chain={chain.pk}"
        context["committees"] = chain.committees.visible_to(scope).select_related("park")
        return context
