from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChainpartyConfig(AppConfig):
    name = "chainparty"
    verbose_name = _("Portal core")

    def ready(self) -> None:
        from . import checks, metrics  # noqa: F401  registers the deploy checks, F01 and friends
