"""Pages of the parks app: parks and their joint committees."""
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from chainparty.empty_states import EmptyState
from chainparty.views import ScopedDetailView, ScopedListView
from enterprises.models import Enterprise

from .filters import ParkFilterSet
from .models import CommitteePosition, Park, PartyWorker


class ParkListView(ScopedListView):
    model = Park
    filterset_class = ParkFilterSet
    template_name = "parks/park_list.html"
    create_url = "admin:parks_park_add"
    empty = EmptyState(
        filtered=_("No park matches these filters."),
        nothing=_("No park yet."),
        create=_("Add a park in the administration"),
        elsewhere=_("Parks appear here once an administrator adds those of your region."))

    def may_create(self) -> bool:
        return self.request.scope.is_superuser

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
