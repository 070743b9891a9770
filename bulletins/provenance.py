"""Sections taken from a higher publisher's issue, and what happens when the source changes.

A city or province board builds its issue from the central bulletin (or the province's): its
editors take sections, each with its subsections, footnotes, cited documents and cell types,
into their own draft. Every copy remembers its source, the source's version and a credit that
readers see ("Theo ... của Ban Tuyên giáo và Dân vận Trung ương"). When the source is corrected
later, the editors of every issue that took it decide: apply the new text, or keep theirs.
Both decisions are taken once, under a row lock, and recorded as a revision with a comment.

Who may read the higher issue and write to the draft is the staff policy's rule
(``TAKE_FROM`` and ``CHANGE`` in bulletins.policy).
"""

import difflib
import html
import re

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Footnote, Issue, Section
from .policy import CHANGE, REFUSED, TAKE_FROM, policy


def credit_for(issue):
    """The line readers see under a taken section; the publisher as named on publication."""
    return f"Theo {issue.title} của {issue.publisher_name}"


def with_subtrees(outline, chosen_ids):
    """The chosen sections of an ordered outline with everything under them, in order, each
    with the level it gets as a copy (a chosen subsection becomes a main section)."""
    taken, root_level = [], None
    for section in outline:
        if root_level is not None and section.level > root_level:
            taken.append((section, section.level - root_level + 1))
            continue
        root_level = None
        if section.pk in chosen_ids:
            root_level = section.level
            taken.append((section, 1))
    return taken


@transaction.atomic
def take(sections, into_issue, user, after=None):
    """Copy ``sections`` (of one higher issue) with their subtrees into a draft, after the
    main section ``after`` and its subsections (at the end when None). Returns the copies.

    Refuses, writing nothing, what the policy does not allow, a target that is not a draft,
    a choice from several issues or an empty one, and a section the draft already took.
    """
    into = Issue.objects.select_for_update().get(pk=into_issue.pk)
    if not policy.can(user, CHANGE, into):
        raise PermissionDenied(REFUSED)
    if into.status != Issue.Status.DRAFT:
        raise ValidationError(_("Sections can only be taken into a draft."), code="not_draft")
    chosen = {section.pk for section in sections}
    sources = {section.issue_id for section in sections}
    if not chosen or len(sources) != 1:
        raise ValidationError(_("Choose sections of one issue to take."), code="no_choice")
    source = Issue.objects.with_publisher().get(pk=sources.pop())
    if not policy.can(user, TAKE_FROM, source):
        raise PermissionDenied(REFUSED)
    outline = source.sections.order_by("position", "pk").prefetch_related(
        "footnotes", "cited_documents", "cell_types"
    )
    taken = with_subtrees(outline, chosen)
    already = into.sections.filter(source__in=[section for section, _level in taken])
    if already.exists():
        raise ValidationError(
            _("This draft already has “%(heading)s” from that issue."),
            params={"heading": already.first().heading},
            code="taken_twice",
        )
    if after is not None and (after.issue_id != into.pk or after.level != 1):
        raise ValidationError(_("Choose a main section of this draft."), code="bad_place")
    credit = credit_for(source)
    with reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(gettext("Taken from %(issue)s") % {"issue": credit})
        copies = [_copy(section, level, into, credit) for section, level in taken]
    _place(into, copies, after)
    return copies


def _copy(section, level, into, credit):
    copy = Section.objects.create(
        issue=into,
        level=level,
        heading=section.heading,
        body=section.body,
        presented_document_id=section.presented_document_id,
        event_id=section.event_id,
        source=section,
        source_version=section.version,
        source_credit=credit,
    )
    copy.cited_documents.set(section.cited_documents.all())
    copy.cell_types.set(section.cell_types.all())
    _copy_footnotes(section.footnotes.all(), copy)
    return copy


def _copy_footnotes(footnotes, copy):
    Footnote.objects.bulk_create(
        Footnote(section=copy, position=note.position, marker=note.marker, text=note.text)
        for note in footnotes
    )


def _place(into, copies, after):
    """Put the copies after ``after``'s subtree (or at the end) and number the outline."""
    new = {copy.pk for copy in copies}
    sections = into.sections.order_by("position", "pk").only("pk", "level", "position")
    outline = [section for section in sections if section.pk not in new]
    at = len(outline)
    if after is not None:
        index = next(i for i, section in enumerate(outline) if section.pk == after.pk)
        following = (i for i in range(index + 1, len(outline)) if outline[i].level == 1)
        at = next(following, len(outline))
    ordered = [*outline[:at], *copies, *outline[at:]]
    for position, section in enumerate(ordered, start=1):
        section.position = position * 10
    Section.objects.bulk_update(ordered, ["position"])
    into.renumber_sections()


