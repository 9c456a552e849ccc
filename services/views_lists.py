"""Pages of the resource, project and visit lists, and the coverage of key enterprises by visits."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from chainparty.empty_states import EmptyState
from chainparty.figures import Period, PeriodError, percentage
from chainparty.views import ScopedDetailView, ScopedEditMixin, ScopedListView
from enterprises.models import Enterprise

from .filters_lists import CoverageFilterSet, ProjectFilterSet, ResourceFilterSet, VisitFilterSet
from .forms_lists import MilestoneFormSet, ProjectForm, ResourceForm, VisitForm
from .models import Project, Resource, Visit
from .querysets_lists import key_enterprises


def may_publish_resources(scope) -> bool:
    return scope.is_superuser or bool(scope.department_ids)


def may_enter_projects(scope) -> bool:
    return scope.is_superuser or bool(scope.alliance_ids)


def may_record_visits(scope) -> bool:
    return scope.is_superuser or bool(scope.alliance_ids or scope.committee_ids or scope.department_ids)


class CanEditMixin:
    """Tell the template whether the user may change the object shown."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = type(self.object)
        context["can_edit"] = model.objects.editable_by(self.request.scope).filter(pk=self.object.pk).exists()
        return context


class ScopedFormMixin(LoginRequiredMixin):
    """Create and update pages: the form gets the Scope. On create pages, ``may_create(scope)`` decides who may
    create at all; update pages leave it to ScopedEditMixin (404 outside the scope, 403 read-only)."""

    may_create = None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.may_create is not None and not self.may_create(request.scope):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.request.scope}

    def form_valid(self, form):
        messages.success(self.request, _("Saved."))
        return super().form_valid(form)


# Resources -------------------------------------------------------------------------------------------------


class ResourceListView(ScopedListView):
    """For an enterprise contact, the resources for their chains; for department staff, theirs and the rest."""

    model = Resource
    filterset_class = ResourceFilterSet
    template_name = "services/resource_list.html"
    create_url = "services:resource-create"
    empty = EmptyState(
        filtered=gettext_lazy("No resource matches these filters."),
        nothing=gettext_lazy("No resource published yet."),
        create=gettext_lazy("Publish a resource"),
        elsewhere=gettext_lazy("Policies, loans and other resources appear here once the departments publish "
                               "them."))

    def readers_only(self) -> bool:
        scope = self.request.scope
        return not (scope.is_superuser or scope.department_ids or scope.region_ids)

    def get_queryset(self):
        queryset = super().get_queryset().select_related("department").prefetch_related("target_chains")
        if self.readers_only():
            queryset = queryset.not_expired()  # an expired offer is noise to the enterprise
        return queryset.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["for_my_chains"] = bool(self.request.scope.enterprise_ids) and self.readers_only()
        return context


class ResourceDetailView(CanEditMixin, ScopedDetailView):
    model = Resource
    template_name = "services/resource_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("department").prefetch_related("target_chains")


class ResourceCreateView(ScopedFormMixin, CreateView):
    model = Resource
    form_class = ResourceForm
    template_name = "services/resource_form.html"
    may_create = staticmethod(may_publish_resources)


class ResourceUpdateView(ScopedFormMixin, ScopedEditMixin, UpdateView):
    model = Resource
    form_class = ResourceForm
    template_name = "services/resource_form.html"


# Projects --------------------------------------------------------------------------------------------------


class ProjectListView(ScopedListView):
    model = Project
    filterset_class = ProjectFilterSet
    template_name = "services/project_list.html"
    create_url = "services:project-create"
    empty = EmptyState(
        filtered=gettext_lazy("No project matches these filters."),
        nothing=gettext_lazy("No annual project yet."),
        create=gettext_lazy("New project"),
        elsewhere=gettext_lazy("Projects appear here once the alliances enter them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("alliance", "department")
                .annotate(milestone_count=Count("milestones", distinct=True),
                          milestones_done=Count("milestones", filter=Q(milestones__done_on__isnull=False),
                                                distinct=True),
                          target_count=Count("target_enterprises", distinct=True))
                .order_by("-year", "alliance__name", "category", "title"))


class ProjectDetailView(CanEditMixin, ScopedDetailView):
    model = Project
    template_name = "services/project_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alliance__chain", "department")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.request.scope
        context["milestones"] = self.object.milestones.visible_to(scope)
        context["targets"] = self.object.target_enterprises.visible_to(scope).order_by("name")
        context["today"] = timezone.localdate()
        return context


