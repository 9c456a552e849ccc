"""Who sees the follow-ups of needs: whoever sees the need; nobody changes them (the pass writes them)."""
from __future__ import annotations

from datetime import date, timedelta


from .querysets import NeedRecordQuerySet


class FollowUpQuerySet(NeedRecordQuerySet):
    def publicized(self):
        """The 通报 list: overdue needs listed in the officials' weekly report."""
        return self.filter(kind="publicize")

    def in_week_before(self, day: date):
        """Recorded in the seven days before ``day`` (the week a Monday digest reports on)."""
        return self.filter(created_at__date__gte=day - timedelta(days=7), created_at__date__lt=day)


__all__ = ["FollowUpQuerySet"]
