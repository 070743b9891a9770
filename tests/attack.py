"""Two boards to attack from and a fingerprint of everything written: the attack tests perform
an exploit, then check that the database did not move."""

from dataclasses import dataclass

import reversion
from django.apps import apps

from accounts import roles
from bulletins.models import Issue
from people.models import Organisation

from .factories import make_issue, make_user


def snapshot():
    """Every row of the project's own apps and of the revision and audit logs, as values."""
    labels = {"bulletins", "documents", "people", "accounts", "reversion", "auditlog", "feedback"}
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in labels:
            rows[model._meta.label] = sorted(
                map(repr, model._default_manager.order_by("pk").values())
            )
    return rows


@dataclass
class Board:
    org: Organisation
    editor: object
    approver: object
    published: Issue
    draft: Issue


def make_board(name, slug, city, month):
    """A board with an editor, an approver, a published issue and a draft, each with a revision."""
    org = Organisation.objects.create(name=name, kind=Organisation.Kind.BOARD, parent=city)
    editor = make_user(f"bientap_{slug}", groups=[roles.EDITOR], is_staff=True)
    approver = make_user(f"pheduyet_{slug}", groups=[roles.APPROVER], is_staff=True)
    editor.organisations.set([org])
    approver.organisations.set([org])
    published = make_issue(org, month)
    published.title_override = f"Số bí mật của {name}"
    published.save()
    draft = make_issue(org, month + 1, published=False)
    for issue in (published, draft):
        with reversion.create_revision():
            reversion.add_to_revision(issue)
    return Board(org, editor, approver, published, draft)
