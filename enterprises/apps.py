from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "enterprises"
    verbose_name = _("Enterprises and Party organisations")

    def ready(self) -> None:
        from . import metrics  # noqa: F401
