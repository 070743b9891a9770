"""Write a parsed bulletin as a draft issue, all or nothing.

Nothing is published by an import: the result is a draft for an editor to check. Photos are
files, which a rolled back transaction does not remove, so the ones saved are deleted again
when the import fails.
"""

import uuid
from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from PIL import Image as Picture
from PIL import UnidentifiedImageError

from bulletins.models import DEFAULT_MARKING, Footnote, Issue, Section
from documents.linking import resolve

from .errors import BulletinImportError
from .parser import Caption, ListItem, ParseWarning
from .parser import Section as Draft
from .reader import Image, Paragraph, Run, Table

STANDARD_TITLE = "tài liệu phục vụ sinh hoạt chi bộ"
WEB_IMAGE_FORMATS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif", "WEBP": ".webp"}


def import_bulletin(
    bulletin, *, publisher, source_hash=None, replace=False, month=None, year=None, created_by=None
) -> Issue:
    """Create (or, with ``replace``, refill a draft) issue from the bulletin; never publish."""
    month, year = issue_period(bulletin, month, year)
    source_hash = source_hash or bulletin.source_hash
    images = _ImageStore()
    try:
        with transaction.atomic():
            issue = check_import(publisher, year, month, source_hash, replace=replace)
            if issue is None:
                issue = Issue(publisher=publisher, year=year, month=month, created_by=created_by)
            else:
                issue.sections.all().delete()
            issue.title_override = _title(bulletin)
            issue.marking = _marking(bulletin)
            issue.source_hash = source_hash
            issue.import_warnings = bulletin.report()
            issue.save()
            for position, draft in enumerate(bulletin.sections, start=1):
                images.section = draft
                _write_section(issue, draft, position * 10, images)
            issue.renumber_sections()
            if images.left_out:  # nothing is dropped without a word
                issue.import_warnings = [*issue.import_warnings, *images.left_out]
                issue.save(update_fields=["import_warnings"])
    except BaseException:
        images.discard()
        raise
    return issue


def issue_period(bulletin, month=None, year=None):
    """(month, year) given explicitly or read from the header."""
    month = month or bulletin.header.month
    year = year or bulletin.header.year
    if not month or not year:
        raise BulletinImportError(
            _("The file does not say which month it is for: give the month and the year.")
        )
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise BulletinImportError(
            _("%(month)s/%(year)s is not a valid month."), month=month, year=year
        )
    return month, year


def check_import(publisher, year, month, source_hash, *, replace=False):
    """The draft issue to refill, or None for a new one; refuses what must not be overwritten."""
    same_file = Issue.objects.filter(source_hash=source_hash).first() if source_hash else None
    if same_file is not None and not replace:
        raise BulletinImportError(
            _(
                "This file has already been imported as “%(issue)s”. "
                "Choose replace to import it again."
            ),
            issue=same_file,
        )
    # An import makes a regular issue: a thematic one of the same month is another issue.
    regular = Issue.objects.filter(kind=Issue.Kind.REGULAR)
    existing = regular.filter(publisher=publisher, year=year, month=month).first()
    if existing is None:
        return None
    if existing.status != Issue.Status.DRAFT:
        raise BulletinImportError(
            _("“%(issue)s” is already published: an import never replaces a published issue."),
            issue=existing,
        )
    if not replace:
        raise BulletinImportError(
            _("“%(issue)s” already exists as a draft. Choose replace to overwrite its sections."),
            issue=existing,
        )
    return existing


def _title(bulletin):
    """Empty for the standard title, which the issue derives from its month."""
    title = bulletin.header.title or ""
    if " ".join(title.lower().split()) in ("", STANDARD_TITLE):
        return ""
    return title[:255]


def _marking(bulletin):
    marking = bulletin.header.marking
    if not marking or marking.casefold() == DEFAULT_MARKING.casefold():
        return DEFAULT_MARKING
    return marking[:255]


def _write_section(issue, draft: Draft, position, images):
    section = Section.objects.create(
        issue=issue,
        position=position,
        level=draft.level,
        heading=draft.heading,
        body=render_body(draft.body, images.url),
        presented_document=_presented_document(issue, draft),
    )
    Footnote.objects.bulk_create(
        Footnote(section=section, position=index, marker=note.marker[:10], text=note.text)
        for index, note in enumerate(draft.footnotes, start=1)
    )


def _presented_document(issue, draft: Draft):
    """The registry document the heading cites first (registered unverified when unknown)."""
    if not draft.cited_code:
        return None
    linked = resolve(draft.heading, before=issue.period_end)
    return next(
        (document for citation, document, _ in linked if citation.code == draft.cited_code), None
    )


# --- HTML bodies ----------------------------------------------------------------------


def render_body(blocks, image_url=lambda image: None) -> str:
    """Body HTML with only the tags bulletins/html.py allows; text is always escaped."""
    parts, items = [], []
    for block in blocks:
        if isinstance(block, ListItem):
            if items and items[-1].ordered != block.ordered:
                parts.append(_list(items))
                items = []
            items.append(block)
            continue
        if items:
            parts.append(_list(items))
            items = []
        parts.append(_block(block, image_url))
    if items:
        parts.append(_list(items))
    return "".join(part for part in parts if part)


