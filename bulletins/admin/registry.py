"""The registry's relation proposals as the staff policy lets each staff member see them.

A proposal found in a section carries the section's words (its evidence) and names the
section: those stay with the section's issue. The registry itself (documents.admin) does not
know who may see which issue (bulletins is above it), so its two relation pages are
registered again here, narrowed to the relations found in no section or in an issue the user
may open as a reader or as its publisher's staff (``policy.readable_or_managed``).
"""

from django.contrib import admin
from django.db.models import Q

from documents.admin import DocumentAdmin, DocumentRelationAdmin, DocumentRelationInline
from documents.models import Document, DocumentRelation

from ..models import Issue
from ..policy import policy


def shown_to(user, relations):
    issues = Issue.objects.filter(policy.readable_or_managed(user)).values("pk")
    return relations.filter(Q(section__isnull=True) | Q(section__issue__in=issues))


class ScopedRelationInline(DocumentRelationInline):
    def get_queryset(self, request):
        return shown_to(request.user, super().get_queryset(request))


class ScopedDocumentAdmin(DocumentAdmin):
    inlines = [
        ScopedRelationInline if inline is DocumentRelationInline else inline
        for inline in DocumentAdmin.inlines
    ]


class ScopedRelationAdmin(DocumentRelationAdmin):
    def get_queryset(self, request):
        return shown_to(request.user, super().get_queryset(request))


for model, model_admin in [
    (Document, ScopedDocumentAdmin),
    (DocumentRelation, ScopedRelationAdmin),
]:
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
