"""Excel import/export of enterprises and Party organisations (django-import-export).

Rows are matched on the credit code (enterprises) or the name (organisations); a file with any row
error is shown with its row errors and nothing is imported (IMPORT_EXPORT_USE_TRANSACTIONS).

Enterprises import in bulk, in a number of queries that does not grow with the rows: the existing enterprises,
counties, parks, chains and organisations the file names are each read once, the rows are written a batch at a
time, and each imported enterprise gets one history record (with its chains) by the importing user.
"""
from collections import defaultdict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import CachedInstanceLoader

from alliances.models import IndustrialChain
from chainparty.access import scope_for
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
    """A foreign key by a readable field, read in one query per import (``get_queryset``, called once, names the
    candidates); an unknown value is a clear row error, not a traceback.

    The library's CachedForeignKeyWidget does the same, but builds a namedtuple class at each row's lookup."""

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        if not hasattr(self, "_by_value"):
            self._by_value = defaultdict(list)
            for instance in self.get_queryset(value, row, **kwargs):
                self._by_value[str(getattr(instance, self.field))].append(instance)
        found = self._by_value.get(str(value), [])
        if len(found) > 1:
            raise ValueError(_("%(count)d records of %(model)s are named “%(value)s”: make their names distinct "
                               "in admin first.") % {"count": len(found), "model": self.model._meta.verbose_name,
                                                     "value": value})
        if not found:
            raise self.model.DoesNotExist
        return found[0]

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(_("No %(model)s “%(value)s” exists.") % {
                "model": self.model._meta.verbose_name, "value": value})


class NamedOrganizationWidget(NamedForeignKeyWidget):
    """Reads only the organisations the file names (``names``, set before the import), with the enterprises each
    already covers, which ``Enterprise.clean`` checks."""

    names = None

    def get_queryset(self, value, row, *args, **kwargs):
        organizations = super().get_queryset(value, row, *args, **kwargs).prefetch_related("enterprises")
        return organizations if self.names is None else organizations.filter(name__in=self.names)


class RegionalChainsWidget(widgets.ManyToManyWidget):
    """Chains by name among those of the row's county and the regions above it (a chain's name is unique only within
    its region; the nearest region wins), read once per import. Any unknown name is a row error (the library's
    widget would drop it silently)."""

    def __init__(self, county_column, **kwargs):
        self.county_column = county_column
        super().__init__(IndustrialChain, field="name", separator="、", **kwargs)

    def clean(self, value, row=None, **kwargs):
        names = [name.strip() for name in str(value or "").split(self.separator) if name.strip()]
        if not names:
            return []
        known = self._chains_near((row or {}).get(self.county_column))
        unknown = [name for name in names if name not in known]
        if unknown:
            raise ValueError(_("No %(model)s “%(value)s” exists.") % {
                "model": self.model._meta.verbose_name, "value": "、".join(unknown)})
        return [known[name] for name in names]

    def _chains_near(self, county_code) -> dict:
        if not hasattr(self, "_by_region"):
            self._by_region = defaultdict(dict)
            for chain in IndustrialChain.objects.all():
                self._by_region[chain.region_id][chain.name] = chain
            regions = Region.objects.values_list("pk", "code", "parent_id")
            self._parent_of = {pk: parent for pk, _code, parent in regions}
            self._region_of_code = {str(code): pk for pk, code, _parent in regions}
        region = self._region_of_code.get(str(county_code).strip())
        if region is None:  # the row fails on its county anyway: say only whether the names exist at all
            return {name: chain for chains in self._by_region.values() for name, chain in chains.items()}
        known = {}
        while region is not None:
            known = {**self._by_region.get(region, {}), **known}
            region = self._parent_of.get(region)
        return known


class Held(list):
    """Related records held on an instance, read like its related manager (``.all()``)."""

    def all(self):
        return self


