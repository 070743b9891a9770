"""The editorial side in Django's admin, one module per page family."""

from .issues import IssueAdmin
from .publishing import PublisherSettingsAdmin
from .registry import ScopedDocumentAdmin, ScopedRelationAdmin
from .sections import SectionAdmin

__all__ = [
    "IssueAdmin",
    "PublisherSettingsAdmin",
    "ScopedDocumentAdmin",
    "ScopedRelationAdmin",
    "SectionAdmin",
]
