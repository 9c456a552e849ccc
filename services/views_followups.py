"""The officials' weekly report of publicized needs (通报): every need listed by the follow-up pass for being
overdue beyond the 通报 delay, seen by whoever sees the need (officials: their region)."""
from __future__ import annotations

from datetime import timedelta

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from chainparty.empty_states import EmptyState
from chainparty.views import ScopedListView

from .filters import FollowUpFilterSet
from .followups import today_in_china
from .models import Assignment, FollowUp


class PublicizedNeedsView(ScopedListView):
    model = FollowUp
    filterset_class = FollowUpFilterSet
    template_name = "services/publicized_needs.html"
    empty = EmptyState(
        filtered=_("No publicized need matches these filters."),
        nothing=_("No need has been publicized."),
        elsewhere=_("Each week the follow-up pass lists here the needs overdue beyond the publicizing delay."))

    def get_queryset(self):
        leads = Assignment.objects.current().filter(is_lead=True).select_related("department")
        return super().get_queryset().publicized().select_related(
            "need__enterprise", "need__county").prefetch_related(
            Prefetch("need__assignments", queryset=leads, to_attr="lead_assignments")).order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = today_in_china()
        context["week_start"] = today - timedelta(days=today.weekday())
        return context
