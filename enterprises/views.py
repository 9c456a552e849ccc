"""Pages of the enterprises app: the enterprise list with filters, and each enterprise with its Party organisation."""
from django.utils.translation import gettext_lazy

from chainparty.empty_states import EmptyState
from chainparty.views import EmptyStateMixin, ScopedDetailView, ScopedListView

from .filters import EnterpriseFilterSet
from .models import Enterprise, EnterpriseContact


class EnterpriseListView(ScopedListView):
    model = Enterprise
    filterset_class = EnterpriseFilterSet
    template_name = "enterprises/enterprise_list.html"
    create_url = "admin:enterprises_enterprise_import"
    empty = EmptyState(
        filtered=gettext_lazy("No enterprise matches these filters."),
        nothing=gettext_lazy("No enterprises."),
        create=gettext_lazy("Import enterprises from Excel"),
        elsewhere=gettext_lazy("Enterprises appear here once an administrator imports them or they request an "
                               "account."))

    def may_create(self) -> bool:
        return self.request.scope.is_superuser

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


# --- Member growth and branch building (issue 4) -------------------------------------------------

from django.contrib import messages  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.contrib.auth.mixins import LoginRequiredMixin  # noqa: E402
from django.core.exceptions import PermissionDenied, ValidationError  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.http import HttpResponseRedirect  # noqa: E402
from django.shortcuts import get_object_or_404, redirect  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.http import url_has_allowed_host_and_scheme  # noqa: E402
from django.utils.translation import gettext as _  # noqa: E402
from django.views.decorators.http import require_POST  # noqa: E402
from django.views.generic import CreateView, ListView, UpdateView  # noqa: E402

from alliances.models import Alliance  # noqa: E402
from chainparty.views import ScopedEditMixin  # noqa: E402

from . import actions  # noqa: E402
from .filters import (BranchRatingFilterSet, DemonstrationSiteFilterSet, MemberPostFilterSet,  # noqa: E402
                      MemberReportFilterSet, TrainingSessionFilterSet)
from .forms import (BranchRatingForm, DemonstrationSiteForm, MemberPostForm, MemberPostProjectFormSet,  # noqa: E402
                    MemberReportForm, ReturnReportForm, TrainingSessionForm, reporting_organizations,
                    supervised_organizations)
from .models import (BranchRating, DemonstrationSite, MemberPost, MemberReport, PartyOrganization,  # noqa: E402
                     TrainingSession)
from parks.models import JointCommittee  # noqa: E402

FLOW_FIELDS = [name for name in MemberReport.COUNT_FIELDS if name not in ("members", "candidates_carried_over")]


class GrowthPageMixin:
    """The member-growth pages share a tab bar; ``tab`` names the active one."""

    tab = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = self.request.scope
        context["growth_tab"] = self.tab
        context["is_supervisor"] = scope.is_superuser or bool(scope.committee_ids or scope.alliance_ids)
        return context


class ScopedCreateView(GrowthPageMixin, LoginRequiredMixin, CreateView):
    """A create page: only for users whose positions allow it (403 otherwise); the form offers only what they may
    act on, and the saved record must lie inside what they may change."""

    template_name = "enterprises/growth_form.html"
    success_message = gettext_lazy("Saved.")

    @staticmethod
    def may_create(scope) -> bool:
        return scope.is_superuser

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.may_create(request.scope):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.request.scope}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("New %(record)s") % {"record": self.model._meta.verbose_name}
        context["cancel_url"] = reverse(self.list_url)
        return context

    def get_success_url(self):
        return reverse(self.list_url)

    def before_save(self, instance) -> None:
        """Set what the user does not choose (who filed, who rated …)."""

    def form_valid(self, form):
        with transaction.atomic():
            self.object = form.save(commit=False)
            self.before_save(self.object)
            self.object.save()
            form.save_m2m()
            if not type(self.object).objects.editable_by(self.request.scope).filter(pk=self.object.pk).exists():
                raise PermissionDenied
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ScopedUpdateView(GrowthPageMixin, ScopedEditMixin, UpdateView):
    template_name = "enterprises/growth_form.html"
    success_message = gettext_lazy("Saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.request.scope}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = _("Change %(record)s") % {"record": self.object}
        context["cancel_url"] = reverse(self.list_url)
        return context

    def get_success_url(self):
        return reverse(self.list_url)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, self.success_message)
        return response


# Member reports ---------------------------------------------------------------------------------

