"""The section admin: one section with its footnotes and recognised citations."""

import html

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Exists, F, OuterRef, Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from bulletins import policy as rules
from bulletins.models import Footnote, Section
from bulletins.policy import policy
from bulletins.search import SectionQuery, bitmap_plans
from documents.models import Citation, Document
from operations.versioning import VersionedForm

from .forms import WIDE_HEADING, SectionForm, for_user, keep_recoverable
from .provenance import upstream_view
from .scoping import PolicyScopedAdmin
from .widgets import CellTypeChoices

CITATION_COLUMNS = ["text", "code", "cited_date", "document", "ambiguous"]


def citations_table(citations):
    """One row per citation. A section may cite thousands of times, so the rows are read as
    values, each cited document's link is made once, and the cells are escaped with the
    standard library's escape (what Django's calls, without its per-call lazy-text check)."""
    rows = list(citations.values_list(*CITATION_COLUMNS))
    if not rows:
        return gettext("None recognised.")
    cited = {document for *_cells, document, _ambiguous in rows} - {None}
    # one reverse for all rows: the document's pk goes between prefix and suffix
    prefix, _zero, suffix = reverse("admin:documents_document_change", args=[0]).rpartition("/0/")
    links = {
        pk: format_html('<a href="{}/{}/{}">{}</a>', prefix, pk, suffix, document)
        for pk, document in Document.objects.select_related("document_type").in_bulk(cited).items()
    }
    links[None] = "—"
    ambiguous = html.escape(gettext("ambiguous"))
    body = "\n".join(
        f"<tr><td>{html.escape(text)}</td><td>{html.escape(code)}</td>"
        f"<td>{f'{cited_date:%d/%m/%Y}' if cited_date else ''}</td><td>{links[document]}</td>"
        f"<td>{ambiguous if is_ambiguous else ''}</td></tr>"
        for text, code, cited_date, document, is_ambiguous in rows
    )
    head = format_html_join(
        "",
        '<th scope="col">{}</th>',
        ((Citation._meta.get_field(name).verbose_name,) for name in CITATION_COLUMNS),
    )
    return format_html(
        "<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
        head,
        mark_safe(body),  # noqa: S308 - every cell escaped above
    )


class PublisherFilter(admin.RelatedOnlyFieldListFilter):
    """The publishers with sections this user may see, asked per publisher (has one of its
    issues a section? one index probe) rather than by reading every section's issue."""

    def field_choices(self, field, request, model_admin):
        with_sections = policy.issues_for(request.user, rules.VIEW).filter(
            Exists(Section.objects.filter(issue=OuterRef("pk"))), publisher=OuterRef("pk")
        )
        return field.get_choices(
            include_blank=False,
            limit_choices_to=Q(Exists(with_sections)),
            ordering=self.field_admin_ordering(field, request, model_admin),
        )


class FootnoteInline(admin.TabularInline):
    """Each footnote carries its version: a colleague's footnote edit is never overwritten
    unseen (VersionedForm)."""

    model = Footnote
    form = VersionedForm
    extra = 1
    fields = ["position", "marker", "text", "version"]
    exclude = ["version"]  # the form's own hidden field, not the model's


@admin.register(Section)
class SectionAdmin(CellTypeChoices, PolicyScopedAdmin):
    issue_path = "issue"
    form = SectionForm
    exclude = ["version"]
    list_display = ["number", "heading", "for_cell_types", "issue"]
    list_display_links = ["heading"]
    list_filter = [
        "issue__year",
        ("issue__publisher", PublisherFilter),
        "cell_types",
    ]
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
        "cell_types",
        "recognised_citations",
        "version",
    ]
    inlines = [FootnoteInline]

    def get_urls(self):
        upstream = self.admin_site.admin_view(self.upstream_view)
        return [
            path("<int:pk>/nguon-da-sua/", upstream, name="bulletins_section_upstream"),
            *super().get_urls(),
        ]

    def upstream_view(self, request, pk):
        return upstream_view(request, self, pk)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("cell_types")

    @admin.display(description=_("for cell types"))
    def for_cell_types(self, section):
        return ", ".join(str(cell_type) for cell_type in section.cell_types.all()) or "—"

    @admin.display(description=_("recognised citations"))
    def recognised_citations(self, section):
        """What the citation engine found, for the editor to check, in one query: a section
        citing thousands of times still opens at once."""
        if section.pk is None:
            return "-"
        return citations_table(section.citations.order_by("start"))

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, widgets=WIDE_HEADING, **kwargs)
        return for_user(form, request.user)

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
