"""Who hears of which workflow step or correction (bulletins.signals), and what they read.

Texts are written when the notice is made, in the site's language, so the bell and the
e-mail say the same whatever language the approver's browser asked for.
"""

from django.conf import settings
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import SECRETARY
from bulletins.models import Issue
from bulletins.policy import PUBLISH, VIEW, policy
from bulletins.signals import corrected, transitioned
from feedback.signals import question_answered

from . import tasks
from .models import Kind
from .sending import notify


def readers_of(issue):
    """The cell secretaries who may read the issue (visible_to, seen from the issue)."""
    return Issue.objects.readers(issue).filter(groups__name=SECRETARY)


def editors_of(issue, actor):
    """Who wrote the issue: whoever started it and whoever submitted it, not the actor, and
    only while the staff policy still lets them see it (an editor moved to another board is
    told nothing more of it, comments included)."""
    submitters = issue.reviews.filter(transition="submit").values("actor")
    editors = User.objects.filter(pk=issue.created_by_id) | User.objects.filter(pk__in=submitters)
    editors = editors.exclude(pk=getattr(actor, "pk", None)).distinct()
    return [user for user in editors if policy.can(user, VIEW, issue)]


def approvers_of(issue, actor):
    return [user for user in policy.staff_who_may(PUBLISH, issue) if user != actor]


def in_admin(issue):
    return reverse("admin:bulletins_issue_change", args=[issue.pk])


def tell_readers(issue):
    """Run by the task worker (tasks.tell_readers). One notice per publication: an issue
    withdrawn and published again is news again."""
    with translation.override(settings.LANGUAGE_CODE):
        return notify(
            readers_of(issue),
            Kind.NEW_ISSUE,
            issue=issue,
            link=issue.get_absolute_url(),
            key=f"published:{issue.published_at.isoformat()}",
            text=_("New issue for your cell: %(title)s (%(publisher)s).")
            % {"title": issue.title, "publisher": issue.publisher_name},
        )


@receiver(transitioned, dispatch_uid="notices.issue_stepped")
def issue_stepped(sender, issue, transition, actor, comment, **kwargs):
    who = str(actor) if actor else _("the system")
    title = {"title": issue.title}
    with translation.override(settings.LANGUAGE_CODE):
        if transition in ("submit", "publish_due_refused"):
            text = (
                _("“%(title)s” waits for your review (submitted by %(who)s).")
                if transition == "submit"
                else _("“%(title)s” is back for review: %(comment)s")
            )
            notify(
                approvers_of(issue, actor),
                Kind.AWAITING_REVIEW,
                issue=issue,
                link=in_admin(issue),
                text=text % {**title, "who": who, "comment": comment},
            )
        elif transition == "send_back":
            notify(
                editors_of(issue, actor),
                Kind.SENT_BACK,
                issue=issue,
                link=in_admin(issue),
                text=_("“%(title)s” was sent back by %(who)s: %(comment)s")
                % {**title, "who": who, "comment": comment},
            )
        elif transition in ("publish", "publish_due"):
            tasks.tell_readers.enqueue(issue.pk)
            notify(
                editors_of(issue, actor),
                Kind.PUBLISHED,
                issue=issue,
                link=issue.get_absolute_url(),
                text=_("“%(title)s” is published.") % title,
            )
            if transition == "publish_due":
                notify(
                    approvers_of(issue, None),
                    Kind.SCHEDULED_PUBLISHED,
                    issue=issue,
                    link=issue.get_absolute_url(),
                    text=_("“%(title)s” was published at its scheduled time.") % title,
                )


@receiver(corrected, dispatch_uid="notices.issue_corrected")
def issue_corrected(sender, issue, actor, note, **kwargs):
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            editors_of(issue, actor),
            Kind.CORRECTED,
            issue=issue,
            link=in_admin(issue),
            text=_("%(who)s corrected “%(title)s”: %(note)s")
            % {"who": actor, "title": issue.title, "note": note},
        )


@receiver(question_answered, dispatch_uid="notices.question_answered")
def question_answered_to_cell(sender, feedback, answered_by, **kwargs):
    """The board's answer goes to the secretaries of the asking cell, and to no other cell."""
    secretaries = User.objects.filter(organisations=feedback.cell, groups__name=SECRETARY)
    with translation.override(settings.LANGUAGE_CODE):
        notify(
            secretaries.exclude(pk=getattr(answered_by, "pk", None)),
            Kind.ANSWER,
            issue=feedback.issue,
            link=reverse("feedback:list"),
            key=f"answer:{feedback.pk}:{feedback.answered_at.isoformat()}",
            text=_("The board answered your cell's questions on %(title)s.")
            % {"title": feedback.issue.title},
        )
