from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParksConfig(AppConfig):
    name = "parks"
    verbose_name = _("Parks and joint committees")

    def ready(self) -> None:
        from . import metrics  # noqa: F401
