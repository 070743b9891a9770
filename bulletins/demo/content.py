"""The demo content, as plain data: the registry rows and the four issues.

`bulletins.demo.load()` reads only the names defined here. Issues are published by
`PUBLISHER`; each issue is a dict with its sections in outline order (level 1, 2, 3...).
"""

from . import issue_2026_08, issue_2026_09, issue_2026_10, issue_2026_11
from .registry import (
    DEMO_EDITOR_ORGANISATION,
    DEMO_SECRETARY_CELL,
    DOCUMENT_RELATIONS,
    DOCUMENTS,
    EVENTS,
    ORGANISATIONS,
    PEOPLE,
    PUBLISHER,
)

ISSUES = [
    issue_2026_08.ISSUE,
    issue_2026_09.ISSUE,
    issue_2026_10.ISSUE,
    issue_2026_11.ISSUE,
]

__all__ = [
    "DEMO_EDITOR_ORGANISATION",
    "DEMO_SECRETARY_CELL",
    "DOCUMENTS",
    "DOCUMENT_RELATIONS",
    "EVENTS",
    "ISSUES",
    "ORGANISATIONS",
    "PEOPLE",
    "PUBLISHER",
]
