"""The folded name stored (Person.search_name), its trigram index in place of the index on
the expression (0003): a name search no longer folds every row it rechecks."""

from django.db import migrations, models

import people.search
from people.search import PostgreSQLOnly


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_cell_types"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_name",
            field=models.GeneratedField(
                db_persist=True,
                expression=people.search.FoldedFields("full_name"),
                output_field=models.TextField(),
            ),
        ),
        PostgreSQLOnly(
            sql=[
                "CREATE INDEX people_person_search_name_trgm ON people_person "
                "USING gin (search_name gin_trgm_ops)",
                "DROP INDEX people_person_name_trgm",
            ],
            reverse_sql=[
                "CREATE INDEX people_person_name_trgm ON people_person "
                "USING gin (tailieu_fold(COALESCE(full_name, '')) gin_trgm_ops)",
                "DROP INDEX people_person_search_name_trgm",
            ],
        ),
    ]
