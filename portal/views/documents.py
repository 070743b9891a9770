"""Registry pages of the reading portal."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from bulletins.models import Section
from documents.models import Document

from ..filters import DocumentFilter

PER_PAGE = 30


def document_list(request):
    documents = DocumentFilter(request.GET, queryset=Document.objects.with_details())
    page = Paginator(documents.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/document_list.html", {"filter": documents, "page": page})


def document_detail(request, pk):
    document = get_object_or_404(Document.objects.with_details(), pk=pk)
    context = {
        "document": document,
        "relations_from": document.relations_from.select_related("target__document_type"),
        "relations_to": document.relations_to.select_related("source__document_type"),
    }
    citing = Section.objects.visible_to(request.user).citing(document)
    context["page"] = Paginator(citing, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/document_detail.html", context)
