"""Pages of the parks app: parks and their joint committees."""
from django.db.models import Count

from chainparty.views import ScopedDetailView, ScopedListView
from enterprises.models import Enterprise

from .filters import ParkFilterSet
from .models import CommitteePosition, Park, PartyWorker


class ParkListView(ScopedListView):
    model = Park
    filterset_class = ParkFilterSet
    template_name = "parks/park_list.html"

    def get_queryset(self):
        return (super().get_queryset().select_related("county", "committee", "committee__chain")
                .annotate(enterprise_count=Count("enterprises", distinct=True)).order_by("county__code", "name"))


class ParkDetailView(ScopedDetailView):
    model = Park
    template_name = "parks/park_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("county", "committee", "committee__chain")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.request.scope
        committee = getattr(self.object, "committee", None)
        if committee:
            context["positions"] = CommitteePosition.objects.visible_to(scope).filter(committee=committee).active()
            context["workers"] = PartyWorker.objects.visible_to(scope).filter(committee=committee).active()
        enterprises = Enterprise.objects.visible_to(scope).filter(park=self.object)
        context["enterprise_total"] = enterprises.count()
        context["enterprises"] = enterprises.select_related("park", "party_organization").order_by("name")[:50]
        context["enterprise_list_query"] = f"park={self.object.pk}"
        return context
