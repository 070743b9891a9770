"""A stored search vector for sections, kept by a trigger, with its GIN index (PostgreSQL).

The vector holds every word twice: folded by the ``tailieu`` configuration (people 0003), so
"chuyen doi so" finds "chuyển đổi số", and as written ('simple'), so a query typed with
accents ranks exact matches first. Headings weigh more than bodies. It also holds the lexeme
'#<issue id>', which no text can produce: a reader's query ANDs its words with the issues
they may read, and the GIN index answers both at once (bulletins/search.py). A trigger
rather than Python keeps bulk inserts (the dataset generator) and updates indexed as well.
"""

import django.contrib.postgres.search
from django.db import migrations

from people.search import PostgreSQLOnly

VECTOR = """
CREATE FUNCTION bulletins_section_vector(issue_id bigint, heading text, body text)
RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT
    array_to_tsvector(ARRAY['#' || issue_id])
    || setweight(to_tsvector('tailieu', coalesce(heading, '')), 'A')
    || to_tsvector('tailieu', coalesce(body, ''))
    || setweight(to_tsvector('simple', coalesce(heading, '')), 'A')
    || to_tsvector('simple', coalesce(body, ''))
$$
"""

TRIGGER = """
CREATE FUNCTION bulletins_section_search_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_vector := bulletins_section_vector(NEW.issue_id, NEW.heading, NEW.body);
    RETURN NEW;
END
$$;
CREATE TRIGGER bulletins_section_search BEFORE INSERT OR UPDATE OF issue_id, heading, body
ON bulletins_section FOR EACH ROW EXECUTE FUNCTION bulletins_section_search_trigger();
"""


class Migration(migrations.Migration):

    dependencies = [
        ('bulletins', '0008_issue_import_warnings'),
        ('people', '0003_search'),
    ]

    operations = [
        migrations.AddField(
            model_name='section',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        PostgreSQLOnly(
            sql=[
                VECTOR,
                TRIGGER,
                (
                    "UPDATE bulletins_section"
                    " SET search_vector = bulletins_section_vector(issue_id, heading, body)"
                ),
                "CREATE INDEX bulletins_section_search ON bulletins_section USING gin (search_vector)",
                # Frequencies of many more lexemes, so that the planner sees how few sections
                # a rare word or a reader's issues match and takes the GIN index.
                "ALTER TABLE bulletins_section ALTER COLUMN search_vector SET STATISTICS 1000",
            ],
            reverse_sql=[
                "DROP INDEX bulletins_section_search",
                "DROP TRIGGER bulletins_section_search ON bulletins_section",
                "DROP FUNCTION bulletins_section_search_trigger()",
                "DROP FUNCTION bulletins_section_vector(bigint, text, text)",
            ],
        ),
    ]
