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
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy  # a unit is a measure word (场次, 个): not the model's name

from chainparty.figures import Area, FigureValue, Period, percentage, register
from enterprises import metrics as enterprise_metrics

from .models import (Activity, Agreement, Alliance, AlliancePosition, Case, IndustrialChain,
                     Instruction, Meeting, Pairing, ServiceCenter)


def _by(records, field: str, choices) -> dict:
    """Counts of ``records`` per value of ``field``, every choice present (0 when none)."""
    counts = dict(records.order_by().values_list(field).annotate(n=Count("pk", distinct=True)))
    return {key: counts.get(key, 0) for key, _label in choices}


def _alliances(area: Area, period: Period):
    chains = IndustrialChain.objects.in_region(area.ids).values("pk")
    return Alliance.objects.active(period.end).filter(chain_id__in=chains)


@register("F01", _("Key industrial chains"), _("chains"))
def key_chains(area: Area, period: Period) -> FigureValue:
    records = IndustrialChain.objects.filter(is_key=True).in_region(area.ids)
    return FigureValue(records.count(), records)


@register("F02", _("Chain Party-building alliances"), _("alliances"))
def alliances(area: Area, period: Period) -> FigureValue:
    """Alliances founded on or before the period's end and not dissolved by then."""
    records = _alliances(area, period)
    return FigureValue(records.count(), records)


@register("F03", _("City leaders who are Party members serving as alliance advisors"), _("people"))
def advisors(area: Area, period: Period) -> FigureValue:
    """Distinct people (by name) holding an advisor position active at the period's end."""
    records = AlliancePosition.objects.active(period.end).filter(
        role=AlliancePosition.Role.ADVISOR, is_party_member=True, is_city_leader=True,
        alliance__in=_alliances(area, period))
    value = records.aggregate(n=Count("person_name", distinct=True))["n"]
    return FigureValue(value, records)


@register("F05", _("Enterprise Party organisations covered by the alliances"), _("organisations"))
def covered_organisations(area: Area, period: Period) -> FigureValue:
    """Distinct Party organisations of enterprises (in the area) that are members of an alliance at the period's end."""
    counts = enterprise_metrics.covered_organisation_counts(area, period)
    return FigureValue(counts["organizations"], enterprise_metrics.covered_organisations(area, period))


@register("F14", _("Alliance activities held"), pgettext_lazy("unit", "activities"))
def alliance_activities(area: Area, period: Period) -> FigureValue:
    """Activities organised by alliances (all kinds: matchmaking, forums, face-to-face, …) held in the period."""
    records = Activity.objects.filter(alliance__isnull=False).held_in(period.start, period.end).in_region(area.ids)
    breakdown = _by(records, "kind", Activity.Kind.choices)
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
    records = Agreement.objects.filter(signed_on__lte=period.end).in_region(area.ids)
    breakdown = _by(records, "kind", Agreement.Kind.choices)
    return FigureValue(sum(breakdown.values()), records, breakdown)


@register("F21", _("Recruitment events held"), _("events"))
def recruitment_events(area: Area, period: Period) -> FigureValue:
    """Recruitment activities (online and offline, by alliances and committees) held in the period."""
    records = Activity.objects.filter(kind=Activity.Kind.RECRUITMENT).held_in(period.start, period.end) \
        .in_region(area.ids)
    breakdown = _by(records, "mode", Activity.Mode.choices)
    return FigureValue(sum(breakdown.values()), records, breakdown)


@register("F22", _("Workers recommended to enterprises"), _("people"))
def workers_recommended(area: Area, period: Period) -> FigureValue:
    """Workers recommended through the activities held in the period (any kind)."""
    records = Activity.objects.held_in(period.start, period.end).in_region(area.ids).filter(workers_recommended__gt=0)
    value = records.aggregate(n=Sum("workers_recommended"))["n"] or 0
    return FigureValue(value, records)


@register("F24", _("Typical cases published (cumulative)"), _("cases"))
def cases(area: Area, period: Period) -> FigureValue:
    records = Case.objects.filter(published_on__lte=period.end).in_region(area.ids)
    return FigureValue(records.count(), records)


@register("F25", _("Written instructions by leaders (cumulative)"), _("instructions"))
def instructions(area: Area, period: Period) -> FigureValue:
    records = Instruction.objects.filter(issued_on__lte=period.end).in_region(area.ids)
    return FigureValue(records.count(), records)


@register("F27", _("Regular meetings held as due"), "%")
def meeting_compliance(area: Area, period: Period) -> FigureValue:
    """Meetings held ÷ meetings due in the period, overall and per kind (a percentage with one decimal).

    Due: the regular meetings (one per body, kind and period: the schedule creates them) whose period ends
    within this period and has ended by today — a missed, cancelled or never-recorded one is due and not
    held — plus any already held for a period still running. A member congress (yearly) is due in the
    quarter its year ends.
    """
    today = timezone.localdate()
    records = Meeting.objects.in_region(area.ids).filter(period_end__gte=period.start, period_end__lte=period.end) \
        .filter(Q(period_end__lt=today) | Q(status=Meeting.Status.HELD))
    rows = {row["kind"]: row for row in records.order_by().values("kind").annotate(
        due=Count("pk"), held=Count("pk", filter=Q(status=Meeting.Status.HELD)))}
    breakdown = {}
    for kind, _label in Meeting.Kind.choices:
        row = rows.get(kind, {"due": 0, "held": 0})
        breakdown[kind] = percentage(row["held"], row["due"])
        breakdown[f"{kind}_held"] = row["held"]
        breakdown[f"{kind}_due"] = row["due"]
    held = sum(row["held"] for row in rows.values())
    due = sum(row["due"] for row in rows.values())
    return FigureValue(percentage(held, due), records, breakdown)


@register("F28", _("Pairings active (branch, R&D, purchase–sales)"), pgettext_lazy("unit", "pairings"))
def pairings(area: Area, period: Period) -> FigureValue:
    """Pairings started by and not ended before the period's end, by kind."""
    records = Pairing.objects.active(period.end).in_region(area.ids)
    breakdown = _by(records, "kind", Pairing.Kind.choices)
    return FigureValue(sum(breakdown.values()), records, breakdown)
