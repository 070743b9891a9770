"""Who on the staff may do what with which issue: the one rule for the editorial side.

``Issue.objects.visible_to(user)`` says what a reader may read; this module says what a staff
member may do with an issue and everything it carries (sections, footnotes, attachments, their
saved revisions). The admin (its own views and the history, revert, recover and compare views
that django-reversion and reversion-compare add), the workflow, the media view, the import and
the management commands all ask it; no other module repeats the publisher rule.

The rule, in the spirit of Wagtail's permission policies:

- staff work on the issues of the publishers they belong to (superusers: every board);
- each action needs its model permission (view, change, delete, publish);
- a published issue (or one that readers may have seen: scheduled, withdrawn) is corrected by
  approvers only, and never deleted; the same holds for reverting or recovering anything of it;
- editors may open the published or scheduled issues of higher publishers (the boards of the
  committees above their own, up to the central ones) to take sections from them
  (``TAKE_FROM``; bulletins.provenance), whoever those issues are addressed to.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from people.models import Organisation

from .models import (
    Attachment,
    EditorUpload,
    Footnote,
    ImportJob,
    Issue,
    PublisherSettings,
    Section,
    SectionImage,
)

VIEW = "view"
CHANGE = "change"
DELETE = "delete"
REVERT = "revert"
RECOVER = "recover"
SUBMIT = "submit"
PUBLISH = "publish"
TAKE_FROM = "take_from"
# A cell's feedback on an issue (the feedback app): the board reads it and answers.
VIEW_FEEDBACK = "view_feedback"
ANSWER = "answer"

PUBLISH_PERMISSION = "bulletins.publish_issue"
_PERMISSION = {
    VIEW: "bulletins.view_issue",
    CHANGE: "bulletins.change_issue",
    DELETE: "bulletins.delete_issue",
    REVERT: "bulletins.change_issue",
    RECOVER: "bulletins.add_issue",  # what was deleted comes back as new material
    SUBMIT: "bulletins.change_issue",
    PUBLISH: PUBLISH_PERMISSION,
    TAKE_FROM: "bulletins.change_issue",  # only who writes issues takes into them
    VIEW_FEEDBACK: "feedback.view_feedback",
    ANSWER: "feedback.change_feedback",
}
# Actions that alter what readers of an issue already saw: a correction, for approvers only.
_CORRECTING = {CHANGE, REVERT, RECOVER}
_SEEN_BY_READERS = [Issue.Status.PUBLISHED, Issue.Status.SCHEDULED, Issue.Status.WITHDRAWN]
# What a higher publisher has released: the central bulletin is scheduled before its month.
_RELEASED = [Issue.Status.PUBLISHED, Issue.Status.SCHEDULED]

PUBLISHER_KINDS = [
    Organisation.Kind.BOARD,
    Organisation.Kind.WARD,
    Organisation.Kind.COMMUNE,
    Organisation.Kind.PARTY_COMMITTEE,
]

REFUSED = _("This item does not exist or you may not do this with it.")


class StaffPolicy:
    """Issues, and what hangs from them, as one staff member may handle them."""

    def publishers(self):
        """Every organisation that may publish issues: the boards, and the commune-level and
        other party committees, which have no board of their own since 2025. What superusers
        and the management commands (run by the system's operator) may act for; never a
        party cell, a state body or a mass organisation."""
        return Organisation.objects.filter(kind__in=PUBLISHER_KINDS)

    def publishers_for(self, user):
        """The organisations whose issues the user works on (and may start or import): the
        publishers among their organisations that still exist. An editor who is also a
        member of a party cell does not publish in the cell's name, nor reach from it the
        boards of its committee; a body that ended publishes nothing more (its staff keep its
        archive: ``archives_for``)."""
        return self._publishers_among(user).current()

    def _publishers_among(self, user):
        if user is None or not user.is_active:
            return Organisation.objects.none()
        if user.is_superuser:
            return self.publishers()
        if not user.has_perm(_PERMISSION[VIEW]):
            return Organisation.objects.none()
        return user.organisations.filter(kind__in=PUBLISHER_KINDS)

    def issues_for(self, user, action=VIEW):
        """The issues on which the user may take ``action``, as a queryset."""
        if user is None or not user.is_active or not user.has_perm(_PERMISSION[action]):
            return Issue.objects.none()
        issues = Issue.objects.all()
        if action == TAKE_FROM:
            higher = self.higher_publishers_for(user)
            return issues.filter(status__in=_RELEASED, publisher__in=higher)
        if not user.is_superuser:
            issues = issues.filter(publisher__in=self.archives_for(user))
        corrects = action in _CORRECTING and not user.has_perm(PUBLISH_PERMISSION)
        if action == DELETE or corrects:
            issues = issues.exclude(status__in=_SEEN_BY_READERS)
        return issues

    def can(self, user, action, obj):
        """Whether the user may take ``action`` on an issue, section, footnote, attachment or
        a saved version of one of them (for a version: on the issue it belonged to)."""
        if user is None or not user.is_active or not user.has_perm(_PERMISSION[action]):
            return False
        issue = self.issue_of(obj)
        if issue is None:
            return False
        if action == TAKE_FROM:
            released = issue.status in _RELEASED
            return released and issue.publisher_id in self.higher_publishers_for(user)
        if not user.is_superuser and not self._publishes(user, issue.publisher_id):
            return False
        if action == DELETE:
            return not issue.was_published
        if action in (SUBMIT, PUBLISH) and issue.publisher.has_ended():
            return False  # nothing new goes out, nor back out, in the name of an ended body
        if action in _CORRECTING and issue.was_published:
            return user.has_perm(PUBLISH_PERMISSION)
        return True

    def check(self, user, action, obj):
        """Refuse with one message that never tells whose the object is, or whether it exists."""
        if not self.can(user, action, obj):
            raise PermissionDenied(REFUSED)

    def issue_of(self, obj):
        """The issue an object belongs to; for a saved version, as the version recorded it."""
        from reversion.models import Version  # reversion's models need the app registry

        if isinstance(obj, Version):
            return self._issue_of_version(obj)
        if isinstance(obj, Issue):
            return obj
        if isinstance(obj, Section | Attachment):
            return obj.issue
        if isinstance(obj, Footnote):
            return obj.section.issue
        return None

    def _issue_of_version(self, version):
        model, data = version._model, version.field_dict
        if model is Issue:  # a restore keeps the current status; a deleted one comes back a draft
            current = Issue.objects.filter(pk=data.get("id")).first()
            return current or Issue(pk=data.get("id"), publisher_id=data.get("publisher_id"))
        if model in (Section, Attachment):
            current = Issue.objects.filter(pk=data.get("issue_id")).first()
            return current or self._saved_with(version, Issue, data.get("issue_id"))
        if model is Footnote:
            return self._saved_with(version, Section, data.get("section_id"))
        return None

    def _saved_with(self, version, model, pk):
        """The issue of a parent deleted since, as saved in the same revision."""
        from reversion.models import Version

        parent = Version.objects.get_for_model(model).filter(
            revision=version.revision_id, object_id=str(pk)
        )
        return self.issue_of(parent.first())

    def archives_for(self, user):
        """Ids of the publishers whose issues the user manages: their own, and the bodies
        those succeeded (a merged board's staff keep its archive; they publish only as their
        own body)."""
        if not hasattr(user, "_archives"):  # once per request, like Django's permission cache
            own = set(self._publishers_among(user).values_list("pk", flat=True))
            user._archives = own | Organisation.objects.predecessors_of(own)
        return user._archives

    def higher_publishers_for(self, user):
        """Ids of the publishers above the user's own: an organisation whose parent is a
        committee above the one the user's board belongs to, or above the user's own
        committee (the province's and the central boards for a city board or a commune
        committee; never a sibling board of the same committee), or such a committee itself;
        worked out once per request."""
        if not hasattr(user, "_higher"):
            own = set(self.publishers_for(user).values_list("pk", flat=True))
            tree = Organisation.objects.values_list("pk", "parent_id", "kind")
            parents = {pk: parent for pk, parent, _kind in tree}
            kinds = {pk: kind for pk, _parent, kind in tree}
            above = set()
            for pk in own:
                # A board's committee is its parent; a commune or ward committee publishes
                # as itself, so the committee above starts at its own parent.
                first = parents.get(pk)
                committee = parents.get(first) if kinds[pk] == Organisation.Kind.BOARD else first
                while committee is not None and committee not in above:
                    above.add(committee)
                    committee = parents.get(committee)
            boards = {
                pk
                for pk, parent, kind in tree
                if kind == Organisation.Kind.BOARD and parent in above
            }
            user._higher = (above | boards) - own
        return user._higher

    def _publishes(self, user, publisher_id):
        return publisher_id in self.archives_for(user)

    def staff_who_may(self, action, issue):
        """The accounts (superusers aside) that may take ``action`` on the issue: members of
        its publisher or of a body that succeeded it, each checked with ``can``. Tens of
        staff at most, so the rule is asked of each rather than restated."""
        bodies = {issue.publisher_id} | Organisation.objects.successors_of([issue.publisher_id])
        candidates = User.objects.filter(
            is_active=True, is_superuser=False, organisations__in=bodies
        ).distinct()
        return [user for user in candidates if self.can(user, action, issue)]

    def readable_or_managed(self, user):
        """Issues whose files the user may open: as a reader, or as its publisher's staff."""
        return Q(pk__in=Issue.objects.visible_to(user).values("pk")) | Q(
            pk__in=self.issues_for(user, VIEW).values("pk")
        )

    def configurable_publishers(self, user, action=VIEW):
        """The publishers whose settings (calendar, reader options) the user may take
        ``action`` on: those they belong to, with the model permission (approvers and system
        administrators change them; editors see them)."""
        if user is None or not user.is_active:
            return Organisation.objects.none()
        if not user.has_perm(f"bulletins.{action}_publishersettings"):
            return Organisation.objects.none()
        return self.publishers_for(user)

    def publisher_settings_for(self, user, action=VIEW):
        publishers = self.configurable_publishers(user, action)
        return PublisherSettings.objects.filter(publisher__in=publishers)

    def can_configure(self, user, action, settings):
        return self.configurable_publishers(user, action).filter(pk=settings.publisher_id).exists()

    def may_upload(self, user):
        """Whether the user may store images for the editor: who writes sections for some
        publisher (an upload is kept within its uploader's publishers)."""
        if user is None or not user.is_active or not user.has_perm("bulletins.change_section"):
            return False
        return self.publishers_for(user).exists()

    def may_show_image(self, user, path):
        """Whether the user may put an uploaded image into a section: one uploaded by the
        staff of a publisher they share, or shown already in an issue they may see or take
        from. Its address alone, copied from another publisher's page, is not enough: the
        section would then serve that image to its own staff and readers."""
        if user is None or not user.is_active:
            return False
        uploads = EditorUpload.objects.filter(path=path, uploaded_by__in=self.uploaders_for(user))
        issues = self.issues_for(user).values("pk")
        released = self.issues_for(user, TAKE_FROM).values("pk")
        shown = SectionImage.objects.filter(path=path).filter(
            Q(section__issue__in=issues) | Q(section__issue__in=released)
        )
        return uploads.exists() or shown.exists()

    def uploaders_for(self, user):
        """Accounts whose not-yet-used uploads the user may see: staff of a shared publisher."""
        publishers = self.publishers_for(user).values("pk")
        return User.objects.filter(Q(pk=user.pk) | Q(organisations__in=publishers))

    def imports_for(self, user):
        """The imports the user may follow and confirm: those for a publisher they import for
        (as they may start one), whoever of its staff started it."""
        if user is None or not user.is_active or not user.has_perm("bulletins.add_issue"):
            return ImportJob.objects.none()
        return ImportJob.objects.filter(publisher__in=self.publishers_for(user))


policy = StaffPolicy()
