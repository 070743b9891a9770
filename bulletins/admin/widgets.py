"""Autocomplete widgets that render their chosen options from labels loaded once per page.

Django's autocomplete widget asks the database for the label of what is chosen, once per
widget: a page of ten sections would ask thirty times. The formset loads the chosen objects
with the sections and hands each widget its labels; anything else falls back to Django.
"""

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple


class KnownChoicesMixin:
    known = {}  # {str(pk): label} of what the instance has chosen

    def optgroups(self, name, value, attr=None):
        chosen = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not chosen or any(pk not in self.known for pk in chosen):
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in chosen:
            options.append(self.create_option(name, pk, self.known[pk], True, len(options)))
        return [(None, options, 0)]


class KnownAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


def give_known_labels(form):
    """Hand each autocomplete widget of ``form`` the labels of its instance's choices."""
    for name, field in form.fields.items():
        widget = getattr(field.widget, "widget", field.widget)  # inside the admin's wrapper
        if not isinstance(widget, KnownChoicesMixin) or form.instance.pk is None:
            continue
        value = getattr(form.instance, name)
        chosen = value.all() if hasattr(value, "all") else [value] if value else []
        widget.known = {str(obj.pk): field.label_from_instance(obj) for obj in chosen}


class CellTypeChoices:
    """A section's cell types as checkboxes (a short managed list), on the section page and
    on each section of the issue page."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "cell_types":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)