class HeldManyToManyField(fields.Field):
    """A many-to-many column that bulk mode writes only after its batch: until then the row's value is held on the
    instance (and an existing enterprise's current value is prefetched there), where the checks and the preview read
    it."""

    def hold(self, instance, value) -> None:
        setattr(instance, self.held_attribute, value)

    @property
    def held_attribute(self) -> str:
        return f"_held_{self.attribute}"

    def get_value(self, instance):
        held = getattr(instance, self.held_attribute, None)
        return Held(held) if held is not None else super().get_value(instance)


class YesNoWidget(widgets.BooleanWidget):
    TRUE_VALUES = ["1", 1, True, "true", "TRUE", "True", "是", "Y", "y", "yes"]
    FALSE_VALUES = ["0", 0, False, "false", "FALSE", "False", "否", "N", "n", "no"]

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class NoDiff:
    """The diff of a row nobody will see."""

    def __init__(self, resource, instance, new):
        pass

    def compare_with(self, resource, instance):
        pass

    def as_html(self):
        return []


class WithinReach:
    """A non-superuser imports what admin would let them save (ScopedAdminMixin): rows whose record they may change
    (``editable_by`` their scope) before the row and after it (``stays_within_reach``). A file without an
    importing user (a command, a script) is trusted."""

    scope = None
    changeable: set = frozenset()

    def read_reach(self, user, keys) -> None:
        """Once per import: the scope, and which of the file's existing records the user may change."""
        scope = scope_for(user) if user is not None else None
        self.scope = scope if scope is not None and not scope.is_superuser else None
        if self.scope is None:
            return
        key = self._meta.import_id_fields[0]
        self.changeable = set(self._meta.model.objects.editable_by(self.scope).filter(
            **{f"{key}__in": [value for value in keys if value]}).values_list(key, flat=True))

    def outside_reach(self, instance) -> dict:
        if self.scope is None:
            return {}
        key = self._meta.import_id_fields[0]
        if instance.pk is not None and getattr(instance, key) not in self.changeable:
            return {key: [ValidationError(_("This %(model)s is outside your reach: you may not change it.") % {
                "model": self._meta.model._meta.verbose_name})]}
        return self.stays_within_reach(instance)

    def stays_within_reach(self, instance) -> dict:
        """The errors of a record the row would leave outside the user's reach."""
        return {}


