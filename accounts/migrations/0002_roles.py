from django.db import migrations

from accounts.permissions import ensure_permissions

# Roles are groups; names are what admins see. Each gets only the permissions it needs.
EDITING = ["add", "change", "delete", "view"]
ROLES = {
    "Biên tập viên": {
        "bulletins": {"issue": EDITING, "section": EDITING, "footnote": EDITING},
        "documents": {"document": EDITING, "documentrelation": EDITING, "documenttype": ["view"]},
        "people": {
            "person": EDITING,
            "position": EDITING,
            "event": EDITING,
            "participation": EDITING,
            "organisation": ["view"],
        },
    },
    "Phê duyệt": {
        "bulletins": {
            "issue": ["change", "view", "publish"],
            "section": ["view"],
            "footnote": ["view"],
        },
    },
    "Bí thư chi bộ": {},
}


def codename(action, model):
    return f"{action}_issue" if action == "publish" else f"{action}_{model}"


def add_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = [
            Permission.objects.get(content_type__app_label=app, codename=codename(action, model))
            for app, models in grants.items()
            for model, actions in models.items()
            for action in actions
        ]
        group.permissions.set(permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("bulletins", "0001_initial"),
        ("documents", "0001_initial"),
        ("people", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_roles, remove_roles)]
