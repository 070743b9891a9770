"""Admin forms that refuse to overwrite a newer version silently."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

WIDE_HEADING = {"heading": forms.Textarea(attrs={"rows": 2, "cols": 100})}


class VersionedForm(forms.ModelForm):
    """Carries the version the editor started from; a save based on an older one is refused.

    The editor's text stays in the form, and the form now carries the current version: after
    comparing with what the other person saved (open it in a new tab), saving again is a
    deliberate merge, not an accident.
    """

    version = forms.IntegerField(label=_("Version"), widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        model = type(self.instance)
        current = (
            model.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and cleaned.get("version") != current:
            self.data = self.data.copy()
            self.data[self.add_prefix("version")] = str(current)
            raise forms.ValidationError(self.stale_message(), code="stale")
        return cleaned

    def stale_message(self):
        latest = (
            Version.objects.get_for_object(self.instance).select_related("revision__user").first()
        )
        who = (latest and latest.revision.user) or _("Someone")
        when = timezone.localtime(latest.revision.date_created) if latest else timezone.now()
        return _(
            "%(who)s saved “%(what)s” at %(when)s, after you opened it. Your changes are kept "
            "below and were not saved: open the page in a new tab to see the current version, "
            "merge, then save again."
        ) % {"who": who, "what": self.instance, "when": date_format(when, "H:i d/m/Y")}


class IssueForm(VersionedForm):
    correction_note = forms.CharField(
        label=_("Reason for the correction"),
        required=False,
        help_text=_("Readers already have this issue: say what is corrected and why."),
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.was_published and not cleaned.get("correction_note"):
            self.add_error("correction_note", _("Say what is corrected and why."))
        return cleaned


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    when = forms.DateTimeField(
        label=_("Publication time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
