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


@register.simple_tag(takes_context=True)
def phone(context, obj, field_name):
    """A personal phone number, masked unless the viewer may edit the record (chainparty/masking.py)."""
    from chainparty.masking import shown_phone

    return shown_phone(context.get("request"), obj, getattr(obj, field_name, ""))
