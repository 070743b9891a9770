"""Search across issues: sections, registry documents, people and events.

Everything starts from the ids of the issues the caller may see (``visible_to`` for readers,
the staff policy's ``issues_for`` as well for staff), so no hit, snippet or count comes from
another issue; and a section written for other types of cell than the reader's is no hit
either (bulletins.audience.reading_rule).

On PostgreSQL sections are matched on their stored, GIN-indexed ``search_vector`` (kept by a
trigger, see migration 0009): every word folded (accent-insensitive), ranked with a bonus
for the words as a phrase and a smaller one for the words with the accents as typed; a
query naming a document by code ("CT 26") keeps the sections citing it. On SQLite,
for ``make run``, the same words are looked for in the folded text, a simpler match.
"""

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from django.urls import reverse

from accounts import scope
from documents.models import Citation
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

from . import audience
from .models import Section, documents_visible_to
from .readable import readable_issues

SNIPPET_CHARS = 220
CANDIDATES = 100
# Matches are counted up to this many; beyond, the page says "more than". Only the newest
# CANDIDATES are ranked and paged, so the count only says how common the words are: counting
# a common phrase to 1,000 took it past 50 ms at 1,000,000 sections (README, Search).
COUNT_CAP = 500
# A window of more issues than this is searched by its words, then kept by issue_id.
SCOPE_LEXEMES = 3000
# Issue lexemes per text query: the GIN index checks every candidate against the whole
# query, so a reader's 600 issues in one query cost 600 checks a candidate (0.4 s for a
# common word at 100,000 sections); in queries of 50, OR-ed, about 40 ms.
LEXEMES_PER_QUERY = 50
# The newest issues are searched first: this many, then three times as many, and so on.
FIRST_WINDOW = 50
# When fewer matches than this are expected in the issues left, they are searched at once.
FEW_LEFT = 300
# SQLite only: the folded text is computed per query there (no stored index).
_FOLDED_TEXT = Fold(Concat("heading", Value(" "), "body", output_field=TextField()))
_TAG = re.compile(r"<[^>]+>")

TARGETS_VERSION_KEY = "bulletins:search:targets-version"


def targeted_issues():
    """Ids of the issues having sections written for some types of cell, the only ones where
    the reading rule can hide a section: the same for everyone, cached under a version that
    saved sections (one may have moved to another issue) and their types move."""
    key = f"bulletins:search:targeted:{scope.current_version(TARGETS_VERSION_KEY)}"
    found = cache.get(key)
    if found is None:
        targets = Section.cell_types.through.objects.values_list("section__issue_id", flat=True)
        found = frozenset(targets.distinct())
        cache.set(key, found, scope.TIMEOUT)
    return found


@receiver(post_save, sender=Section)
@receiver(m2m_changed, sender=Section.cell_types.through)
def targets_changed(**kwargs):
    scope.move_version(TARGETS_VERSION_KEY)


def _postgres():
    return connection.vendor == "postgresql"


class InIds(Func):
    """``column IN (1, 2, ...)`` written out: Django's own ``__in`` prepares every id of a
    reader's 5,000 issues, 20 ms a query."""

    output_field = BooleanField()

    def __init__(self, column, ids):
        super().__init__(F(column))
        self.ids = ids

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "FALSE", []
        return f"{column} IN ({', '.join(str(int(pk)) for pk in self.ids)})", params


