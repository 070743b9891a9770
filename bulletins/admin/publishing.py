"""Each publisher's calendar and reader options (bulletins.PublisherSettings), changed by its
approvers and the system administrators, under the staff policy like everything else."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError

from bulletins import policy as rules
from bulletins.models import PublisherSettings
from bulletins.policy import policy
from operations.versioning import VersionedForm


@admin.register(PublisherSettings)
class PublisherSettingsAdmin(admin.ModelAdmin):
    form = VersionedForm  # two approvers changing the calendar at once: neither lost
    exclude = ["version"]  # the form's own hidden field, not the model's
    list_display = [
        "publisher",
        "meeting_day",
        "thematic_days",
        "reminder_days",
        "readers_download_word",
    ]
    list_select_related = ["publisher"]

    def get_queryset(self, request):
        return policy.publisher_settings_for(request.user).select_related("publisher")

    def get_object(self, request, object_id, from_field=None):
        """Another publisher's settings are refused like missing ones: one answer (403)
        that does not say whether they exist."""
        try:
            obj = PublisherSettings.objects.filter(pk=object_id).first()
        except (ValueError, ValidationError):
            obj = None
        if obj is None or not policy.can_configure(request.user, rules.VIEW, obj):
            raise PermissionDenied(rules.REFUSED)
        return obj

    def get_readonly_fields(self, request, obj=None):
        return ["publisher"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "publisher":  # settings are added for one's own publishers
            publishers = policy.configurable_publishers(request.user, "add")
            kwargs["queryset"] = publishers.filter(publishing=None)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or policy.can_configure(request.user, rules.VIEW, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can_configure(request.user, rules.CHANGE, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or policy.can_configure(request.user, rules.DELETE, obj))
