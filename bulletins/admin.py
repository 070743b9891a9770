from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from documents.admin import RecognisedCitationInline

from .models import Footnote, Issue, Section
from .numbering import outline_errors


class SectionFormSet(forms.BaseInlineFormSet):
    """Refuses an outline that skips a level (a 2.1.1. straight under 2.)."""

    def clean(self):
        super().clean()
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        kept.sort(key=lambda data: data["position"])
        skipped = outline_errors([data["level"] for data in kept])
        if skipped:
            headings = ", ".join(f"“{kept[index]['heading']}”" for index in skipped)
            raise forms.ValidationError(
                _(
                    "A section cannot be more than one level below the one before it. "
                    "Check the level of: %(headings)s"
                ),
                params={"headings": headings},
            )


WIDE_HEADING = {"heading": forms.Textarea(attrs={"rows": 2, "cols": 100})}


class SectionInline(admin.StackedInline):
    model = Section
    formset = SectionFormSet
    extra = 0
    fields = [
        ("position", "level"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
    ]
    autocomplete_fields = ["presented_document", "cited_documents", "event"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, widgets=WIDE_HEADING, **kwargs)


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["title", "publisher", "month", "year", "status", "published_at"]
    list_filter = ["status", "year", "publisher"]
    search_fields = ["title_override", "sections__heading"]
    autocomplete_fields = ["publisher"]
    list_select_related = ["publisher"]
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["publisher", ("month", "year"), "title_override", "marking"]}),
        (_("Publication"), {"fields": ["status", "published_at"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("bulletins.publish_issue"):
            return []
        return ["status", "published_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.renumber_sections()


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 1
    fields = ["position", "marker", "text"]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["number", "heading", "issue"]
    list_display_links = ["heading"]
    list_filter = ["issue__year", "issue__publisher"]
    search_fields = ["heading", "body"]
    autocomplete_fields = ["issue", "presented_document", "cited_documents", "event"]
    list_select_related = ["issue"]
    readonly_fields = ["number"]
    fields = [
        "issue",
        ("position", "level", "number"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
    ]
    inlines = [FootnoteInline, RecognisedCitationInline]

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, widgets=WIDE_HEADING, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.issue.renumber_sections()
