"""Pages of the alliances app: chains and their alliances, and the work of the alliances and committees."""
import calendar
from collections import defaultdict
from datetime import date, timedelta
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, UpdateView

from chainparty.access import scope_for
from chainparty.empty_states import EmptyState
from chainparty.uploads import serve_private_file
from chainparty.views import ScopedDetailView, ScopedEditMixin, ScopedListView
from enterprises.models import Enterprise

from . import actions
from .feeds import calendar_feed
from .filters import (ActivityFilterSet, AgreementFilterSet, CaseFilterSet, IndustrialChainFilterSet,
                      InstructionFilterSet, MeetingFilterSet, PairingFilterSet, ServiceCenterFilterSet)
from .forms import (ActivityForm, AgreementForm, CaseForm, InstructionForm, MeetingForm, MeetingIssueFormSet,
                    PairingForm, ServiceCenterForm)
from .models import (Activity, Agreement, AllianceMember, AlliancePosition, CalendarToken, Case, IndustrialChain,
                     Instruction, Meeting, MeetingIssue, Pairing, ServiceCenter)


class ChainListView(ScopedListView):
    model = IndustrialChain
    filterset_class = IndustrialChainFilterSet
    template_name = "alliances/chain_list.html"
    create_url = "admin:alliances_industrialchain_add"
    empty = EmptyState(
        filtered=gettext_lazy("No chain matches these filters."),
        nothing=gettext_lazy("No industrial chain yet."),
        create=gettext_lazy("Add a chain in the administration"),
        elsewhere=gettext_lazy("Chains appear here once an administrator adds those of your region."))

    def may_create(self) -> bool:
        return self.request.scope.is_superuser

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


# --- The bodies' work (issue 5): meetings, activities, agreements, pairings, centers, instructions, cases ----

class WorkFormMixin:
    """Create and update pages of the bodies' work: the form gets the user's scope, and a record that would
    end up outside what the user may change is refused (the save is rolled back)."""

    template_name = "alliances/record_form.html"
    creators = ("alliance",)  # the kinds of body whose staff may create such records

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "scope": self.request.scope}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["verbose_name"] = self.model._meta.verbose_name
        context["list_url"] = reverse(f"alliances:{self.model._meta.model_name}-list")
        return context

    def save(self, form):
        return form.save()

    def form_valid(self, form):
        with transaction.atomic():
            self.object = self.save(form)
            if not self.model.objects.editable_by(self.request.scope).filter(pk=self.object.pk).exists():
                raise PermissionDenied
        messages.success(self.request, _("Saved."))
        return redirect(self.get_success_url())

    def get_success_url(self):
        name = self.model._meta.model_name
        if name in ("meeting", "activity", "agreement", "servicecenter"):
            return reverse(f"alliances:{name}-detail", args=[self.object.pk])
        return reverse(f"alliances:{name}-list")


class WorkCreateView(WorkFormMixin, LoginRequiredMixin, CreateView):
    @classmethod
    def may_create(cls, scope) -> bool:
        return scope.is_superuser or bool(scope.alliance_ids and "alliance" in cls.creators) or bool(
            scope.committee_ids and "committee" in cls.creators)

    def dispatch(self, request, *args, **kwargs):
        if request.scope.is_authenticated and not self.may_create(request.scope):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class WorkUpdateView(WorkFormMixin, ScopedEditMixin, UpdateView):
    pass


def _can_edit(scope, obj) -> bool:
    return type(obj).objects.editable_by(scope).filter(pk=obj.pk).exists()


class MeetingListView(ScopedListView):
    model = Meeting
    filterset_class = MeetingFilterSet
    template_name = "alliances/meeting_list.html"
    create_url = "alliances:meeting-create"
    empty = EmptyState(
        filtered=gettext_lazy("No meeting matches these filters."),
        nothing=gettext_lazy("No meetings recorded yet."),
        create=gettext_lazy("Record a meeting"),
        elsewhere=gettext_lazy("Meetings appear here once the alliances and joint committees record them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("alliance", "committee")
                .annotate(issue_count=Count("issues")).order_by("-period_start", "kind", "pk"))


class MeetingDetailView(ScopedDetailView):
    model = Meeting
    template_name = "alliances/meeting_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alliance", "committee__park")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.object
        from services.models import NeedCategory

        context["issues"] = meeting.issues.select_related("enterprise", "need")
        context["need_categories"] = NeedCategory.choices
        context["attendees"] = list(meeting.alliance_attendees.all()) + list(meeting.committee_attendees.all())
        context["can_edit"] = _can_edit(self.request.scope, meeting)
        context["changes"] = meeting.history.select_related("history_user")[:10]
        return context