class EnterpriseResource(WithinReach, resources.ModelResource):
    name = fields.Field(attribute="name", column_name=_("name"), widget=widgets.CharWidget())
    credit_code = fields.Field(attribute="credit_code", column_name=_("unified social credit code"),
                               widget=widgets.CharWidget())
    county = fields.Field(attribute="county", column_name=_("county code"),
                          widget=NamedForeignKeyWidget(Region, field="code"))
    park = fields.Field(attribute="park", column_name=_("park"), widget=NamedForeignKeyWidget(Park, field="name"))
    chains = HeldManyToManyField(attribute="chains", column_name=_("industrial chains"),
                                 widget=RegionalChainsWidget(county_column=_("county code")))
    is_chain_leader = fields.Field(attribute="is_chain_leader", column_name=_("chain leader"), widget=YesNoWidget())
    is_above_scale = fields.Field(attribute="is_above_scale", column_name=_("above designated size"),
                                  widget=YesNoWidget())
    ownership = fields.Field(attribute="ownership", column_name=_("ownership"),
                             widget=ChoiceLabelWidget(Enterprise.Ownership.choices))
    size = fields.Field(attribute="size", column_name=_("size"), widget=ChoiceLabelWidget(Enterprise.Size.choices))
    employees = fields.Field(attribute="employees", column_name=_("employees"), widget=widgets.IntegerWidget())
    address = fields.Field(attribute="address", column_name=_("address"), widget=widgets.CharWidget())  # empty: ""
    party_organization = fields.Field(attribute="party_organization", column_name=_("Party organisation"),
                                      widget=NamedOrganizationWidget(PartyOrganization, field="name"))

    class Meta:
        model = Enterprise
        import_id_fields = ["credit_code"]
        fields = ["name", "credit_code", "county", "park", "chains", "is_chain_leader", "is_above_scale",
                  "ownership", "size", "employees", "address", "party_organization"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True  # run the model's validation: credit-code checksum, park in county…
        use_bulk = True
        batch_size = 1000
        instance_loader_class = CachedInstanceLoader  # the file's existing enterprises in one query

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.importing_user = None
        self.previewing = True
        self._import_fields = None
        self.first_row_of_code: dict[str, int] = {}
        self.organization_covers: dict[int, Enterprise] = {}

    def get_import_fields(self):
        """Computed once: the library asks for them several times per row."""
        if self._import_fields is None:
            self._import_fields = super().get_import_fields()
        return self._import_fields

    def get_queryset(self):
        """The existing enterprises as the checks and the preview read them (a prefetched relation is lost when
        the library copies each instance to compare it, a list is not)."""
        chains = self.fields["chains"]
        return super().get_queryset().select_related("county", "park", "party_organization") \
            .prefetch_related(Prefetch(chains.attribute, to_attr=chains.held_attribute))

    def import_data(self, dataset, dry_run=False, **kwargs):
        self.previewing = dry_run
        return super().import_data(dataset, dry_run=dry_run, **kwargs)

    def get_diff_class(self):
        """The preview shows each row's changes; the confirmed import shows only totals, so it skips the diff."""
        return super().get_diff_class() if self.previewing else NoDiff

    def before_import(self, dataset, **kwargs):
        for field in self.fields.values():  # translated once, not at each row's lookups of each column
            field.column_name = str(field.column_name)
        self.fields["chains"].widget.county_column = self.fields["county"].column_name
        self.importing_user = kwargs.get("user")
        self.organization_covers = {}
        codes = self._normalise_credit_codes(dataset)
        self.read_reach(self.importing_user, codes)
        self.first_row_of_code = {}
        for number, code in enumerate(codes, 1):
            self.first_row_of_code.setdefault(code, number)
        organizations = self.fields["party_organization"].column_name
        if organizations in dataset.headers:
            names = {str(name) for name in dataset[organizations] if name not in (None, "")}
            self.fields["party_organization"].widget.names = names

    def _normalise_credit_codes(self, dataset) -> list:
        """Codes stripped and in capitals, before the instance loader reads them."""
        column = self.fields["credit_code"].column_name
        if column not in dataset.headers:
            return []
        index = dataset.headers.index(column)
        codes = [str(code).strip().upper() if code is not None else None for code in dataset[column]]
        del dataset[column]
        dataset.insert_col(index, codes, header=column)
        return codes

    def before_import_row(self, row, **kwargs):
        """A second row with the same code is refused (the rows of a batch are written together, so it could not
        update the first)."""
        code = row.get(self.fields["credit_code"].column_name)
        first = self.first_row_of_code.get(code)
        if code and first is not None and first != kwargs.get("row_number"):
            raise ValidationError({"credit_code": _("This credit code is also on row %(row)s of the file.")
                                   % {"row": first}})

    def import_instance(self, instance, row, **kwargs):
        """Sets the fields, and holds the chains on the instance until its batch is written."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        chains = self.fields["chains"]
        if chains.column_name in row:
            try:
                chains.hold(instance, chains.clean(row))
            except ValueError as error:
                errors["chains"] = [ValidationError(force_str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation, less the queries whose answer the import already has for the whole file:
        related records were read from the database (so they exist), the file's credit codes were looked up
        together (so a new one is free, and the code is the key of an updated one) and the code's format
        constraint repeats its validator. An organisation taken by an earlier row counts as covering its enterprise."""
        errors = dict(import_validation_errors or {})
        if self._meta.clean_model_instances:
            read = [field.name for field in instance._meta.concrete_fields
                    if field.is_relation and getattr(instance, field.attname) is not None]
            try:
                instance.full_clean(exclude=[*errors, *read], validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if not errors:
            errors = self.outside_reach(instance) or self._covered_by_an_earlier_row(instance)
        if errors:
            raise ValidationError(errors)

    def stays_within_reach(self, instance) -> dict:
        if instance.park_id in self.scope.park_ids:
            return {}
        return {"park": [ValidationError(_("You may import enterprises only into the parks you work for."))]}

    def _covered_by_an_earlier_row(self, instance) -> dict:
        organization = instance.party_organization
        if organization is None or organization.kind == PartyOrganization.Kind.JOINT_BRANCH:
            return {}
        earlier = self.organization_covers.setdefault(organization.pk, instance)
        if earlier is instance:
            return {}
        return {"party_organization": [ValidationError(_(
            "Only a joint Party branch covers several enterprises; this organisation already covers %(name)s."
        ) % {"name": earlier.name})]}

    def get_bulk_update_fields(self):
        return [name for name in super().get_bulk_update_fields()
                if not isinstance(self.fields[name].widget, widgets.ManyToManyWidget)]

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write_batch(self.create_instances, using_transactions, dry_run, raise_errors, result,
                          lambda batch: Enterprise.objects.bulk_create(batch, batch_size=batch_size))

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        self._write_batch(self.update_instances, using_transactions, dry_run, raise_errors, result,
                          lambda batch: Enterprise.objects.bulk_update(batch, self.get_bulk_update_fields(),
                                                                      batch_size=batch_size), update=True)

    def _write_batch(self, batch, using_transactions, dry_run, raise_errors, result, write, update=False):
        """The library's bulk write, then what a save per row did: the chain links and the history records."""
        if not batch or (dry_run and not using_transactions):
            batch.clear()
            return
        try:
            with transaction.atomic():  # a failed batch leaves the transaction usable for the error report
                write(batch)
                self._link_chains(batch, update)
                if not dry_run:  # the preview's writes are rolled back: history would be a third of its time
                    self._record_history(batch, update)
        except Exception as error:
            self.handle_import_error(result, error, raise_errors)
        finally:
            batch.clear()

    def _link_chains(self, enterprises, update) -> None:
        """``chains.set()`` for the batch: links added and dropped in one query each."""
        held = self.fields["chains"].held_attribute
        enterprises = [enterprise for enterprise in enterprises if hasattr(enterprise, held)]
        if not enterprises:
            return
        link = Enterprise.chains.through
        wanted = {(enterprise.pk, chain.pk) for enterprise in enterprises for chain in getattr(enterprise, held)}
        existing = {}
        if update:
            existing = {(enterprise, chain): pk for enterprise, chain, pk in link.objects.filter(
                enterprise__in=enterprises).values_list("enterprise_id", "industrialchain_id", "pk")}
        dropped = [pk for pair, pk in existing.items() if pair not in wanted]
        if dropped:
            link.objects.filter(pk__in=dropped).delete()
        link.objects.bulk_create(link(enterprise_id=enterprise, industrialchain_id=chain)
                                 for enterprise, chain in wanted - existing.keys())

    def _record_history(self, enterprises, update) -> None:
        """One record per enterprise, with its chains as they now are (simple-history's bulk_history_create
        records no many-to-many rows)."""
        records = Enterprise.history.bulk_history_create(enterprises, update=update,
                                                         default_user=self.importing_user)
        links = defaultdict(list)
        for link in Enterprise.chains.through.objects.filter(enterprise__in=enterprises):
            links[link.enterprise_id].append(link)
        historical_link = Enterprise.history.model.chains.model  # HistoricalEnterprise_chains
        historical_link.objects.bulk_create(
            historical_link(history=record, id=link.pk, enterprise_id=link.enterprise_id,
                            industrialchain_id=link.industrialchain_id)
            for record in records for link in links[record.id])


class PartyOrganizationResource(WithinReach, resources.ModelResource):
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

    def before_import(self, dataset, **kwargs):
        column = str(self.fields["name"].column_name)
        names = dataset[column] if column in dataset.headers else []
        self.read_reach(kwargs.get("user"), [str(name).strip() for name in names if name not in (None, "")])

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = {**(import_validation_errors or {}), **self.outside_reach(instance)}
        super().validate_instance(instance, errors, validate_unique)

    def stays_within_reach(self, instance) -> dict:
        """A new organisation covers no enterprise yet, so none of the user's: only an administrator adds one."""
        if instance.pk is not None:
            return {}
        return {"name": [ValidationError(_("Only an administrator adds Party organisations."))]}
