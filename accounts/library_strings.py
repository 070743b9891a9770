# ruff: noqa: E501  (msgids are quoted exactly as Django and the libraries write them)
"""Admin strings of django-auditlog, django-axes, django-reversion and django-reversion-compare,
which ship no Vietnamese.

Listed here so that makemessages puts them in our catalogue and the audit log and lock-out
pages read in Vietnamese like the rest of the admin. Nothing imports this module.
"""

from django.utils.translation import gettext_noop


def ngettext_noop(singular, plural):
    """Marks a plural pair for the catalogue, like gettext_noop."""
    return (singular, plural)


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
    # Django 6 admin, auth and forms strings missing from its Vietnamese catalogue
    # (or there in the singular only)
    gettext_noop("Select this object for an action - {}"),
    ngettext_noop("…and %(count)d more object.", "…and %(count)d more objects."),
    gettext_noop("Run"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Error:"),
    gettext_noop("Set password"),
    gettext_noop(
        "This action will <strong>enable</strong> password-based authentication for this user."
    ),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Skip to main content"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related objects, but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the following protected related objects:"
    ),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of the following related items will be deleted:"
    ),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Sidebar"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Pagination %(name)s entries"),
    ngettext_noop("entry", "entries"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Search %(name)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Logout"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Select all objects on this page for an action"),
    ngettext_noop("Please correct the error below.", "Please correct the errors below."),
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    ngettext_noop(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    gettext_noop("If disabled, the current password for this user will be lost."),
    gettext_noop("Messages"),
    gettext_noop("…"),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop(
        "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s."
    ),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("- Select an option -"),
    gettext_noop("“%(value)s” value must be an integer."),
    gettext_noop("“%(value)s” value has an invalid date format. It must be in YYYY-MM-DD format."),
    gettext_noop(
        "“%(value)s” value has the correct format (YYYY-MM-DD) but it is an invalid date."
    ),
    gettext_noop("“%(value)s” is not a valid UUID."),
    gettext_noop("Value must be valid JSON."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    gettext_noop("Enter a valid duration."),
    gettext_noop("Enter a complete value."),
    gettext_noop("Enter a valid UUID."),
    gettext_noop("Enter a valid JSON."),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: %(field_names)s. You may need to file a bug report if the issue persists."
    ),
    ngettext_noop("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ngettext_noop("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be ambiguous or it may not exist."
    ),
    gettext_noop("No %s matches the given query."),
    gettext_noop("%(truncated_text)s…"),
    ngettext_noop("%(num)d year", "%(num)d years"),
    ngettext_noop("%(num)d month", "%(num)d months"),
    ngettext_noop("%(num)d week", "%(num)d weeks"),
    ngettext_noop("%(num)d day", "%(num)d days"),
    ngettext_noop("%(num)d hour", "%(num)d hours"),
    ngettext_noop("%(num)d minute", "%(num)d minutes"),
    gettext_noop("Forbidden"),
    gettext_noop("CSRF verification failed. Request aborted."),
    gettext_noop(
        "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests."
    ),
    gettext_noop(
        "You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties."
    ),
    gettext_noop("More information is available with DEBUG=True."),
    gettext_noop("Date out of range"),
    # django-axes, django-reversion and django-auditlog
    gettext_noop("Login protection"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Reversion"),
    gettext_noop("revision"),
    gettext_noop("revisions"),
    gettext_noop("version"),
    gettext_noop("versions"),
    gettext_noop("date created"),
    gettext_noop("comment"),
    gettext_noop("Meta Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Correlation ID"),
    gettext_noop("Click to filter by records with this correlation id"),
    gettext_noop("Logged {repr:s}"),
    # Django's Vietnamese catalogue gets these wrong: ours takes precedence (locale/GLOSSARY.md)
    gettext_noop("History"),
    gettext_noop("Add"),
    gettext_noop("Add %(name)s"),
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("group"),
    gettext_noop("groups"),
    gettext_noop("permissions"),
    gettext_noop("user permissions"),
]
