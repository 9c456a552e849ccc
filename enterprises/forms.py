"""Forms of the enterprises app's member-growth pages: choices limited to what the user may act on."""
from __future__ import annotations

from django import forms
from django.db.models import Q
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance
from chainparty.access import Scope
from chainparty.models import Region
from parks.models import JointCommittee

from .models import (BASICS, CRITERIA, BranchRating, DemonstrationSite, Enterprise, MemberPost, MemberPostProject,
                     MemberReport, PartyOrganization, TrainingSession, check_participants)
from .models.growth import NOT_NEGATIVE
from .querysets import reporting_organization_ids, supervised_organization_ids


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def last_completed_quarter(today=None) -> tuple[int, int]:
    today = today or timezone.localdate()
    quarter = (today.month - 1) // 3 + 1
    return (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)


def reporting_organizations(scope: Scope):
    if scope.is_superuser:
        return PartyOrganization.objects.all()
    return PartyOrganization.objects.filter(pk__in=reporting_organization_ids(scope))


def supervised_organizations(scope: Scope):
    if scope.is_superuser:
        return PartyOrganization.objects.all()
    return PartyOrganization.objects.filter(pk__in=supervised_organization_ids(scope))


def changeable_enterprises(scope: Scope):
    """Enterprises whose own records (member posts) the user keeps: their own, or those of their committee's park."""
    if scope.is_superuser:
        return Enterprise.objects.all()
    return Enterprise.objects.filter(Q(pk__in=scope.enterprise_ids)
                                     | Q(pk__in=Enterprise.objects.editable_by(scope).values("pk")))


class MemberReportForm(forms.ModelForm):
    class Meta:
        model = MemberReport
        fields = ["organization", "year", "quarter", *MemberReport.COUNT_FIELDS, "note"]
        error_messages = {name: {"min_value": NOT_NEGATIVE} for name in MemberReport.COUNT_FIELDS}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = reporting_organizations(scope)
        self.fields["organization"].queryset = organizations
        self.fields["organization"].empty_label = None
        for name in MemberReport.COUNT_FIELDS:
            self.fields[name].widget.attrs["min"] = 0
        if self.instance.pk is None and not self.is_bound:
            self._propose_period_and_carry_over(organizations)

    def _propose_period_and_carry_over(self, organizations) -> None:
        """A new report proposes the last completed quarter and carries over the previous report's pending candidates."""
        year, quarter = last_completed_quarter()
        self.initial.setdefault("year", year)
        self.initial.setdefault("quarter", quarter)
        organization = self.initial.get("organization") or organizations.first()
        if organization is None:
            return
        self.initial["organization"] = getattr(organization, "pk", organization)
        probe = MemberReport(organization_id=self.initial["organization"], year=self.initial["year"],
                             quarter=self.initial["quarter"])
        previous = probe.previous_report()
        if previous is not None:
            self.initial.setdefault("candidates_carried_over", previous.candidates_pending)
            self.initial.setdefault("members", previous.members)


class ReturnReportForm(forms.Form):
    reason = forms.CharField(label=_("reason for return"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Give the reason for returning the report, so the "
                                                           "enterprise knows what to correct.")})


class BranchRatingForm(forms.ModelForm):
    class Meta:
        model = BranchRating
        fields = ["organization", "year", *[name for name, _label in BASICS], "rated_on", "note"]
        widgets = {"rated_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = supervised_organizations(scope)
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)


class DemonstrationSiteForm(forms.ModelForm):
    class Meta:
        model = DemonstrationSite
        fields = ["alliance", "enterprise", "year", *[name for name, _label in CRITERIA], "evaluator",
                  "nominated_on", "note"]
        widgets = {"nominated_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        alliances = Alliance.objects.editable_by(scope)
        self.fields["alliance"].queryset = alliances
        self.fields["alliance"].empty_label = None
        # Every enterprise of the alliances' chains is offered; the model refuses one that is not a chain leader.
        self.fields["enterprise"].queryset = Enterprise.objects.on_chains(alliances.values("chain_id")) \
            .order_by("-is_chain_leader", "name")
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year)


class TrainingSessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = ["organizer", "committee", "topic", "start_date", "end_date", "location", "participants",
                  "organizations"]
        widgets = {"start_date": DATE, "end_date": DATE, "organizations": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = Region.objects.filter(level__in=["city", "county"])
        committees = JointCommittee.objects.editable_by(scope)
        self.fields["committee"].queryset = committees
        if not scope.is_superuser:
            self.fields["committee"].required = True
            self.fields["committee"].empty_label = None
        self.fields["organizations"].queryset = PartyOrganization.objects.visible_to(scope)

    def clean(self):
        cleaned_data = super().clean()
        organizations = cleaned_data.get("organizations")
        if organizations is not None:
            try:
                check_participants(cleaned_data.get("participants"), organizations)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return cleaned_data


class MemberPostForm(forms.ModelForm):
    class Meta:
        model = MemberPost
        fields = ["enterprise", "kind", "name", "leader_name", "members_involved", "established_on", "ended_on",
                  "description"]
        widgets = {"established_on": DATE, "ended_on": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = changeable_enterprises(scope)
        self.fields["enterprise"].empty_label = None


class MemberPostProjectForm(forms.ModelForm):
    class Meta:
        model = MemberPostProject
        fields = ["kind", "title", "taken_on", "status", "completed_on", "result"]
        widgets = {"taken_on": DATE, "completed_on": DATE, "result": forms.TextInput()}


MemberPostProjectFormSet = inlineformset_factory(MemberPost, MemberPostProject, form=MemberPostProjectForm,
                                                 extra=1, can_delete=True)
