"""Finding registry documents from what people type: "26-CT/TW", "26 CT/TW", "CT 26",
"Chỉ thị 26", "chi thi so 26", or words of the subject.

A code reference is read from the folded query (people/search.py), so accents and case do not
matter; the documents it names are then the registry entries with that number and type (and
issuer code, when given). Sections citing them are found through the stored citation links.
"""

import re
from dataclasses import dataclass

from django.db.models import F, Q

from people.search import Fold, contains_words, fold, with_whole_words, words

from .models import Document, DocumentType

_STATE_CODE = re.compile(r"\b\d{1,5}/\d{4}/[a-z]{1,6}-[a-z]{1,8}\b")


@dataclass(frozen=True)
class CodeReference:
    number: int
    type_ids: frozenset
    issuer: str = ""


@dataclass
class ParsedQuery:
    """A query split into the code references it names and the words left over."""

    references: list
    state_codes: list
    rest: str

    @property
    def names_documents(self):
        return bool(self.references or self.state_codes)


def _type_patterns():
    """Folded type names and abbreviations (chi thi, ct, ...) to the type ids they stand for."""
    by_word = {}
    for pk, name, abbreviation in DocumentType.objects.values_list("pk", "name", "abbreviation"):
        for key in (fold(name), fold(abbreviation)):
            by_word.setdefault(key, set()).add(pk)
    return by_word


def parse(text):
    folded = fold(text)
    types = _type_patterns()
    if not types:
        return ParsedQuery([], [], folded)
    alternatives = "|".join(re.escape(key) for key in sorted(types, key=len, reverse=True))
    numbered = re.compile(
        rf"(?<![\w/])(?P<number>\d{{1,5}})\s*[-–\s]\s*(?P<type>{alternatives})"
        rf"(?:\s*/\s*(?P<issuer>[a-z]{{1,10}}))?(?![\w-])"
    )
    named = re.compile(rf"(?<!\w)(?P<type>{alternatives})\s+(?:so\s+)?(?P<number>\d{{1,5}})(?!\w)")
    references = []
    state_codes = _STATE_CODE.findall(folded)
    rest = _STATE_CODE.sub(" ", folded)
    for pattern in (numbered, named):
        for match in pattern.finditer(rest):
            references.append(
                CodeReference(
                    int(match["number"]),
                    frozenset(types[match["type"]]),
                    match.groupdict().get("issuer") or "",
                )
            )
        rest = pattern.sub(" ", rest)
    return ParsedQuery(references, state_codes, " ".join(rest.split()))


def named_documents(parsed):
    """The registry documents a parsed query names by code."""
    if not parsed.names_documents:
        return Document.objects.none()
    condition = Q()
    for reference in parsed.references:
        one = Q(number=reference.number, document_type__in=reference.type_ids)
        if reference.issuer:
            one &= Q(folded_code__endswith=f"/{reference.issuer}")
        condition |= one
    for code in parsed.state_codes:
        condition |= Q(folded_code=code)
    return Document.objects.annotate(folded_code=Fold("code")).filter(condition)


def documents_matching(text, documents=None):
    """Documents named by code, or else whose code and subject have every word typed; among
    ``documents`` when given (what the reader may see), else the whole registry."""
    documents = Document.objects.all() if documents is None else documents
    parsed = parse(text)
    if parsed.names_documents:
        named = named_documents(parsed).values("pk")
        return list(documents.filter(pk__in=named).with_details())
    wanted = words(text)
    if not wanted:
        return Document.objects.none()
    matching = documents.with_details().alias(folded=F("search_text"))
    matching = matching.filter(contains_words(wanted))
    return with_whole_words(
        matching, lambda document: f"{document.code} {document.subject}", wanted
    )
