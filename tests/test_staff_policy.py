"""The staff policy (bulletins/policy.py): one rule for who handles which issue, and its users."""

import datetime
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from bulletins import policy as rules
from bulletins import workflow
from bulletins.models import Issue
from bulletins.policy import policy

from .factories import make_user

pytestmark = pytest.mark.django_db
S = Issue.Status
ACTIONS = [
    rules.VIEW,
    rules.CHANGE,
    rules.DELETE,
    rules.REVERT,
    rules.RECOVER,
    rules.SUBMIT,
    rules.PUBLISH,
]

# Who may do what with an issue of their own board, by status; nobody acts on another board's.
OWN_BOARD = {
    ("editor", S.DRAFT): {"view", "change", "delete", "revert", "recover", "submit"},
    ("editor", S.PUBLISHED): {"view", "submit"},
    ("approver", S.DRAFT): {"view", "change", "revert", "submit", "publish"},
    ("approver", S.PUBLISHED): {"view", "change", "revert", "submit", "publish"},
}


@pytest.fixture
def everyone(boards, reader, superuser):
    a, b = boards
    return {
        "editor": a.editor,
        "approver": a.approver,
        "other_editor": b.editor,
        "other_approver": b.approver,
        "reader": reader,
        "admin": superuser,
    }


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.SCHEDULED, S.PUBLISHED, S.WITHDRAWN])
def test_the_queryset_and_the_object_check_agree(boards, everyone, status):
    a, _b = boards
    Issue.objects.filter(pk=a.draft.pk).update(status=status)
    issue = Issue.objects.get(pk=a.draft.pk)
    for user in everyone.values():
        for action in ACTIONS:
            in_queryset = policy.issues_for(user, action).filter(pk=issue.pk).exists()
            assert policy.can(user, action, issue) == in_queryset, (user, action)


@pytest.mark.parametrize("status", [S.DRAFT, S.PUBLISHED])
def test_who_may_do_what(boards, everyone, status):
    a, _b = boards
    Issue.objects.filter(pk=a.draft.pk).update(status=status)
    issue = Issue.objects.get(pk=a.draft.pk)
    section = issue.sections.first()
    for role, user in everyone.items():
        allowed = {action for action in ACTIONS if policy.can(user, action, issue)}
        expected = OWN_BOARD.get((role, status), set())
        if role == "admin":
            expected = set(ACTIONS) - ({"delete"} if status == S.PUBLISHED else set())
        assert allowed == expected, role
        # What holds for the issue holds for what it carries.
        assert {a for a in ACTIONS if policy.can(user, a, section)} == expected


def test_publishers(boards, everyone, board):
    a, b = boards
    assert list(policy.publishers_for(everyone["editor"])) == [a.org]
    assert list(policy.publishers_for(everyone["other_approver"])) == [b.org]
    assert not policy.publishers_for(everyone["reader"]).exists()
    # Superusers act for every publisher: the boards, and the ward and commune committees
    # that publish local issues; never for a party cell.
    for_admin = set(policy.publishers_for(everyone["admin"]))
    assert {a.org, b.org, board} <= for_admin
    assert {org.kind for org in for_admin} == {"board", "ward"}


def test_an_account_that_lost_its_role_or_was_deactivated_does_nothing(boards):
    a, _b = boards
    a.approver.groups.set([])
    a.editor.is_active = False
    a.editor.save()
    for user in (a.approver, a.editor):
        user = type(user).objects.get(pk=user.pk)  # fresh permission cache
        assert not any(policy.can(user, action, a.draft) for action in ACTIONS)
        assert not policy.issues_for(user).exists()


def test_a_scheduled_issue_is_published_only_if_its_approver_still_may(boards):
    a, _b = boards
    soon = timezone.now() + datetime.timedelta(minutes=5)
    workflow.apply(a.draft, "schedule", a.approver, when=soon)
    Issue.objects.filter(pk=a.draft.pk).update(published_at=timezone.now())
    a.approver.groups.set(Group.objects.filter(name=roles.EDITOR))  # no longer approves
    assert workflow.publish_due() == []
    a.draft.refresh_from_db()
    assert a.draft.status == S.SUBMITTED
    review = a.draft.reviews.first()
    assert review.transition == "publish_due_refused"
    assert review.comment


def test_a_scheduled_issue_is_published_in_its_approvers_name(boards):
    a, _b = boards
    soon = timezone.now() + datetime.timedelta(minutes=5)
    workflow.apply(a.draft, "schedule", a.approver, when=soon)
    Issue.objects.filter(pk=a.draft.pk).update(published_at=timezone.now())
    assert [issue.pk for issue in workflow.publish_due()] == [a.draft.pk]
    assert a.draft.reviews.first().actor == a.approver


def test_no_other_module_repeats_the_publisher_rule():
    """ "The publisher is one of the user's organisations" is written in bulletins/policy.py
    only; other modules ask the policy."""
    root = Path(__file__).resolve().parent.parent
    rule = re.compile(r"user\.organisations|publisher__in")
    offenders = [
        str(path.relative_to(root))
        for folder in ("bulletins", "portal", "documents", "feedback")
        for path in (root / folder).rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "policy.py"
        and rule.search(path.read_text())
    ]
    assert offenders == []


def test_a_staff_user_without_a_board_sees_nothing(boards, cell):
    stray = make_user("bientap_le", groups=[roles.EDITOR], is_staff=True)
    stray.organisations.set([cell])
    a, _b = boards
    assert not policy.issues_for(stray).exists()
    assert not policy.can(stray, rules.VIEW, a.draft)
