"""Accent folding for search, and finding people and events by name.

Vietnamese is often typed without diacritics ("chuyen doi so" for "chuyển đổi số"), so every
search compares folded text: lower case, no diacritics, đ as d. On PostgreSQL the database
folds with the ``unaccent`` extension (``tailieu_fold`` and the ``tailieu`` text search
configuration, made by ``people/migrations/0003_search.py``); on SQLite the same
``tailieu_fold`` is this module's Python function, registered on each connection.
"""

import re
import unicodedata

from django.db import connection, migrations
from django.db.models import F, Func, Q, TextField

_ADDRESS = re.compile(r"^\s*(?:đ/c|đc|d/c|dc|đồng chí|dong chi)\s+", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def _folding_table():
    """Latin letters with diacritics (Vietnamese and others) to their base letter; đ to d."""
    table = {
        chr(code): unicodedata.normalize("NFD", chr(code))[0]
        for code in range(0xC0, 0x2000)
        if len(unicodedata.normalize("NFD", chr(code))) > 1
    }
    return {**table, "đ": "d", "Đ": "d"}


_FOLDING = _folding_table()


def fold(text):
    """Lower case without diacritics, one character for one, so offsets stay valid.

    Each distinct letter is replaced at once: ``str.translate`` looked every character up
    in the table, three times slower (a section's text for its snippet: 125 µs).
    """
    for char in set(text):
        if char in _FOLDING:
            text = text.replace(char, _FOLDING[char])
    return text.lower()


def words(text):
    return _WORD.findall(fold(text))


class Fold(Func):
    """tailieu_fold(text) in SQL, on PostgreSQL and SQLite alike."""

    function = "tailieu_fold"
    output_field = TextField()


def register_sqlite_fold(sender, connection, **kwargs):
    """connection_created receiver: SQLite gets tailieu_fold from Python."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "tailieu_fold", 1, lambda text: None if text is None else fold(text), deterministic=True
        )


class FoldedFields(Func):
    """tailieu_fold(COALESCE(a, '') || ' ' || COALESCE(b, '')): written out, so that the
    expression is the one the trigram indexes are built on (migrations, PostgreSQL)."""

    output_field = TextField()

    def __init__(self, *fields):
        super().__init__(*[F(name) for name in fields])

    def as_sql(self, compiler, connection, **extra_context):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(f"COALESCE({sql}, '')")
            params += expression_params
        return f"tailieu_fold({" || ' ' || ".join(parts)})", params


def contains_words(query_words):
    """A condition on ``folded`` (FoldedFields, or a stored folding of the same): rows
    containing every word, for the small tables (names, titles), through a trigram index on
    PostgreSQL.

    A word of one or two letters ("Nà Rì", "CT 26") has no trigram of its own within a
    text, so when no word is longer the index could not narrow ``LIKE '%na%'`` and
    PostgreSQL folded every row (60 ms for 20,000 documents); as a whole word, which is
    all that is kept (``with_whole_words``), it has its trigrams with the word's edges,
    which the strict word similarity (``<<%``) finds in the index. With a longer word the
    index narrows by it, and ``<<%`` would only add its cost to every row rechecked.
    """
    condition = Q()
    short = connection.vendor == "postgresql" and all(len(word) < 3 for word in query_words)
    for word in query_words:
        condition &= Q(**{"folded__contains": word})
        if short:
            condition &= Q(**{"folded__trigram_strict_word_similar": word})
    return condition


def without_address(text):
    """The query without "Đ/c" or "đồng chí" before a name."""
    return _ADDRESS.sub("", text)


def with_whole_words(rows, text_of, wanted, limit=100):
    """The rows (already filtered by substring) where every wanted word is a whole word:
    "van" finds "Vân" and "Văn", not "vận động"."""
    return [row for row in rows[:limit] if set(wanted) <= set(words(text_of(row)))]


def people_matching(queryset, text):
    """People whose name has every query word as a whole word, best first: accents as typed,
    then a match on the given name (the last word), as "Đ/c Vân" names Ms Vân."""
    wanted = words(without_address(text))
    if not wanted:
        return []
    typed = set(_WORD.findall(without_address(text).lower()))
    found = []
    matching = queryset.alias(folded=F("search_name")).filter(contains_words(wanted))
    for person in with_whole_words(matching, str, wanted):
        name_words = words(person.full_name)
        exact = len(typed & set(_WORD.findall(person.full_name.lower())))
        given = wanted[-1] == name_words[-1]
        found.append(((exact, given), person))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [person for _, person in found]


def events_matching(queryset, text):
    """Events whose title or place has every query word."""
    wanted = words(text)
    if not wanted:
        return []
    folded = FoldedFields("title", "place")
    matching = queryset.annotate(folded=folded).filter(contains_words(wanted))
    return with_whole_words(matching, lambda event: f"{event.title} {event.place}", wanted)


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL for PostgreSQL's search machinery; nothing to do on SQLite."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