class InIssues(SearchQuery):
    """The folded words AND one of the issues' '#<id>' lexemes (see migration 0009), so the
    GIN index alone finds the sections of a reader's few hundred issues that match."""

    def __init__(self, value, issue_ids=None):
        super().__init__(value, config="tailieu")
        self.issue_ids = issue_ids

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = super().as_sql(compiler, connection, **extra_context)
        if self.issue_ids is None:
            return sql, params
        scope = " | ".join(f"'#{int(pk)}'" for pk in self.issue_ids)
        return f"({sql} && %s::tsquery)", [*params, scope]


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
        """Sections citing, listing or presenting the named documents, each through its
        own index (one OR over the joins made PostgreSQL scan every section)."""
        documents = list(self.documents.values_list("pk", flat=True))
        cited = Section.cited_documents.through.objects.filter(document_id__in=documents)
        return (
            Q(pk__in=Citation.objects.filter(document_id__in=documents).values("section_id"))
            | Q(pk__in=cited.values("section_id"))
            | Q(presented_document_id__in=documents)
        )

    def matching(self, sections, issue_ids=None, *, few=False):
        """The sections that match, unordered (the admin list orders them its way), of the
        given issues only when ``issue_ids`` is given.

        On PostgreSQL the issues are then part of the text query, as their '#<id>' lexemes
        (migration 0009): the GIN index finds the few matching sections of a reader's few
        hundred issues at once, where an issue_id filter made PostgreSQL read the vector of
        every section of those issues. With ``few`` (the words match few sections anywhere),
        the words alone are looked up in the index and their sections kept by issue: cheaper
        than thousands of issue lexemes.
        """
        if not self.words and not self.parsed.names_documents:
            return sections.none()
        in_lexemes = (
            _postgres() and self.words and issue_ids and not few and len(issue_ids) <= SCOPE_LEXEMES
        )
        if issue_ids is not None and not in_lexemes:
            sections = sections.filter(InIds("issue_id", issue_ids))
        if self.parsed.names_documents:
            sections = sections.filter(self.citing())
        if not self.words:
            return sections
        if _postgres():
            if not in_lexemes:
                return sections.filter(search_vector=InIssues(self.words_text))
            condition = Q()
            for start in range(0, len(issue_ids), LEXEMES_PER_QUERY):
                chunk = issue_ids[start : start + LEXEMES_PER_QUERY]
                condition |= Q(search_vector=InIssues(self.words_text, chunk))
            return sections.filter(condition)
        condition = Q()
        for word in self.words:
            condition &= Q(folded__contains=word)
        return sections.annotate(folded=_FOLDED_TEXT).filter(condition)

    def newest(self, sections, issue_ids=None, within=None):
        """The pks of the matching sections, newest issue first, and how many match, counted
        up to ``COUNT_CAP`` + 1 ("more than 500" beyond), in one pass over growing windows
        of issues, newest entered first: the first window of a common word fills a page (or
        the count) at once, only rarer words reach the older issues.

        Once a window has given the ``CANDIDATES`` to rank, the older ones are only counted,
        unsorted, so the database stops reading at the cap. Counting every match of a common
        word would read thousands of sections for a number nobody needs exactly. When the
        windows so far promise fewer than ``FEW_LEFT`` matches in the issues left, those are
        searched at once, by the words alone (``matching(few=True)``): window after window of
        issue lexemes cost a rare word 100 ms among a reader's 5,000 issues.

        ``within(window)``, if given, says which sections to search in a window of issues
        (``Results``: with the reading rule where it can hide one).
        """
        found, total = [], 0
        newest_first = None if issue_ids is None else sorted(issue_ids, reverse=True)
        start, size, few = 0, FIRST_WINDOW, False
        with bitmap_plans():
            while True:
                window = None if newest_first is None else newest_first[start : start + size]
                searched = sections if within is None else within(window)
                matched = self.matching(searched, window, few=few)
                left = COUNT_CAP + 1 - total
                if len(found) < CANDIDATES:
                    newest = matched.order_by("-issue_id", "position")
                    pks = list(newest.values_list("pk", flat=True)[:left])
                    found, total = found + pks, total + len(pks)
                else:
                    total += matched.order_by()[:left].count()
                start += size
                if total > COUNT_CAP or newest_first is None or start >= len(newest_first):
                    break
                # The matches to expect in the issues left, at the rate of those searched.
                issues_left = len(newest_first) - start
                few = total * issues_left < FEW_LEFT * start
                size = issues_left if few else size * 3
        return found, total

    def ranked(self, sections, candidates):
        """The candidate sections (pks), with a ``rank``, best first.

        Ranking reads each candidate's vector, too slow for the thousands of sections a
        common word matches; so the ``CANDIDATES`` matches of the latest issues entered
        (``newest``, found through the indexes alone) are ranked: what a reader preparing
        this month's meeting looks for.
        """
        candidates = candidates[:CANDIDATES]
        if _postgres():
            matched = Section.objects.filter(pk__in=candidates)
        else:  # the folded text of the candidates, for rank()
            matched = self.matching(sections.filter(pk__in=candidates))
        return (
            matched.select_related("issue__publisher")
            .defer("search_vector")  # ranked in the database, never read in Python
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
        """{pk: HTML} of the sections' text around the matched words, marked.

        Made in Python from the page's sections: PostgreSQL's ts_headline took about 4 ms a
        section through the unaccent dictionary, most of the time budget of a page.
        """
        return {section.pk: self._snippet(section.body) for section in sections}

    @cached_property
    def marked(self):
        """What a snippet marks: the words, and the codes of the documents named."""
        codes = [fold(code) for code in self.documents.values_list("code", flat=True)[:10]]
        return {*(self.words or words(self.text)), *codes}

    def _snippet(self, body):
        text = " ".join(html.unescape(_TAG.sub(" ", body)).split())
        folded = fold(text)
        marks = sorted(
            (match.start(), match.end())
            for word in self.marked
            for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", folded)
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


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    rank: float
    issue: str = ""
    publisher: str = ""
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
    """The page's hits, each naming its issue and its publisher as printed then."""
    sections = list(sections)
    prefetch_related_objects(sections, "issue__publisher__former_names")
    snippets = query.snippets(sections)
    return [
        Hit(
            kind="section",
            title=f"{section.number} {section.heading}".strip(),
            url=section_url(section),
            rank=float(section.rank),
            issue=section.issue.title,
            publisher=section.issue.publisher_name,
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
    documents = documents_matching(text, documents_visible_to(user))[:limit]
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


@contextmanager
def bitmap_plans():
    """PostgreSQL cannot estimate how few sections a set of '#<id>' lexemes leaves, and
    then reads every vector (a sequential scan, or the issue_id index walked backwards);
    within this block it answers from the GIN index (bitmap scans only)."""
    if not _postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        # One round trip: on a busy server each costs milliseconds.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
        yield


class Results:
    """The ranked sections of a search, for a Paginator: at most ``CANDIDATES`` of them,
    while ``total`` counts the matches up to ``COUNT_CAP`` + 1."""

    def __init__(self, query, sections, readable, rule=None):
        """``rule``, the reading rule (bulletins.audience), is applied in windows holding
        one of the ``targeted_issues`` only: elsewhere it hides nothing, and its subqueries
        for each match cost a common word 80 ms at 1,000,000 sections."""
        self.query, self.sections, self.readable = query, sections, readable
        self.rule = Q() if rule is None else rule

    @cached_property
    def _newest(self):
        return self.query.newest(self.sections, self.readable.ids, self._ruled)

    @cached_property
    def _targeted(self):
        return targeted_issues()

    def _ruled(self, window):
        """The sections to search in a window of issues."""
        if window is None or not self._targeted.isdisjoint(window):
            return self.sections.filter(self.rule)
        return self.sections

    @property
    def total(self):
        return self._newest[1]

    @property
    def more(self):
        """True when there are more matches than were counted."""
        return self.total > COUNT_CAP

    def count(self):
        return min(self.total, CANDIDATES)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        return list(self.query.ranked(self.sections, self._newest[0])[index])


def search(user, text, *, staff=False, limit=20):
    """The hits the user gets for the text: registry entries first (documents named by the
    query, people, events), then the best sections."""
    query = SectionQuery(text)
    readable = readable_issues(user, staff=staff)
    sections = Results(query, Section.objects.all(), readable, audience.reading_rule(user))
    return registry_hits(user, text, limit) + section_hits(query, sections[:limit])
