"""Figures the alliances app owns (FIGURES.md).

Where a record lies, for a county's figures (a city or province adds everything below it):

- alliance-level records (alliances, advisors, leaders' instructions, an alliance's own cases, council
  meetings and member congresses) lie where the alliance's chain lies: ``IndustrialChain.in_region``,
  i.e. the chain's own region, or a county with a joint committee on the chain;
- an activity lies where it was held (its park, enterprise or service center), else where its organiser is
  (the committee's park, or the alliance's chain region);
- agreements, pairings and member organisations lie where their enterprises lie (an agreement or pairing
  counts in each county one of its enterprise parties is in), else at the chain's own region;
- a service center lies where it stands (its park, else its host enterprise), else at the chain's region;
- a case about an enterprise lies where the enterprise lies.

So a county sees what happened on its ground; the city sees all of it once.
"""
from typing import Callable

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy  # a unit is a measure word (场次, 个): not the model's name

from chainparty.access import active_on, standing_on
from chainparty.figures import (Area, FigureValue, Period, aggregated_by_period, counted_by_period, percentage,
                                register, shared, shared_by_period)
from enterprises import metrics as enterprise_metrics

from .models import (Activity, Agreement, Alliance, AlliancePosition, Case, IndustrialChain,
                     Instruction, Meeting, Pairing, ServiceCenter)
from .querysets import chains_in_region


def _counted_by(key: str, area: Area, period: Period, records_where: Callable[[Q], QuerySet],
                within: Callable[[Period], Q], field: str, choices) -> dict:
    """Counts per value of ``field`` (every choice present, 0 when none) of ``records_where(within(period))``: one
    query for the period and every period computed with it. Distinct: a record lying where one of several parties
    lies is joined once per party."""
    rows = aggregated_by_period(key, area, period, records_where, within, by=field, n=Count("pk", distinct=True))
    return {value: rows[value]["n"] if value in rows else 0 for value, _label in choices}


@register("F01", _("Key industrial chains"), _("chains"))
def key_chains(area: Area, period: Period) -> FigureValue:
    """The key chains lying in the area, whatever the period (counted once for every period computed together)."""
    def records():
        return IndustrialChain.objects.filter(is_key=True).in_region(area.ids)
    return FigureValue(shared(("key chains", area.ids), lambda: records().count()), records)


@register("F02", _("Chain Party-building alliances"), _("alliances"))
def alliances(area: Area, period: Period) -> FigureValue:
    """Alliances founded on or before the period's end and not dissolved by then."""
    return counted_by_period("alliances", area, period,
                             lambda active: Alliance.objects.filter(active, chain_id__in=chains_in_region(area.ids)),
                             lambda each: standing_on(each.end))


@register("F03", _("City leaders who are Party members serving as alliance advisors"), _("people"))
def advisors(area: Area, period: Period) -> FigureValue:
    """Distinct people (by name) holding an advisor position active at the period's end, in an alliance active then."""
    def records(active: Q):
        return AlliancePosition.objects.filter(active, role=AlliancePosition.Role.ADVISOR, is_party_member=True,
                                               is_city_leader=True, alliance__chain_id__in=chains_in_region(area.ids))

    def active(each: Period) -> Q:
        return active_on(each.end) & standing_on(each.end, "alliance__")
    counts = aggregated_by_period("advisors", area, period, records, active, people=Count("person_name", distinct=True))
    return FigureValue(counts["people"], lambda: records(active(period)))


@register("F05", _("Enterprise Party organisations covered by the alliances"), _("organisations"))
def covered_organisations(area: Area, period: Period) -> FigureValue:
    """Distinct Party organisations of enterprises (in the area) that are members of an alliance at the period's end."""
    counts = enterprise_metrics.covered_organisation_counts(area, period)
    return FigureValue(counts["organizations"], enterprise_metrics.covered_organisations(area, period))


def _activity_counts(area: Area, period: Period) -> dict:
    """Of the activities held in the period: by kind those organised by alliances (F14), by mode the recruitment
    events (F21) and the workers recommended (F22). One scan of the area's activities for the three figures, and
    for every period computed with this one (an activity lies in one place: its joins never repeat it)."""
    def compute(periods: list[Period]) -> dict[Period, dict]:
        counts = {}
        for index, each in enumerate(periods):
            held = Q(date__gte=each.start, date__lte=each.end)
            counts.update({f"held_{index}": Count("pk", filter=held),
                           f"workers_{index}": Sum("workers_recommended", filter=held)})
        rows = list(Activity.objects.held_in(min(each.start for each in periods), max(each.end for each in periods))
                    .in_region(area.ids).annotate(by_alliance=ExpressionWrapper(
                        Q(alliance__isnull=False), output_field=BooleanField()))
                    .order_by().values("kind", "mode", "by_alliance").annotate(**counts))
        return {each: _activity_breakdowns(rows, index) for index, each in enumerate(periods)}
    return shared_by_period(("activities", area.ids), period, compute)


def _activity_breakdowns(rows: list[dict], index: int) -> dict:
    kinds, modes = dict.fromkeys(Activity.Kind.values, 0), dict.fromkeys(Activity.Mode.values, 0)
    for row in rows:
        if row["by_alliance"] and row["kind"] in kinds:
            kinds[row["kind"]] += row[f"held_{index}"]
        if row["kind"] == Activity.Kind.RECRUITMENT and row["mode"] in modes:
            modes[row["mode"]] += row[f"held_{index}"]
    return {"kinds": kinds, "modes": modes, "workers": sum(row[f"workers_{index}"] or 0 for row in rows)}


