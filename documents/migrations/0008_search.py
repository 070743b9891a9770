"""A trigram index on the folded code and subject, for the portal and admin search of the
registry (documents.search, people.search.FoldedFields). PostgreSQL only."""

from django.db import migrations

from people.search import PostgreSQLOnly


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0007_state_and_joint_document_types"),
        ("people", "0003_search"),
    ]

    operations = [
        PostgreSQLOnly(
            sql="""
            CREATE INDEX documents_document_search_trgm ON documents_document
            USING gin (tailieu_fold(COALESCE(code, '') || ' ' || COALESCE(subject, ''))
            gin_trgm_ops)
            """,
            reverse_sql="DROP INDEX documents_document_search_trgm",
        ),
    ]