class MeetingFormMixin:
    model = Meeting
    form_class = MeetingForm
    creators = ("alliance", "committee")

    def get_formset(self):
        kwargs = {"instance": self.object if getattr(self, "object", None) else Meeting(),
                  "scope": self.request.scope, "prefix": "issues"}
        if self.request.method == "POST":
            return MeetingIssueFormSet(self.request.POST, **kwargs)
        return MeetingIssueFormSet(**kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "formset" not in context:
            context["formset"] = self.get_formset()
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form, formset = self.get_form(), self.get_formset()
        if form.is_valid() and formset.is_valid():
            self.formset = formset
            return self.form_valid(form)
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def save(self, form):
        return actions.save_meeting(form, self.formset, acting_user=self.request.user)


class MeetingCreateView(MeetingFormMixin, WorkCreateView):
    def get_initial(self):
        initial = super().get_initial()
        for name in ("kind", "date"):
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial


class MeetingUpdateView(MeetingFormMixin, WorkUpdateView):
    pass


@login_required
@require_POST
def meeting_cancel(request, pk):
    meeting = get_object_or_404(Meeting.objects.visible_to(request.scope), pk=pk)
    if not _can_edit(request.scope, meeting):
        raise PermissionDenied
    actions.cancel_meeting(meeting, acting_user=request.user)
    messages.success(request, _("The meeting is cancelled."))
    return redirect("alliances:meeting-detail", pk=pk)


@login_required
@require_POST
def meeting_issue_to_need(request, pk):
    """One click: the issue raised in a meeting becomes a need of its enterprise, keeping the link."""
    from services import actions as need_actions
    from .forms import IssueToNeedForm

    issue = get_object_or_404(MeetingIssue.objects.visible_to(request.scope), pk=pk)
    form = IssueToNeedForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("alliances:meeting-detail", pk=issue.meeting_id)
    try:
        need = need_actions.raise_need_from_meeting_issue(issue, acting_user=request.user, **form.cleaned_data)
    except (need_actions.TransitionRefused, DjangoValidationError) as refused:
        messages.error(request, " ".join(refused.messages))
        return redirect("alliances:meeting-detail", pk=issue.meeting_id)
    messages.success(request, _("The issue is now a need of %(enterprise)s.") % {"enterprise": issue.enterprise})
    return redirect("services:need-detail", pk=need.pk)


@login_required
def meeting_minutes(request, pk):
    return serve_private_file(request, Meeting.objects.all(), pk, "minutes_file")


@login_required
def meeting_calendar(request):
    """A month of the meetings of the user's own bodies (officials: of what they see), with the .ics link."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    meetings = (Meeting.objects.of_own_bodies(request.scope).filter(date__gte=weeks[0][0], date__lte=weeks[-1][-1])
                .select_related("alliance", "committee").order_by("date", "start_time"))
    by_day = defaultdict(list)
    for meeting in meetings:
        by_day[meeting.date].append(meeting)
    previous = (first - timedelta(days=1)).replace(day=1)
    following = (first + timedelta(days=31)).replace(day=1)
    token = CalendarToken.for_user(request.user)
    feed_url = request.build_absolute_uri(reverse("alliances:meeting-feed", args=[token.token]))
    return render(request, "alliances/meeting_calendar.html", {
        "first": first, "today": today, "weeks": [[(day, by_day.get(day, [])) for day in week] for week in weeks],
        "previous": previous, "following": following, "feed_url": feed_url,
        "may_create": MeetingCreateView.may_create(request.scope),
    })


@login_required
@require_POST
def calendar_renew(request):
    CalendarToken.for_user(request.user).renew()
    messages.success(request, _("Your calendar link is renewed: the old link no longer works."))
    return redirect("alliances:meeting-calendar")


def meeting_feed(request, token):
    """The iCalendar feed behind a user's private link: no sign-in, the secret stands for the user."""
    link = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if link is None:
        raise Http404
    scope = scope_for(link.user)
    since = timezone.localdate() - timedelta(days=400)
    meetings = (Meeting.objects.of_own_bodies(scope).filter(date__gte=since)
                .select_related("alliance", "committee").order_by("date"))
    body = calendar_feed(meetings, request.build_absolute_uri("/").rstrip("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


class ActivityListView(ScopedListView):
    model = Activity
    filterset_class = ActivityFilterSet
    template_name = "alliances/activity_list.html"
    create_url = "alliances:activity-create"
    empty = EmptyState(
        filtered=gettext_lazy("No activity matches these filters."),
        nothing=gettext_lazy("No activities recorded yet."),
        create=gettext_lazy("Record an activity"),
        elsewhere=gettext_lazy("Activities appear here once the alliances and joint committees record them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("alliance", "committee", "park", "enterprise", "service_center")
                .annotate(participant_count=Count("participants")).order_by("-date", "pk"))


class ActivityDetailView(ScopedDetailView):
    model = Activity
    template_name = "alliances/activity_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alliance", "committee", "park", "enterprise", "service_center")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["participants"] = self.object.participants.select_related("enterprise", "department")
        context["can_edit"] = _can_edit(self.request.scope, self.object)
        return context


class ActivityCreateView(WorkCreateView):
    model = Activity
    form_class = ActivityForm
    creators = ("alliance", "committee")


class ActivityUpdateView(WorkUpdateView):
    model = Activity
    form_class = ActivityForm


class AgreementListView(ScopedListView):
    model = Agreement
    filterset_class = AgreementFilterSet
    template_name = "alliances/agreement_list.html"
    create_url = "alliances:agreement-create"
    empty = EmptyState(
        filtered=gettext_lazy("No agreement matches these filters."),
        nothing=gettext_lazy("No agreements recorded yet."),
        create=gettext_lazy("Record an agreement"),
        elsewhere=gettext_lazy("Agreements appear here once the alliances record them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("alliance")
                .prefetch_related(Prefetch("parties", AllianceMember.objects.select_related("enterprise", "department")))
                .order_by("-signed_on", "pk"))


class AgreementDetailView(ScopedDetailView):
    model = Agreement
    template_name = "alliances/agreement_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alliance")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["parties"] = self.object.parties.select_related("enterprise", "department")
        context["can_edit"] = _can_edit(self.request.scope, self.object)
        context["changes"] = self.object.history.select_related("history_user")[:10]
        return context


class AgreementCreateView(WorkCreateView):
    model = Agreement
    form_class = AgreementForm

    def save(self, form):
        return actions.save_agreement(form, acting_user=self.request.user)


class AgreementUpdateView(WorkUpdateView):
    model = Agreement
    form_class = AgreementForm

    def save(self, form):
        return actions.save_agreement(form, acting_user=self.request.user)


@login_required
def agreement_document(request, pk):
    return serve_private_file(request, Agreement.objects.all(), pk, "document")


class PairingListView(ScopedListView):
    model = Pairing
    filterset_class = PairingFilterSet
    template_name = "alliances/pairing_list.html"
    create_url = "alliances:pairing-create"
    empty = EmptyState(
        filtered=gettext_lazy("No pairing matches these filters."),
        nothing=gettext_lazy("No pairings recorded yet."),
        create=gettext_lazy("Record a pairing"),
        elsewhere=gettext_lazy("Pairings appear here once the alliances record them."))

    def get_queryset(self):
        return super().get_queryset().select_related(
            "alliance", "first__enterprise", "first__department", "second__enterprise", "second__department")


class PairingCreateView(WorkCreateView):
    model = Pairing
    form_class = PairingForm


class PairingUpdateView(WorkUpdateView):
    model = Pairing
    form_class = PairingForm


class ServiceCenterListView(ScopedListView):
    model = ServiceCenter
    filterset_class = ServiceCenterFilterSet
    template_name = "alliances/servicecenter_list.html"
    create_url = "alliances:servicecenter-create"
    empty = EmptyState(
        filtered=gettext_lazy("No service center matches these filters."),
        nothing=gettext_lazy("No service center yet."),
        create=gettext_lazy("Add a service center"),
        elsewhere=gettext_lazy("Service centers appear here once the alliances add them."))

    def get_queryset(self):
        return (super().get_queryset().select_related("alliance", "park", "enterprise")
                .annotate(activity_count=Count("activities")).order_by("alliance", "name"))


class ServiceCenterDetailView(ScopedDetailView):
    model = ServiceCenter
    template_name = "alliances/servicecenter_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("alliance", "park", "enterprise")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activities"] = Activity.objects.visible_to(self.request.scope).filter(service_center=self.object) \
            .select_related("alliance", "committee")
        context["can_edit"] = _can_edit(self.request.scope, self.object)
        return context


class ServiceCenterCreateView(WorkCreateView):
    model = ServiceCenter
    form_class = ServiceCenterForm


class ServiceCenterUpdateView(WorkUpdateView):
    model = ServiceCenter
    form_class = ServiceCenterForm


class InstructionListView(ScopedListView):
    model = Instruction
    filterset_class = InstructionFilterSet
    template_name = "alliances/instruction_list.html"
    create_url = "alliances:instruction-create"
    empty = EmptyState(
        filtered=gettext_lazy("No instruction matches these filters."),
        nothing=gettext_lazy("No leader's instruction recorded yet."),
        create=gettext_lazy("Record an instruction"),
        elsewhere=gettext_lazy("Instructions appear here once the alliances record them."))

    def get_queryset(self):
        return super().get_queryset().select_related("alliance")


class InstructionCreateView(WorkCreateView):
    model = Instruction
    form_class = InstructionForm


class InstructionUpdateView(WorkUpdateView):
    model = Instruction
    form_class = InstructionForm


class CaseListView(ScopedListView):
    model = Case
    filterset_class = CaseFilterSet
    template_name = "alliances/case_list.html"
    create_url = "alliances:case-create"
    empty = EmptyState(
        filtered=gettext_lazy("No case matches these filters."),
        nothing=gettext_lazy("No typical case yet."),
        create=gettext_lazy("Add a typical case"),
        elsewhere=gettext_lazy("Typical cases appear here once the alliances publish them."))

    def get_queryset(self):
        return super().get_queryset().select_related("alliance", "enterprise")


class CaseCreateView(WorkCreateView):
    model = Case
    form_class = CaseForm


class CaseUpdateView(WorkUpdateView):
    model = Case
    form_class = CaseForm
