"""Admin side of the safe spreadsheets (kept apart from excel.py, which settings import)."""
from import_export.admin import ImportExportMixin

from .bulk import cycle_collection_paused
from .excel import ImportRefused


class SafeImportExportMixin(ImportExportMixin):
    """ImportExportMixin with the refusal messages shown in full, every export logged (AccessLog), and the
    preview and the import of a file run without the cycle collector walking their rows (chainparty/bulk.py)."""

    def import_action(self, request, **kwargs):
        with cycle_collection_paused():
            return super().import_action(request, **kwargs)

    def process_import(self, request, **kwargs):
        with cycle_collection_paused():
            return super().process_import(request, **kwargs)

    def add_data_read_fail_error_to_form(self, form, e):
        if isinstance(e, ImportRefused):
            form.add_error("import_file", str(e))
        else:
            super().add_data_read_fail_error_to_form(form, e)

    def get_export_data(self, file_format, request, queryset, **kwargs):
        data = super().get_export_data(file_format, request, queryset, **kwargs)
        from .accesslog import log_access

        log_access(request, f"export {self.model._meta.label} ({file_format.get_title()})",
                   detail=f"{queryset.count()} rows")
        return data
