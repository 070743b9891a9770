"""Helpers for the migrations that give roles their permissions.

Permissions are created by Django after all migrations have run; a migration that grants them
must create them first.
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps, *app_labels):
    configs = [apps.get_app_config(label) for label in app_labels] or apps.get_app_configs()
    for app_config in configs:
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None


def grant(apps, role, app_label, codenames):
    """Add permissions to a role (a group), if the role exists."""
    group = apps.get_model("auth", "Group").objects.filter(name=role).first()
    if group is None:
        return
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label, codename__in=codenames
    )
    group.permissions.add(*permissions)
