from django.db import migrations

from accounts.permissions import ensure_permissions, grant

EDITING = ["add", "change", "delete", "view"]
GRANTS = {
    "Biên tập viên": {"attachment": EDITING, "review": ["view"]},
    "Phê duyệt": {"attachment": EDITING, "review": ["view"], "section": ["change"]},
    "Quản trị hệ thống": {"attachment": EDITING, "review": ["view"]},
}


def grant_workflow(apps, schema_editor):
    """Editors attach files and read the review log; approvers also correct published text."""
    ensure_permissions(apps, "bulletins")
    for role, models in GRANTS.items():
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        grant(apps, role, "bulletins", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_system_admin_role"),
        ("bulletins", "0004_workflow_versions_attachments"),
    ]

    operations = [migrations.RunPython(grant_workflow, migrations.RunPython.noop)]
