"""The forms of the reorganisation page in the organisation admin."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Organisation

OPERATIONS = {
    "merge": _("Merge into another organisation"),
    "dissolve": _("Dissolve, with a successor"),
    "rename": _("Rename"),
    "move": _("Move under another committee"),
}


class ReorganisationForm(forms.Form):
    """One form for the four operations; ``operation`` says which fields are needed."""

    day = forms.DateField(
        label=_("From"),
        initial=timezone.localdate,
        help_text=_("The first day of the new organisation; the old one ends the day before."),
    )
    successor = forms.ModelChoiceField(
        label=_("Successor or new parent"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    new_name = forms.CharField(
        label=_("New name"),
        max_length=255,
        required=False,
        help_text=_("For a merger into a new organisation, or a renaming."),
    )
    new_short_name = forms.CharField(label=_("New short name"), max_length=100, required=False)
    new_kind = forms.ChoiceField(
        label=_("Kind of the new organisation"),
        choices=Organisation.Kind.choices,
        required=False,
    )

    def __init__(self, *args, operation, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.operation, self.organisations = operation, organisations
        self.fields["successor"].queryset = (
            Organisation.objects.current()
            .exclude(pk__in=[o.pk for o in organisations])
            .select_related("parent")
        )

    def clean(self):
        data = super().clean()
        successor, name = data.get("successor"), (data.get("new_name") or "").strip()
        if self.operation == "rename":
            if len(self.organisations) != 1 or not name:
                raise ValidationError(_("Rename one organisation at a time, with its new name."))
        elif self.operation == "merge":
            if bool(successor) == bool(name):
                raise ValidationError(
                    _("Choose an existing successor or give the name of a new one, not both.")
                )
            if name and not data.get("new_kind"):
                self.add_error("new_kind", _("Give the kind of the new organisation."))
        elif not successor:
            self.add_error("successor", _("Choose the organisation that takes over."))
        return data

    def new_successor(self):
        """The merger's new organisation, unsaved, placed where the first source was."""
        first = self.organisations[0]
        return Organisation(
            name=self.cleaned_data["new_name"].strip(),
            short_name=self.cleaned_data["new_short_name"].strip(),
            kind=self.cleaned_data["new_kind"],
            parent=first.parent,
            citation_code=first.citation_code,
        )
