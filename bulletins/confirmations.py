"""Read confirmations: which party cells have confirmed reading an issue.

An issue goes to thousands of readers, so the report is counted by the database: one row per
cell with how many of its members confirmed and when the first did, and the readers' names as
plain values, never one object per confirmation.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Min
from django.utils.timezone import localtime

from .models import ReadConfirmation


@dataclass
class CellReading:
    cell: object
    count: int = 0
    first_at: object = None
    readers: list = field(default_factory=list)  # (name, confirmed at), first reader first

    @property
    def confirmed(self):
        return self.count > 0


def _name(last_name, first_name, username):
    """As ``User.__str__``: the full name in Vietnamese order, else the username."""
    return " ".join(filter(None, [last_name, first_name])) or username


def read_report(issue, names=False):
    """One row per cell of the issue's audience; a cell has confirmed when any member has.

    With ``names``, each row also lists its readers (for the CSV): one value per confirmation.
    """
    confirmations = ReadConfirmation.objects.filter(issue=issue)
    totals = {
        row["cell"]: row
        for row in confirmations.values(cell=F("reader__organisations"))
        .annotate(count=Count("pk"), first_at=Min("confirmed_at"))
        .order_by()
    }
    readers = defaultdict(list)
    named = confirmations.values_list(
        "reader__organisations",
        "reader__last_name",
        "reader__first_name",
        "reader__username",
        "confirmed_at",
    ).order_by("confirmed_at", "pk")
    for cell, last, first, username, when in named if names else ():
        readers[cell].append((_name(last, first, username), when))
    cells = issue.audience_cells().select_related("parent").order_by("parent_id", "name")
    return [
        CellReading(
            cell,
            count=totals.get(cell.pk, {}).get("count", 0),
            first_at=totals.get(cell.pk, {}).get("first_at"),
            readers=readers.get(cell.pk, []),
        )
        for cell in cells
    ]


# A cell starting with one of these is a formula to a spreadsheet (=HYPERLINK(...), +cmd|...).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """Text as text: a leading apostrophe keeps a spreadsheet from running a name as formula."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_START) else value


def write_report_csv(report, stream, headers):
    writer = csv.writer(stream)
    writer.writerow(headers)
    for row in report:
        writer.writerow(
            map(
                spreadsheet_safe,
                [
                    row.cell.name,
                    row.cell.parent.name if row.cell.parent else "",
                    "x" if row.confirmed else "",
                    ", ".join(name for name, _when in row.readers),
                    # Local time, as on the screen: a secretary's 21:00 is not 14:00.
                    localtime(row.first_at).strftime("%Y-%m-%d %H:%M") if row.first_at else "",
                ],
            )
        )
