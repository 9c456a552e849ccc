"""The bell: a user's notifications, marking them read, and choosing which kinds reach them how."""
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Notification, NotificationDelivery, NotificationPreference
from .notifications import default_channels


@login_required
def notification_list(request):
    notifications = Notification.objects.visible_to(request.scope)
    if request.GET.get("unread"):
        notifications = notifications.unread()
    page = Paginator(notifications, 30).get_page(request.GET.get("page"))
    return render(request, "chainparty/notifications/list.html", {
        "page_obj": page, "is_paginated": page.has_other_pages(), "paginator": page.paginator,
        "querystring": "unread=1" if request.GET.get("unread") else ""})


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
