"""Roles are defined once, in accounts.roles, and applied after every migrate."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from accounts import roles

pytestmark = pytest.mark.django_db


def granted(role):
    return set(
        Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename")
    )


def test_every_role_exists_after_migrate_with_exactly_its_permissions():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.PERMISSIONS)
    assert granted(roles.SECRETARY) == set()
    assert ("bulletins", "publish_issue") in granted(roles.APPROVER)
    assert ("bulletins", "publish_issue") not in granted(roles.EDITOR)
    assert ("bulletins", "delete_section") in granted(roles.EDITOR)
    assert ("bulletins", "delete_section") not in granted(roles.APPROVER)
    assert granted(roles.SYSTEM_ADMIN) == set(
        Permission.objects.values_list("content_type__app_label", "codename")
    )


def test_migrate_restores_the_map_and_makes_no_second_group():
    editor = Group.objects.get(name=roles.EDITOR)
    before = granted(roles.EDITOR)
    editor.permissions.add(Permission.objects.get(codename="publish_issue"))
    editor.permissions.remove(Permission.objects.get(codename="add_issue"))
    call_command("migrate", verbosity=0)  # the post_migrate handler runs again
    assert granted(roles.EDITOR) == before
    assert Group.objects.filter(name=roles.EDITOR).count() == 1
