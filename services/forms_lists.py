"""Forms of resources, projects (with their milestones) and visits; choices limited to what the user may use."""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance
from chainparty.access import Scope
from chainparty.models import Department
from enterprises.models import Enterprise
from parks.models import JointCommittee

from .categories import NeedCategory
from .models import Milestone, Project, Resource, Visit
from .querysets_lists import colleague_users, targetable_chains, visiting_bodies


class BootstrapMixin:
    """Give every widget Bootstrap's classes, so templates render fields without per-field markup."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.CheckboxSelectMultiple, forms.RadioSelect)):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ResourceForm(BootstrapMixin, forms.ModelForm):
    target_categories = forms.MultipleChoiceField(label=_("categories of need"), choices=NeedCategory.choices,
                                                  required=False, widget=forms.CheckboxSelectMultiple,
                                                  help_text=_("The kinds of need this resource may answer; none "
                                                              "for any."))

    class Meta:
        model = Resource
        fields = ["department", "kind", "title", "summary", "body", "how_to_apply", "contact_info", "quota",
                  "valid_from", "valid_to", "target_chains", "target_categories", "published"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput(), "target_chains": forms.CheckboxSelectMultiple,
                   "body": forms.Textarea(attrs={"rows": 6}), "how_to_apply": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.all() if scope.is_superuser else \
            Department.objects.filter(pk__in=scope.department_ids)
        self.fields["department"].queryset = departments
        self.fields["target_chains"].queryset = targetable_chains(scope)
        if not self.instance.pk and len(departments) == 1:
            self.fields["department"].initial = departments[0].pk


class ProjectForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Project
        fields = ["alliance", "year", "category", "title", "description", "target", "target_enterprises",
                  "department", "status", "progress"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}),
                   "target_enterprises": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        alliances = Alliance.objects.editable_by(scope).select_related("chain")
        self.fields["alliance"].queryset = alliances
        self.fields["target_enterprises"].queryset = Enterprise.objects.visible_to(scope).order_by("name")
        self.fields["department"].queryset = Department.objects.visible_to(scope)
        self.fields["progress"].widget.attrs.update(min=0, max=100)
        if not self.instance.pk and len(alliances) == 1:
            self.fields["alliance"].initial = alliances[0].pk

    def clean(self):
        cleaned = super().clean()
        if "target_enterprises" in cleaned and "target" in cleaned and cleaned.get("alliance"):
            try:
                Project(alliance=cleaned["alliance"], target=cleaned["target"]).validate_targets(
                    cleaned["target_enterprises"])
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned


class MilestoneForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_on", "done_on", "note"]
        widgets = {"due_on": DateInput(), "done_on": DateInput()}


MilestoneFormSet = forms.inlineformset_factory(Project, Milestone, form=MilestoneForm, extra=2, can_delete=True)


class VisitForm(BootstrapMixin, forms.ModelForm):
    body = forms.ChoiceField(label=_("visiting body"))

    class Meta:
        model = Visit
        fields = ["enterprise", "visited_on", "body", "visitors", "visitor_users", "purpose", "findings"]
        widgets = {"visited_on": DateInput(), "findings": forms.Textarea(attrs={"rows": 5}),
                   "visitor_users": forms.SelectMultiple(attrs={"size": 4})}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.bodies = {self._key(body): body for body in visiting_bodies(scope)}
        self.fields["body"].choices = [(key, str(body)) for key, body in self.bodies.items()]
        self.fields["enterprise"].queryset = Enterprise.objects.visible_to(scope).order_by("name")
        self.fields["visitor_users"].queryset = colleague_users(scope).order_by("username")
        if self.instance.pk and self.instance.body is not None:
            self.initial["body"] = self._key(self.instance.body)

    @staticmethod
    def _key(body) -> str:
        return f"{type(body)._meta.model_name}:{body.pk}"

    def clean_body(self):
        body = self.bodies.get(self.cleaned_data["body"])
        if body is None:
            raise ValidationError(_("Choose the alliance, committee or department that made the visit."))
        self.instance.alliance = body if isinstance(body, Alliance) else None
        self.instance.committee = body if isinstance(body, JointCommittee) else None
        self.instance.department = body if isinstance(body, Department) else None
        return body


class VisitNeedForm(forms.Form):
    """A need raised during a visit: what the visitors wrote down."""

    category = forms.ChoiceField(label=_("category"), choices=NeedCategory.choices)
    title = forms.CharField(label=_("title"), max_length=150)
    description = forms.CharField(label=_("description"), widget=forms.Textarea(attrs={"rows": 3}))
    amount_requested = forms.DecimalField(label=_("amount asked for (10,000 yuan)"), required=False, min_value=0,
                                          max_digits=12, decimal_places=2)
    workers_requested = forms.IntegerField(label=_("workers needed"), required=False, min_value=1)
