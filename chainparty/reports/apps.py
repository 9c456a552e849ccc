from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The work report (工作汇报): its Word template, the generated .docx/.xlsx and the log of downloads."""

    name = "chainparty.reports"
    label = "reports"
    verbose_name = _("Work reports")
    default_auto_field = "django.db.models.BigAutoField"
