"""The chain of documents that implement a directive, level by level.

A secretary asks "what does this new plan implement?": the page of a central directive lists
the province's, the city's and the wards' documents that implement or guide it, through
confirmed relations at any depth.
"""

from collections import defaultdict

from django.utils.translation import gettext_lazy as _

from people.models import Organisation

from .models import Document, DocumentRelation

Kinds = Organisation.Kind
LEVELS = [
    (_("Central"), {Kinds.CENTRAL}),
    (_("Province"), {Kinds.PROVINCE}),
    (_("City or district"), {Kinds.CITY}),
    (_("Ward or commune"), {Kinds.WARD, Kinds.COMMUNE}),
]
OTHER_LEVEL = _("Other bodies")


def implementation_chain(document, documents=None):
    """[(level, [documents]), ...] from the centre down, only the levels that have some;
    of ``documents`` when given (what the reader may see), else of the whole registry. A
    hidden entry is left out, not the documents below it that the reader may see.

    Two queries whatever the depth: the confirmed relations are read once and walked in
    memory (a registry holds thousands of documents, not millions).
    """
    below = defaultdict(list)
    relations = DocumentRelation.objects.confirmed().filter(
        kind__in=[DocumentRelation.Kind.IMPLEMENTS, DocumentRelation.Kind.GUIDES]
    )
    for source, target in relations.values_list("source", "target"):
        below[target].append(source)
    seen = {document.pk}
    frontier = [document.pk]
    while frontier:
        frontier = [pk for target in frontier for pk in below[target] if pk not in seen]
        seen.update(frontier)
    seen.discard(document.pk)
    if not seen:
        return []
    levels = defaultdict(list)
    shown = (Document.objects if documents is None else documents).with_details()
    for item in shown.filter(pk__in=seen).order_by("issued_on", "code"):
        levels[_level(item)].append(item)
    labels = [label for label, _kinds in LEVELS] + [OTHER_LEVEL]
    return [(labels[index], levels[index]) for index in sorted(levels)]


def _level(document):
    kind = document.issuer.kind if document.issuer else None
    return next((i for i, (_label, kinds) in enumerate(LEVELS) if kind in kinds), len(LEVELS))
