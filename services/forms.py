"""Forms of the need workflow, used by the pages *and* the API actions, so both give the same errors.

Each transition form's fields are named like the keyword arguments of its function in actions.py.
"""
from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from chainparty.access import Scope
from chainparty.models import Department, Region
from chainparty.uploads import DocumentValidator
from enterprises.models import Enterprise

from .models import CategoryDeadlines, Need, NeedCategory

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _text(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def bootstrap(form: forms.BaseForm) -> None:
    """Give the widgets Bootstrap's classes (the templates render fields one by one)."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple, forms.CheckboxInput)):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        if css not in widget.attrs.get("class", ""):
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleDocumentsField(forms.FileField):
    """Several documents at once, each checked by content and size."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        errors = []
        for upload in uploads:
            try:
                super().clean(upload, initial)
                DocumentValidator()(upload)
            except ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return uploads


class NeedSubmitForm(forms.ModelForm):
    """The enterprise contact's form; short enough to fill in on a phone."""

    attachments = MultipleDocumentsField(label=_("attachments"),
                                         help_text=_("PDF, Word, Excel, JPEG or PNG; you may choose several."))

    class Meta:
        model = Need
        fields = ["enterprise", "category", "title", "description", "amount_requested", "workers_requested",
                  "urgency"]
        widgets = {"description": _text(5)}
        help_texts = {"amount_requested": _("For a funding need."), "workers_requested": _("For a labour need.")}

    def __init__(self, *args, scope: Scope, **kwargs):
        super().__init__(*args, **kwargs)
        enterprises = Enterprise.objects.visible_to(scope) if scope.is_superuser else \
            Enterprise.objects.filter(pk__in=scope.enterprise_ids)
        field = self.fields["enterprise"]
        field.queryset = enterprises.order_by("name")
        if len(scope.enterprise_ids) == 1 and not scope.is_superuser:
            field.initial = next(iter(scope.enterprise_ids))
            field.widget = forms.HiddenInput()
        category = self.fields["category"]
        category.choices = [("", _("— choose a category —")), *[(k, v) for k, v in category.choices if k]]
        bootstrap(self)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("note"), required=False, widget=_text())

    def __init__(self, *args, need: Need | None = None, scope: Scope | None = None, **kwargs):
        self.need, self.scope = need, scope
        super().__init__(*args, **kwargs)


class RequiredNoteForm(NoteForm):
    note = forms.CharField(label=_("note"), widget=_text())


class ReplyForm(NoteForm):
    note = forms.CharField(label=_("reply to the enterprise"), widget=_text(4))


class ReasonForm(NoteForm):
    note = None
    reason = forms.CharField(label=_("reason"), widget=_text())


class OptionalReasonForm(NoteForm):
    note = None
    reason = forms.CharField(label=_("reason"), required=False, widget=_text())


class RejectForm(NoteForm):
    note = None
    kind = forms.ChoiceField(label=_("reason for rejection"), choices=Need.RejectionKind.choices,
                             widget=forms.RadioSelect)
    reason = forms.CharField(label=_("explanation to the enterprise"), widget=_text())
    duplicate_of = forms.ModelChoiceField(label=_("duplicate of"), required=False, queryset=Need.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.need is not None and self.scope is not None:
            self.fields["duplicate_of"].queryset = Need.objects.visible_to(self.scope).filter(
                enterprise_id=self.need.enterprise_id).exclude(pk=self.need.pk)


class AssignForm(NoteForm):
    """The task letter (任务书)."""

    note = None
    lead_department = forms.ModelChoiceField(label=_("leading department"), queryset=Department.objects.none())
    responsible_person = forms.CharField(label=_("responsible person"), max_length=50)
    responsible_phone = forms.CharField(label=_("phone of the responsible person"), max_length=20, required=False)
    co_departments = forms.ModelMultipleChoiceField(label=_("co-operating departments"), required=False,
                                                    queryset=Department.objects.none(),
                                                    widget=forms.CheckboxSelectMultiple)
    due_date = forms.DateField(label=_("due date"), required=False, widget=DATE,
                               help_text=_("Leave empty for the category's default number of working days."))
    plan = forms.CharField(label=_("plan"), widget=_text(4))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.select_related("region").order_by("region__code", "name")
        if self.need is not None:
            departments = departments.filter(region_id__in=Region.ancestor_ids(self.need.county_id))
        self.fields["lead_department"].queryset = departments
        self.fields["co_departments"].queryset = departments


class DeferForm(NoteForm):
    note = None
    explanation = forms.CharField(label=_("explanation to the enterprise"), widget=_text(4))
    timetable = forms.CharField(label=_("timetable"), widget=_text(3))
    deferred_until = forms.DateField(label=_("to be solved by"), widget=DATE)


class ExtensionForm(NoteForm):
    note = None
    days = forms.IntegerField(label=_("working days asked for"), min_value=1, max_value=15)
    reason = forms.CharField(label=_("reason"), widget=_text())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.need is not None:
            longest = CategoryDeadlines.for_category(self.need.category).max_extension_days
            self.fields["days"] = forms.IntegerField(label=_("working days asked for"), min_value=1,
                                                     max_value=longest)


class ResolveForm(NoteForm):
    note = None
    outcome = forms.CharField(label=_("outcome"), widget=_text(4))
    amount_solved = forms.DecimalField(label=_("amount solved (10,000 yuan)"), required=False, min_value=0,
                                       max_digits=12, decimal_places=2)
    workers_provided = forms.IntegerField(label=_("workers provided"), required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.need is not None:
            if self.need.category != NeedCategory.FUNDING:
                del self.fields["amount_solved"]
            if self.need.category != NeedCategory.LABOUR:
                del self.fields["workers_provided"]


class FeedbackForm(NoteForm):
    note = None
    satisfaction = forms.ChoiceField(label=_("how satisfied are you?"), choices=Need.Satisfaction.choices,
                                     widget=forms.RadioSelect)
    reason = forms.CharField(label=_("comments"), required=False, widget=_text(),
                             help_text=_("Required when you are not satisfied: the need will be handled again."))

    def clean(self):
        data = super().clean()
        if data.get("satisfaction") == Need.Satisfaction.UNSATISFIED and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the enterprise is not satisfied, so the need can be handled again."))
        return data


TRANSITION_FORMS: dict[str, type[NoteForm]] = {
    "accept": NoteForm,
    "reject": RejectForm,
    "withdraw": OptionalReasonForm,
    "assign": AssignForm,
    "sign": NoteForm,
    "return": ReasonForm,
    "reply": ReplyForm,
    "progress": RequiredNoteForm,
    "defer": DeferForm,
    "resume": NoteForm,
    "request_extension": ExtensionForm,
    "approve_extension": NoteForm,
    "refuse_extension": ReasonForm,
    "resolve": ResolveForm,
    "feedback": FeedbackForm,
    "close": NoteForm,
}
