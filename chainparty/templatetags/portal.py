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
