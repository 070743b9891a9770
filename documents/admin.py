from django.contrib import admin, messages
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from operations.versioning import VersionedForm

from .models import Citation, Document, DocumentRelation, DocumentType
from .search import documents_matching


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


class DocumentRelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    form = VersionedForm  # a colleague's decision is not saved over
    fields = ["kind", "target", "state", "evidence", "section", "version"]
    exclude = ["version"]  # the form's own hidden field, not the model's
    readonly_fields = ["evidence", "section"]
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name = _("relation to another document")
    verbose_name_plural = _("relations to other documents")


@admin.register(DocumentRelation)
class DocumentRelationAdmin(admin.ModelAdmin):
    """Where editors review the relations proposed from texts (filter: proposed)."""

    list_display = ["source", "kind", "target", "state", "evidence", "section"]
    list_filter = ["state", "kind"]
    search_fields = ["source__code", "target__code", "evidence"]
    list_select_related = ["source", "target", "section"]
    autocomplete_fields = ["source", "target"]
    readonly_fields = ["evidence", "section"]
    actions = ["confirm", "reject"]
    form = VersionedForm  # two editors deciding at once: neither decision lost
    exclude = ["version"]  # the form's own hidden field, not the model's

    @admin.action(description=_("Confirm the selected proposals"), permissions=["change"])
    def confirm(self, request, queryset):
        self._decide(request, queryset, DocumentRelation.State.CONFIRMED)

    @admin.action(description=_("Reject the selected proposals"), permissions=["change"])
    def reject(self, request, queryset):
        self._decide(request, queryset, DocumentRelation.State.REJECTED)

    def _decide(self, request, queryset, state):
        """Each proposal is decided once: rows are locked, and decided ones are skipped."""
        with transaction.atomic():
            proposals = queryset.select_for_update(of=("self",)).filter(
                state=DocumentRelation.State.PROPOSED
            )
            decided = list(proposals)
            for relation in decided:
                relation.state = state
                relation.save(update_fields=["state"])
        self.message_user(
            request,
            ngettext(
                "%(count)d proposal decided: %(state)s.",
                "%(count)d proposals decided: %(state)s.",
                len(decided),
            )
            % {"count": len(decided), "state": DocumentRelation.State(state).label},
        )


class RecognisedCitationInline(admin.TabularInline):
    """What the citation engine recognised in a text, for the editor to check."""

    model = Citation
    fields = ["text", "code", "cited_date", "document", "ambiguous"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("recognised citation")
    verbose_name_plural = _("recognised citations")

    def get_queryset(self, request):
        """A text may cite thousands of times: the cited documents come in the same query."""
        return super().get_queryset(request).select_related("document__document_type")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class OutgoingCitationInline(RecognisedCitationInline):
    fk_name = "citing_document"


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["code", "document_type", "issued_on", "issuer", "status", "verified"]
    list_filter = [
        "verified",
        "document_type",
        "status",
        "issuer__kind",
        ("issuer", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["code", "subject"]
    autocomplete_fields = ["document_type", "issuer"]
    list_select_related = ["document_type", "issuer"]
    date_hierarchy = "issued_on"
    inlines = [DocumentRelationInline, OutgoingCitationInline]
    actions = ["confirm", "merge_into_verified"]
    form = VersionedForm  # two editors of one entry: neither edit lost
    exclude = ["version"]  # the form's own hidden field, not the model's
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "version",
                    "document_type",
                    "number",
                    "code",
                    "issued_on",
                    "issuer",
                    "status",
                    "effective_from",
                    "effective_until",
                    "verified",
                ]
            },
        ),
        (_("Content"), {"fields": ["subject", "summary", "full_text", "file"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        """Codes as people say them ("Chỉ thị 26", "CT 26"), accents optional, besides
        Django's own search (which the autocomplete needs for a half-typed code)."""
        queryset_found, may_duplicate = super().get_search_results(request, queryset, search_term)
        named = [document.pk for document in documents_matching(search_term)]
        return queryset_found | queryset.filter(pk__in=named), may_duplicate

    @admin.action(description=_("Confirm the selected entries"), permissions=["change"])
    def confirm(self, request, queryset):
        # A change of each entry's: an editor's form opened before sees a conflict.
        count = queryset.filter(verified=False).update(verified=True, version=F("version") + 1)
        self.message_user(
            request,
            ngettext("%(count)d entry confirmed.", "%(count)d entries confirmed.", count)
            % {"count": count},
        )

    @admin.action(
        description=_("Merge the unverified entries into the selected verified document"),
        permissions=["change", "delete"],
    )
    def merge_into_verified(self, request, queryset):
        """Select one verified document and the unverified entries that mean the same one."""
        targets = [document for document in queryset if document.verified]
        duplicates = [document for document in queryset if not document.verified]
        if len(targets) != 1 or not duplicates:
            self.message_user(
                request,
                _("Select exactly one verified document and at least one unverified entry."),
                messages.ERROR,
            )
            return
        with transaction.atomic():
            Citation.objects.filter(document__in=duplicates).update(document=targets[0])
            _move_relations(duplicates, targets[0])
            for duplicate in duplicates:
                duplicate.delete()
        self.message_user(
            request,
            ngettext(
                "%(count)d entry merged into %(document)s.",
                "%(count)d entries merged into %(document)s.",
                len(duplicates),
            )
            % {"count": len(duplicates), "document": targets[0]},
        )


def _move_relations(duplicates, document):
    """Relations of merged entries (often proposals read from a text) now concern the real
    document; one that it already has, or that would point at itself, goes with the entry."""
    for side in ("source", "target"):
        for relation in DocumentRelation.objects.filter(**{f"{side}__in": duplicates}):
            setattr(relation, side, document)
            ends = {relation.source_id, relation.target_id}
            known = DocumentRelation.objects.filter(
                source=relation.source_id, kind=relation.kind, target=relation.target_id
            )
            if len(ends) == 2 and not known.exists():
                relation.save()
