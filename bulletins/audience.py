"""Content per type of cell: which sections of an issue a user gets. The one rule; the issue
page, its cached text, the stored PDFs, the search and the "cited in" lists all ask here.

- A section without cell types is for every cell. A section marked for some types is read by
  members of cells of those types (a user's types: those of their organisations, see
  ``User.cell_types``), and by nobody else: a reader whose organisations have no type (a board,
  a ward committee, an anonymous visitor) gets the common sections only.
- A subsection goes with the section above it (``Section.objects.for_cell_types``): 2.1. is
  hidden wherever 2. is, whatever its own types.
- Readers keep the issue's numbers, gaps included: the printed copy, the PDF and the meeting
  all speak of "mục 3", whichever sections a cell's copy leaves out.
- Staff of the issue's publisher (the staff policy) get every section, each marked with its
  types, as everyone sees them; the staff preview can show the issue as a cell of one type.

An audience is ``EVERY_SECTION`` (None) or a frozenset of cell type ids, narrowed to the types
the issue actually targets: two readers who get the same sections share one cached text and
one stored PDF.
"""

from collections import defaultdict

from django.db.models import Q

from . import policy as rules
from .models import Issue, Section, open_to
from .policy import policy

EVERY_SECTION = None


def reader_cell_types(user):
    return frozenset(user.cell_types()) if user.is_authenticated else frozenset()


def targets(issue):
    """{section id: its cell types} for the issue's sections marked for some types (1 query)."""
    found = defaultdict(set)
    rows = Section.cell_types.through.objects.filter(section__issue=issue)
    for section_id, cell_type_id in rows.values_list("section_id", "celltype_id"):
        found[section_id].add(cell_type_id)
    return found


def narrowed(issue_targets, cell_types):
    """The audience of a reader with these cell types: every section when the issue hides
    none from them, else their types among those the issue targets."""
    if all(types & cell_types for types in issue_targets.values()):
        return EVERY_SECTION
    return frozenset(cell_types & set().union(*issue_targets.values()))


def audience(user, issue):
    """What ``user`` gets of ``issue`` (one query for a reader; none when cached scopes)."""
    if user.is_staff and policy.can(user, rules.VIEW, issue):
        return EVERY_SECTION
    return narrowed(targets(issue), reader_cell_types(user))


def variants(issue):
    """The audiences readers of one cell type, or of none, get: what is rendered ahead."""
    issue_targets = targets(issue)
    used = set().union(*issue_targets.values())
    cell_types = [frozenset(), *(frozenset([pk]) for pk in used)]
    return {narrowed(issue_targets, types) for types in cell_types}


def sections(issue, cell_types):
    """The issue's sections for an audience."""
    if cell_types is EVERY_SECTION:
        return issue.sections.all()
    return issue.sections.for_cell_types(cell_types)


def key(cell_types):
    """A short name of an audience, for cache keys and file names."""
    if cell_types is EVERY_SECTION:
        return "all"
    return "t" + "-".join(str(pk) for pk in sorted(cell_types)) if cell_types else "common"


def reading_rule(user):
    """A filter on sections of many issues (search, "cited in", mentions): those of the
    user's cell types, and every section of the issues the user works on as staff."""
    if user.is_superuser:  # staff of every publisher
        return Q()
    rule = Q(open_to(reader_cell_types(user)))
    if user.is_staff:
        rule |= Q(issue__in=policy.issues_for(user).values("pk"))
    return rule


def readable_sections(user):
    """The sections the user reads, across the issues they may read."""
    return Section.objects.filter(issue__in=Issue.objects.visible_to(user)).filter(
        reading_rule(user)
    )
