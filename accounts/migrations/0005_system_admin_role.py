from django.db import migrations

from accounts.permissions import ensure_permissions

ROLE = "Quản trị hệ thống"


def add_role(apps, schema_editor):
    """System administrators run accounts, organisations and everything else."""
    ensure_permissions(apps)
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=ROLE)
    group.permissions.set(apps.get_model("auth", "Permission").objects.all())


def remove_role(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_phone_must_change_password"),
        ("bulletins", "0003_audience_read_confirmations_images"),
        ("auditlog", "__latest__"),
        ("axes", "__latest__"),
    ]

    operations = [migrations.RunPython(add_role, remove_role)]
