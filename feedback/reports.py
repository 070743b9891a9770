"""What the board reads from the cells' feedback: per issue, and per publisher and month.

Counted by the database in a fixed number of queries, however many cells answered.
"""

import csv
from dataclasses import dataclass

from django.db.models import Avg, Count, Q, Sum
from django.utils.translation import gettext

from bulletins.confirmations import spreadsheet_safe
from bulletins.models import Issue, Section

from .models import Feedback, SectionRating


def rate(part, whole):
    """A share in per cent, one decimal; None when there is nothing to share."""
    return round(100 * part / whole, 1) if whole else None


@dataclass
class Totals:
    responses: int
    average: float | None
    present: int
    total: int
    questions: int = 0
    unanswered: int = 0

    @property
    def attendance(self):
        return rate(self.present, self.total)


def _totals(row):
    return Totals(
        responses=row["responses"],
        average=round(row["average"], 2) if row["average"] is not None else None,
        present=row["present"] or 0,
        total=row["total"] or 0,
        questions=row["questions"],
        unanswered=row["unanswered"],
    )


_ASKED = ~Q(feedback__questions="")
TOTALS = {
    "responses": Count("feedback"),
    "average": Avg("feedback__rating"),
    "present": Sum("feedback__present"),
    "total": Sum("feedback__total"),
    "questions": Count("feedback", filter=_ASKED),
    "unanswered": Count("feedback", filter=_ASKED & Q(feedback__answer="")),
}


@dataclass
class IssueSummary:
    totals: Totals
    distribution: list  # (rating, number of cells, per cent), 5 to 1
    sections: list  # (section, number of ratings, average)


def issue_summary(issue):
    """The ratings, their distribution, the attendance and the per-section ratings."""
    totals = _totals(Issue.objects.filter(pk=issue.pk).aggregate(**TOTALS))
    counts = dict(
        Feedback.objects.filter(issue=issue)
        .values_list("rating")
        .annotate(n=Count("pk"))
        .order_by()
    )
    distribution = [
        (value, counts.get(value, 0), rate(counts.get(value, 0), totals.responses))
        for value in range(5, 0, -1)
    ]
    per_section = {
        row["section"]: row
        for row in SectionRating.objects.filter(feedback__issue=issue)
        .values("section")
        .annotate(n=Count("pk"), average=Avg("rating"))
        .order_by()
    }
    sections = [
        (
            section,
            per_section.get(section.pk, {}).get("n", 0),
            round(per_section[section.pk]["average"], 2) if section.pk in per_section else None,
        )
        for section in Section.objects.filter(issue=issue, level=1)
        .order_by("position", "pk")
        .only("pk", "number", "heading")
    ]
    return IssueSummary(totals, distribution, sections)


def monthly(issues):
    """One row per issue (the publisher's months, oldest first), with its totals."""
    rows = issues.order_by("year", "month", "kind", "pk").annotate(**TOTALS)
    return [(issue, _totals(vars(issue))) for issue in rows]


def write_csv(stream, headers, rows):
    """Rows of values as CSV; text that a spreadsheet would run as a formula stays text."""
    writer = csv.writer(stream)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if value is None else spreadsheet_safe(value) for value in row])


def monthly_csv(stream, report):
    headers = [
        gettext("Year"),
        gettext("Month"),
        gettext("Issue"),
        gettext("Cells that reported"),
        gettext("Average rating"),
        gettext("Members present"),
        gettext("Members"),
        gettext("Attendance rate (per cent)"),
        gettext("Questions"),
        gettext("Not yet answered"),
    ]
    rows = (
        [
            issue.year,
            issue.month,
            issue.title,
            totals.responses,
            totals.average,
            totals.present,
            totals.total,
            totals.attendance,
            totals.questions,
            totals.unanswered,
        ]
        for issue, totals in report
    )
    write_csv(stream, headers, rows)


def issue_csv(stream, issue):
    """Each cell's feedback on the issue, with its questions and the answer."""
    headers = [
        gettext("Party cell"),
        gettext("Members present"),
        gettext("Members"),
        gettext("Rating"),
        gettext("Questions and opinions"),
        gettext("Answer"),
    ]
    rows = (
        Feedback.objects.filter(issue=issue)
        .order_by("cell__name", "pk")
        .values_list("cell__name", "present", "total", "rating", "questions", "answer")
    )
    write_csv(stream, headers, rows)