class MemberReportListView(GrowthPageMixin, ScopedListView):
    """Reports the user may see, with the sums of the approved ones among them (the figures of a chain or park)."""

    model = MemberReport
    filterset_class = MemberReportFilterSet
    template_name = "enterprises/member_report_list.html"
    tab = "reports"
    create_url = "enterprises:member-report-create"
    empty = EmptyState(
        filtered=gettext_lazy("No report matches these filters."),
        nothing=gettext_lazy("No member-growth report yet."),
        create=gettext_lazy("File a quarterly report"),
        elsewhere=gettext_lazy("Reports appear here once the enterprises' Party organisations file them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("organization")
                .prefetch_related("organization__enterprises__park").order_by("-year", "-quarter",
                                                                              "organization__name"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        approved = self.filterset.qs.filter(status=MemberReport.Status.APPROVED).order_by()
        context["totals"] = approved.aggregate(reports=Count("pk"), **{
            name: Coalesce(Sum(name), 0) for name in FLOW_FIELDS})
        context["total_fields"] = [(name, MemberReport._meta.get_field(name).verbose_name) for name in FLOW_FIELDS]
        context["my_organizations"] = list(reporting_organizations(self.request.scope)[:20])
        return context


class MemberReportQueueView(GrowthPageMixin, EmptyStateMixin, LoginRequiredMixin, ListView):
    """The approval queue: submitted reports the user decides on."""

    template_name = "enterprises/member_report_queue.html"
    paginate_by = 25
    tab = "queue"
    empty = EmptyState(
        nothing=gettext_lazy("No report awaits your decision."),
        elsewhere=gettext_lazy("Reports that enterprises submit to you appear here; you will be notified."))

    def get_queryset(self):
        return (MemberReport.objects.decidable_by(self.request.scope).select_related("organization", "filed_by")
                .prefetch_related("organization__enterprises__park").order_by("submitted_at", "pk"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["return_form"] = ReturnReportForm()
        return context


class MemberReportCreateView(ScopedCreateView):
    model = MemberReport
    form_class = MemberReportForm
    tab = "reports"
    list_url = "enterprises:member-report-list"
    extra_context = {"submit_button": True, "intro": gettext_lazy(
        "Figures of the quarter for your Party organisation. Save a draft at any time; once submitted, the report "
        "is locked until the joint committee (or the alliance) approves it or returns it with a reason.")}
    success_message = gettext_lazy("The report is saved as a draft.")

    @staticmethod
    def may_create(scope) -> bool:
        return reporting_organizations(scope).exists()

    def get_initial(self):
        initial = super().get_initial()
        for name in ("organization", "year", "quarter"):
            if self.request.GET.get(name, "").isdigit():
                initial[name] = int(self.request.GET[name])
        return initial

    def before_save(self, instance) -> None:
        instance.filed_by = self.request.user

    def get_success_url(self):
        return submit_if_asked(self.request, self.object)


class MemberReportUpdateView(ScopedUpdateView):
    model = MemberReport
    form_class = MemberReportForm
    tab = "reports"
    list_url = "enterprises:member-report-list"
    extra_context = {"submit_button": True, "intro": gettext_lazy(
        "Figures of the quarter for your Party organisation. Save a draft at any time; once submitted, the report "
        "is locked until the joint committee (or the alliance) approves it or returns it with a reason.")}

    def get_success_url(self):
        return submit_if_asked(self.request, self.object)


def submit_if_asked(request, report) -> str:
    """"Save and submit" saves, then submits; a report that cannot be submitted stays saved as it is."""
    if "submit" in request.POST:
        try:
            actions.submit_report(report, acting_user=request.user)
            messages.success(request, _("The report is submitted for approval."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return reverse("enterprises:member-report-detail", args=[report.pk])


class MemberReportDetailView(GrowthPageMixin, ScopedDetailView):
    model = MemberReport
    template_name = "enterprises/member_report_detail.html"
    tab = "reports"
    return_form = None

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "filed_by", "decided_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, scope = self.object, self.request.scope
        context["count_rows"] = [(MemberReport._meta.get_field(name), getattr(report, name))
                                 for name in MemberReport.COUNT_FIELDS]
        context["can_edit"] = MemberReport.objects.editable_by(scope).filter(pk=report.pk).exists()
        context["can_decide"] = MemberReport.objects.decidable_by(scope).filter(pk=report.pk).exists()
        context["can_return"] = MemberReport.objects.returnable_by(scope).filter(pk=report.pk).exists()
        context["return_form"] = self.return_form or ReturnReportForm()
        context["events"] = report.history.select_related("history_user").order_by("-history_date")
        return context


def _visible_report(request, pk) -> MemberReport:
    return get_object_or_404(MemberReport.objects.visible_to(request.scope), pk=pk)


def _back(request, report):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("enterprises:member-report-detail", report.pk)


def _step(request, report, step, success, **kwargs):
    try:
        step(report, acting_user=request.user, **kwargs)
        messages.success(request, success)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return _back(request, report)


@login_required
@require_POST
def member_report_submit(request, pk):
    return _step(request, _visible_report(request, pk), actions.submit_report,
                 _("The report is submitted for approval."))


@login_required
@require_POST
def member_report_approve(request, pk):
    return _step(request, _visible_report(request, pk), actions.approve_report, _("The report is approved."))


@login_required
@require_POST
def member_report_return(request, pk):
    report = _visible_report(request, pk)
    if not MemberReport.objects.returnable_by(request.scope).filter(pk=report.pk).exists():
        raise PermissionDenied
    form = ReturnReportForm(request.POST)
    if not form.is_valid():
        view = MemberReportDetailView(request=request, kwargs={"pk": pk}, return_form=form)
        view.object = report
        return view.render_to_response(view.get_context_data(object=report))
    return _step(request, report, actions.return_report, _("The report is returned to the enterprise."),
                 reason=form.cleaned_data["reason"])


ORGANIZATION_REPORTS_EMPTY = EmptyState(
    nothing=gettext_lazy("No report yet."), create=gettext_lazy("File a quarterly report"),
    elsewhere=gettext_lazy("Reports appear here once this Party organisation files them."))


class OrganizationGrowthView(GrowthPageMixin, ScopedDetailView):
    """One organisation's figures quarter by quarter, as a table and a chart."""

    model = PartyOrganization
    template_name = "enterprises/organization_growth.html"
    tab = "reports"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = list(MemberReport.objects.visible_to(self.request.scope).filter(organization=self.object)
                       .order_by("year", "quarter"))
        charted = [report for report in reports if report.status != MemberReport.Status.DRAFT]
        names = {name: str(MemberReport._meta.get_field(name).verbose_name) for name in MemberReport.COUNT_FIELDS}
        context["reports"] = list(reversed(reports))
        context["can_file"] = reporting_organizations(self.request.scope).filter(pk=self.object.pk).exists()
        create_url = f"{reverse('enterprises:member-report-create')}?organization={self.object.pk}"
        context["empty_state"] = ORGANIZATION_REPORTS_EMPTY.render(
            self.request, create_url=create_url if context["can_file"] else "")
        context["chart"] = {
            "labels": [report.period_code for report in charted],
            "members": {"name": names["members"], "data": [report.members for report in charted]},
            "series": [{"name": names[name], "data": [getattr(report, name) for report in charted]}
                       for name in ("applications", "activists", "candidates", "admitted", "hidden_members_found",
                                    "transferred_in")],
            "statuses": [report.get_status_display() for report in charted],
            "countAxis": _("people in the quarter"),
            "membersAxis": _("Party members"),
        }
        return context


# Member posts -----------------------------------------------------------------------------------

class MemberPostListView(GrowthPageMixin, ScopedListView):
    model = MemberPost
    filterset_class = MemberPostFilterSet
    template_name = "enterprises/member_post_list.html"
    tab = "posts"
    create_url = "enterprises:member-post-create"
    empty = EmptyState(
        filtered=gettext_lazy("No member post matches these filters."),
        nothing=gettext_lazy("No member post yet."),
        create=gettext_lazy("New member post"),
        elsewhere=gettext_lazy("Member posts appear here once the enterprises or joint committees set them up."))

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise").prefetch_related("projects") \
            .order_by("enterprise__name", "kind", "name")


class MemberPostFormMixin:
    """The post's projects are edited on the same page, as an inline formset saved with the post."""

    model = MemberPost
    form_class = MemberPostForm
    tab = "posts"
    list_url = "enterprises:member-post-list"

    def get_formset(self, instance=None):
        instance = instance or getattr(self, "object", None) or MemberPost()
        return MemberPostProjectFormSet(self.request.POST or None, instance=instance, prefix="projects")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["formset_title"] = _("Projects taken on")
        return context

    def form_valid(self, form):
        formset = self.get_formset(form.instance)
        if not formset.is_valid():
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        with transaction.atomic():
            response = super().form_valid(form)
            formset.instance = self.object
            formset.save()
        return response


class MemberPostCreateView(MemberPostFormMixin, ScopedCreateView):
    @staticmethod
    def may_create(scope) -> bool:
        return scope.is_superuser or bool(scope.enterprise_ids or scope.park_ids)


class MemberPostUpdateView(MemberPostFormMixin, ScopedUpdateView):
    pass


# Branch ratings ---------------------------------------------------------------------------------

class BranchRatingListView(GrowthPageMixin, ScopedListView):
    model = BranchRating
    filterset_class = BranchRatingFilterSet
    template_name = "enterprises/branch_rating_list.html"
    tab = "ratings"
    create_url = "enterprises:branch-rating-create"
    empty = EmptyState(
        filtered=gettext_lazy("No rating matches these filters."),
        nothing=gettext_lazy("No branch rating yet."),
        create=gettext_lazy("Rate a branch"),
        elsewhere=gettext_lazy("Ratings appear here once the joint committees or alliances rate the branches."))

    def get_queryset(self):
        return super().get_queryset().select_related("organization", "rated_by").order_by("-year",
                                                                                          "organization__name")


class BranchRatingCreateView(ScopedCreateView):
    model = BranchRating
    form_class = BranchRatingForm
    tab = "ratings"
    list_url = "enterprises:branch-rating-list"
    extra_context = {"intro": BranchRating.GRADE_HELP}

    @staticmethod
    def may_create(scope) -> bool:
        return supervised_organizations(scope).exists()

    def before_save(self, instance) -> None:
        instance.rated_by = self.request.user


class BranchRatingUpdateView(ScopedUpdateView):
    model = BranchRating
    form_class = BranchRatingForm
    tab = "ratings"
    list_url = "enterprises:branch-rating-list"
    extra_context = {"intro": BranchRating.GRADE_HELP}

    def form_valid(self, form):
        form.instance.rated_by = self.request.user
        return super().form_valid(form)


# Training sessions ------------------------------------------------------------------------------

class TrainingSessionListView(GrowthPageMixin, ScopedListView):
    model = TrainingSession
    filterset_class = TrainingSessionFilterSet
    template_name = "enterprises/training_session_list.html"
    tab = "trainings"
    create_url = "enterprises:training-session-create"
    empty = EmptyState(
        filtered=gettext_lazy("No training session matches these filters."),
        nothing=gettext_lazy("No training session yet."),
        create=gettext_lazy("Enter a training session"),
        elsewhere=gettext_lazy("Training sessions appear here once the joint committees enter them."))

    def get_queryset(self):
        return super().get_queryset().select_related("organizer", "committee") \
            .annotate(organization_count=Count("organizations")).order_by("-start_date", "topic")


class TrainingSessionCreateView(ScopedCreateView):
    model = TrainingSession
    form_class = TrainingSessionForm
    tab = "trainings"
    list_url = "enterprises:training-session-list"

    @staticmethod
    def may_create(scope) -> bool:
        return scope.is_superuser or JointCommittee.objects.editable_by(scope).exists()

    def before_save(self, instance) -> None:
        instance.entered_by = self.request.user


class TrainingSessionUpdateView(ScopedUpdateView):
    model = TrainingSession
    form_class = TrainingSessionForm
    tab = "trainings"
    list_url = "enterprises:training-session-list"


# Demonstration sites ----------------------------------------------------------------------------

class DemonstrationSiteListView(GrowthPageMixin, ScopedListView):
    model = DemonstrationSite
    filterset_class = DemonstrationSiteFilterSet
    template_name = "enterprises/demonstration_site_list.html"
    tab = "sites"
    create_url = "enterprises:demonstration-site-create"
    empty = EmptyState(
        filtered=gettext_lazy("No demonstration site matches these filters."),
        nothing=gettext_lazy("No chain leader nominated yet."),
        create=gettext_lazy("Nominate a chain leader"),
        elsewhere=gettext_lazy("Nominations appear here once the alliances nominate their chain leaders."))

    def get_queryset(self):
        return super().get_queryset().select_related("enterprise", "alliance").order_by("-year", "enterprise__name")


class DemonstrationSiteCreateView(ScopedCreateView):
    model = DemonstrationSite
    form_class = DemonstrationSiteForm
    tab = "sites"
    list_url = "enterprises:demonstration-site-list"
    extra_context = {"intro": gettext_lazy("Only a chain-leader enterprise of your alliance's chain can be nominated. "
                                           "Score each of the 三高三好三强 criteria from 0 to 10.")}
    success_message = gettext_lazy("The nomination is recorded.")

    @staticmethod
    def may_create(scope) -> bool:
        return Alliance.objects.editable_by(scope).exists()

    def before_save(self, instance) -> None:
        instance.nominated_by = self.request.user


class DemonstrationSiteUpdateView(ScopedUpdateView):
    model = DemonstrationSite
    form_class = DemonstrationSiteForm
    tab = "sites"
    list_url = "enterprises:demonstration-site-list"
    extra_context = {"intro": gettext_lazy("Only a chain-leader enterprise of your alliance's chain can be nominated. "
                                           "Score each of the 三高三好三强 criteria from 0 to 10.")}


def _site_step(request, pk, step, success):
    site = get_object_or_404(DemonstrationSite.objects.visible_to(request.scope), pk=pk)
    try:
        step(site, acting_user=request.user)
        messages.success(request, success)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("enterprises:demonstration-site-list")


@login_required
@require_POST
def demonstration_site_award(request, pk):
    return _site_step(request, pk, actions.award_site, _("The demonstration site is awarded."))


@login_required
@require_POST
def demonstration_site_decline(request, pk):
    return _site_step(request, pk, actions.decline_site, _("The nomination is declined."))
