"""Notifications: written to the database inside the caller's transaction, sent after commit.

``notify()`` is what every app calls. It never raises because a broker or a mail server is down:
the bell shows the notification at once, and e-mail / webhook copies wait as pending deliveries
until ``deliver_notifications`` (enqueued on commit) or the periodic sweep sends them.
"""
from __future__ import annotations

import json
import logging
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .inserts import insert_rows
from .models import Notification, NotificationDelivery, NotificationPreference, User

logger = logging.getLogger(__name__)

Channel = NotificationDelivery.Channel


def default_channels() -> list[str]:
    """Channels a kind reaches by default: e-mail always; the webhook only where one is configured."""
    channels = [Channel.EMAIL]
    if settings.NOTIFY_WEBHOOK_URL:
        channels.append(Channel.WEBHOOK)
    return channels


def channels_for(user_ids: Iterable[int], kind: str) -> dict[int, set[str]]:
    """Each user's channels for ``kind``: the defaults, changed by their own preferences (one query)."""
    defaults = default_channels()
    chosen = {user_id: set(defaults) for user_id in user_ids}
    for user_id, channel, enabled in NotificationPreference.objects.filter(
            user_id__in=chosen, kind=kind).values_list("user_id", "channel", "enabled"):
        if enabled and (channel != Channel.WEBHOOK or settings.NOTIFY_WEBHOOK_URL):
            chosen[user_id].add(channel)
        else:
            chosen[user_id].discard(channel)
    return chosen


def notify(recipients, kind: str, title: str, body: str = "", url: str = "", dedupe_key: str = "") -> list[Notification]:
    """Notify each recipient once per ``dedupe_key``; returns the notifications created now."""
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not users:
        return []
    if dedupe_key:
        already = set(Notification.objects.filter(recipient_id__in=users, dedupe_key=dedupe_key)
                      .values_list("recipient_id", flat=True))
        users = {pk: user for pk, user in users.items() if pk not in already}
    channels = channels_for(users, kind)
    created = []
    for user_id, user in users.items():
        try:
            with transaction.atomic():
                notification = Notification.objects.create(recipient=user, kind=kind, title=title[:200], body=body,
                                                           url=url[:300], dedupe_key=dedupe_key[:200])
        except IntegrityError:  # a concurrent run notified this person under the same key first
            continue
        wanted = channels[user_id] - ({Channel.EMAIL} if not user.email else set())
        NotificationDelivery.objects.bulk_create(
            [NotificationDelivery(notification=notification, channel=channel) for channel in sorted(wanted)])
        created.append(notification)
    if created:
        ids = [n.pk for n in created]
        transaction.on_commit(lambda: enqueue_delivery(ids))
    return created


def notify_many(messages: Iterable[tuple[Iterable[int], str, str, str, str, str]], *,
                keys_are_new: bool = False) -> int:
    """Set-based ``notify()`` for the periodic tasks: ``(recipient_ids, kind, title, body, url, dedupe_key)``
    messages, each notified once per recipient and key, in a handful of queries whatever their number.

    Returns the number of notifications created. On PostgreSQL the notifications and their deliveries are two
    inserts of plain rows (``insert_rows``) that skip any (recipient, key) already there, also one a concurrent run
    is writing (the unique constraint decides): a follow-up pass sends a hundred thousand at once.

    ``keys_are_new``: the caller made every key just now (the follow-up pass: one per follow-up it recorded), so
    no notification is expected to hold one and PostgreSQL inserts without looking for them first; should one
    exist after all, the insert is refused whole and done again the careful way, with the same result.
    """
    messages = [(set(ids), kind, title, body, url, key) for ids, kind, title, body, url, key in messages]
    user_ids = set().union(*(ids for ids, *_rest in messages)) if messages else set()
    if not user_ids:
        return 0
    users = {pk: email for pk, email in User.objects.filter(pk__in=user_ids, is_active=True).values_list("pk", "email")}
    rows = [(pk, kind, title[:200], body, url[:300], key[:200])
            for ids, kind, title, body, url, key in messages for pk in sorted(ids) if pk in users]
    if not rows:
        return 0
    if connection.vendor == "postgresql":
        created = _insert_new(rows, users, keys_are_new)
    else:
        try:
            created = _insert_new_portably(rows, users)
        except IntegrityError:  # a concurrent run wrote some of these keys: let notify() skip them one by one
            people = User.objects.in_bulk(users)
            return sum(len(notify([people[pk] for pk in ids if pk in people], kind, title, body, url, key))
                       for ids, kind, title, body, url, key in messages)
    if created:
        transaction.on_commit(lambda: enqueue_delivery(created))
    return len(created)


def _wanted_channels(rows: list[tuple], users: dict[int, str]) -> dict[tuple[int, str], list[str]]:
    """(recipient, kind) → the channels other than the bell (one query per kind; no e-mail without an address)."""
    recipients: dict[str, set[int]] = {}
    for pk, kind, *_rest in rows:
        recipients.setdefault(kind, set()).add(pk)
    return {(pk, kind): sorted(channels - (set() if users[pk] else {Channel.EMAIL}))
            for kind, pks in recipients.items() for pk, channels in channels_for(pks, kind).items()}