# Upstream corrections ------------------------------------------------------------------------


def pending(user):
    """Taken sections whose source changed since, in the issues the user may change: the
    editors' drafts, and for approvers the published issues too (applying is a correction)."""
    issues = policy.issues_for(user, CHANGE).exclude(status=Issue.Status.WITHDRAWN)
    released = policy.issues_for(user, TAKE_FROM)  # a source back in its drafts waits
    return (
        Section.objects.filter(issue__in=issues.values("pk"), source__isnull=False)
        .filter(source__version__gt=F("source_version"), source__issue__in=released.values("pk"))
        .select_related("issue", "source")
        .order_by("issue", "position", "pk")
    )


_BLOCK_END = re.compile(r"<br\s*/?>|</(?:p|li|h\d|tr|blockquote|figcaption)>", re.IGNORECASE)
_PARAGRAPH = "\n"


def words(section, footnotes=None):
    """The heading, body paragraphs and footnotes as words, paragraph breaks kept."""
    notes = section.footnotes.all() if footnotes is None else footnotes
    paragraphs = [
        section.heading,
        *html.unescape(strip_tags(_BLOCK_END.sub("\n", section.body))).splitlines(),
        *(f"({note.marker}) {note.text}" for note in notes),
    ]
    tokens = []
    for paragraph in filter(str.strip, paragraphs):
        tokens.extend([*paragraph.split(), _PARAGRAPH])
    return tokens


def difference(copy):
    """What applying the source would change in the copy: (kind, text) runs, kind being
    "equal", "delete" (only in the copy) or "insert" (only in the source)."""
    before, after = words(copy), words(copy.source)
    runs = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            runs.append(("delete", before[a1:a2]))
        if op in ("insert", "replace"):
            runs.append(("insert", after[b1:b2]))
        if op == "equal":
            runs.append(("equal", before[a1:a2]))
    return runs


def difference_html(copy):
    """The difference as escaped HTML: removed words in <del>, added ones in <ins>."""
    tags = {"equal": "span", "delete": "del", "insert": "ins"}
    pieces = []
    for kind, tokens in difference(copy):
        text = " ".join(tokens).split(_PARAGRAPH)
        pieces.append(
            format_html(
                "<{}>{}</{}>",
                tags[kind],
                format_html_join(mark_safe("<br>"), "{}", ((part.strip(),) for part in text)),
                tags[kind],
            )
        )
    return format_html_join(" ", "{}", ((piece,) for piece in pieces))


APPLY = "apply"
KEEP = "keep"


@transaction.atomic
def decide(copy, user, decision, seen_version, reason="", *, copy_version=None):
    """Apply the corrected source to the copy, or keep the copy's text; exactly once.

    ``seen_version`` is the source version whose difference the user looked at: a source
    corrected again since is refused, so nobody applies a text they have not seen; with
    ``copy_version``, the copy's version then, neither is a colleague's later edit of the copy
    overwritten unseen. Applying
    to an issue readers may have seen is a correction: approvers only (the policy), with a
    reason.
    """
    if decision not in (APPLY, KEEP):
        raise ValidationError(_("Choose to apply or to keep."), code="decision")
    copy = Section.objects.select_for_update().select_related("issue").get(pk=copy.pk)
    policy.check(user, CHANGE, copy)
    source = copy.source
    if source is not None:
        policy.check(user, TAKE_FROM, source)  # released, not back in its publisher's drafts
    if source is None or source.version <= (copy.source_version or 0):
        raise ValidationError(_("This change of the source was already dealt with."), code="done")
    if seen_version != source.version:
        raise ValidationError(
            _("The source was changed again meanwhile: look at the new difference."),
            code="stale",
        )
    if copy_version is not None and copy_version != copy.version:
        raise ValidationError(
            _("A colleague changed this section meanwhile: look at the difference again."),
            code="stale_copy",
        )
    reason = reason.strip()
    if decision == APPLY and copy.issue.was_published and not reason:
        raise ValidationError(_("Say what is corrected and why."), code="reason")
    with reversion.create_revision():
        reversion.set_user(user)
        if decision == APPLY:
            comment = gettext("Correction of the source applied: %(credit)s")
        else:
            comment = gettext("Correction of the source not applied: %(credit)s")
        comment %= {"credit": copy.source_credit}
        reversion.set_comment(f"{comment} — {reason}" if reason else comment)
        copy.source_version = source.version
        if decision == APPLY:
            copy.heading, copy.body = source.heading, source.body
            copy.save()
            copy.footnotes.all().delete()
            _copy_footnotes(source.footnotes.all(), copy)
        else:
            copy.save(update_fields=["source_version"])
    return copy
