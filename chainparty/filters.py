"""Helpers for FilterSets shared by list pages and the API."""
from django.apps import apps

from .access import get_scope


def visible(app_label: str, model_name: str):
    """A callable queryset for a filter: only the choices the requesting user may see."""

    def queryset(request):
        model = apps.get_model(app_label, model_name)
        if request is None:
            return model.objects.none()
        return model.objects.visible_to(get_scope(request))

    return queryset
