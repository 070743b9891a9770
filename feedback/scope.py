"""Who reports for which cell, on which issues and sections: the reader side of feedback.

A secretary speaks for the party cells among her organisations, about an issue she may read
(``Issue.objects.visible_to``); she rates the main sections of it that her cell reads. The
section list is made here only, so narrowing it (per cell type) changes the form, the saving
and the reports at once.
"""

from accounts.roles import SECRETARY
from bulletins.models import Issue, Section
from people.models import Organisation


def is_secretary(user):
    return user.is_authenticated and user.groups.filter(name=SECRETARY).exists()


def cells_for(user):
    """The party cells the user reports for: none unless she holds the secretary's role."""
    if not is_secretary(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(kind=Organisation.Kind.CELL, members=user).order_by(
        "name", "pk"
    )


def issues_for(user):
    """Published issues the user may read: the only ones a cell reports on."""
    return Issue.objects.visible_to(user)


def sections_to_rate(issue, user, cell):
    """The issue's main sections that this cell reads, in outline order.

    Sections written for some cell types only go to cells of those types; a cell whose type
    is not set reads every section, as it does in the portal.
    """
    sections = Section.objects.visible_to(user).filter(issue=issue, level=1)
    if cell.cell_type_id is not None:
        sections = sections.for_cell_types([cell.cell_type_id])
    return sections.order_by("position", "pk").only("pk", "number", "heading", "issue_id")
