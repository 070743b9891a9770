"""Admin strings of django-auditlog, django-axes, django-reversion and django-reversion-compare,
which ship no Vietnamese.

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
    # django-reversion and django-reversion-compare: history, compare, restore, recover
    gettext_noop("Go back to history list"),
    gettext_noop("Revert to this version"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Revert %(name)s"),
    gettext_noop("Recover %(name)s"),
    gettext_noop("Recover deleted %(name)s"),
    gettext_noop("Compare %(name)s"),
    gettext_noop("compare"),
    gettext_noop("Initial version."),
    gettext_noop("Reverted to previous version, saved on %(datetime)s"),
    gettext_noop("There are no deleted objects to recover."),
    gettext_noop("There are no differences."),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("Choose a date from the list below to recover a deleted version of an object."),
    gettext_noop("Press the save button below to revert to this version of the object."),
    gettext_noop("Press the save button below to recover this version of the object."),
    gettext_noop(
        "This object doesn't have a change history. It probably wasn't added via this admin site."
    ),
    gettext_noop("Edit comment:"),
    gettext_noop("add:"),
    gettext_noop("remove:"),
    gettext_noop("changed to:"),
]
