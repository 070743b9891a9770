from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Document, DocumentRelation, DocumentType


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]


class DocumentRelationInline(admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]
    verbose_name = _("relation to another document")
    verbose_name_plural = _("relations to other documents")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["code", "document_type", "issued_on", "issuer", "status"]
    list_filter = ["document_type", "status", "issuer__kind", "issuer"]
    search_fields = ["code", "subject"]
    autocomplete_fields = ["document_type", "issuer"]
    list_select_related = ["document_type", "issuer"]
    date_hierarchy = "issued_on"
    inlines = [DocumentRelationInline]
    fieldsets = [
        (None, {"fields": ["document_type", "number", "code", "issued_on", "issuer", "status"]}),
        (_("Content"), {"fields": ["subject", "summary", "full_text", "file"]}),
    ]