def _insert_new(rows: list[tuple], users: dict[int, str], keys_are_new: bool) -> list[int]:
    """PostgreSQL: insert the notifications not yet there (a unique constraint refuses the others, also those a
    concurrent run is writing), then their pending deliveries; returns the ids of the notifications created."""
    created = insert_rows(Notification, ["recipient_id", "kind", "title", "body", "url", "dedupe_key"], rows,
                          ignore_conflicts=True, conflicts_are_rare=keys_are_new,
                          returning=["id", "recipient_id", "kind"])
    wanted = _wanted_channels(rows, users)
    insert_rows(NotificationDelivery, ["notification_id", "channel"],
                [(pk, channel) for pk, recipient, kind in created for channel in wanted[recipient, kind]])
    return sorted(pk for pk, _recipient, _kind in created)


def _insert_new_portably(rows: list[tuple], users: dict[int, str]) -> list[int]:
    """Other databases: skip the (recipient, key) pairs already notified and insert the rest in bulk (raises
    IntegrityError if a concurrent run wrote some of them meanwhile); returns the ids created."""
    keys = {key for *_rest, key in rows if key}
    already = set()
    for chunk in _chunks(sorted(keys), 1000):
        already |= set(Notification.objects.filter(dedupe_key__in=chunk, recipient_id__in=users)
                       .values_list("recipient_id", "dedupe_key"))
    new = [Notification(recipient_id=pk, kind=kind, title=title, body=body, url=url, dedupe_key=key)
           for pk, kind, title, body, url, key in rows if (pk, key) not in already]
    if not new:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(new)
    if any(n.pk is None for n in created):  # a database that cannot return ids from a bulk insert
        created = list(Notification.objects.filter(dedupe_key__in=[n.dedupe_key for n in created if n.dedupe_key],
                                                   recipient_id__in=users))
    wanted = _wanted_channels([(n.recipient_id, n.kind) for n in created], users)
    NotificationDelivery.objects.bulk_create([NotificationDelivery(notification_id=n.pk, channel=channel)
                                              for n in created for channel in wanted[n.recipient_id, n.kind]])
    return [n.pk for n in created]


def _chunks(items: list, size: int):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def enqueue_delivery(notification_ids: list[int]) -> None:
    """Ask a worker to send; if the broker is unreachable, the periodic sweep will send them later."""
    from .tasks import deliver_notifications

    try:
        deliver_notifications.apply_async(args=[notification_ids], retry=False)
    except Exception:  # noqa: BLE001 — any broker failure: the rows stay pending for the sweep
        logger.warning("broker unreachable: %d notification(s) left for the sweep", len(notification_ids),
                       exc_info=True)


def send_pending(notification_ids: list[int] | None = None, batch: int = 500) -> int:
    """Send pending deliveries (of these notifications, or all); each is claimed once. Returns how many were sent."""
    sent = 0
    while True:
        with transaction.atomic():
            pending = NotificationDelivery.objects.pending().select_related("notification__recipient")
            if notification_ids is not None:
                pending = pending.filter(notification_id__in=notification_ids)
            claimed = list(pending.order_by("pk").select_for_update(skip_locked=True, of=("self",))[:batch])
            if not claimed:
                return sent
            for delivery in claimed:
                sent += _send(delivery)
        if len(claimed) < batch:
            return sent


def _send(delivery: NotificationDelivery) -> int:
    notification = delivery.notification
    delivery.attempts += 1
    try:
        if delivery.channel == Channel.EMAIL:
            send_mail(notification.title, _text(notification), None, [notification.recipient.email])
        elif delivery.channel == Channel.WEBHOOK:
            post_webhook(_text(notification))
        delivery.status, delivery.sent_at, delivery.last_error = NotificationDelivery.Status.SENT, timezone.now(), ""
    except Exception as error:  # noqa: BLE001 — recorded on the row; retried by the sweep
        delivery.last_error = str(error)[:2000]
        if delivery.attempts >= settings.NOTIFY_MAX_ATTEMPTS:
            delivery.status = NotificationDelivery.Status.FAILED
    delivery.save(update_fields=["status", "attempts", "last_error", "sent_at"])
    return int(delivery.status == NotificationDelivery.Status.SENT)


def _text(notification: Notification) -> str:
    link = f"\n{settings.PORTAL_BASE_URL}{notification.url}" if notification.url else ""
    return f"{notification.title}\n{notification.body}{link}".strip()


def post_webhook(text: str) -> None:
    """Post a short text to the group robot (钉钉 / 企业微信 both accept this shape)."""
    payload = json.dumps({"msgtype": "text", "text": {"content": text}}, ensure_ascii=False).encode()
    request = urllib.request.Request(settings.NOTIFY_WEBHOOK_URL, data=payload,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 — URL set by the administrator
        if response.status >= 300:
            raise OSError(f"webhook answered {response.status}")
