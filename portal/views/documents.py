"""Registry pages of the reading portal."""

from collections import defaultdict

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from bulletins import audience
from bulletins.models import Issue, documents_visible_to
from documents.chain import implementation_chain

from ..filters import DocumentFilter
from ..replay import replayable

PER_PAGE = 30


@replayable
def document_list(request):
    readable = documents_visible_to(request.user).with_details()
    documents = DocumentFilter(request.GET, queryset=readable)
    page = Paginator(documents.qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/document_list.html", {"filter": documents, "page": page})


@replayable
def document_detail(request, pk):
    documents = documents_visible_to(request.user)
    document = get_object_or_404(documents.with_details(), pk=pk)
    sections = audience.readable_sections(request.user)  # the reader's scope, worked out once
    context = {
        "document": document,
        "relations_from": document.relations_from.confirmed()
        .filter(target__in=documents)
        .select_related("target__document_type"),
        "relations_to": document.relations_to.confirmed()
        .filter(source__in=documents)
        .select_related("source__document_type"),
        "chain": _with_issues(implementation_chain(document, documents), sections),
    }
    citing = sections.citing(document)
    context["page"] = Paginator(citing, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "portal/document_detail.html", context)


def _with_issues(chain, sections):
    """Each document of the chain with the issues of the readable ``sections`` that presented
    or cited it, oldest first; four queries whatever the length of the chain."""
    ids = [item.pk for _level, items in chain for item in items]
    if not ids:
        return []
    pairs = set()
    for field in ("presented_document", "citations__document", "cited_documents"):
        pairs.update(sections.filter(**{f"{field}__in": ids}).values_list(field, "issue"))
    issues = Issue.objects.in_bulk({issue for _document, issue in pairs})
    studied = defaultdict(list)
    for document_pk, issue_pk in sorted(pairs, key=lambda pair: (issues[pair[1]].period_end, pair)):
        studied[document_pk].append(issues[issue_pk])
    return [
        (level, [(item, list(dict.fromkeys(studied[item.pk]))) for item in items])
        for level, items in chain
    ]
