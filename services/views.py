"""Pages of the needs: the contact's "my needs" and form, the alliance/committee inbox, the department's
assigned needs, the officials' filtered list, the need with its timeline, and one page per transition."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chainparty.empty_states import EmptyState
from chainparty.uploads import serve_private_file
from chainparty.views import ScopedDetailView, ScopedListView

from . import actions
from .filters import NeedFilterSet
from .forms import TRANSITION_FORMS, NeedSubmitForm, bootstrap
from .models import Need, NeedAttachment, Resource


@login_required
def need_home(request):
    """"Needs" in the menu: each role lands on the list it works with."""
    scope = request.scope
    if scope.enterprise_ids:
        return redirect("services:my-needs")
    if scope.alliance_ids or scope.committee_ids:
        return redirect("services:need-inbox")
    if scope.department_ids:
        return redirect("services:assigned-needs")
    return redirect("services:need-list")


class NeedListView(ScopedListView):
    """Every need the user may see, with filters (chain, park, category, status, overdue, period); read-only."""

    model = Need
    filterset_class = NeedFilterSet
    template_name = "services/need_list.html"
    create_url = "services:need-submit"
    empty = EmptyState(
        filtered=gettext_lazy("No need matches these filters."),
        nothing=gettext_lazy("No need yet."),
        create=gettext_lazy("Submit a need"),
        elsewhere=gettext_lazy("Needs appear here once enterprises submit them or they are raised in meetings and "
                               "visits."))

    def may_create(self) -> bool:
        return bool(self.create_url) and may_submit_needs(self.request.scope)

    def get_queryset(self):
        return super().get_queryset().with_list_data().order_by("-submitted_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["today"] = timezone.localdate()
        return context


class MyNeedsView(NeedListView):
    """The enterprise contact's needs: status, deadlines, and a way to the timeline."""

    template_name = "services/my_needs.html"
    empty = EmptyState(
        nothing=gettext_lazy("You have not submitted any need yet. Tell us what your enterprise needs: energy, "
                             "land, workers, funding, policies …"),
        create=gettext_lazy("Submit a need"),
        elsewhere=gettext_lazy("Enterprise contacts submit and follow their enterprise's needs here."))

    def get_queryset(self):
        return super().get_queryset().filter(enterprise_id__in=self.request.scope.enterprise_ids)


INBOX_TABS = {
    "new": lambda needs, today: needs.awaiting_dispatch(),
    "overdue": lambda needs, today: needs.late(today),
    "feedback": lambda needs, today: needs.awaiting_feedback(),
    "extensions": lambda needs, today: needs.awaiting_extension_decision(),
}


class NeedInboxView(NeedListView):
    """The alliance's or committee's inbox: new needs, needs past a deadline, needs awaiting feedback."""

    template_name = "services/need_inbox.html"
    create_url = ""
    empty = EmptyState(nothing=gettext_lazy("Nothing waits for you here."), elsewhere=gettext_lazy(
        "Needs of your enterprises appear here when they need you; you will be notified."))

    def tab(self) -> str:
        tab = self.request.GET.get("tab", "new")
        return tab if tab in INBOX_TABS else "new"

    def base(self):
        return Need.objects.visible_to(self.request.scope).dispatched_by(self.request.scope)

    def get_queryset(self):
        needs = INBOX_TABS[self.tab()](self.base(), timezone.localdate()).with_list_data()
        return needs.order_by(F("accept_due").asc(nulls_last=True), "submitted_at", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["tab"] = self.tab()
        context["tab_counts"] = {name: pick(self.base(), today).count() for name, pick in INBOX_TABS.items()}
        return context


class AssignedNeedsView(NeedListView):
    """Needs assigned to the user's departments, the nearest due date first, overdue ones marked."""

    template_name = "services/assigned_needs.html"
    create_url = ""
    empty = EmptyState(
        filtered=gettext_lazy("No need matches these filters."),
        nothing=gettext_lazy("No need is assigned to your department at the moment."),
        elsewhere=gettext_lazy("Needs that an alliance or joint committee assigns to your department appear here; "
                               "you will be notified."))

    def get_queryset(self):
        needs = super().get_queryset()
        if not self.request.scope.is_superuser:
            needs = needs.assigned_to(self.request.scope.department_ids)
        if "status" not in self.request.GET:
            needs = needs.filter(status__in=[*Need.WORKING_STATUSES, Need.Status.RESOLVED])
        return needs.order_by(F("due_date").asc(nulls_last=True), "pk")


class NeedDetailView(ScopedDetailView):
    model = Need
    template_name = "services/need_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "park", "county", "submitted_by",
                                                     "duplicate_of").prefetch_related("chains")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        need = self.object
        context.update(
            events=need.events.select_related("actor"),
            assignments=need.assignments.select_related("department", "signed_by", "returned_by"),
            extensions=need.extension_requests.select_related("requested_by", "decided_by"),
            feedback=need.feedback.select_related("given_by"),
            attachments=need.attachments.all(),
            allowed=[actions.TRANSITIONS[name] for name in actions.allowed_transitions(need, self.request.scope)],
            today=timezone.localdate(),
            resources=Resource.objects.visible_to(self.request.scope).matching(need).select_related("department")[:6],
        )
        return context


def _next_url(request, need) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("services:need-detail", args=[need.pk])


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def need_action(request, pk: int, name: str):
    """One page per transition: a short form, then the action of actions.py (which checks role and state)."""
    if name not in actions.TRANSITIONS:
        raise Http404
    scope = request.scope
    need = get_object_or_404(Need.objects.visible_to(scope).select_related("county__parent__parent"), pk=pk)
    if not Need.objects.editable_by(scope).filter(pk=need.pk).exists():
        raise PermissionDenied
    form_class = TRANSITION_FORMS[name]
    form = form_class(request.POST if request.method == "POST" else None, need=need, scope=scope)
    bootstrap(form)
    if request.method == "POST" and form.is_valid():
        try:
            actions.perform(name, need, acting_user=request.user, **form.cleaned_data)
        except ValidationError as error:  # TransitionRefused included: nothing changed
            _add_errors(form, error)
        else:
            messages.success(request, _("Done: %(action)s.") % {"action": actions.TRANSITIONS[name].label})
            return redirect(_next_url(request, need))
    return render(request, "services/need_action.html", {
        "need": need, "form": form, "transition": actions.TRANSITIONS[name], "name": name,
        "next": request.POST.get("next") or request.GET.get("next", ""),
        "pending_extension": need.extension_requests.pending().first(),
    }, status=400 if request.method == "POST" else 200)


def may_submit_needs(scope) -> bool:
    return scope.is_superuser or bool(scope.enterprise_ids)


@login_required
def need_submit(request):
    scope = request.scope
    if not may_submit_needs(scope):
        raise PermissionDenied
    posted = request.method == "POST"
    form = NeedSubmitForm(request.POST if posted else None, request.FILES if posted else None, scope=scope)
    if request.method == "POST" and form.is_valid():
        values = {key: form.cleaned_data[key] for key in form.Meta.fields}
        try:
            need = actions.submit_need(acting_user=request.user, attachments=form.cleaned_data["attachments"],
                                       **values)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Your need has been submitted. You can follow it here."))
            return redirect("services:need-detail", pk=need.pk)
    return render(request, "services/need_form.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
def attachment_download(request, pk: int):
    attachment = get_object_or_404(NeedAttachment.objects.visible_to(request.scope), pk=pk)
    return serve_private_file(request, NeedAttachment.objects.all(), pk, "file", download_name=attachment.name)
