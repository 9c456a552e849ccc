"""``manage.py check --deploy``: warn when a node would keep state of its own, so several could not share the load."""
from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.database, deploy=True)
def node_keeps_no_state(app_configs=None, **kwargs) -> list[Warning]:
    warnings = []
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        warnings.append(Warning(
            "CELERY_BROKER_URL is the filesystem broker: tasks queued on this node never reach workers elsewhere.",
            hint="Set CELERY_BROKER_URL=redis://… (README, Production layout).", id="chainparty.W001"))
    if any(database["ENGINE"].endswith("sqlite3") for database in settings.DATABASES.values()):
        warnings.append(Warning(
            "The database is an SQLite file on this node's disk.",
            hint="Set DATABASE_URL=postgres://… (README, Production layout).", id="chainparty.W002"))
    return warnings
