"""Forms of the bodies' work: each limits its choices to what the user may see, or change for their body."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from parks.models import CommitteePosition, JointCommittee, Park

from . import periods
from .models import (Activity, Agreement, Alliance, AllianceMember, AlliancePosition, Case, Instruction, Meeting,
                     MeetingIssue, Pairing, ServiceCenter, check_participants, check_parties)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"


class PeriodField(forms.CharField):
    """A period written as 2026, 2026Q3 or 2026-07; cleans to (first day, granularity)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return periods.parse(value) if value else None


class PortalFormMixin:
    """Bootstrap classes on every widget, and choices limited by the user's scope."""

    def __init__(self, *args, scope, **kwargs):
        self.scope = scope
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            field.wide = isinstance(widget, (forms.Textarea, forms.SelectMultiple, forms.CheckboxSelectMultiple))  # a whole row on the page
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")
            if isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("rows", 3)

    def limit(self, name: str, queryset) -> None:
        if name in self.fields:
            self.fields[name].queryset = queryset

    def own_bodies(self, alliance: bool = True, committee: bool = False) -> None:
        """The body fields offer only the user's own alliances and committees; one body is chosen for them.

        A body field the user has nothing to choose in stays in the form (hidden), so the one-body rule is
        still checked on it.
        """
        choices = {}
        if alliance:
            choices["alliance"] = Alliance.objects.editable_by(self.scope)
        if committee:
            choices["committee"] = JointCommittee.objects.editable_by(self.scope)
        counts = {name: queryset.count() for name, queryset in choices.items()}
        for name, queryset in choices.items():
            self.fields[name].queryset = queryset
            if counts[name] == 0:
                self.fields[name].widget = forms.HiddenInput()
        if self.instance.pk is None and sum(counts.values()) == 1:
            name = next(name for name, count in counts.items() if count)
            self.initial.setdefault(name, choices[name].get().pk)


class MeetingForm(PortalFormMixin, forms.ModelForm):
    period_start = PeriodField(label=_("period"), required=False, help_text=Meeting._meta.get_field(
        "period_start").help_text)

    class Meta:
        model = Meeting
        fields = ["alliance", "committee", "kind", "period_start", "status", "date", "start_time", "place", "chair",
                  "expected_count", "attendance_count", "alliance_attendees", "committee_attendees", "agenda",
                  "minutes", "minutes_file", "decisions"]
        widgets = {"date": DateInput(), "start_time": TimeInput(),
                   "alliance_attendees": forms.CheckboxSelectMultiple, "committee_attendees": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True, committee=True)
        if self.instance.pk:
            self.initial["period_start"] = self.instance.period_text
        self.limit("alliance_attendees", AlliancePosition.objects.editable_by(self.scope).active()
                   .select_related("alliance"))
        self.limit("committee_attendees", CommitteePosition.objects.editable_by(self.scope).active()
                   .select_related("committee"))
        if not self.fields["committee"].queryset.exists():
            del self.fields["committee_attendees"]
        if not self.fields["alliance"].queryset.exists():
            del self.fields["alliance_attendees"]

    def clean_period_start(self):
        value = self.cleaned_data.get("period_start")
        if value is None:
            return None
        start, granularity = value
        kind = self.cleaned_data.get("kind")
        if kind:
            periods.check_granularity(kind, granularity)
        return start

    def clean(self):
        cleaned = super().clean()
        alliance, committee = cleaned.get("alliance"), cleaned.get("committee")
        for name, body, field in (("alliance_attendees", alliance, "alliance"),
                                  ("committee_attendees", committee, "committee")):
            present = cleaned.get(name) or []
            if any(getattr(position, f"{field}_id") != getattr(body, "pk", None) for position in present):
                self.add_error(name, _("Tick only positions of the body that holds the meeting."))
        return cleaned


class MeetingIssueForm(forms.ModelForm):
    class Meta:
        model = MeetingIssue
        fields = ["text", "enterprise", "raised_by"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
                   "enterprise": forms.Select(attrs={"class": "form-select"}),
                   "raised_by": forms.TextInput(attrs={"class": "form-control"})}


class BaseMeetingIssueFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, scope, **kwargs):
        self.scope = scope
        super().__init__(*args, **kwargs)
        enterprises = Enterprise.objects.visible_to(scope).order_by("name")
        for form in self.forms + [self.empty_form]:
            form.fields["enterprise"].queryset = enterprises


MeetingIssueFormSet = forms.inlineformset_factory(Meeting, MeetingIssue, form=MeetingIssueForm,
                                                  formset=BaseMeetingIssueFormSet, extra=2, can_delete=True)


class ActivityForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["alliance", "committee", "kind", "mode", "title", "date", "venue", "park", "enterprise",
                  "service_center", "place", "participants", "enterprises_reached", "workers_recommended",
                  "deals_reached", "outcome"]
        widgets = {"date": DateInput(), "participants": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True, committee=True)
        self.limit("park", Park.objects.visible_to(self.scope))
        self.limit("enterprise", Enterprise.objects.visible_to(self.scope).order_by("name"))
        self.limit("service_center", ServiceCenter.objects.visible_to(self.scope).select_related("alliance"))
        self.limit("participants", AllianceMember.objects.visible_to(self.scope)
                   .select_related("alliance", "enterprise", "department"))

    def clean(self):
        cleaned = super().clean()
        activity = Activity(alliance=cleaned.get("alliance"), committee=cleaned.get("committee"))
        if activity.alliance or activity.committee:
            try:
                check_participants(activity, cleaned.get("participants"))
            except ValidationError as error:
                self.add_error("participants", error)
        return cleaned


class AgreementForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["alliance", "kind", "title", "parties", "signed_on", "amount", "status", "summary", "document"]
        widgets = {"signed_on": DateInput(), "parties": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True)
        self.limit("parties", AllianceMember.objects.editable_by(self.scope)
                   .select_related("alliance", "enterprise", "department"))

    def clean(self):
        cleaned = super().clean()
        if "parties" in cleaned:
            try:
                check_parties(cleaned.get("alliance"), cleaned["parties"])
            except ValidationError as error:
                self.add_error("parties", error)
        return cleaned


class PairingForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Pairing
        fields = ["alliance", "kind", "first", "second", "start_date", "end_date", "outcome"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True)
        members = AllianceMember.objects.editable_by(self.scope).select_related("enterprise", "department")
        self.limit("first", members)
        self.limit("second", members)


class ServiceCenterForm(PortalFormMixin, forms.ModelForm):
    functional_areas = forms.MultipleChoiceField(label=_("functional areas"), choices=ServiceCenter.Area.choices,
                                                 widget=forms.CheckboxSelectMultiple, required=False)

    class Meta:
        model = ServiceCenter
        fields = ["alliance", "name", "park", "enterprise", "address", "functional_areas", "opened_on", "closed_on",
                  "description"]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True)
        self.limit("park", Park.objects.visible_to(self.scope))
        self.limit("enterprise", Enterprise.objects.visible_to(self.scope).order_by("name"))


class InstructionForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Instruction
        fields = ["alliance", "leader_name", "leader_title", "issued_on", "content", "follow_up"]
        widgets = {"issued_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True)


class CaseForm(PortalFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = ["alliance", "enterprise", "title", "series_number", "published_on", "summary"]
        widgets = {"published_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_bodies(alliance=True)
        self.fields["alliance"].required = False
        if isinstance(self.fields["alliance"].widget, forms.HiddenInput):
            self.fields["alliance"].widget = forms.Select(attrs={"class": "form-select"})
        self.limit("enterprise", Enterprise.objects.filter(
            pk__in=AllianceMember.objects.editable_by(self.scope).values("enterprise_id")).order_by("name"))


class IssueToNeedForm(forms.Form):
    """Turning an issue raised in a meeting into a need: its category, and for funding or labour the amount."""

    category = forms.ChoiceField(label=_("category"), choices=[])
    amount_requested = forms.DecimalField(label=_("amount asked for (10,000 yuan)"), required=False, min_value=0,
                                          max_digits=12, decimal_places=2)
    workers_requested = forms.IntegerField(label=_("workers needed"), required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        from services.models import NeedCategory

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = NeedCategory.choices
