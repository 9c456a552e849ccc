"""Template helpers shared by every page."""
from django import forms, template

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
