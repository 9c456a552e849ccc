"""Pages of the enterprises app: the enterprise list with filters, and each enterprise with its Party organisation."""
from chainparty.views import ScopedDetailView, ScopedListView

from .filters import EnterpriseFilterSet
from .models import Enterprise, EnterpriseContact


class EnterpriseListView(ScopedListView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    template_name = "enterprises/enterprise_list.html"

    def get_queryset(self):
        return (super().get_queryset().select_related("county", "park", "party_organization")
                .prefetch_related("chains").order_by("name"))


class EnterpriseDetailView(ScopedDetailView):
    model = Enterprise
    template_name = "enterprises/enterprise_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("county", "park", "party_organization").prefetch_related("chains")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = self.object.alliance_memberships.visible_to(self.request.scope) \
            .select_related("alliance")
        context["contacts"] = EnterpriseContact.objects.visible_to(self.request.scope) \
            .filter(enterprise=self.object, active=True).select_related("user")
        return context
