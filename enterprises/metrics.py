"""Figures the enterprises app owns (FIGURES.md): member growth F06–F10, training F11, demonstration sites F23.

Member figures count approved quarterly reports only, of the organisations with an enterprise in the area;
each figure is one aggregate query, whatever the number of organisations.

No endpoint of our own is needed: the generic ``/api/v1/figures/?region=<code>&period=<2025|2025Q3>`` (and the
officials' overview) list every registered figure, scoped to the regions the user may read. Alliance and committee
staff, who read by chain or park rather than by region, get the same sums over the approved reports they see from
``/api/v1/member-reports/summary/?period=…&chain=…&park=…``.
"""
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alliances.models import Alliance, AllianceMember
from chainparty.figures import (Area, FigureValue, Period, aggregated_by_period, percentage, register, shared,
                                shared_by_period)

from .models import DemonstrationSite, MemberReport, PartyOrganization, TrainingSession

MIDDLE_OR_ABOVE = [PartyOrganization.ManagementLevel.SENIOR, PartyOrganization.ManagementLevel.MIDDLE]
IN_MANAGEMENT = [*MIDDLE_OR_ABOVE, PartyOrganization.ManagementLevel.JUNIOR]


def approved_reports(area: Area, period: Period):
    """The approved member reports of the area's organisations for the period's quarters (built once for F06–F09
    within a computation)."""
    return shared(("approved reports", area.ids, period), lambda: MemberReport.objects.approved().in_period(period)
                  .in_region(area.ids).select_related("organization"))


SUMMED = ("applications", "admitted", "hidden_members_found")


def _report_sums(area: Area, period: Period) -> dict:
    """F06–F09 in one scan of the approved reports of the period's quarters, this year and a year earlier (and
    those of every period computed with this one): ``<field>_sum`` (the period's total), ``<field>_q<n>`` (a
    year's quarters) and ``earlier`` (F07's applications)."""
    def compute(periods: list[Period]) -> dict[Period, dict]:
        sums = {}
        for index, each in enumerate(periods):
            quarters = [quarter.quarter for quarter in each.quarters()]
            prefix = f"p{index}_"
            sums[f"{prefix}earlier"] = Coalesce(Sum("applications", filter=Q(
                year=each.year_earlier().year, quarter__in=quarters)), 0)
            for field in SUMMED:
                sums[f"{prefix}{field}_sum"] = Coalesce(Sum(field, filter=Q(year=each.year, quarter__in=quarters)), 0)
                if each.quarter is None:
                    sums.update({f"{prefix}{field}_q{quarter}": Coalesce(Sum(field, filter=Q(
                        year=each.year, quarter=quarter)), 0) for quarter in quarters})
        result = MemberReport.objects.approved().in_region(area.ids).filter(
            quarter__in={quarter.quarter for each in periods for quarter in each.quarters()},
            year__in={year for each in periods for year in (each.year, each.year_earlier().year)}).aggregate(**sums)
        return {each: {key.removeprefix(f"p{index}_"): value for key, value in result.items()
                       if key.startswith(f"p{index}_")} for index, each in enumerate(periods)}
    return shared_by_period(("member report sums", area.ids), period, compute)


def report_sum(field: str, area: Area, period: Period) -> FigureValue:
    """The sum of ``field`` over the approved reports, with a breakdown by quarter for a year."""
    sums = _report_sums(area, period)
    breakdown = {str(quarter): sums[f"{field}_q{quarter.quarter}"] for quarter in period.quarters()} \
        if period.quarter is None else {}
    return FigureValue(sums[f"{field}_sum"], lambda: approved_reports(area, period), breakdown)


@register("F06", _("Applications for Party membership received"), _("people"))
def applications(area: Area, period: Period) -> FigureValue:
    return report_sum("applications", area, period)


@register("F07", _("Growth of applications on a year earlier"), "%")
def applications_growth(area: Area, period: Period) -> FigureValue:
    """F06 against the same period a year earlier; None ("—") when the earlier figure is 0."""
    earlier = period.year_earlier()

    def records():
        return MemberReport.objects.approved().in_region(area.ids).filter(
            quarter__in=[quarter.quarter for quarter in period.quarters()], year__in=[period.year, earlier.year])
    sums = _report_sums(area, period)
    current = sums["applications_sum"]
    return FigureValue(percentage(current - sums["earlier"], sums["earlier"]), records,
                       {str(period): current, str(earlier): sums["earlier"]})


