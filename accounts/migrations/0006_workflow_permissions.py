from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITING = ["add", "change", "delete", "view"]
GRANTS = {
    "Biên tập viên": {"attachment": EDITING, "review": ["view"]},
    "Phê duyệt": {"attachment": EDITING, "review": ["view"], "section": ["change"]},
    "Quản trị hệ thống": {"attachment": EDITING, "review": ["view"]},
}


def grant(apps, schema_editor):
    """Editors attach files and read the review log; approvers also correct published text."""
    bulletins = apps.get_app_config("bulletins")
    bulletins.models_module = True
    create_permissions(bulletins, verbosity=0)
    bulletins.models_module = None
    Permission = apps.get_model("auth", "Permission")
    for name, models in GRANTS.items():
        group = apps.get_model("auth", "Group").objects.filter(name=name).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="bulletins",
                codename__in=[f"{a}_{m}" for m, actions in models.items() for a in actions],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_system_admin_role"),
        ("bulletins", "0004_workflow_versions_attachments"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
