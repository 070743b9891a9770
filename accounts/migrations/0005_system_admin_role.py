from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE = "Quản trị hệ thống"


def add_role(apps, schema_editor):
    """System administrators run accounts, organisations and everything else."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
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