@register("F08", _("Members newly admitted"), _("people"))
def members_admitted(area: Area, period: Period) -> FigureValue:
    return report_sum("admitted", area, period)


@register("F09", _("Hidden and pocket members found"), _("people"))
def hidden_members_found(area: Area, period: Period) -> FigureValue:
    return report_sum("hidden_members_found", area, period)


def covered_organisations(area: Area, period: Period):
    """The active Party organisations of the area's enterprises that are members of an active alliance at the
    period's end: F05 counts them, F10 looks at their secretaries (built once for both within a computation)."""
    def build():
        # The members joined to their enterprises of the area, not the area's enterprises semi-joined to every
        # member: in a province's database PostgreSQL hashed all its 200,000 members for each city (210 → 84 ms).
        members = AllianceMember.objects.active(period.end).filter(
            enterprise__county_id__in=area.ids, alliance_id__in=Alliance.objects.active(period.end).values("pk"))
        return PartyOrganization.objects.active(period.end).filter(
            pk__in=members.values("enterprise__party_organization_id"))
    return shared(("covered organisations", area.ids, period), build)


def covered_organisation_counts(area: Area, period: Period) -> dict:
    """F05's count and F10's secretaries, in one scan of the covered organisations."""
    return shared(("covered organisation counts", area.ids, period),
                  lambda: covered_organisations(area, period).aggregate(
                      organizations=Count("pk"),
                      middle_or_above=Count("pk", filter=Q(secretary_management_level__in=MIDDLE_OR_ABOVE)),
                      in_management=Count("pk", filter=Q(secretary_management_level__in=IN_MANAGEMENT)),
                      investor=Count("pk", filter=Q(secretary_is_investor=True))))


@register("F10", _("Share of secretaries from middle management or above"), "%")
def secretaries_in_management(area: Area, period: Period) -> FigureValue:
    """Among the Party organisations of enterprises that are alliance members at the period's end, the share
    whose secretary is middle management or above; the breakdown adds the secretaries in any management post
    (双向进入、交叉任职) and those who are the investor or owner."""
    result = dict(covered_organisation_counts(area, period))
    result["cross_appointed_share"] = percentage(result["in_management"], result["organizations"])
    return FigureValue(percentage(result["middle_or_above"], result["organizations"]),
                       covered_organisations(area, period), result)


@register("F11", _("Training sessions for enterprise Party secretaries"), _("sessions"))
def training_sessions(area: Area, period: Period) -> FigureValue:
    """Sessions organised by the area's city or counties that began in the period (and not after today)."""
    today = timezone.localdate()

    def began(each: Period) -> Q:
        return Q(start_date__gte=each.start, start_date__lte=min(each.end, today))

    def records(condition: Q):
        return TrainingSession.objects.filter(condition, organizer_id__in=area.ids)
    result = aggregated_by_period("training sessions", area, period, records, began, total=Count("pk"),
                                  city=Count("pk", filter=Q(organizer__level="city")),
                                  county=Count("pk", filter=Q(organizer__level="county")),
                                  participants=Sum("participants", default=0))
    return FigureValue(result.pop("total"), lambda: records(began(period)), result)


@register("F23", _("Chain-leader enterprises awarded as demonstration sites"), _("enterprises"))
def demonstration_sites(area: Area, period: Period) -> FigureValue:
    """Distinct enterprises awarded up to the period's end (cumulative)."""
    def records(awarded: Q):
        return DemonstrationSite.objects.awarded().filter(awarded, enterprise__county_id__in=area.ids)
    counts = aggregated_by_period("demonstration sites", area, period, records,
                                  lambda each: Q(awarded_on__lte=each.end), total=Count("enterprise_id", distinct=True))
    return FigureValue(counts["total"], lambda: records(Q(awarded_on__lte=period.end)).select_related("enterprise"))
