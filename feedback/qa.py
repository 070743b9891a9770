"""A cell's question and the board's answer, offered to every cell as “Hỏi – đáp”.

An editor chooses a draft of the same publisher; the question and answer go into its “Hỏi – đáp”
section (made at the end of the outline if the draft has none), without the cell's name.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import format_html
from django.utils.translation import gettext

from bulletins import policy as rules
from bulletins.models import Issue, Section
from bulletins.policy import policy

from .models import Feedback

QA_HEADING = "Hỏi – đáp"


def drafts_for(feedback, user):
    """Drafts of the feedback's publisher that the user may change."""
    return (
        policy.issues_for(user, rules.CHANGE)
        .filter(status=Issue.Status.DRAFT, publisher_id=feedback.issue.publisher_id)
        .order_by("-year", "-month", "-pk")
    )


def offerable(feedback):
    return feedback.publish_as_qa and feedback.answered and feedback.qa_issue_id is None


def qa_html(feedback):
    """The question and answer as escaped paragraphs: plain text never becomes markup."""
    return format_html(
        "<p><strong>Hỏi:</strong></p>{}<p><strong>Đáp:</strong></p>{}",
        linebreaks_filter(feedback.questions),
        linebreaks_filter(feedback.answer),
    )


@transaction.atomic
def insert_into(feedback, draft, user):
    """Append the feedback's question and answer to the draft's “Hỏi – đáp” section."""
    policy.check(user, rules.CHANGE, draft)
    draft = Issue.objects.select_for_update().get(pk=draft.pk)
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if draft.status != Issue.Status.DRAFT or draft.publisher_id != feedback.issue.publisher_id:
        raise ValidationError(gettext("Choose a draft of the same publisher."), code="not_draft")
    if not offerable(feedback):
        raise ValidationError(
            gettext("This answer is not offered as “Hỏi – đáp”, or was added already."),
            code="not_offered",
        )
    section = draft.sections.filter(level=1, heading=QA_HEADING).first()
    if section is None:
        last = draft.sections.aggregate(last=Max("position"))["last"] or 0
        section = Section(issue=draft, level=1, position=last + 10, heading=QA_HEADING)
    section.body += qa_html(feedback)
    section.save()
    draft.renumber_sections()
    # Not a save: the cell's open form keeps its version, nothing it wrote changed.
    Feedback.objects.filter(pk=feedback.pk).update(qa_issue=draft)
    return section
