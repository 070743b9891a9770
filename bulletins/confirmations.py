"""Read confirmations: which party cells have confirmed reading an issue."""

import csv
from dataclasses import dataclass, field

from .models import ReadConfirmation


@dataclass
class CellReading:
    cell: object
    confirmations: list = field(default_factory=list)

    @property
    def confirmed(self):
        return bool(self.confirmations)


def read_report(issue):
    """One row per cell of the issue's audience; a cell has confirmed when any member has."""
    rows = {cell.pk: CellReading(cell) for cell in issue.audience_cells().select_related("parent")}
    confirmations = (
        ReadConfirmation.objects.filter(issue=issue)
        .select_related("reader")
        .prefetch_related("reader__organisations")
    )
    for confirmation in confirmations:
        for organisation in confirmation.reader.organisations.all():
            if organisation.pk in rows:
                rows[organisation.pk].confirmations.append(confirmation)
    return sorted(rows.values(), key=lambda row: (row.cell.parent_id or 0, row.cell.name))


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
        first = row.confirmations[0] if row.confirmations else None
        writer.writerow(
            map(
                spreadsheet_safe,
                [
                    row.cell.name,
                    row.cell.parent.name if row.cell.parent else "",
                    "x" if row.confirmed else "",
                    ", ".join(str(c.reader) for c in row.confirmations),
                    first.confirmed_at.isoformat(timespec="minutes") if first else "",
                ],
            )
        )
