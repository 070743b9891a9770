"""The text of an issue as readers see it, rendered once per saved state and shared.

The sections, footnotes and citation links of an issue are the same for every reader of the
same audience (the sections of their cell types, bulletins.audience), so they are rendered
once and kept in the cache under a key made of the issue's id, its `updated_at` and the
audience. Every change to the text moves `updated_at` (the receivers below), so a save
is the invalidation: a stale entry is never read again and expires on its own. Whatever
depends on the reader (read confirmation, name, neighbouring issues) is rendered around it.
"""

from django.core.cache import cache
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from bulletins import audience
from bulletins.models import Attachment, Footnote, Issue, Section
from documents.models import Citation, Document
from people.mentions import PeopleLinker
from people.models import Organisation, OrganisationName, Person

from . import reading

# An entry is replaced by a new key on every save; the timeout only bounds what is left of
# entries nobody asks for again.
TIMEOUT = 24 * 60 * 60


def issue_text(issue, cell_types=audience.EVERY_SECTION):
    """The sections of an audience (bulletins.audience) with what the text shows: footnotes,
    linked citations and the cell types a section is for (4 queries)."""
    sections = audience.sections(issue, cell_types).prefetch_related(
        "cell_types",
        Prefetch("footnotes", queryset=Footnote.objects.order_by("position", "pk")),
        Prefetch(
            "citations",
            queryset=Citation.objects.select_related("document__document_type", "document__issuer"),
        ),
    )
    return {
        "issue": issue,
        "sections": sections,
        "orientation": [section for section in sections if section.level == 1],
        "minutes": reading.reading_minutes(sections),
        "people_linker": people_linker(),
    }


def people_linker():
    """Names in the text link to the people's pages (people.mentions), one query."""
    people = Person.objects.values_list("pk", "full_name")
    return PeopleLinker((name, reverse("people:person", args=[pk])) for pk, name in people)


def render_reading_text(issue, cell_types=audience.EVERY_SECTION, *, preview=False):
    """Contents, orientation, sections and footnotes of the issue page, as HTML."""
    context = issue_text(issue, cell_types) | {
        "attachments": issue.attachments.all(),
        "preview": preview,
    }
    return render_to_string("portal/_issue_reading.html", context)


def reading_text(issue, cell_types):
    """The rendered text of a published issue for an audience, from the cache when this
    state was seen by the same audience."""
    # The text's headings and labels are in the reader's language: one copy per language.
    stamp = issue.updated_at.timestamp()
    key = f"portal:issue-text:{issue.pk}:{stamp}:{audience.key(cell_types)}:{get_language()}"
    html = cache.get(key)
    if html is None:
        html = render_reading_text(issue, cell_types)
        cache.set(key, html, TIMEOUT)
    return mark_safe(html)  # noqa: S308 (rendered by render_reading_text)


def touch_issues(issues):
    """Mark the issues' text as changed: their next reader gets a fresh rendering."""
    issues.update(updated_at=timezone.now())


@receiver([post_save, post_delete], sender=Section)
def _section_changed(sender, instance, **kwargs):
    touch_issues(Issue.objects.filter(pk=instance.issue_id))


@receiver(m2m_changed, sender=Section.cell_types.through)
def _section_cell_types_changed(sender, instance, action, **kwargs):
    """Who reads a section changed: the text of every audience is made again. (A cell type
    in use is never deleted: see people.admin.CellTypeAdmin.)"""
    if action.startswith("post_") and isinstance(instance, Section):
        touch_issues(Issue.objects.filter(pk=instance.issue_id))


@receiver([post_save, post_delete], sender=Attachment)
def _attachment_changed(sender, instance, **kwargs):
    touch_issues(Issue.objects.filter(pk=instance.issue_id))


@receiver([post_save, post_delete], sender=Footnote)
def _footnote_changed(sender, instance, **kwargs):
    touch_issues(Issue.objects.filter(sections=instance.section_id))


@receiver([post_save, post_delete], sender=Citation)
def _citation_changed(sender, instance, **kwargs):
    if instance.section_id is not None:
        touch_issues(Issue.objects.filter(sections=instance.section_id))


# What a citation link shows of a document: a save that changes none of it (its summary, its
# file, a fixture loaded again) leaves the issues' rendered text as it is.
SHOWN_IN_CITATIONS = ("document_type_id", "code", "issued_on", "issuer_id", "subject")


@receiver(pre_save, sender=Document)
def _document_saving(sender, instance, **kwargs):
    before = None
    if instance.pk is not None:
        before = Document.objects.filter(pk=instance.pk).values(*SHOWN_IN_CITATIONS).first()
    instance._shown_in_citations_changed = before is not None and any(
        before[name] != getattr(instance, name) for name in SHOWN_IN_CITATIONS
    )


@receiver(post_save, sender=Document)
def _document_changed(sender, instance, **kwargs):
    """A citation link shows the document's type, code, date, issuer and subject."""
    if not getattr(instance, "_shown_in_citations_changed", False):
        return
    citing = Citation.objects.filter(document=instance, section__isnull=False)
    touch_issues(Issue.objects.filter(pk__in=citing.values("section__issue_id")))


@receiver(pre_save, sender=Organisation)
def _publisher_renaming(sender, instance, **kwargs):
    """The page header, the PDF and their validators show the publisher's name."""
    if instance.pk is not None and instance.issues.exists():
        unchanged = Organisation.objects.filter(pk=instance.pk, name=instance.name)
        if not unchanged.exists():
            touch_issues(Issue.objects.filter(publisher=instance.pk))


@receiver(pre_save, sender=OrganisationName)
def _former_name_changing(sender, instance, **kwargs):
    """A former name shows on the issues published while it was borne; saved unchanged (a
    fixture loaded again), it changes nothing."""
    fields = ("organisation_id", "name", "short_name", "valid_from", "valid_until")
    stored = OrganisationName.objects.filter(pk=instance.pk).values_list(*fields).first()
    if stored != tuple(getattr(instance, field) for field in fields):
        touch_issues(Issue.objects.filter(publisher=instance.organisation_id))
        if stored is not None:
            touch_issues(Issue.objects.filter(publisher=stored[0]))


@receiver(post_delete, sender=OrganisationName)
def _former_name_deleted(sender, instance, **kwargs):
    touch_issues(Issue.objects.filter(publisher=instance.organisation_id))