def _block(block, image_url):
    if isinstance(block, Paragraph):
        text = _runs(block.runs)
        return format_html("<p>{}</p>", text) if text else ""
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Caption):
        return _figure(block.image and image_url(block.image), block.text)
    if isinstance(block, Image):
        return _figure(image_url(block), "")
    return ""


def _figure(url, caption):
    image = format_html('<img src="{}" alt="{}">', url, caption) if url else ""
    text = format_html("<figcaption>{}</figcaption>", caption) if caption else ""
    if not image and not text:
        return ""
    return format_html('<figure class="image">{}{}</figure>', image, text)


def _runs(runs) -> str:
    """Escaped text with <strong>, <em> and <sup>; line breaks become spaces."""
    pieces = []
    for run in _merged(runs):
        text = escape(run.text)
        if run.sup:
            text = f"<sup>{text.strip()}</sup>"
        if run.italic and text.strip():
            text = f"<em>{text}</em>"
        if run.bold and text.strip():
            text = f"<strong>{text}</strong>"
        pieces.append(text)
    return mark_safe(" ".join("".join(pieces).split()))  # noqa: S308 - built from escaped text


def _merged(runs):
    """Adjacent runs of the same style joined, so <strong> is not cut at every Word run."""
    merged: list[Run] = []
    for run in runs:
        style = (run.bold, run.italic, run.sup)
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].sup) == style:
            merged[-1] = Run(merged[-1].text + run.text, *style)
        elif run.text:
            merged.append(Run(run.text, *style))
    return merged


def _list(items) -> str:
    """A bulleted list, or a numbered one (Word's "List Number" items); deeper items ("+"
    under "-") nest under the item before them."""
    tag = "ol" if items[0].ordered else "ul"
    html, nested = [], []
    for item in items:
        if item.depth > 1 and html:
            nested.append(format_html("<li>{}</li>", _runs(item.runs)))
            continue
        _close_nested(html, nested, tag)
        html.append(format_html("<li>{}</li>", _runs(item.runs)))
    _close_nested(html, nested, tag)
    return f"<{tag}>" + "".join(html) + f"</{tag}>"


def _close_nested(html, nested, tag):
    if nested and html:
        html[-1] = html[-1][: -len("</li>")] + f"<{tag}>" + "".join(nested) + f"</{tag}></li>"
    nested.clear()


def _table(table: Table) -> str:
    """The first row is the head, with the rows its cells all span down to; merged Word cells
    keep their spans. A span cannot cross from the head into the body, so where the first
    row's cells span unevenly (a label merged down the first column) the table has no head
    part and its first row is a row of header cells."""
    if not table.rows:
        return ""
    spans = {rows for (r, _c), (rows, _cols) in table.spans.items() if r == 0} or {1}
    head = spans.pop() if len(spans) == 1 else 0
    if head >= len(table.rows):
        head = 0
    lines = []
    for r, row in enumerate(table.rows):
        tag = "th" if r < max(head, 1) else "td"
        cells = (_cell(tag, cell, *table.spans.get((r, c), (1, 1))) for c, cell in enumerate(row))
        lines.append(f"<tr>{''.join(cells)}</tr>")
    thead = f"<thead>{''.join(lines[:head])}</thead>" if head else ""
    return (
        f'<figure class="table"><table>{thead}<tbody>{"".join(lines[head:])}</tbody></table>'
        "</figure>"
    )


def _cell(tag, runs, rowspan, colspan):
    spans = "".join(
        f' {name}="{value}"'
        for name, value in (("rowspan", rowspan), ("colspan", colspan))
        if value > 1
    )
    return f"<{tag}{spans}>{_runs(runs)}</{tag}>"


# --- photos ---------------------------------------------------------------------------


class _ImageStore:
    """Saves the photos of a Word file under images/, remembering them to undo a failure."""

    def __init__(self):
        self.saved = []
        self.section = None  # the section being written, to name it in a warning
        self.left_out = []  # warnings: pictures a browser cannot show

    def url(self, image: Image):
        picture = web_image(image.data)
        if picture is None:
            self.left_out.append(
                ParseWarning(
                    "image",
                    _(
                        "A picture in “%(section)s” was left out: a browser cannot show it "
                        "(a Word drawing, chart or clip art). Insert it again as a photo "
                        "(PNG or JPEG)."
                    ),
                    {"section": f"{self.section.number or ''} {self.section.heading}".strip()},
                ).as_json()
            )
            return None
        data, extension = picture
        name = default_storage.save(f"images/{uuid.uuid4().hex}{extension}", ContentFile(data))
        self.saved.append(name)
        return default_storage.url(name)

    def discard(self):
        for name in self.saved:
            default_storage.delete(name)


def web_image(data: bytes):
    """(bytes, extension) of a real raster image a browser shows, or None.

    Other raster formats (BMP, TIFF) are converted to PNG; vector drawings (EMF, WMF) and
    anything Pillow cannot read are left out.
    """
    try:
        with Picture.open(BytesIO(data)) as picture:
            picture.verify()
        with Picture.open(BytesIO(data)) as picture:
            if picture.format in WEB_IMAGE_FORMATS:
                return data, WEB_IMAGE_FORMATS[picture.format]
            picture.load()
            converted = BytesIO()
            picture.save(converted, "PNG")
            return converted.getvalue(), ".png"
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Picture.DecompressionBombError,
    ):
        return None
