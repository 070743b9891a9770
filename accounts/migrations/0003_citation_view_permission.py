from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Biên tập viên", "Phê duyệt"]


def grant(apps, schema_editor):
    documents = apps.get_app_config("documents")
    documents.models_module = True
    create_permissions(documents, verbosity=0)
    documents.models_module = None
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.get(content_type__app_label="documents", codename="view_citation")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.add(view)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(codename="view_citation").first()
    if view is not None:
        for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
            group.permissions.remove(view)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("documents", "0003_citations"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
