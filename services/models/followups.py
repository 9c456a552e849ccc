"""Follow-ups of needs (reminders, 催办, 督办, 通报, 回访, automatic closing), each recorded once.

The row *is* the guarantee: a follow-up is unique per need, kind and stage, the periodic pass inserts the
rows it finds due skipping those already there and notifies only the rows it actually inserted (returned by
the insert on PostgreSQL, recognised by their ``run`` elsewhere), so a beat that fires twice, a retried task
or two passes at the same time never send the same follow-up twice.
"""
from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..querysets_followups import FollowUpQuerySet


class FollowUp(models.Model):
    class Kind(models.TextChoices):
        ACCEPT_REMINDER = "accept_reminder", _("reminder to accept")
        SIGN_REMINDER = "sign_reminder", _("reminder to sign for the task")
        REPLY_REMINDER = "reply_reminder", _("reminder to reply to the enterprise")
        REMIND = "remind", _("reminder before the due date (催办)")
        SUPERVISE = "supervise", _("supervision when overdue (督办)")
        PUBLICIZE = "publicize", _("listed in the weekly report (通报)")
        EXTENSION_REMINDER = "extension_reminder", _("reminder to decide on an extension")
        FEEDBACK_REQUEST = "feedback_request", _("feedback request (回访)")
        AUTO_CLOSE = "auto_close", _("closed automatically without feedback")

    # Indexed by the unique constraint (need, kind, stage) and the index (kind, created_at): the pass inserts tens
    # of thousands at once, so no index that another one already serves. ``run`` is not indexed: on PostgreSQL
    # the pass learns what it inserted from the insert itself (RETURNING); a random UUID per row would cost an
    # index probe at a random place for each.
    need = models.ForeignKey("services.Need", verbose_name=_("need"), on_delete=models.CASCADE,
                             related_name="followups", db_index=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    stage = models.CharField(_("stage"), max_length=40, help_text=_(
        "What the follow-up is about: the deadline that fell due, the extension request or the resolution round. "
        "A new deadline (a new round, an approved extension) is a new stage."))
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    recipients = models.PositiveIntegerField(_("people notified"), default=0)
    run = models.UUIDField(_("pass"), default=uuid.uuid4, editable=False,
                           help_text=_("The follow-up pass that recorded it."))

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["need", "kind", "stage"], name="followup_once_per_stage",
                                               violation_error_message=_("This follow-up has already been recorded."))]
        indexes = [models.Index(fields=["kind", "created_at"], name="followup_kind_created")]

    def __str__(self) -> str:
        return f"{self.need} · {self.get_kind_display()}"
