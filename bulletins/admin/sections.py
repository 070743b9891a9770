"""The section admin: one section with its footnotes and recognised citations."""

from django.contrib import admin

from bulletins import policy as rules
from bulletins.models import Footnote, Section
from bulletins.policy import policy
from documents.admin import RecognisedCitationInline

from .forms import WIDE_HEADING, SectionForm
from .scoping import PolicyScopedAdmin


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 1
    fields = ["position", "marker", "text"]


@admin.register(Section)
class SectionAdmin(PolicyScopedAdmin):
    issue_path = "issue"
    form = SectionForm
    exclude = ["version"]
    list_display = ["number", "heading", "issue"]
    list_display_links = ["heading"]
    list_filter = ["issue__year", "issue__publisher"]
    search_fields = ["heading", "body"]
    autocomplete_fields = ["issue", "presented_document", "cited_documents", "event"]
    list_select_related = ["issue"]
    readonly_fields = ["number"]
    history_latest_first = True
    fields = [
        "issue",
        ("position", "level", "number"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
        "version",
    ]
    inlines = [FootnoteInline, RecognisedCitationInline]

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, widgets=WIDE_HEADING, **kwargs)

    def get_fields(self, request, obj=None):
        """The reason field appears once the section belongs to an issue readers may have."""
        if obj is not None and obj.issue.was_published:
            return [*self.fields, "correction_note"]
        return self.fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue":
            kwargs["queryset"] = policy.issues_for(request.user, rules.CHANGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.issue.renumber_sections()
