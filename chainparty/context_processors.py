"""Template context every page needs: the user's roles and unread notifications for the top bar."""


def portal(request) -> dict:
    scope = getattr(request, "scope", None)
    if scope is None or not request.user.is_authenticated:
        return {"role_labels": [], "role_is_official": False, "has_body_dashboard": False, "unread_notifications": 0}
    from .models import Notification

    return {"role_labels": scope.role_labels, "role_is_official": scope.is_official,
            # staff of an alliance or committee and enterprise contacts have their own body's dashboard
            "has_body_dashboard": bool(scope.alliance_ids or scope.committee_ids or scope.enterprise_ids),
            "unread_notifications": Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()}
