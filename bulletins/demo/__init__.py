"""The demo dataset: a city party committee, its documents, people, events and four issues.

`load()` writes the content of `bulletins.demo.content` into the database. It is idempotent:
every row is found by its natural key and only saved when a value differs, and rows that hang
off demo rows (positions, participations, relations, sections, footnotes) but are no longer in
the content are deleted, so running it again changes nothing.
"""

import re

from django.db import transaction

from bulletins.html import sanitize_html
from bulletins.models import Footnote, Issue, Section
from documents.models import Document, DocumentRelation, DocumentType
from people.models import Event, Organisation, Participation, Person, Position

from . import content

# Keys of the counts returned by load(), with the model they count.
MODELS = {
    "organisations": Organisation,
    "documents": Document,
    "document_relations": DocumentRelation,
    "people": Person,
    "positions": Position,
    "events": Event,
    "participations": Participation,
    "issues": Issue,
    "sections": Section,
    "footnotes": Footnote,
}


def load() -> dict:
    """Create or update the whole demo dataset; return the number of demo rows per model."""
    with transaction.atomic():
        organisations = _load_organisations(content.ORGANISATIONS)
        documents = _load_documents(content.DOCUMENTS, organisations)
        _load_document_relations(content.DOCUMENT_RELATIONS, documents)
        people, positions = _load_people(content.PEOPLE, organisations)
        events, participations = _load_events(content.EVENTS, organisations, people)
        issues, sections, footnotes = _load_issues(
            content.ISSUES, organisations[content.PUBLISHER], documents, events
        )
        # The demo's relations, and those its sections propose for an editor to review.
        relations = DocumentRelation.objects.filter(source__in=documents.values())
    return {
        "organisations": len(organisations),
        "documents": len(documents),
        "document_relations": len(relations),
        "people": len(people),
        "positions": len(positions),
        "events": len(events),
        "participations": len(participations),
        "issues": len(issues),
        "sections": len(sections),
        "footnotes": len(footnotes),
    }


def demo_organisation(key):
    """The demo organisation with this content key, or None before the demo is loaded."""
    rows = {row[0]: row for row in content.ORGANISATIONS}
    names = []
    while key is not None:
        names.append(rows[key][1])
        key = rows[key][4]
    organisation = None
    for name in reversed(names):  # from the root down, following (parent, name)
        organisation = Organisation.objects.filter(name=name, parent=organisation).first()
        if organisation is None:
            return None
    return organisation


