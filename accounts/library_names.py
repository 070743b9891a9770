"""Vietnamese names for what Django and the admin libraries name in fixed English.

Some texts of Django and its libraries are not passed through gettext: the alt text of the
admin's yes/no icons, the names of many-to-many link rows on a delete page, the titles of
django-axes records, Django's permission names (stored in English by ``migrate``). They are
named here once, at start-up, so every admin page reads in Vietnamese.
"""

from django.apps import apps
from django.contrib.admin.templatetags import admin_list
from django.templatetags.static import static
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

BOOLEAN_ICONS = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}
PERMISSION_ACTIONS = {
    "add": _("add"),
    "change": _("change"),
    "delete": _("delete"),
    "view": _("view"),
}


def boolean_icon(value):
    """Django's yes/no icon with a translated alt text, read out by screen readers."""
    icon, label = BOOLEAN_ICONS[value]
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{icon}.svg"), label)


def link_row_name(row):
    """A many-to-many link row, named by the two objects it links."""
    fields = [field for field in row._meta.concrete_fields if field.is_relation]
    return " – ".join(str(getattr(row, field.name)) for field in fields)


def name_link_rows():
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.auto_created:
            continue
        ends = [field.related_model._meta.verbose_name for field in model._meta.concrete_fields
                if field.is_relation]  # fmt: skip
        model._meta.verbose_name = format_lazy(_("link {} – {}"), *ends)
        model._meta.verbose_name_plural = format_lazy(_("links {} – {}"), *ends)
        model.__str__ = link_row_name


def axes_record_name(record):
    when = date_format(localtime(record.attempt_time), "H:i d/m/Y")
    return gettext("%(username)s at %(when)s") % {"username": record.username, "when": when}


def permission_label(permission):
    """“Tài khoản | thêm tài khoản” instead of “accounts | account | Can add account”."""
    model = permission.content_type.model_class()
    action, _underscore, model_name = permission.codename.partition("_")
    if model is None:
        return permission.name
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        name = f"{PERMISSION_ACTIONS[action]} {model._meta.verbose_name}"
    else:
        name = gettext(permission.name)
    return f"{model._meta.app_config.verbose_name} | {name}"


def name_library_texts():
    admin_list._boolean_icon = boolean_icon
    apps.get_app_config("axes").verbose_name = _("Login protection")
    apps.get_app_config("django_tasks_database").verbose_name = _("Background tasks")
    name_link_rows()
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.__str__ = axes_record_name
