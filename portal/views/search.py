"""The search results page: sections of the issues the user may read, and the registry."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.formats import number_format

from bulletins import audience
from bulletins.readable import readable_issues
from bulletins.search import (
    CANDIDATES,
    COUNT_CAP,
    Results,
    SectionQuery,
    registry_hits,
    section_hits,
)

from ..filters import SEARCH_KINDS, SearchFilter

PER_PAGE = 20
REGISTRY_LIMIT = 50


def results(request):
    text = request.GET.get("q", "").strip()[:200]
    readable = readable_issues(request.user)
    search_filter = SearchFilter(request.GET, readable=readable)
    context = {
        "q": text,
        "filter": search_filter,
        "candidates": CANDIDATES,
        "count_cap": number_format(COUNT_CAP, force_grouping=True),
    }
    if text and search_filter.is_valid():
        query = SectionQuery(text)
        rule = audience.reading_rule(request.user)
        results = Results(query, search_filter.qs, readable, rule)
        page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = section_hits(query, list(page.object_list))
        registry = registry_hits(request.user, text, REGISTRY_LIMIT)
        kind = search_filter.form.cleaned_data.get("kind")
        context |= {
            "page": page,
            "total": results.total,
            "more": results.more,
            "show_sections": kind in ("", None, "section"),
            "groups": [
                (label, [hit for hit in registry if hit.kind == value])
                for value, label in SEARCH_KINDS
                if value != "section" and kind in ("", None, value)
            ],
        }
    return render(request, "portal/search.html", context)