class ProjectFormMixin(ScopedFormMixin):
    """A project is edited with its milestones, saved together or not at all."""

    model = Project
    form_class = ProjectForm
    template_name = "services/project_form.html"

    def get_formset(self):
        return MilestoneFormSet(self.request.POST or None, instance=self.object or Project(),
                                prefix="milestones")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        return context

    def form_valid(self, form):
        formset = MilestoneFormSet(self.request.POST, instance=form.instance, prefix="milestones")
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        with transaction.atomic():
            response = super().form_valid(form)
            formset.instance = self.object
            formset.save()
        return response

    def form_invalid(self, form):
        formset = MilestoneFormSet(self.request.POST, instance=form.instance, prefix="milestones")
        formset.is_valid()
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class ProjectCreateView(ProjectFormMixin, CreateView):
    may_create = staticmethod(may_enter_projects)

    def get_initial(self):
        return {"year": timezone.localdate().year}


class ProjectUpdateView(ProjectFormMixin, ScopedEditMixin, UpdateView):
    pass


# Visits ----------------------------------------------------------------------------------------------------


class VisitListView(ScopedListView):
    model = Visit
    filterset_class = VisitFilterSet
    template_name = "services/visit_list.html"
    create_url = "services:visit-create"
    empty = EmptyState(
        filtered=gettext_lazy("No visit matches these filters."),
        nothing=gettext_lazy("No visit recorded yet."),
        create=gettext_lazy("Record a visit"),
        elsewhere=gettext_lazy("Visits appear here once the alliances, joint committees and departments record "
                               "them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("enterprise", "alliance", "committee", "department")
                .order_by("-visited_on", "-pk"))


class VisitDetailView(CanEditMixin, ScopedDetailView):
    model = Visit
    template_name = "services/visit_detail.html"

    def get_queryset(self):
        return (super().get_queryset().select_related("enterprise", "alliance", "committee", "department",
                                                      "created_by").prefetch_related("visitor_users"))

    def get_context_data(self, **kwargs):
        from .forms_lists import VisitNeedForm
        from .models import Need

        context = super().get_context_data(**kwargs)
        context["needs"] = Need.objects.visible_to(self.request.scope).filter(visit=self.object)
        context["need_form"] = kwargs.get("need_form") or VisitNeedForm()
        return context


@login_required
@require_POST
def visit_need(request, pk):
    """Record a need the enterprise raised during the visit; it enters the workflow linked to the visit."""
    from . import actions
    from .forms_lists import VisitNeedForm

    visit = get_object_or_404(Visit.objects.visible_to(request.scope), pk=pk)
    form = VisitNeedForm(request.POST)
    if form.is_valid():
        try:
            need = actions.raise_need_from_visit(visit, acting_user=request.user, **form.cleaned_data)
        except actions.TransitionRefused as refused:
            messages.error(request, refused.messages[0])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("The need is recorded and enters the follow-up."))
            return redirect("services:need-detail", pk=need.pk)
    view = VisitDetailView(request=request, kwargs={"pk": pk}, object=visit)
    return render(request, view.template_name, view.get_context_data(object=visit, need_form=form))


class VisitFormMixin(ScopedFormMixin):
    model = Visit
    form_class = VisitForm
    template_name = "services/visit_form.html"


class VisitCreateView(VisitFormMixin, CreateView):
    may_create = staticmethod(may_record_visits)

    def get_initial(self):
        initial = {"visited_on": timezone.localdate()}
        enterprise = self.request.GET.get("enterprise")
        if enterprise and enterprise.isdigit():
            initial["enterprise"] = int(enterprise)
        return initial

    def form_valid(self, form):
        form.instance.created_by = self.request.user
        return super().form_valid(form)


class VisitUpdateView(VisitFormMixin, ScopedEditMixin, UpdateView):
    pass


class CoverageView(ScopedListView):
    """Key enterprises (chain leaders and above-scale, on key chains), each visited or not in the period."""

    model = Enterprise
    filterset_class = CoverageFilterSet
    template_name = "services/visit_coverage.html"
    paginate_by = 50
    empty = EmptyState(
        filtered=gettext_lazy("No key enterprise matches these filters."),
        nothing=gettext_lazy("No key enterprise yet."),
        elsewhere=gettext_lazy("Chain leaders and enterprises above designated size on the key chains appear here "
                               "once they are in the enterprise list."))

    def period(self) -> Period:
        try:
            return Period.parse(self.request.GET.get("period", ""))
        except PeriodError:
            return Period(timezone.localdate().year)

    def get_queryset(self):
        period = self.period()
        in_period = Q(visits__visited_on__gte=period.start, visits__visited_on__lte=period.end)
        return (super().get_queryset().filter(pk__in=key_enterprises().values("pk"))
                .select_related("park", "county").prefetch_related("chains")
                .annotate(visits_in_period=Count("visits", filter=in_period),
                          last_visit=Max("visits__visited_on", filter=in_period))
                .order_by("visits_in_period", "name"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        totals = self.object_list.aggregate(total=Count("pk"), covered=Count("pk", filter=Q(visits_in_period__gt=0)))
        context.update(period=self.period(), total=totals["total"], covered=totals["covered"],
                       share=percentage(totals["covered"], totals["total"]))
        return context
