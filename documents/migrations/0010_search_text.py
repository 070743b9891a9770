"""The folded code and subject stored (Document.search_text), its trigram index in place of
the index on the expression (0008): a search no longer folds every row it rechecks."""

from django.db import migrations, models

import people.search
from people.search import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0009_citation_document_section"),
        ("people", "0003_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="search_text",
            field=models.GeneratedField(
                db_persist=True,
                expression=people.search.FoldedFields("code", "subject"),
                output_field=models.TextField(),
            ),
        ),
        PostgreSQLOnly(
            sql=[
                "CREATE INDEX documents_document_search_text_trgm ON documents_document "
                "USING gin (search_text gin_trgm_ops)",
                "DROP INDEX documents_document_search_trgm",
            ],
            reverse_sql=[
                "CREATE INDEX documents_document_search_trgm ON documents_document USING gin "
                "(tailieu_fold(COALESCE(code, '') || ' ' || COALESCE(subject, '')) gin_trgm_ops)",
                "DROP INDEX documents_document_search_text_trgm",
            ],
        ),
    ]
