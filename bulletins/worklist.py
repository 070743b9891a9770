"""What the admin home shows a staff member: the calendar of their publishers' next issues and
what waits for them (issues to review, drafts sent back, upstream corrections to consider).

A fixed number of queries whatever the number of publishers and issues: the dates come from
bulletins.deadlines, worked out in Python over one query of recent issues.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import deadlines, provenance
from .models import Issue, Review
from .policy import CHANGE, PUBLISH, PUBLISH_PERMISSION, VIEW, policy

# An issue not yet published or scheduled this many days before its last day is at risk.
AT_RISK_DAYS = 7
# Drafts left from longer ago are archive work, not a missed meeting.
OVERDUE_MONTHS = 3
MISSING = _("Not started")
_READY = (Issue.Status.PUBLISHED, Issue.Status.SCHEDULED)
_UNFINISHED = (Issue.Status.DRAFT, Issue.Status.SUBMITTED)


@dataclass
class Due:
    """One issue a publisher owes: its month, its last day and where it stands."""

    publisher: object
    kind: str
    year: int
    month: int
    due: datetime.date
    issue: Issue | None
    today: datetime.date

    @property
    def state(self):
        return self.issue.get_status_display() if self.issue else MISSING

    @property
    def kind_label(self):
        return Issue.Kind(self.kind).label

    @property
    def days_left(self):
        return (self.due - self.today).days

    @property
    def overdue(self):
        return self.days_left < 0

    @property
    def at_risk(self):
        ready = self.issue is not None and self.issue.status in _READY
        return not ready and self.days_left <= AT_RISK_DAYS


def next_periods(today, settings):
    """(kind, year, month) of the next regular and thematic issues still to come out."""
    year, month = today.year, today.month
    regular_last = deadlines.window(Issue.Kind.REGULAR, year, month, settings)[1]
    if today > regular_last:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    quarter_end = (today.month - 1) // 3 * 3 + 3
    return [
        (Issue.Kind.REGULAR, year, month),
        (Issue.Kind.THEMATIC, today.year, quarter_end),
    ]


@dataclass
class WorkList:
    calendar: list
    at_risk: list
    to_review: list
    sent_back: list
    corrections: list


def work_list(user, today=None):
    today = today or timezone.localdate()
    publishers = list(policy.publishers_for(user).select_related("publishing").order_by("name"))
    calendar = []
    recent = _recent_issues(user, publishers, today)
    for publisher in publishers:
        settings = deadlines.settings_for(publisher)
        issues = recent.get(publisher.pk, {})
        upcoming = next_periods(today, settings)
        for kind, year, month in upcoming:
            last = deadlines.window(kind, year, month, settings)[1]
            issue = issues.get((kind, year, month))
            calendar.append(Due(publisher, kind, year, month, last, issue, today))
        for (kind, year, month), issue in issues.items():
            if (kind, year, month) in upcoming or issue.status not in _UNFINISHED:
                continue
            last = deadlines.window(kind, year, month, settings)[1]
            if last < today:
                calendar.append(Due(publisher, kind, year, month, last, issue, today))
    calendar.sort(key=lambda due: (due.due, due.publisher.name, due.kind))
    at_risk = [due for due in calendar if due.at_risk]
    return WorkList(
        calendar=calendar,
        at_risk=at_risk,
        to_review=_to_review(user),
        sent_back=_sent_back(user),
        corrections=list(
            provenance.pending(user).prefetch_related("footnotes", "source__footnotes")
        ),
    )


def _recent_issues(user, publishers, today):
    """{publisher id: {(kind, year, month): issue}} for the last months, in one query; the
    publishers' own issues, not the archives of the bodies they succeeded."""
    since = (today.year * 12 + today.month - 1) - OVERDUE_MONTHS
    recent = (
        policy.issues_for(user, VIEW)
        .annotate(period=F("year") * 12 + F("month") - 1)
        .filter(period__gte=since)
    )
    own = {publisher.pk: {} for publisher in publishers}
    for issue in recent:
        if issue.publisher_id in own:
            own[issue.publisher_id][issue.kind, issue.year, issue.month] = issue
    return own


def _to_review(user):
    if not user.has_perm(PUBLISH_PERMISSION):
        return []
    issues = policy.issues_for(user, PUBLISH).filter(status=Issue.Status.SUBMITTED)
    return list(issues.select_related("publisher").order_by("year", "month"))


def _sent_back(user):
    """Drafts whose last step was a send-back, with the approver's comment: the editors'
    work (an approver waits for them to submit again)."""
    if user.has_perm(PUBLISH_PERMISSION):
        return []
    last = Review.objects.filter(issue=OuterRef("pk")).order_by("-created_at", "-pk")
    drafts = policy.issues_for(user, CHANGE).filter(status=Issue.Status.DRAFT)
    drafts = drafts.annotate(
        last_step=Subquery(last.values("transition")[:1]),
        comment=Subquery(last.values("comment")[:1]),
    )
    return list(drafts.filter(last_step="send_back").select_related("publisher"))
