"""Link the citations found in saved text to the document registry.

Runs when a section or a registry document is saved (and from ``manage.py relink_citations``),
never while a page is read. The rules, in order:

1. a citation with a date links to the document with that code and date;
2. without a date, it links to the only document with that code, or, when several share the
   code, to the one dated closest before the citing text, flagged as ambiguous;
3. a code the registry does not know (or a code and date it does not know) creates an
   unverified entry for an editor to confirm or merge. It takes the code (with the type and
   number it spells) and the date that identifies it, nothing else of the citing text: the
   text around a citation in a draft is the draft's, and the registry is read more widely.

What the text says about the cited documents ("thực hiện", "thay thế" ...) becomes proposed
relations from the document the text belongs to or presents (``documents/relations.py``).
"""

from datetime import date

from django.db import transaction

from .citations import Citation as Found
from .citations import extract_citations
from .models import Citation, Document, DocumentType
from .relations import propose


def resolve(text, *, before):
    """The citations in ``text``, each with its registry document and whether it is ambiguous.

    Unknown codes get an unverified registry entry; a citation of an unknown type gets None.
    """
    found = extract_citations(text)
    registry = _Registry({citation.code for citation in found})
    return [(citation, *registry.resolve(citation, before)) for citation in found]


@transaction.atomic
def relink(text, *, before, section=None, citing_document=None):
    """Replace the citations recorded for the section or registry document whose text it is,
    and the relations that text proposes."""
    source = {"section": section} if section is not None else {"citing_document": citing_document}
    Citation.objects.filter(**source).delete()
    resolved = resolve(text, before=before) if text else []
    links = [
        Citation(
            **source,
            document=document,
            code=citation.code,
            cited_date=citation.date,
            text=citation.text[:500],
            start=citation.start,
            end=citation.end,
            ambiguous=ambiguous,
        )
        for citation, document, ambiguous in resolved
    ]
    texts = [(text, [(c, d) for c, d, _ambiguous in resolved])]
    if section is not None and section.presented_document_id:
        # The heading presents the document: "Kế hoạch số ... về thực hiện Kết luận số ...".
        heading = [(c, d) for c, d, _ambiguous in resolve(section.heading, before=before)]
        texts.append((section.heading, heading))
    presented = section.presented_document if section is not None else citing_document
    propose(presented, texts, section=section)
    return Citation.objects.bulk_create(links)


class _Registry:
    """The registry entries for a set of codes, loaded once per relink."""

    def __init__(self, codes):
        self.by_code = {}
        documents = Document.objects.filter(code__in=codes).only("pk", "code", "issued_on")
        for document in documents:
            self.by_code.setdefault(document.code, []).append(document)

    def resolve(self, citation: Found, before: date | None):
        candidates = self.by_code.get(citation.code, [])
        if citation.date:
            for document in candidates:
                if document.issued_on == citation.date:
                    return document, False
        elif len(candidates) == 1:
            return candidates[0], False
        elif candidates:
            return _closest_before(candidates, before), True
        document = _unverified_entry(citation)
        if document is not None:
            self.by_code.setdefault(citation.code, []).append(document)
        return document, False


def _closest_before(candidates, before):
    dated = [d for d in candidates if d.issued_on and (before is None or d.issued_on <= before)]
    if dated:
        return max(dated, key=lambda d: d.issued_on)
    return min(candidates, key=lambda d: d.issued_on or date.max)


def _unverified_entry(citation: Found):
    document_type = _document_type(citation)
    if document_type is None:
        return None
    document, _ = Document.objects.get_or_create(
        code=citation.code,
        issued_on=citation.date,
        defaults={
            "document_type": document_type,
            "number": citation.number,
            "verified": False,
        },
    )
    return document


def _document_type(citation: Found):
    """The type named before the code ("Quy định" or "Quyết định" for QĐ), else by its code."""
    types = sorted(DocumentType.objects.all(), key=lambda t: len(t.name), reverse=True)
    lead = " ".join(citation.text.split()).lower()
    for document_type in types:
        if lead.startswith(document_type.name.lower()):
            return document_type
    for document_type in sorted(types, key=lambda t: t.name):
        if document_type.abbreviation == citation.type:
            return document_type
    return None
