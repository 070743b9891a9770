"""The search results page: sections of the issues the user may read, and the registry."""

from django.core.paginator import Paginator
from django.shortcuts import render

from bulletins.search import SectionQuery, readable_issues, registry_hits, section_hits

from ..filters import SearchFilter

PER_PAGE = 20
REGISTRY_LIMIT = 50


def results(request):
    text = request.GET.get("q", "").strip()[:200]
    search_filter = SearchFilter(request.GET, issues=readable_issues(request.user))
    context = {"q": text, "filter": search_filter}
    if text and search_filter.is_valid():
        query = SectionQuery(text)
        sections = query.apply(search_filter.qs.select_related("issue__publisher"))
        page = Paginator(sections, PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = section_hits(query, list(page.object_list))
        registry = registry_hits(request.user, text, REGISTRY_LIMIT)
        kind = search_filter.form.cleaned_data.get("kind")
        context |= {
            "page": page,
            "groups": [
                (label, [hit for hit in registry if hit.kind == value])
                for value, label in search_filter.filters["kind"].extra["choices"]
                if value != "section" and kind in ("", None, value)
            ],
        }
    return render(request, "portal/search.html", context)
