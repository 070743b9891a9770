"""Every view of an issue's or section's admin asks the staff policy (bulletins.policy).

The views that django-reversion and reversion-compare add (history, revision, recover, compare)
load objects and versions by id on their own; here each is checked before it runs, so a
revert of another publisher's issue is refused before anything is written.
"""

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from reversion import set_comment
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from bulletins import policy as rules
from bulletins.policy import policy
from bulletins.signals import corrected, send_on_commit


class PolicyScopedAdmin(CompareVersionAdmin):
    """A versioned admin whose objects and every view follow the staff policy."""

    issue_path = "pk"  # how to reach the issue's pk from this admin's model

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**self._issues(request.user, rules.VIEW))

    def _issues(self, user, action):
        return {f"{self.issue_path}__in": policy.issues_for(user, action).values("pk")}

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or policy.can(request.user, rules.VIEW, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or policy.can(request.user, rules.CHANGE, obj))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or policy.can(request.user, rules.DELETE, obj))

    def allowed_object(self, request, object_id, action):
        """The object, when the user may take ``action`` on it; otherwise one refusal that
        does not say whether it exists."""
        try:
            obj = self.model._default_manager.filter(pk=unquote(str(object_id))).first()
        except (ValueError, ValidationError):  # not a number: no such object either
            obj = None
        policy.check(request.user, action, obj)
        return obj

    def allowed_version(self, request, version_id, action, object_id=None):
        """A saved version of this admin's model whose whole revision the user may restore."""
        version = Version.objects.get_for_model(self.model).filter(pk=version_id).first()
        if version is None or (object_id is not None and version.object_id != unquote(object_id)):
            raise PermissionDenied(rules.REFUSED)
        for each in version.revision.version_set.all():
            policy.check(request.user, action, each)
        return version

    def history_view(self, request, object_id, extra_context=None):
        self.allowed_object(request, object_id, rules.VIEW)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self.allowed_object(request, object_id, rules.VIEW)
        return super().compare_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = self.allowed_object(request, object_id, rules.REVERT)
        self.allowed_version(request, version_id, rules.REVERT, object_id)
        self.restoring(request, current)
        response = super().revision_view(request, object_id, version_id, extra_context)
        self._after_restore(request, response, object_id, current)
        return response

    def recover_view(self, request, version_id, extra_context=None):
        version = self.allowed_version(request, version_id, rules.RECOVER)
        self.restoring(request, None)
        response = super().recover_view(request, version_id, extra_context)
        self._after_restore(request, response, version.object_id, None)
        return response

    def restoring(self, request, current):
        """Called before a revert (``current`` is the object as it is) or a recovery (None)."""

    def log_change(self, request, obj, message):
        """A correction's revision keeps the approver's reason as its comment, and the issue's
        editors hear of it (a revert or recovery saves through here too)."""
        entry = super().log_change(request, obj, message)
        if note := request.POST.get("correction_note", "").strip():
            set_comment(note)
            self._corrected(request, obj, note)
        return entry

    def _corrected(self, request, obj, note):
        """Tell the apps above (notices) that readers' issue changed, once it is saved."""
        issue = policy.issue_of(obj)
        if issue is not None and issue.was_published:
            send_on_commit(corrected, issue, actor=request.user, note=note)

    def _after_restore(self, request, response, object_id, before):
        """django-reversion writes a restored object without the audit log seeing it, and
        comments the revision itself: log the change, and keep the reason for a correction."""
        if request.method != "POST" or response.status_code != 302:
            return
        restored = self.model._default_manager.filter(pk=object_id).first()
        if restored is None:
            return
        if auditlog.contains(self.model):
            action = LogEntry.Action.CREATE if before is None else LogEntry.Action.UPDATE
            changes = model_instance_diff(before, restored)
            if changes:
                LogEntry.objects.log_create(restored, action=action, changes=changes)
        note = request.POST.get("correction_note", "").strip()
        latest = Version.objects.get_for_object(restored).first()
        if note and latest is not None:
            latest.revision.comment = f"{latest.revision.comment} — {note}"
            latest.revision.save(update_fields=["comment"])

    def _reversion_order_version_queryset(self, request, queryset):
        """History and the list of deleted objects show the versions of issues the user may
        see only (recovering one is checked again when it is opened)."""
        ordered = super()._reversion_order_version_queryset(request, queryset)
        return [v for v in ordered if policy.can(request.user, rules.VIEW, v)]
