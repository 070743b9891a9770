"""The section admin: one section with its footnotes and recognised citations."""

from django.contrib import admin
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from reversion.models import Version
from reversion_compare.admin import CompareVersionAdmin

from bulletins.models import Footnote, Issue, Section
from bulletins.search import SectionQuery, bitmap_plans
from documents.admin import RecognisedCitationInline

from .forms import WIDE_HEADING, VersionedForm
from .scoping import PublisherScopedMixin


class FootnoteInline(admin.TabularInline):
    model = Footnote
    extra = 1
    fields = ["position", "marker", "text"]


@admin.register(Section)
class SectionAdmin(PublisherScopedMixin, CompareVersionAdmin):
    publisher_path = "issue__publisher"
    form = VersionedForm
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

    def get_search_results(self, request, queryset, search_term):
        """The search index, as in the portal, never LIKE over the bodies; the queryset is
        already this user's publishers' sections, drafts included, and their issues scope
        the index search the way a reader's do (bulletins.search)."""
        if not search_term.strip():
            return queryset, False
        issue_ids = None
        if not request.user.is_superuser:
            issue_ids = list(Issue.objects.managed_by(request.user).values_list("pk", flat=True))
        return SectionQuery(search_term).matching(queryset, issue_ids), False

    def changelist_view(self, request, extra_context=None):
        if not request.GET.get(SEARCH_VAR, "").strip():
            return super().changelist_view(request, extra_context)
        with bitmap_plans():  # the list is evaluated while rendering
            response = super().changelist_view(request, extra_context)
            return response.render() if hasattr(response, "render") else response

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "issue" and not request.user.is_superuser:
            kwargs["queryset"] = Issue.objects.filter(
                publisher__in=request.user.organisations.values("pk")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.issue.renumber_sections()

    def _reversion_order_version_queryset(self, request, queryset):
        """Deleted sections of other publishers' issues are not listed for recovery."""
        ordered = super()._reversion_order_version_queryset(request, queryset)
        if request.user.is_superuser:
            return ordered
        issues = set(
            Issue.objects.filter(publisher__in=request.user.organisations.values("pk")).values_list(
                "pk", flat=True
            )
        )
        return [version for version in ordered if version.field_dict.get("issue_id") in issues]

    def recover_view(self, request, version_id, extra_context=None):
        version = get_object_or_404(Version, pk=version_id)
        scoped = self._reversion_order_version_queryset(
            request, Version.objects.filter(pk=version.pk)
        )
        if not scoped:
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)
