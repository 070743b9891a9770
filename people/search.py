"""Accent folding for search, and finding people and events by name.

Vietnamese is often typed without diacritics ("chuyen doi so" for "chuyển đổi số"), so every
search compares folded text: lower case, no diacritics, đ as d. On PostgreSQL the database
folds with the ``unaccent`` extension (``tailieu_fold`` and the ``tailieu`` text search
configuration, made by ``people/migrations/0002_search.py``); on SQLite the same
``tailieu_fold`` is this module's Python function, registered on each connection.
"""

import re
import unicodedata

from django.db import migrations
from django.db.models import F, Func, Q, TextField, Value
from django.db.models.functions import Concat

_EXTRA = str.maketrans({"đ": "d", "Đ": "d"})
# "Đ/c Vân", "đồng chí Vân": the form of address is not part of the name.
_ADDRESS = re.compile(r"^\s*(?:đ/c|đc|d/c|dc|đồng chí|dong chi)\s+", re.IGNORECASE)
_WORD = re.compile(r"\w+")


def fold(text):
    """Lower case without diacritics, one character for one, so offsets stay valid."""
    return "".join(unicodedata.normalize("NFD", char)[0] for char in text.translate(_EXTRA).lower())


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


def contains_words(fields, query_words):
    """Rows whose folded fields contain every word: for the small tables (names, titles)."""
    if len(fields) == 1:
        folded = Fold(F(fields[0]))
    else:
        parts = [part for name in fields for part in (F(name), Value(" "))]
        folded = Fold(Concat(*parts, output_field=TextField()))
    condition = Q()
    for word in query_words:
        condition &= Q(**{"folded__contains": word})
    return folded, condition


def without_address(text):
    """The query without "Đ/c" or "đồng chí" before a name."""
    return _ADDRESS.sub("", text)


def with_whole_words(rows, text_of, wanted, limit=500):
    """The rows (already filtered by substring) where every wanted word is a whole word:
    "van" finds "Vân" and "Văn", not "vận động"."""
    return [row for row in rows[:limit] if set(wanted) <= set(words(text_of(row)))]


def people_matching(queryset, text):
    """People whose name has every query word as a whole word, best first: accents as typed,
    then a match on the given name (the last word), as "Đ/c Vân" names Ms Vân."""
    wanted = words(without_address(text))
    if not wanted:
        return []
    folded, condition = contains_words(["full_name"], wanted)
    typed = set(_WORD.findall(without_address(text).lower()))
    found = []
    matching = queryset.annotate(folded=folded).filter(condition)
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
    folded, condition = contains_words(["title", "place"], wanted)
    matching = queryset.annotate(folded=folded).filter(condition)
    return with_whole_words(matching, lambda event: f"{event.title} {event.place}", wanted)


class PostgreSQLOnly(migrations.RunSQL):
    """Raw SQL for PostgreSQL's search machinery; nothing to do on SQLite."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
