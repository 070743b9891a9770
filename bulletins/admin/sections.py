"""The section admin: one section with its footnotes and recognised citations."""

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import F
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import policy as rules
from bulletins.models import Footnote, Section
from bulletins.policy import policy
from bulletins.search import SectionQuery, bitmap_plans
from documents.models import Citation

from .forms import WIDE_HEADING, SectionForm, keep_recoverable
from .scoping import PolicyScopedAdmin

CITATION_COLUMNS = ["text", "code", "cited_date", "document", "ambiguous"]


def citations_table(citations):
    rows = citations.select_related("document__document_type")
    # one reverse for all rows: the document's pk goes between prefix and suffix
    prefix, _zero, suffix = reverse("admin:documents_document_change", args=[0]).rpartition("/0/")
    body = format_html_join(
        "\n",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                citation.text,
                citation.code,
                date_format(citation.cited_date, "d/m/Y") if citation.cited_date else "",
                format_html(
                    '<a href="{}/{}/{}">{}</a>',
                    prefix,
                    citation.document_id,
                    suffix,
                    citation.document,
                )
                if citation.document
                else "—",
                gettext("ambiguous") if citation.ambiguous else "",
            )
            for citation in rows
        ),
    )
    if not body:
        return gettext("None recognised.")
    head = format_html_join(
        "",
        '<th scope="col">{}</th>',
        ((Citation._meta.get_field(name).verbose_name,) for name in CITATION_COLUMNS),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, body)


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
    list_filter = ["issue__year", ("issue__publisher", admin.RelatedOnlyFieldListFilter)]
    ordering = ["-issue_id", "position", "id"]  # the order of the section_outline_order index
    show_full_result_count = False  # no second count of every section
    search_fields = ["heading", "body"]
    autocomplete_fields = ["issue", "presented_document", "cited_documents", "event"]
    list_select_related = ["issue"]
    readonly_fields = ["number", "recognised_citations"]
    history_latest_first = True
    fields = [
        "issue",
        ("position", "level", "number"),
        "heading",
        "body",
        ("presented_document", "event"),
        "cited_documents",
        "recognised_citations",
        "version",
    ]
    inlines = [FootnoteInline]

    @admin.display(description=_("recognised citations"))
    def recognised_citations(self, section):
        """What the citation engine found, for the editor to check, in one query: a section
        citing thousands of times still opens at once."""
        if section.pk is None:
            return "-"
        return citations_table(section.citations.order_by("start"))

    def get_form(self, request, obj=None, **kwargs):
        return super().get_form(request, obj, widgets=WIDE_HEADING, **kwargs)

    def get_fields(self, request, obj=None):
        """The reason field appears once the section belongs to an issue readers may have."""
        if obj is not None and obj.issue.was_published:
            return [*self.fields, "correction_note"]
        return self.fields

    def get_search_results(self, request, queryset, search_term):
        """The search index, as in the portal, never LIKE over the bodies; the queryset is
        already this user's publishers' sections, drafts included, and their issues scope
        the index search the way a reader's do (bulletins.search)."""
        if not search_term.strip():
            return queryset, False
        issue_ids = None
        if not request.user.is_superuser:
            issue_ids = list(policy.issues_for(request.user).values_list("pk", flat=True))
        return SectionQuery(search_term).matching(queryset, issue_ids), False

    def changelist_view(self, request, extra_context=None):
        if not request.GET.get(SEARCH_VAR, "").strip():
            return super().changelist_view(request, extra_context)
        with bitmap_plans():  # the list is evaluated while rendering
            response = super().changelist_view(request, extra_context)
            return response.render() if hasattr(response, "render") else response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue":
            kwargs["queryset"] = policy.issues_for(request.user, rules.CHANGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        """A section added after another (its position prefilled) pushes the rest down."""
        if not change:
            obj.issue.sections.filter(position__gte=obj.position).update(position=F("position") + 1)
        super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        keep_recoverable(obj)
        super().delete_model(request, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.issue.renumber_sections()