@register("F14", _("Alliance activities held"), pgettext_lazy("unit", "activities"))
def alliance_activities(area: Area, period: Period) -> FigureValue:
    """Activities organised by alliances (all kinds: matchmaking, forums, face-to-face, …) held in the period."""
    def records():
        return Activity.objects.filter(alliance__isnull=False).held_in(period.start, period.end).in_region(area.ids)
    breakdown = _activity_counts(area, period)["kinds"]
    return FigureValue(sum(breakdown.values()), records, breakdown)


@register("F15", _("Alliances with a service center"), _("alliances"))
def alliances_with_center(area: Area, period: Period) -> FigureValue:
    """Alliances (active at the period's end) with a service center open at the period's end, in the area."""
    centers = ServiceCenter.objects.open_on(period.end).in_region(area.ids)
    records = Alliance.objects.active(period.end).filter(pk__in=centers.values("alliance_id"))
    return FigureValue(records.count(), records)


@register("F16", _("Cooperation agreements signed (cumulative)"), pgettext_lazy("unit", "agreements"))
def agreements(area: Area, period: Period) -> FigureValue:
    """Agreements signed up to the period's end, in total and by kind (a terminated one was still signed)."""
    def records(signed: Q):
        return Agreement.objects.filter(signed).in_region(area.ids)
    breakdown = _counted_by("agreements", area, period, records, lambda each: Q(signed_on__lte=each.end), "kind",
                            Agreement.Kind.choices)
    return FigureValue(sum(breakdown.values()), lambda: records(Q(signed_on__lte=period.end)), breakdown)


@register("F21", _("Recruitment events held"), _("events"))
def recruitment_events(area: Area, period: Period) -> FigureValue:
    """Recruitment activities (online and offline, by alliances and committees) held in the period."""
    def records():
        return Activity.objects.filter(kind=Activity.Kind.RECRUITMENT).held_in(period.start, period.end) \
            .in_region(area.ids)
    breakdown = _activity_counts(area, period)["modes"]
    return FigureValue(sum(breakdown.values()), records, breakdown)


@register("F22", _("Workers recommended to enterprises"), _("people"))
def workers_recommended(area: Area, period: Period) -> FigureValue:
    """Workers recommended through the activities held in the period (any kind)."""
    def records():
        return Activity.objects.held_in(period.start, period.end).in_region(area.ids).filter(
            workers_recommended__gt=0)
    return FigureValue(_activity_counts(area, period)["workers"], records)


@register("F24", _("Typical cases published (cumulative)"), _("cases"))
def cases(area: Area, period: Period) -> FigureValue:
    return _cumulative("cases", Case, "published_on", area, period)


@register("F25", _("Written instructions by leaders (cumulative)"), _("instructions"))
def instructions(area: Area, period: Period) -> FigureValue:
    return _cumulative("instructions", Instruction, "issued_on", area, period)


def _cumulative(key: str, model, dated: str, area: Area, period: Period) -> FigureValue:
    """The records of ``model`` in the area dated (``dated``) up to the period's end."""
    return counted_by_period(key, area, period, lambda dated_then: model.objects.filter(dated_then).in_region(area.ids),
                             lambda each: Q(**{f"{dated}__lte": each.end}))


@register("F27", _("Regular meetings held as due"), "%")
def meeting_compliance(area: Area, period: Period) -> FigureValue:
    """Meetings held ÷ meetings due in the period, overall and per kind (a percentage with one decimal).

    Due: the regular meetings (one per body, kind and period: the schedule creates them) whose period ends
    within this period and has ended by today — a missed, cancelled or never-recorded one is due and not
    held — plus any already held for a period still running. A member congress (yearly) is due in the
    quarter its year ends.
    """
    today = timezone.localdate()

    def due(each: Period) -> Q:
        return Q(period_end__gte=each.start, period_end__lte=each.end) & (
            Q(period_end__lt=today) | Q(status=Meeting.Status.HELD))

    def records(due_then: Q):
        return Meeting.objects.in_region(area.ids).filter(due_then)
    rows = aggregated_by_period("meetings due", area, period, records, due, by="kind", due=Count("pk"),
                                held=Count("pk", filter=Q(status=Meeting.Status.HELD)))
    breakdown = {}
    for kind, _label in Meeting.Kind.choices:
        row = rows.get(kind, {"due": 0, "held": 0})
        breakdown[kind] = percentage(row["held"], row["due"])
        breakdown[f"{kind}_held"] = row["held"]
        breakdown[f"{kind}_due"] = row["due"]
    held = sum(row["held"] for row in rows.values())
    due_count = sum(row["due"] for row in rows.values())
    return FigureValue(percentage(held, due_count), lambda: records(due(period)), breakdown)


@register("F28", _("Pairings active (branch, R&D, purchase–sales)"), pgettext_lazy("unit", "pairings"))
def pairings(area: Area, period: Period) -> FigureValue:
    """Pairings started by and not ended before the period's end, by kind."""
    def records(active: Q):
        return Pairing.objects.filter(active).in_region(area.ids)
    breakdown = _counted_by("pairings", area, period, records, lambda each: active_on(each.end), "kind",
                            Pairing.Kind.choices)
    return FigureValue(sum(breakdown.values()), lambda: records(active_on(period.end)), breakdown)
