"""Admin forms of issues and sections: corrections need a reason, images ask the staff
policy, and every form is versioned (operations.versioning)."""

import contextvars

import reversion
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins.models import image_paths
from bulletins.policy import policy
from operations.versioning import VersionedForm

WIDE_HEADING = {"heading": forms.Textarea(attrs={"rows": 2, "cols": 100})}


def keep_recoverable(obj):
    """Record ``obj`` as it is now in a revision of its own, before it is deleted.

    Only saved objects are kept by the revision of the request, and a section is saved with
    its issue only when it changes; this one is recovered as it was when deleted. A fresh
    context starts an outermost revision, saved at once, in the request's transaction.
    """

    def record():
        with reversion.create_revision():
            reversion.set_comment(gettext("Before deletion"))
            reversion.add_to_revision(obj)

    contextvars.Context().run(record)


class CorrectionForm(VersionedForm):
    """A change to an issue that readers may have seen needs a reason (the revision's comment;
    who may correct at all is the staff policy's rule)."""

    correction_note = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        help_text=_("Readers already have this issue: say what is corrected and why."),
    )

    def corrected_issues(self):
        return [self.instance] if self.instance.pk else []

    def clean(self):
        cleaned = super().clean()
        published = any(issue.was_published for issue in self.corrected_issues() if issue)
        if published and not cleaned.get("correction_note"):
            self.add_error("correction_note", _("Say what is corrected and why."))
        return cleaned


class IssueForm(CorrectionForm):
    pass


class SectionImages:
    """A section body's new images must be ones the user may use (the staff policy): an
    address copied from another publisher's page is refused. ``user`` is set by the admin
    (``for_user``)."""

    user = None

    def clean_body(self):
        body = self.cleaned_data.get("body") or ""
        paths = image_paths(body)
        if "body" not in self.changed_data or not paths:
            return body
        shown = set()
        if self.instance.pk:
            shown = set(self.instance.images.values_list("path", flat=True))
        for path in sorted(paths - shown):
            if not policy.may_show_image(self.user, path):
                raise forms.ValidationError(
                    _("The text shows an image you may not use (%(path)s): upload it again."),
                    code="foreign_image",
                    params={"path": path},
                )
        return body


class SectionForm(SectionImages, CorrectionForm):
    def corrected_issues(self):
        """The issue the section is in, and the one it is moved to."""
        return [getattr(self.instance, "issue", None), self.cleaned_data.get("issue")]


def for_user(form, user):
    """The section form as this user fills it in (what its checks ask the staff policy)."""
    return type(form.__name__, (form,), {"user": user})


class SectionInlineForm(SectionImages, VersionedForm):
    """A section in the issue's form (the correction note is the issue's)."""


class TransitionForm(forms.Form):
    # The issue's state when the page was opened (workflow.apply refuses to release a text
    # changed since).
    seen = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    when = forms.DateTimeField(
        label=_("Publication time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
