"""Objects and admin forms that never overwrite a colleague's edit silently.

A ``Versioned`` model counts its saves.

Every versioned form carries the version it was opened at and, beside each field, the value
the field had then (Django's hidden initial). From the two, a save knows what *this* editor
changed: only those fields are written, the others keep what is stored now. When the object
changed since the form was opened and this editor changed it too, the save is refused; the form
comes back merged (the colleague's values where this editor changed nothing, this editor's
values elsewhere, the colleague's version beside each field both changed), so that saving again
is a deliberate merge.
"""

import reversion
from django import forms
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version


class Versioned(models.Model):
    """Counts saves, so that an edit based on an older version can be refused (admin forms)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)


class VersionField(forms.IntegerField):
    """The version the form was opened at: bookkeeping, never an edit of the editor's."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False


def last_saved(instance):
    """Who saved ``instance`` last and when, from its history, for the conflict messages."""
    latest = None
    if reversion.is_registered(type(instance)):
        versions = Version.objects.get_for_object(instance)
        latest = versions.select_related("revision__user").first()
    who = (latest and latest.revision.user) or gettext("Someone")
    when = timezone.localtime(latest.revision.date_created) if latest else timezone.now()
    return {"who": who, "what": instance, "when": date_format(when, "H:i d/m/Y")}


def _as_post_value(value):
    """A prepared form value as the strings a browser would post."""
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return ["" if value is None else str(value)]


class VersionedForm(forms.ModelForm):
    version = VersionField(label=_("Version"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version
        self.conflict = None
        for name in self.tracked_fields():
            self.fields[name].show_hidden_initial = True
        if self.is_bound and self.add_prefix("version") in self.data:
            # A browser posts nothing for an empty multiple choice: its opening value was empty.
            missing = [
                self.add_initial_prefix(name)
                for name in self.tracked_fields()
                if self.add_initial_prefix(name) not in self.data
            ]
            if missing:
                self.data = self.data.copy()
                for key in missing:
                    self.data.setlist(key, [])

    def tracked_fields(self):
        """The model's fields in this form: what a save writes."""
        model_fields = {field.name for field in self.instance._meta.get_fields()}
        return [name for name in self.fields if name in model_fields and name != "version"]

    def edited_fields(self):
        """The fields this editor changed since opening the form."""
        return [name for name in self.changed_data if name in self.tracked_fields()]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        edited = self.edited_fields()
        for name in self.tracked_fields():
            if name not in edited:
                cleaned.pop(name, None)  # keep what is stored now, maybe a colleague's edit
        if not edited:
            return cleaned
        current = self.current()
        if current is not None and cleaned.get("version") != current.version:
            self.refuse(current, edited)
        return cleaned

    def current(self):
        """The stored object, locked until the end of the save."""
        model = type(self.instance)
        return model._default_manager.select_for_update().filter(pk=self.instance.pk).first()

    def refuse(self, current, edited):
        """Merge the colleague's version into the form, show the clashes, refuse the save."""
        stored = model_to_dict(current, fields=self.tracked_fields())
        clashes = []
        for name in edited:
            field = self.fields[name]
            opened = self._widget_data_value(field.hidden_widget(), self.add_initial_prefix(name))
            theirs_changed = field.has_changed(stored[name], opened)
            if theirs_changed and field.has_changed(stored[name], self[name].data):
                clashes.append(name)
        self.conflict = last_saved(current)
        self.reload(current, keep=edited)
        for name in clashes:
            self.add_error(name, self.their_version_message(name, stored[name]))
        raise forms.ValidationError(self.stale_message(), code="stale")

    def reload(self, current, keep=()):
        """Put the stored values and version in the form, except the fields in ``keep``."""
        stored = model_to_dict(current, fields=self.tracked_fields())
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current.version)
        for name in self.tracked_fields():
            value = _as_post_value(self.fields[name].prepare_value(stored[name]))
            self.data.setlist(self.add_initial_prefix(name), value)
            if name not in keep:
                self.data.setlist(self.add_prefix(name), value)

    def their_version_message(self, name, value):
        field = self.fields[name]
        if isinstance(field, forms.ModelMultipleChoiceField):
            shown = ", ".join(str(item) for item in value) or "—"
        elif isinstance(field, forms.ModelChoiceField):
            shown = str(field.queryset.filter(pk=value).first() or "—")
        else:
            shown = strip_tags(str(value or "")).strip() or "—"
        return _("You and %(who)s both changed this. %(who)s saved: “%(theirs)s”") % {
            "who": self.conflict["who"],
            "theirs": Truncator(shown).chars(2000),
        }

    def stale_message(self):
        return (
            _(
                "%(who)s saved “%(what)s” at %(when)s, after you opened it. Nothing was saved. "
                "The form now shows their version with your changes on top; where you both "
                "changed a field, their text is shown beside it. Check, then save again."
            )
            % self.conflict
        )