def _upsert(model, lookup, values):
    """Get the row by its natural key, create it, or save only the values that differ."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        auto_now = [
            field.name for field in model._meta.concrete_fields if getattr(field, "auto_now", False)
        ]
        instance.save(update_fields=changed + auto_now)
    return instance


_BLOCK_BREAK = re.compile(
    r"(</(?:p|ul|ol|li|figure|figcaption|table|thead|tbody|tr|blockquote|h3|h4)>"
    r"|<(?:ul|ol|table|thead|tbody|tr)>|<figure class=\"table\">)\s*"
)


def _tidy_html(html):
    """Undo the source-code line wrapping: one space between words, blocks on their own lines."""
    return _BLOCK_BREAK.sub(r"\1\n", " ".join(html.split())).strip()


def _load_organisations(rows):
    organisations = {}
    for key, name, short_name, kind, parent_key, citation_code in rows:
        parent = organisations[parent_key] if parent_key else None
        organisations[key] = _upsert(
            Organisation,
            {"name": name, "parent": parent},
            {"short_name": short_name, "kind": kind, "citation_code": citation_code},
        )
    return organisations


def _document_type(name, cache):
    if name not in cache:
        try:
            cache[name] = DocumentType.objects.get(name=name)
        except DocumentType.DoesNotExist as error:
            raise DocumentType.DoesNotExist(
                f"Document type {name!r} is missing: run the documents migrations first."
            ) from error
    return cache[name]


def _load_documents(rows, organisations):
    documents = {}
    types = {}
    for row in rows:
        documents[row["key"]] = _upsert(
            Document,
            {"code": row["code"], "issued_on": row["issued_on"]},
            {
                "document_type_id": _document_type(row["type"], types).pk,
                "number": row["number"],
                "issuer_id": organisations[row["issuer"]].pk,
                "subject": row["subject"],
                "summary": row.get("summary", ""),
                "status": row.get("status", Document.Status.IN_FORCE),
                # A citation may have created an unverified entry for this code: confirm it.
                "verified": True,
            },
        )
    return documents


def _load_document_relations(rows, documents):
    kept = []
    for source, kind, target in rows:
        relation, _created = DocumentRelation.objects.get_or_create(
            source=documents[source], kind=kind, target=documents[target]
        )
        kept.append(relation.pk)
    demo_documents = list(documents.values())
    DocumentRelation.objects.confirmed().filter(
        source__in=demo_documents, target__in=demo_documents
    ).exclude(pk__in=kept).delete()
    return kept


def _load_people(rows, organisations):
    people = {}
    kept = []
    for row in rows:
        person = _upsert(Person, {"full_name": row["full_name"]}, {"note": row.get("note", "")})
        people[row["full_name"]] = person
        for organisation_key, title, start_date, end_date in row["positions"]:
            position = _upsert(
                Position,
                {
                    "person": person,
                    "organisation": organisations[organisation_key],
                    "title": title,
                    "start_date": start_date,
                },
                {"end_date": end_date},
            )
            kept.append(position.pk)
    Position.objects.filter(person__in=people.values()).exclude(pk__in=kept).delete()
    return people, kept


def _load_events(rows, organisations, people):
    events = {}
    kept = []
    for row in rows:
        event = _upsert(
            Event,
            {"title": row["title"], "start": row["start"]},
            {"kind": row["kind"], "end": row.get("end"), "place": row.get("place", "")},
        )
        event.organisations.set([organisations[key] for key in row.get("organisations", [])])
        for full_name, role in row["participants"]:
            participation, _created = Participation.objects.get_or_create(
                event=event, person=people[full_name], role=role
            )
            kept.append(participation.pk)
        events[row["key"]] = event
    Participation.objects.filter(event__in=events.values()).exclude(pk__in=kept).delete()
    return events, kept


def _load_issues(rows, publisher, documents, events):
    issues = []
    all_sections = []
    all_footnotes = []
    for row in rows:
        published = row["status"] == Issue.Status.PUBLISHED
        issue = _upsert(
            Issue,
            {"publisher": publisher, "year": row["year"], "month": row["month"]},
            {
                "status": row["status"],
                "published_at": row["published_at"] if published else None,
                "title_override": row.get("title", ""),
            },
        )
        issues.append(issue.pk)
        sections = []
        for index, section_row in enumerate(row["sections"], start=1):
            section, footnotes = _load_section(issue, index * 10, section_row, documents, events)
            sections.append(section.pk)
            all_footnotes.extend(footnotes)
        issue.sections.exclude(pk__in=sections).delete()
        issue.renumber_sections()
        all_sections.extend(sections)
    return issues, all_sections, all_footnotes


def _load_section(issue, position, row, documents, events):
    presented = documents[row["presents"]] if row.get("presents") else None
    event = events[row["event"]] if row.get("event") else None
    section = _upsert(
        Section,
        {"issue": issue, "position": position},
        {
            "level": row.get("level", 1),
            "heading": row["heading"],
            # Stored bodies are sanitised on save: compare with what will be stored.
            "body": sanitize_html(_tidy_html(row.get("body", ""))),
            "presented_document_id": presented.pk if presented else None,
            "event_id": event.pk if event else None,
        },
    )
    cited = [documents[key] for key in row.get("cites", [])]
    if presented is not None and presented not in cited:
        cited.insert(0, presented)
    section.cited_documents.set(cited)
    footnotes = []
    for index, (marker, text) in enumerate(row.get("footnotes", []), start=1):
        footnote = _upsert(
            Footnote, {"section": section, "position": index}, {"marker": marker, "text": text}
        )
        footnotes.append(footnote.pk)
    section.footnotes.exclude(pk__in=footnotes).delete()
    return section, footnotes
