"""The audit log's admin in Vietnamese: django-auditlog writes a few of its texts in English."""

from auditlog.admin import LogEntryAdmin as AuditlogEntryAdmin
from auditlog.filters import CIDFilter, ResourceTypeFilter
from auditlog.models import LogEntry
from auditlog.render import get_field_verbose_name
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class ObjectTypeFilter(ResourceTypeFilter):
    """The kinds of object, by their Vietnamese names (the library lists model codes)."""

    def lookups(self, request, model_admin):
        kinds = ContentType.objects.filter(
            pk__in=model_admin.get_queryset(request).values("content_type")
        )
        return sorted(((kind.pk, capfirst(kind.name)) for kind in kinds), key=lambda item: item[1])


admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class LogEntryAdmin(AuditlogEntryAdmin):
    list_filter = ["action", ObjectTypeFilter, ("timestamp", admin.DateFieldListFilter), CIDFilter]

    @admin.display(description=_("User"))
    def user_url(self, entry):
        return super().user_url(entry) if entry.actor else gettext("the system")

    @admin.display(description=_("Correlation ID"))
    def cid_url(self, entry):
        return super().cid_url(entry)

    @admin.display(description=_("Changes"))
    def msg_short(self, entry):
        if entry.action in [LogEntry.Action.DELETE, LogEntry.Action.ACCESS]:
            return ""
        changes = entry.changes_dict
        fields = ", ".join(str(get_field_verbose_name(entry, name)) for name in changes)
        return ngettext(
            "%(count)d change: %(fields)s", "%(count)d changes: %(fields)s", len(changes)
        ) % {"count": len(changes), "fields": fields}
