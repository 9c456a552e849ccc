"""Base view mixins (the one place pages apply the Scope) and the core pages."""
from __future__ import annotations

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import resolve, reverse
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView
from django_filters.conf import settings as filter_settings
from django_filters.views import FilterView
from django_filters.widgets import BooleanWidget

from .empty_states import EmptyState


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


class EmptyStateMixin:
    """A list page that, when it shows no rows, says why and what to do next (``empty_state`` in the context).

    ``create_url`` names the page that adds a record here; whether the user may is that page's own rule
    (``may_create(scope)`` of its view), so the list's buttons and the create page always agree."""

    empty: EmptyState
    create_url = ""

    def may_create(self) -> bool:
        return bool(self.create_url) and resolve(reverse(self.create_url)).func.view_class.may_create(
            self.request.scope)

    def is_filtered(self) -> bool:
        return False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_create"] = may_create = self.may_create()
        if not context["object_list"]:
            context["empty_state"] = self.empty.render(
                self.request, filtered=self.is_filtered(), create_url=reverse(self.create_url) if may_create else "")
        return context


class ScopedListView(EmptyStateMixin, ScopedViewMixin, FilterView):
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

    def is_filtered(self) -> bool:
        form = self.filterset.form
        return form.is_bound and any(
            _has_value(field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name)))
            for name, field in form.fields.items())

    def editable_ids(self, objects) -> set[int]:
        return set(self.model.objects.editable_by(self.request.scope).filter(pk__in=[obj.pk for obj in objects])
                   .values_list("pk", flat=True))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["querystring"] = query.urlencode()
        # Lazy: the query runs only on pages that show edit links, once for all the page's rows.
        context["editable_ids"] = SimpleLazyObject(lambda: self.editable_ids(context["object_list"]))
        return context


def _has_value(value) -> bool:
    if isinstance(value, (list, tuple)):
        return any(_has_value(part) for part in value)
    return value not in (None, "")


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
