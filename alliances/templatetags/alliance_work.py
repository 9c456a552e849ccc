"""``{% work_panel %}``: a body's meetings, activities, agreements and pairings, for the chain and park pages."""
from django import template
from django.db.models import Prefetch, Q

from ..models import Activity, Agreement, AllianceMember, Meeting, Pairing

register = template.Library()

SHOWN = 8


@register.inclusion_tag("alliances/_work_panel.html", takes_context=True)
def work_panel(context, alliance=None, committee=None, park=None):
    """The latest work of an alliance (or of a committee and its park), as the user's scope lets them see it."""
    scope = context["request"].scope
    meetings = Meeting.objects.visible_to(scope).select_related("alliance", "committee")
    activities = Activity.objects.visible_to(scope).select_related("alliance", "committee")
    panel = {"alliance": alliance, "committee": committee}
    if alliance is not None:
        meetings = meetings.filter(alliance=alliance)
        activities = activities.filter(alliance=alliance)
        members = AllianceMember.objects.select_related("enterprise", "department")
        panel["agreements"] = list(Agreement.objects.visible_to(scope).filter(alliance=alliance)
                                   .prefetch_related(Prefetch("parties", members))[:SHOWN])
        panel["pairings"] = list(Pairing.objects.visible_to(scope).filter(alliance=alliance).select_related(
            "first__enterprise", "first__department", "second__enterprise", "second__department")[:SHOWN])
        panel["query"] = f"alliance={alliance.pk}"
    else:
        meetings = meetings.filter(committee=committee)
        activities = activities.filter(Q(committee=committee) | Q(park=park)) if park else activities.filter(
            committee=committee)
        panel["query"] = f"committee={committee.pk}"
    panel["meetings"] = list(meetings.order_by("-period_start", "kind")[:SHOWN])
    panel["activities"] = list(activities.order_by("-date")[:SHOWN])
    return panel
