"""Strings that libraries show on our pages without a Chinese translation of their own.

Marked here so that `makemessages` keeps them in our catalogue (LOCALE_PATHS wins over a library's).
Nothing imports this module.
"""
from django.utils.translation import gettext_noop

MESSAGES = [
    # Django admin: the headers of the model tables, read out by screen readers.
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    # django-axes (no Chinese catalogue): its models in admin.
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
]
