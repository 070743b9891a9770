from django.db import migrations

from accounts.permissions import ensure_permissions, grant

ROLES = ["Biên tập viên", "Phê duyệt"]


def grant_view(apps, schema_editor):
    ensure_permissions(apps, "documents")
    for role in ROLES:
        grant(apps, role, "documents", ["view_citation"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("documents", "0003_citations"),
    ]

    operations = [migrations.RunPython(grant_view, migrations.RunPython.noop)]
