"""The API under /api/v1/: one router gathering the ``routes`` of each app's api.py."""
from importlib import import_module

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from .api import FiguresView

API_APPS = ["chainparty", "alliances", "parks", "enterprises", "services"]

router = DefaultRouter()
for app in API_APPS:
    try:
        module = import_module(f"{app}.api")
    except ModuleNotFoundError as error:
        if error.name != f"{app}.api":
            raise
        continue
    for prefix, viewset in getattr(module, "routes", []):
        router.register(prefix, viewset, basename=getattr(viewset, "basename", None))

urlpatterns = [
    path("figures/", FiguresView.as_view(), name="figures"),
    path("", include(router.urls)),
]
