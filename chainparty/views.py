"""Base view mixins (the one place pages apply the Scope) and the core pages."""
from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.generic import DetailView
from django_filters.conf import settings as filter_settings
from django_filters.views import FilterView
from django_filters.widgets import BooleanWidget


class ScopedViewMixin(LoginRequiredMixin):
    """Pages see only what the user's Scope makes visible: anything else is a 404, like a missing object."""

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.scope)


class ScopedEditMixin(ScopedViewMixin):
    """Create/update/delete pages: invisible objects are 404, visible but not editable ones 403."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not type(obj).objects.editable_by(self.request.scope).filter(pk=obj.pk).exists():
            raise PermissionDenied
        return obj


class ScopedListView(ScopedViewMixin, FilterView):
    """A paginated list whose filters (a FilterSet shared with the API) stay in the URL."""

    paginate_by = 25
    strict = False

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        for field in filterset.form.fields.values():
            # A yes/no filter left unset filters nothing: it reads "all", like the others, not "unknown".
            if isinstance(field.widget, (forms.NullBooleanSelect, BooleanWidget)):
                field.widget.choices = [(value, filter_settings.EMPTY_CHOICE_LABEL if value in ("", "unknown")
                                         else label) for value, label in field.widget.choices]
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        return context


class ScopedDetailView(ScopedViewMixin, DetailView):
    pass


def home(request):
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    from alliances.models import IndustrialChain
    from enterprises.models import Enterprise
    from parks.models import JointCommittee

    scope = request.scope
    context = {
        "chain_count": IndustrialChain.objects.visible_to(scope).count(),
        "committee_count": JointCommittee.objects.visible_to(scope).count(),
        "enterprise_count": Enterprise.objects.visible_to(scope).count(),
        "organized_count": Enterprise.objects.visible_to(scope).filter(party_organization__isnull=False).count(),
    }
    return render(request, "chainparty/home.html", context)
