"""The Word template of the work report an admin may replace, and the log of report downloads."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from chainparty.access import NOTHING, Scope, ScopedQuerySet
from chainparty.uploads import DocumentValidator, private_upload_to


class ReportTemplateQuerySet(ScopedQuerySet, models.QuerySet):
    """Templates are managed by admins only (superusers see everything through ``visible_to``)."""

    def visible_q(self, scope: Scope) -> Q:
        return NOTHING

    def editable_q(self, scope: Scope) -> Q:
        return NOTHING


class ReportTemplate(models.Model):
    """An uploaded .docx template; the newest active one is used, else the file in templates/reports/."""

    name = models.CharField(_("name"), max_length=100)
    file = models.FileField(_("Word template (.docx)"), upload_to=private_upload_to, validators=[DocumentValidator(kinds=("docx",))],
                            help_text=_("A .docx with placeholders such as {{ F01 }}; start from the default template "
                                        "at /dashboard/report-template.docx."))
    is_active = models.BooleanField(_("active"), default=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    objects = ReportTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self) -> str:
        return self.name


class ReportDownloadQuerySet(ScopedQuerySet, models.QuerySet):
    def visible_q(self, scope: Scope) -> Q:
        return Q(user_id=scope.user_id)

    def editable_q(self, scope: Scope) -> Q:
        return NOTHING


class ReportDownload(models.Model):
    """Who downloaded which report (region, period, format) and when."""

    class Format(models.TextChoices):
        DOCX = "docx", _("Word report")
        XLSX = "xlsx", _("Excel workbook")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True,
                             on_delete=models.SET_NULL, related_name="+")
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    region = models.ForeignKey("chainparty.Region", verbose_name=_("region"), on_delete=models.PROTECT,
                               related_name="+")
    period = models.CharField(_("period"), max_length=10)
    template = models.ForeignKey(ReportTemplate, verbose_name=_("report template"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    objects = ReportDownloadQuerySet.as_manager()

    class Meta:
        verbose_name = _("report download")
        verbose_name_plural = _("report downloads")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.region} {self.period} {self.format}"
