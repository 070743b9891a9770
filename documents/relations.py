"""Relations between documents proposed from what texts say.

A document's own text says what it does to others ("Thực hiện Chỉ thị số 50-CT/TW ...",
"Quy định này thay thế Quy định số ...", "Hướng dẫn thực hiện Nghị quyết số ..."), and so
does a bulletin section presenting it ("Kế hoạch số ... về thực hiện Kết luận số ...").
Those phrases become proposed relations; an editor confirms or rejects each in the admin.
"""

import html
import re

from .models import DocumentRelation

Kind = DocumentRelation.Kind

# The phrase right before a citation, longest first; "được thay thế" is the other direction.
_VERB_BEFORE = re.compile(
    r"(?<!được\s)(?P<verb>hướng\s+dẫn\s+(?:thực\s+hiện|triển\s+khai)|thực\s+hiện|triển\s+khai"
    r"|thay\s+thế|sửa\s+đổi,?\s+bổ\s+sung|sửa\s+đổi|bổ\s+sung|bãi\s+bỏ)"
    r"(?:\s+(?:các|việc|có\s+hiệu\s+quả|nghiêm\s+túc|một\s+số\s+điều\s+của))*\s*\Z",
    re.IGNORECASE,
)
_KINDS = {
    "hướng dẫn": Kind.GUIDES,
    "thực hiện": Kind.IMPLEMENTS,
    "triển khai": Kind.IMPLEMENTS,
    "thay thế": Kind.REPLACES,
    "sửa đổi": Kind.AMENDS,
    "bổ sung": Kind.AMENDS,
    "bãi bỏ": Kind.REPEALS,
}
# Between two citations of one list: "Nghị quyết số 42-NQ/TW và Kết luận số 14-KL/TW".
_LIST_GAP = re.compile(r"[\s,;]*(?:và\s*)?(?:các\s*)?\Z", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_LOOKBACK = 120


def propose(source, texts, *, section=None):
    """Propose the relations that the texts state from ``source`` to the documents they cite.

    ``texts`` holds (text, links) pairs, links being (citation, document) pairs in order.
    Proposals these texts made before and that no editor decided on are replaced; decided
    ones (confirmed, rejected) stay.
    """
    stale = DocumentRelation.objects.filter(state=DocumentRelation.State.PROPOSED)
    if section is not None:
        stale.filter(section=section).delete()
    else:
        stale.filter(source=source, section=None).delete()
    if source is None:
        return []
    proposals = {}
    for text, links in texts:
        for kind, citation, document in _stated(text, links):
            if document is not None and document.pk != source.pk:
                proposals.setdefault(
                    (kind, document.pk),
                    DocumentRelation(
                        source=source,
                        kind=kind,
                        target=document,
                        state=DocumentRelation.State.PROPOSED,
                        evidence=_evidence(text, citation),
                        section=section,
                    ),
                )
    return DocumentRelation.objects.bulk_create(proposals.values(), ignore_conflicts=True)


def _stated(text, links):
    """(kind, citation, document) for each citation a verb governs, directly or as the next
    item of a list after it."""
    kind, previous_end = None, None
    for citation, document in links:
        verb = _VERB_BEFORE.search(
            _plain(text[max(0, citation.start - _LOOKBACK) : citation.start])
        )
        if verb:
            kind = _kind(verb.group("verb"))
        elif previous_end is None or not _LIST_GAP.match(
            _plain(text[previous_end : citation.start])
        ):
            kind = None
        previous_end = citation.end
        if kind:
            yield kind, citation, document


def _kind(verb):
    words = " ".join(verb.lower().split())
    return next(kind for lead, kind in _KINDS.items() if words.startswith(lead))


def _plain(fragment):
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def _evidence(text, citation):
    before = _plain(text[max(0, citation.start - 60) : citation.start])
    return f"… {before} {_plain(citation.text)}"[:500]
