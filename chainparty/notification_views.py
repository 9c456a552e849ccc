"""The bell: a user's notifications, marking them read, and choosing which kinds reach them how."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .empty_states import EmptyState
from .models import Notification, NotificationDelivery, NotificationPreference
from .notifications import default_channels


NOTIFICATIONS_EMPTY = EmptyState(
    filtered=gettext_lazy("No unread notification."),
    nothing=gettext_lazy("No notifications yet."),
    elsewhere=gettext_lazy("Reminders about needs, meetings and reports will appear here."))


@login_required
def notification_list(request):
    notifications = Notification.objects.visible_to(request.scope)
    unread_only = bool(request.GET.get("unread"))
    if unread_only:
        notifications = notifications.unread()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "chainparty/notifications/list.html", {
        "page_obj": page, "is_paginated": page.has_other_pages(), "paginator": page.paginator,
        "querystring": "unread=1" if unread_only else "",
        "empty_state": NOTIFICATIONS_EMPTY.render(request, filtered=unread_only,
                                                  link=(reverse("notification-preferences"),
                                                        _("Choose how you are notified")))})


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(Notification.objects.visible_to(request.scope), pk=pk)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.url if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) else ""
    return redirect(target or "notifications")


@login_required
@require_POST
def notification_read_all(request):
    Notification.objects.visible_to(request.scope).unread().update(read_at=timezone.now())
    return redirect("notifications")


@login_required
def notification_preferences(request):
    kinds = Notification.Kind.choices
    channels = NotificationDelivery.Channel.choices
    saved = {(kind, channel): enabled for kind, channel, enabled in
             NotificationPreference.objects.visible_to(request.scope).values_list("kind", "channel", "enabled")}
    defaults = set(default_channels())
    if request.method == "POST":
        for kind, _label in kinds:
            for channel, _name in channels:
                enabled = f"{kind}:{channel}" in request.POST
                if saved.get((kind, channel), channel in defaults) != enabled:
                    NotificationPreference.objects.update_or_create(
                        user=request.user, kind=kind, channel=channel, defaults={"enabled": enabled})
        from django.contrib import messages

        messages.success(request, _("Your notification settings are saved."))
        return redirect("notification-preferences")
    rows = [(kind, label, [(channel, name, saved.get((kind, channel), channel in defaults))
                           for channel, name in channels]) for kind, label in kinds]
    return render(request, "chainparty/notifications/preferences.html", {"rows": rows, "channels": channels})
