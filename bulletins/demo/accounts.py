"""Demo accounts (accounts.demo.DEMO_ACCOUNTS), created idempotently for `load_demo`."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from accounts import roles
from accounts.demo import DEMO_ACCOUNTS

from . import content, demo_organisation

ROLE_GROUPS = {
    "admin": None,
    "editor": roles.EDITOR,
    "approver": roles.APPROVER,
    "secretary": roles.SECRETARY,
}
ROLE_ORGANISATIONS = {
    "admin": None,
    "editor": content.DEMO_EDITOR_ORGANISATION,
    "approver": content.DEMO_EDITOR_ORGANISATION,
    "secretary": content.DEMO_SECRETARY_CELL,
}


def split_full_name(full_name):
    """Vietnamese order: family and middle names first, the given name last.

    "Nông Văn Quản" gives ("Quản", "Nông Văn") as (first_name, last_name).
    """
    *family, given = full_name.split()
    return given, " ".join(family)


def ensure_demo_accounts():
    """Create or update the demo accounts; return them in the order of DEMO_ACCOUNTS.

    Organisations are linked only once the demo dataset exists (run `load()` first).
    """
    User = get_user_model()
    users = []
    for account in DEMO_ACCOUNTS:
        first_name, last_name = split_full_name(account.full_name)
        user, _created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "is_active": True,
                "is_staff": account.role != "secretary",
                "is_superuser": account.role == "admin",
            },
        )
        if not user.check_password(account.password):
            user.set_password(account.password)
            user.save(update_fields=["password"])
        group_name = ROLE_GROUPS[account.role]
        groups = [Group.objects.get_or_create(name=group_name)[0]] if group_name else []
        user.groups.set(groups)
        organisation_key = ROLE_ORGANISATIONS[account.role]
        organisation = demo_organisation(organisation_key) if organisation_key else None
        user.organisations.set([organisation] if organisation else [])
        users.append(user)
    return users
