"""Excel import/export of enterprises and Party organisations (django-import-export).

Rows are matched on the credit code (enterprises) or the name (organisations); a file with any row
error is shown with its row errors and nothing is imported (IMPORT_EXPORT_USE_TRANSACTIONS).
"""
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from alliances.models import IndustrialChain
from chainparty.models import Region
from parks.models import Park

from .models import Enterprise, PartyOrganization


class ChoiceLabelWidget(widgets.Widget):
    """Reads and writes a choice by its label (中文) or its stored value."""

    def __init__(self, choices, **kwargs):
        self.choices = dict(choices)
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (str(value).strip() if value is not None else "")
        if not value:
            return ""
        for key, label in self.choices.items():
            if value in (key, str(label)):
                return key
        raise ValueError(_("“%(value)s” is not one of: %(choices)s") % {
            "value": value, "choices": "、".join(str(label) for label in self.choices.values())})

    def render(self, value, obj=None, **kwargs):
        return str(self.choices.get(value, value or ""))


class NamedForeignKeyWidget(widgets.ForeignKeyWidget):
    """A foreign key by a readable field; an unknown value is a clear row error, not a traceback."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(_("No %(model)s “%(value)s” exists.") % {
                "model": self.model._meta.verbose_name, "value": value})


class NamedManyToManyWidget(widgets.ManyToManyWidget):
    """Several records by name; any unknown name is a row error (the library would drop it silently)."""

    def clean(self, value, row=None, **kwargs):
        found = super().clean(value, row, **kwargs)
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        known = {getattr(obj, self.field) for obj in found}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(_("No %(model)s “%(value)s” exists.") % {
                "model": self.model._meta.verbose_name, "value": "、".join(unknown)})
        return found


class YesNoWidget(widgets.BooleanWidget):
    TRUE_VALUES = ["1", 1, True, "true", "TRUE", "True", "是", "Y", "y", "yes"]
    FALSE_VALUES = ["0", 0, False, "false", "FALSE", "False", "否", "N", "n", "no"]

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class EnterpriseResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name=_("name"))
    credit_code = fields.Field(attribute="credit_code", column_name=_("unified social credit code"))
    county = fields.Field(attribute="county", column_name=_("county code"),
                          widget=NamedForeignKeyWidget(Region, field="code"))
    park = fields.Field(attribute="park", column_name=_("park"), widget=NamedForeignKeyWidget(Park, field="name"))
    chains = fields.Field(attribute="chains", column_name=_("industrial chains"),
                          widget=NamedManyToManyWidget(IndustrialChain, field="name", separator="、"))
    is_chain_leader = fields.Field(attribute="is_chain_leader", column_name=_("chain leader"), widget=YesNoWidget())
    is_above_scale = fields.Field(attribute="is_above_scale", column_name=_("above designated size"),
                                  widget=YesNoWidget())
    ownership = fields.Field(attribute="ownership", column_name=_("ownership"),
                             widget=ChoiceLabelWidget(Enterprise.Ownership.choices))
    size = fields.Field(attribute="size", column_name=_("size"), widget=ChoiceLabelWidget(Enterprise.Size.choices))
    employees = fields.Field(attribute="employees", column_name=_("employees"), widget=widgets.IntegerWidget())
    address = fields.Field(attribute="address", column_name=_("address"))
    party_organization = fields.Field(attribute="party_organization", column_name=_("Party organisation"),
                                      widget=NamedForeignKeyWidget(PartyOrganization, field="name"))

    class Meta:
        model = Enterprise
        import_id_fields = ["credit_code"]
        fields = ["name", "credit_code", "county", "park", "chains", "is_chain_leader", "is_above_scale",
                  "ownership", "size", "employees", "address", "party_organization"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True  # run the model's validation: credit-code checksum, park in county…

    def before_import_row(self, row, **kwargs):
        code = row.get(str(_("unified social credit code")))
        if code is not None:
            row[str(_("unified social credit code"))] = str(code).strip().upper()


class PartyOrganizationResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name=_("name"))
    kind = fields.Field(attribute="kind", column_name=_("kind"),
                        widget=ChoiceLabelWidget(PartyOrganization.Kind.choices))
    secretary_name = fields.Field(attribute="secretary_name", column_name=_("secretary"))
    secretary_management_level = fields.Field(attribute="secretary_management_level",
                                              column_name=_("secretary's management level"),
                                              widget=ChoiceLabelWidget(PartyOrganization.ManagementLevel.choices))
    secretary_is_investor = fields.Field(attribute="secretary_is_investor",
                                         column_name=_("secretary is the investor or owner"), widget=YesNoWidget())
    superior = fields.Field(attribute="superior", column_name=_("superior organisation (as recorded)"))
    founded_on = fields.Field(attribute="founded_on", column_name=_("founded on"), widget=widgets.DateWidget())

    class Meta:
        model = PartyOrganization
        import_id_fields = ["name"]
        fields = ["name", "kind", "secretary_name", "secretary_management_level", "secretary_is_investor",
                  "superior", "founded_on"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
