"""Read confirmations: which party cells have confirmed reading an issue."""

import csv
from dataclasses import dataclass, field

from django.utils.timezone import localtime

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


def write_report_csv(report, stream, headers):
    writer = csv.writer(stream)
    writer.writerow(headers)
    for row in report:
        first = row.confirmations[0] if row.confirmations else None
        writer.writerow(
            [
                row.cell.name,
                row.cell.parent.name if row.cell.parent else "",
                "x" if row.confirmed else "",
                ", ".join(str(c.reader) for c in row.confirmations),
                # Local time, as on the screen: a secretary's 21:00 is not 14:00.
                localtime(first.confirmed_at).strftime("%Y-%m-%d %H:%M") if first else "",
            ]
        )
