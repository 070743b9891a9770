"""The roles of the CMS: their names and what each may do, defined here and nowhere else.

Roles are Django groups. ``apply_roles`` gives each group exactly the permissions listed
below after every ``migrate`` (a ``post_migrate`` handler), so a role changes by editing this
file, not by a data migration. What a role may do to which publisher's material is the staff
policy's business (``bulletins.policy``); these are only the model permissions.
"""

from django.contrib.auth.management import create_permissions

SECRETARY = "Bí thư chi bộ"
EDITOR = "Biên tập viên"
APPROVER = "Phê duyệt"
SYSTEM_ADMIN = "Quản trị hệ thống"

EDITING = ("add", "change", "delete", "view")
ALL = "__all__"

# role -> app label -> model -> actions ("publish" is the custom bulletins.publish_issue).
PERMISSIONS = {
    SECRETARY: {},
    EDITOR: {
        "bulletins": {
            "issue": EDITING,
            "section": EDITING,
            "footnote": EDITING,
            "attachment": EDITING,
            "review": ("view",),
            "publishersettings": ("view",),
        },
        "documents": {
            "document": EDITING,
            "documentrelation": EDITING,
            "documenttype": ("view",),
            "citation": ("view",),
        },
        "people": {
            "person": EDITING,
            "position": EDITING,
            "event": EDITING,
            "participation": EDITING,
            "organisation": ("view",),
        },
        "feedback": {"feedback": ("change", "view")},
    },
    APPROVER: {
        "bulletins": {
            "issue": ("change", "view", "publish"),
            "section": ("change", "view"),
            "footnote": ("view",),
            "attachment": EDITING,
            "review": ("view",),
            "publishersettings": ("add", "change", "view"),
        },
        "documents": {"citation": ("view",)},
        "feedback": {"feedback": ("change", "view")},
    },
    SYSTEM_ADMIN: ALL,
}

# What an administrator may write in the role column of an account CSV file.
IMPORTABLE = {
    "bí thư chi bộ": SECRETARY,
    "secretary": SECRETARY,
    "biên tập viên": EDITOR,
    "editor": EDITOR,
    "phê duyệt": APPROVER,
    "approver": APPROVER,
}


def codename(action, model):
    return "publish_issue" if action == "publish" else f"{action}_{model}"


def apply_roles(**kwargs):
    """Create the role groups and set their permissions to exactly the map above."""
    from django.apps import apps
    from django.contrib.auth.models import Group, Permission

    for app_config in apps.get_app_configs():  # permissions of every app exist before we grant
        create_permissions(app_config, verbosity=0)
    for role, grants in PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        if grants == ALL:
            group.permissions.set(Permission.objects.all())
            continue
        wanted = {
            (app_label, codename(action, model))
            for app_label, models in grants.items()
            for model, actions in models.items()
            for action in actions
        }
        permissions = [
            permission
            for permission in Permission.objects.filter(
                content_type__app_label__in={app for app, _code in wanted}
            ).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in permissions}
        if missing:
            raise LookupError(f"Unknown permissions for role {role}: {sorted(missing)}")
        group.permissions.set(permissions)
