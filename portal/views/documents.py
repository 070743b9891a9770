"""Registry pages of the reading portal."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from bulletins.models import Section
from documents.models import Document

from ..filters import DocumentFilter

PER_PAGE = 30


def document_list(request):
    readable = Document.objects.visible_to(request.user).with_details()
    documents = DocumentFilter(request.GET, queryset=readable)
    page = Paginator(documents.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/document_list.html", {"filter": documents, "page": page})


def document_detail(request, pk):
    readable = Document.objects.visible_to(request.user)
    document = get_object_or_404(readable.with_details(), pk=pk)
    context = {
        "document": document,
        "relations_from": document.relations_from.filter(target__in=readable).select_related(
            "target__document_type"
        ),
        "relations_to": document.relations_to.filter(source__in=readable).select_related(
            "source__document_type"
        ),
    }
    citing = Section.objects.visible_to(request.user).citing(document)
    context["page"] = Paginator(citing, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/document_detail.html", context)
