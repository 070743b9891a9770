"""Admin strings of django-auditlog and django-axes, which ship no Vietnamese.

Listed here so that makemessages puts them in our catalogue and the audit log and lock-out
pages read in Vietnamese like the rest of the admin. Nothing imports this module.
"""

from django.utils.translation import gettext_noop

LIBRARY_STRINGS = [
    # Django 6 admin strings its Vietnamese catalogue lacks
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    # django-auditlog
    gettext_noop("Audit log"),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    gettext_noop("action"),
    gettext_noop("actor"),
    gettext_noop("timestamp"),
    gettext_noop("remote address"),
    gettext_noop("remote port"),
    gettext_noop("content type"),
    gettext_noop("object representation"),
    gettext_noop("change message"),
    gettext_noop("additional data"),
    gettext_noop("actor email"),
    gettext_noop("create"),
    gettext_noop("update"),
    gettext_noop("delete"),
    gettext_noop("access"),
    gettext_noop("Created"),
    gettext_noop("Resource"),
    gettext_noop("Resource Type"),
    gettext_noop("Changes"),
    gettext_noop("User"),
    # django-axes
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("IP Address"),
    gettext_noop("User Agent"),
    gettext_noop("Attempt Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Path"),
]
