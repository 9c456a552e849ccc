"""Services: the three lists (needs, resources, projects), the need workflow and visits."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services to enterprises")

    def ready(self) -> None:
        from . import metrics  # noqa: F401
