"""Template helpers shared by every page."""
from functools import lru_cache

from django import forms, template
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.filter
def bootstrap(field):
    """Render a form field with Bootstrap's class for its kind of widget (and is-invalid on errors)."""
    widget = field.field.widget
    if isinstance(widget, (forms.CheckboxInput,)):
        css = "form-check-input"
    elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.filter
def figure(value):
    """A figure as the report prints it: thousands separators, at most one decimal, '—' when unknown."""
    from decimal import Decimal

    if value is None or value == "":
        return "—"
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        value = value.quantize(Decimal("0.1"))
        if value == value.to_integral():
            value = int(value)
        else:
            whole, fraction = f"{value:.1f}".split(".")
            return f"{int(whole):,}.{fraction}"
    if isinstance(value, int):
        return f"{value:,}"
    return value


@register.filter
def field_label(name: str, opts) -> str:
    """A model field's label (its verbose name) from its name; the name itself when the model has no such field."""
    from django.core.exceptions import FieldDoesNotExist
    from django.utils.text import capfirst

    try:
        return capfirst(opts.get_field(name).verbose_name)
    except (FieldDoesNotExist, AttributeError):
        return name


# Breakdown keys of the figures that are not a choice of some model field (those are found by _choice_labels).
BREAKDOWN_LABELS = {
    "organizations": _("Party organisations"), "middle_or_above": _("secretary from middle management or above"),
    "in_management": _("secretary in a management post"), "investor": _("secretary who is an investor"),
    "cross_appointed": _("cross-appointed secretary"), "share": _("share"), "city": _("city level"),
    "county": _("county level"), "participants": _("participants"), "certified": _("certified"),
    "alliances": _("alliances"), "resolved": _("resolved"), "collected": _("counted"), "needs": _("needs"),
    "enterprises": _("enterprises"), "visited": _("visited"), "key_enterprises": _("key enterprises"),
    "on_time": _("on time"), "satisfied": _("satisfied"), "feedback": _("with feedback"),
    "reopened": _("reopened"), "total": _("in total"),
}
SUFFIXES = {"_held": _("%(kind)s held"), "_due": _("%(kind)s due"), "_share": _("share of %(kind)s")}


@lru_cache(maxsize=1)
def _choice_labels() -> dict:
    """Every choice value of every model field, with its label (the first model that has the value wins)."""
    from django.apps import apps

    labels = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and value:
                    labels.setdefault(value, label)
    return labels


@register.filter
def breakdown_label(key) -> str:
    """A figure's breakdown key (a choice value, 'council_held', 'on_time' …) as words of the page's language."""
    key = str(key)
    if key in BREAKDOWN_LABELS:
        return BREAKDOWN_LABELS[key]
    if key in _choice_labels():
        return _choice_labels()[key]
    for suffix, text in SUFFIXES.items():
        if key.endswith(suffix):
            return text % {"kind": breakdown_label(key[: -len(suffix)])}
    return key


@register.simple_tag(takes_context=True)
def phone(context, obj, field_name):
    """A personal phone number, masked unless the viewer may edit the record (chainparty/masking.py)."""
    from chainparty.masking import shown_phone

    return shown_phone(context.get("request"), obj, getattr(obj, field_name, ""))
