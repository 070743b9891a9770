"""Search across issues: sections, registry documents, people and events.

Everything starts from a queryset of issues the caller may see (``visible_to`` for readers,
``managed_by`` as well for staff), so no hit, snippet or count comes from another issue.

On PostgreSQL sections are matched on their stored, GIN-indexed ``search_vector`` (kept by a
trigger, see migration 0005): every word folded (accent-insensitive), ranked with a bonus
for the words as a phrase and a smaller one for the words with the accents as typed; a
query naming a document by code ("CT 26") keeps the sections citing it. On SQLite,
for ``make run``, the same words are looked for in the folded text, a simpler match.
"""

import html
import re
from dataclasses import dataclass

import nh3
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Concat
from django.urls import reverse

from documents.search import documents_matching, named_documents, parse
from people.models import Event, Person
from people.search import (
    Fold,
    events_matching,
    fold,
    people_matching,
    without_address,
    words,
)

from .models import Issue, Section

SNIPPET_CHARS = 220
# SQLite only: the folded text is computed per query there (no stored index).
_FOLDED_TEXT = Fold(Concat("heading", Value(" "), "body", output_field=TextField()))
_TAG = re.compile(r"<[^>]+>")


def readable_issues(user, *, staff=False):
    """What the user reads in the portal; with ``staff``, also the issues they work on,
    drafts included, as the admin shows them."""
    visible = Issue.objects.visible_to(user)
    if not staff:
        return visible
    managed = Issue.objects.managed_by(user)
    return Issue.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=managed.values("pk")))


def _postgres():
    return connection.vendor == "postgresql"


@dataclass
class SectionQuery:
    """How a query text selects and ranks sections."""

    text: str

    def __post_init__(self):
        self.parsed = parse(self.text)
        self.documents = named_documents(self.parsed)
        # When the query names documents, what is left ("về tết") narrows their sections.
        self.words_text = without_address(
            self.parsed.rest if self.parsed.names_documents else self.text
        )
        self.words = words(self.words_text)

    def citing(self):
        return Section.objects.filter(
            Q(citations__document__in=self.documents)
            | Q(cited_documents__in=self.documents)
            | Q(presented_document__in=self.documents)
        ).values("pk")

    def matching(self, sections):
        """The sections that match, unordered (the admin list orders them its way)."""
        if not self.words and not self.parsed.names_documents:
            return sections.none()
        if self.parsed.names_documents:
            sections = sections.filter(pk__in=self.citing())
        if not self.words:
            return sections
        if _postgres():
            return sections.filter(search_vector=SearchQuery(self.words_text, config="tailieu"))
        condition = Q()
        for word in self.words:
            condition &= Q(folded__contains=word)
        return sections.annotate(folded=_FOLDED_TEXT).filter(condition)

    def apply(self, sections):
        """Matching sections with a ``rank``, best first."""
        return (
            self.matching(sections)
            .annotate(rank=self.rank())
            .order_by("-rank", "-issue__year", "-issue__month", "position")
        )

    def rank(self):
        if not self.words:
            return Value(0.0, output_field=FloatField())
        if not _postgres():
            phrase = " ".join(self.words)
            return Case(When(folded__contains=phrase, then=Value(1.0)), default=Value(0.1))
        folded = SearchQuery(self.words_text, config="tailieu")
        phrase = SearchQuery(self.words_text, config="tailieu", search_type="phrase")
        as_typed = SearchQuery(self.words_text, config="simple")
        return (
            SearchRank(F("search_vector"), folded)
            + Case(When(search_vector=phrase, then=Value(1.0)), default=Value(0.0))
            + Case(When(search_vector=as_typed, then=Value(0.5)), default=Value(0.0))
        )

    def snippets(self, sections):
        """{pk: HTML} of the sections' text around the matched words, marked."""
        if _postgres():
            query = SearchQuery(self.text, config="tailieu")
            for code in self.documents.values_list("code", flat=True).distinct()[:5]:
                query |= SearchQuery(code, config="tailieu")
            rows = Section.objects.filter(pk__in=[section.pk for section in sections]).annotate(
                snippet=SearchHeadline(
                    "body",
                    query,
                    config="tailieu",
                    start_sel="<mark>",
                    stop_sel="</mark>",
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            return {
                pk: nh3.clean(snippet, tags={"mark"}, attributes={})
                for pk, snippet in rows.values_list("pk", "snippet")
            }
        return {section.pk: self._python_snippet(section.body) for section in sections}

    def _python_snippet(self, body):
        text = " ".join(html.unescape(_TAG.sub(" ", body)).split())
        folded = fold(text)
        marks = sorted(
            (match.start(), match.end())
            for word in set(self.words or words(self.text))
            for match in re.finditer(rf"\b{re.escape(word)}\b", folded)
        )
        phrase = folded.find(" ".join(self.words))
        first = phrase if phrase >= 0 else (marks[0][0] if marks else 0)
        start = max(0, first - 60)
        end = min(len(text), start + SNIPPET_CHARS)
        pieces, cursor = [], start
        for mark_start, mark_end in marks:
            if mark_start < cursor or mark_end > end:
                continue
            pieces += [html.escape(text[cursor:mark_start]), "<mark>"]
            pieces += [html.escape(text[mark_start:mark_end]), "</mark>"]
            cursor = mark_end
        pieces.append(html.escape(text[cursor:end]))
        return "".join(pieces).strip()


def search_sections(issues, text):
    """Sections of the given issues matching the text, best first, with ``rank``."""
    sections = Section.objects.filter(issue__in=issues).select_related("issue__publisher")
    return SectionQuery(text).apply(sections)


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    rank: float
    issue: str = ""
    section_number: str = ""
    heading: str = ""
    snippet: str = ""

    def as_json(self):
        return {
            "kind": self.kind,
            "issue": self.issue,
            "section_number": self.section_number,
            "heading": self.heading,
            "snippet": self.snippet,
            "url": self.url,
            "rank": round(self.rank, 4),
        }


def section_url(section):
    return f"{reverse('bulletins:issue', kwargs={'pk': section.issue_id})}#{section.anchor}"


def section_hits(query, sections):
    snippets = query.snippets(sections)
    return [
        Hit(
            kind="section",
            title=f"{section.number} {section.heading}".strip(),
            url=section_url(section),
            rank=float(section.rank),
            issue=section.issue.title,
            section_number=section.number,
            heading=section.heading,
            snippet=snippets.get(section.pk, ""),
        )
        for section in sections
    ]


def registry_hits(user, text, limit):
    """Documents, people and events: the registry is for logged-in accounts only."""
    if not user.is_authenticated:
        return []
    documents = documents_matching(text)[:limit]
    hits = [
        Hit("document", str(document), document.get_absolute_url(), 3.0, heading=document.subject)
        for document in documents
    ]
    hits += [
        Hit("person", person.full_name, reverse("people:person", kwargs={"pk": person.pk}), 1.0)
        for person in people_matching(Person.objects.all(), text)[:limit]
    ]
    hits += [
        Hit("event", event.title, reverse("people:event", kwargs={"pk": event.pk}), 1.0)
        for event in events_matching(Event.objects.all(), text)[:limit]
    ]
    return hits


def search(user, text, *, staff=False, limit=20):
    """The hits the user gets for the text: registry entries first (documents named by the
    query, people, events), then the best sections."""
    query = SectionQuery(text)
    issues = readable_issues(user, staff=staff)
    sections = Section.objects.filter(issue__in=issues).select_related("issue__publisher")
    return registry_hits(user, text, limit) + section_hits(
        query, list(query.apply(sections)[:limit])
    )
