"""How an issue travels from draft to readers, and who may move it.

Editors submit drafts; approvers (the head of the board) publish now or at a set time, send an
issue back with a comment, or withdraw it. Every step is recorded as a Review, so the editor
sees why an issue came back.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Issue, Review
from .policy import PUBLISH, REFUSED, SUBMIT, policy
from .signals import send_on_commit, transitioned

S = Issue.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    # What the staff policy must allow (bulletins.policy); None: taken by the system (cron,
    # the worker), never offered to people.
    action: str | None
    needs_comment: bool = False
    needs_time: bool = False


# The steps that release the text to readers (``apply``'s ``seen`` check).
RELEASING = {"publish", "schedule"}

TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", _("Submit for review"), frozenset({S.DRAFT}), S.SUBMITTED, SUBMIT),
        Transition(
            "send_back",
            _("Send back to the editor"),
            frozenset({S.SUBMITTED}),
            S.DRAFT,
            PUBLISH,
            needs_comment=True,
        ),
        Transition(
            "publish", _("Publish now"), frozenset({S.DRAFT, S.SUBMITTED}), S.PUBLISHED, PUBLISH
        ),
        Transition(
            "schedule",
            _("Schedule publication"),
            frozenset({S.DRAFT, S.SUBMITTED, S.SCHEDULED}),
            S.SCHEDULED,
            PUBLISH,
            needs_time=True,
        ),
        Transition(
            "publish_due",
            _("Published at the scheduled time"),
            frozenset({S.SCHEDULED}),
            S.PUBLISHED,
            None,
        ),
        Transition(
            "publish_due_refused",
            _("Back to review: the scheduling approver may no longer publish"),
            frozenset({S.SCHEDULED}),
            S.SUBMITTED,
            None,
        ),
        Transition(
            "withdraw",
            _("Withdraw from readers"),
            frozenset({S.PUBLISHED, S.SCHEDULED}),
            S.WITHDRAWN,
            PUBLISH,
            needs_comment=True,
        ),
        Transition("reopen", _("Reopen as a draft"), frozenset({S.WITHDRAWN}), S.DRAFT, PUBLISH),
        Transition(
            "record_publication",
            _("Recorded as published on its original date"),
            frozenset({S.DRAFT}),
            S.PUBLISHED,
            None,
            needs_time=True,
        ),
    ]
}


def available(issue, user):
    """The steps this user may take with this issue now."""
    return [
        t
        for t in TRANSITIONS.values()
        if issue.status in t.sources and t.action and policy.can(user, t.action, issue)
    ]


@transaction.atomic
def apply(issue, name, user, *, comment="", when=None, seen=None):
    """Take one step; refuses a step the user may not take or that does not fit the status.

    The issue is read again under a row lock, so two approvers clicking at once, or a click
    racing the scheduled publication, take the step once and the second sees the new status.
    ``seen``, the issue's ``updated_at`` (ISO) when the page was opened: publishing or
    scheduling is refused when the text changed since, so nobody releases a text they did
    not see.
    """
    transition = TRANSITIONS.get(name)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if transition is None or transition not in available(issue, user):
        if transition is not None and not (
            transition.action and policy.can(user, transition.action, issue)
        ):
            raise PermissionDenied(REFUSED)
        raise ValidationError(
            _("This step is not possible while the issue is “%(status)s”."),
            params={"status": issue.get_status_display()},
        )
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ValidationError(_("Write a comment: the editor needs to know why."))
    if transition.needs_time and (when is None or when <= timezone.now()):
        raise ValidationError(_("Choose a publication time in the future."))
    if issue.status == S.SCHEDULED and name == "schedule" and issue.published_at == when:
        raise ValidationError(_("The issue is already scheduled for this time."))
    if seen is not None and name in RELEASING and seen != issue.updated_at.isoformat():
        raise ValidationError(
            _("The issue was changed after you opened this page: look at it again first.")
        )
    return _take(issue, transition, user, comment=comment, when=when)


def _take(issue, transition, actor, *, comment="", when=None):
    """Move a locked, checked issue to the transition's target and record the step; the
    apps above hear of it once the step commits (signals.transitioned)."""
    previous = issue.status
    issue.status = transition.target
    if transition.name == "record_publication":
        issue.published_at = when
    elif transition.target == S.PUBLISHED and previous != S.SCHEDULED:
        issue.published_at = timezone.now()
    elif transition.target == S.SCHEDULED:
        issue.published_at = when
    elif transition.target in (S.DRAFT, S.SUBMITTED):
        issue.published_at = None
    issue.save(update_fields=["status", "published_at", "updated_at"])
    Review.objects.create(
        issue=issue,
        actor=actor,
        transition=transition.name,
        from_status=previous,
        to_status=issue.status,
        comment=comment,
    )
    send_on_commit(transitioned, issue, transition=transition.name, actor=actor, comment=comment)
    return issue


def publish_due(now=None):
    """Turn scheduled issues whose time has come into published ones (cron or the worker).

    Each issue is taken in its own transaction under a row lock and checked again there:
    two runs at once publish it once, and a withdrawal that lands first wins. The step is the
    scheduling approver's, taken at the set time: when that approver may no longer publish
    the issue (left the board, lost the role), it goes back to review instead.
    """
    now = now or timezone.now()
    transition = TRANSITIONS["publish_due"]
    due = Issue.objects.filter(status__in=transition.sources, published_at__lte=now)
    published = []
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            # PostgreSQL re-evaluates the filter on the row it waited for: an issue that
            # another run published, or that was withdrawn meanwhile, is not returned.
            issue = due.select_for_update().filter(pk=pk).first()
            if issue is None:
                continue
            scheduled = issue.reviews.filter(transition="schedule").select_related("actor")
            approver = scheduled.first().actor if scheduled.exists() else None
            if policy.can(approver, PUBLISH, issue):
                published.append(_take(issue, transition, approver))
            else:
                _take(
                    issue,
                    TRANSITIONS["publish_due_refused"],
                    approver,
                    comment=_(
                        "Not published: whoever scheduled it may no longer publish this issue."
                    ),
                )
    return published


def record_publication(issue, when, actor=None):
    """Record an issue that was published before it came into the system (an archive, the
    demo) as published on its original date. Taken by commands, never offered in the admin;
    refused for an issue that is not a draft or a date that has not come yet."""
    transition = TRANSITIONS["record_publication"]
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.status not in transition.sources:
            raise ValidationError(
                _("This step is not possible while the issue is “%(status)s”."),
                params={"status": issue.get_status_display()},
            )
        if when > timezone.now():
            raise ValidationError(_("A publication recorded afterwards has a date in the past."))
        return _take(issue, transition, actor, when=when)
