"""Django's database session engine, reading the session of every request with a prepared query.

The session engine without Redis (``make run``, a single server); with Redis, sessions are read from the cache
(settings.py).
"""
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .prepared import Prepared

_SESSION = Prepared(Session, lambda session_key, now: Session.objects.filter(
    session_key=session_key, expire_date__gt=now))


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        sessions = _SESSION.rows(session_key=self.session_key, now=timezone.now())
        if sessions:
            return sessions[0]
        self._session_key = None
        return None
