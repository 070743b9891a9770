"""The issue form's inlines: a page of its sections, its attachments, its review log."""

from functools import cached_property

from django import forms
from django.contrib import admin
from django.db.models import Prefetch
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from bulletins.models import Attachment, Issue, Review, Section
from bulletins.numbering import outline_errors
from documents.models import Document
from operations.versioning import VersionedForm, last_saved

from .forms import WIDE_HEADING, SectionInlineForm, for_user, keep_recoverable
from .outline import SECTIONS_PER_PAGE
from .widgets import (
    CellTypeChoices,
    KnownAutocompleteSelect,
    KnownAutocompleteSelectMultiple,
    give_known_labels,
)


class SectionFormSet(forms.BaseInlineFormSet):
    """A batch of an issue's sections: no colleague's edit lost, no level skipped."""

    def clean(self):
        super().clean()
        self.refuse_stale_deletions()
        conflicts = [form for form in self.forms if getattr(form, "conflict", None)]
        if conflicts:
            raise forms.ValidationError(
                _("Nothing was saved: someone else changed %(sections)s after you opened the page.")
                % {"sections": describe_conflicts(conflicts)},
                code="stale",
            )
        self.check_outline()

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        give_known_labels(form)
        if "cell_types" in form.fields:  # the choices read once for the page, not per section
            form.fields["cell_types"].choices = self.cell_type_choices
        return form

    @cached_property
    def cell_type_choices(self):
        return list(self.form.base_fields["cell_types"].choices)

    def delete_existing(self, obj, commit=True):
        if commit:
            keep_recoverable(obj)
        super().delete_existing(obj, commit)

    def refuse_stale_deletions(self):
        """A section changed since the page was opened is not deleted unseen."""
        for form in self.initial_forms:
            if not self._should_delete_form(form):
                continue
            current = form.current()
            if current is None or form.cleaned_data.get("version") == current.version:
                continue
            form.conflict = last_saved(current)
            form.reload(current)
            form.data.pop(form.add_prefix(forms.formsets.DELETION_FIELD_NAME), None)
            form.add_error(
                None,
                _(
                    "%(who)s saved “%(what)s” at %(when)s, after you opened the page, so it "
                    "was not deleted. Its current text is shown: tick Delete again to delete it."
                )
                % form.conflict,
            )

    def check_outline(self):
        """The whole issue's outline after this save, the batch's changes on top of the rest."""
        stored = []
        if self.instance.pk:
            stored = self.instance.sections.values_list("pk", "position", "level", "heading")
        outline = {pk: (position, pk, level, heading) for pk, position, level, heading in stored}
        for form in self.forms:
            data, pk = form.cleaned_data, form.instance.pk
            if not data:
                continue
            if self._should_delete_form(form):
                outline.pop(pk, None)
                continue
            position, key, level, heading = outline.get(pk, (0, float("inf"), 1, ""))
            outline[pk or id(form)] = (
                data.get("position", position),
                key,
                data.get("level", level),
                data.get("heading", heading),
            )
        kept = sorted(outline.values())
        skipped = outline_errors([level for _position, _pk, level, _heading in kept])
        if skipped:
            headings = ", ".join(f"“{kept[index][3]}”" for index in skipped)
            raise forms.ValidationError(
                _(
                    "A section cannot be more than one level below the one before it. "
                    "Check the level of: %(headings)s"
                ),
                params={"headings": headings},
            )


def describe_conflicts(conflicting):
    """“1.2. Heading” (who, when); ... for the message above the refused forms."""
    return "; ".join("“{what}” ({who}, {when})".format(**form.conflict) for form in conflicting)


class SectionInline(CellTypeChoices, admin.StackedInline):
    """A page of the issue's sections, so that an issue of any size opens and saves."""

    model = Section
    form = SectionInlineForm
    exclude = ["version"]  # the form's own hidden field, not the model's
    formset = SectionFormSet
    extra = 0
    fields = [
        ("position", "level"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
        "cell_types",
        "version",
    ]
    readonly_fields = ["text"]
    autocomplete_fields = ["presented_document", "cited_documents", "event"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, widgets=WIDE_HEADING, **kwargs)
        formset.form = for_user(formset.form, request.user)
        return formset

    def get_fields(self, request, obj=None):
        """Who may only read the issue sees the text as readers do, not its HTML."""
        fields = super().get_fields(request, obj)
        if obj is None or self.admin_site.get_model_admin(Issue).has_change_permission(
            request, obj
        ):
            return fields
        return ["text" if field == "body" else field for field in fields if field != "version"]

    @admin.display(description=_("body"))
    def text(self, section):
        return mark_safe(section.body)  # noqa: S308 (sanitised on every save: SanitizedHTMLField)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownAutocompleteSelect(db_field, self.admin_site)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.autocomplete_fields:
            kwargs["widget"] = KnownAutocompleteSelectMultiple(db_field, self.admin_site)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @staticmethod
    def first_shown(request):
        """The 1-based number, in outline order, of the first section of the page (?muc=)."""
        start = request.GET.get("muc", "")
        return int(start) if start.isdigit() and int(start) > 0 else 1

    def page_queryset(self, request, issue, queryset):
        start = self.first_shown(request) - 1
        shown = issue.sections.order_by("position", "pk").values_list("pk", flat=True)
        ids = list(shown[start : start + SECTIONS_PER_PAGE])
        cited = Document.objects.select_related("document_type")
        return (
            queryset.filter(pk__in=ids)
            .select_related("presented_document__document_type", "event")
            .prefetch_related(Prefetch("cited_documents", cited), "cell_types")
        )


class AttachmentInline(admin.TabularInline):
    """Versioned like sections: a stale copy of a colleague's title is not saved back."""

    model = Attachment
    form = VersionedForm
    extra = 0
    fields = ["title", "file", "uploaded_at", "version"]
    exclude = ["version"]  # the form's own hidden field, not the model's
    readonly_fields = ["uploaded_at"]


class ReviewInline(admin.TabularInline):
    """The way the issue went so far, with the approver's comments for the editor."""

    model = Review
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "status_before", "status_after", "comment"]
    readonly_fields = fields
    verbose_name_plural = _("Review history")

    @admin.display(description=_("Status before"))
    def status_before(self, review):
        return review.get_from_status_display()

    @admin.display(description=_("Status after"))
    def status_after(self, review):
        return review.get_to_status_display()

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
