"""Accent-insensitive search on PostgreSQL: unaccent, pg_trgm, a folding function and the
``tailieu`` text search configuration (simple words, folded). No-op on SQLite, where
``tailieu_fold`` is registered from Python (people/search.py)."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from people.search import PostgreSQLOnly


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_organisation_history"),
    ]

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        PostgreSQLOnly(
            sql=[
                # unaccent() is only STABLE (its dictionary could change); with the dictionary
                # named, the wrapper may be IMMUTABLE and so used in indexes.
                """
                CREATE FUNCTION tailieu_fold(text) RETURNS text
                LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
                AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$
                """,
                "CREATE TEXT SEARCH CONFIGURATION tailieu (COPY = simple)",
                """
                ALTER TEXT SEARCH CONFIGURATION tailieu
                ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, simple
                """,
                # The expressions of people.search.FoldedFields, so that name and title
                # searches use them.
                """
                CREATE INDEX people_person_name_trgm ON people_person
                USING gin (tailieu_fold(COALESCE(full_name, '')) gin_trgm_ops)
                """,
                """
                CREATE INDEX people_event_title_trgm ON people_event
                USING gin (tailieu_fold(COALESCE(title, '') || ' ' || COALESCE(place, ''))
                gin_trgm_ops)
                """,
            ],
            reverse_sql=[
                "DROP INDEX people_event_title_trgm",
                "DROP INDEX people_person_name_trgm",
                "DROP TEXT SEARCH CONFIGURATION tailieu",
                "DROP FUNCTION tailieu_fold(text)",
            ],
        ),
    ]
