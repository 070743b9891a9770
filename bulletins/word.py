"""An issue as a Word file (.docx), laid out as the printed bulletins are.

Editors pass bulletins on as Word files (the central bulletin itself is released as one), so
the export is a document an editor can keep working on: real "Heading 1".."Heading 4"
paragraphs numbered by Word itself (a multilevel list bound to the heading styles, so
1., 1.1., 1.1.1. are never typed), real tables, real footnotes, the photos with their captions
and the marking in the page header. The importer (bulletins/importing) reads such a file back
to the same outline and text; tests/test_word.py holds it to that.

python-docx has no footnote API: the footnotes part is written here with lxml (``_Notes``).
Only images recorded as shown by the exported sections are read, through the media storage.
"""

import re
from io import BytesIO
from urllib.parse import unquote, urlsplit

import lxml.html
from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.files.storage import default_storage
from django.db.models import Prefetch
from django.http import HttpResponse
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.exceptions import InvalidSpanError
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from lxml import etree
from PIL import Image as Picture
from PIL import UnidentifiedImageError

from .models import Footnote, SectionImage

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"

# The bulletin's own words: a bulletin is printed in Vietnamese whatever the editor's language.
TITLE_LINES = ("TÀI LIỆU", "PHỤC VỤ SINH HOẠT CHI BỘ")
ORIENTATION_TITLE = "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ"
ORIENTATION_HEAD = ("Stt", "Nội dung")
CONTENT_TITLE = "II- NỘI DUNG"

FONT = "Times New Roman"
MAX_LEVEL = 4
PICTURE_WIDTH = Cm(15)  # A4 less the margins
MAX_PICTURE_BYTES = 20 * 1024 * 1024
WORD_PICTURE_FORMATS = {"PNG", "JPEG", "GIF"}  # others are converted to PNG

# abstractNum and num ids this module adds to numbering.xml, above those of python-docx's
# template (0..9)
HEADING_NUMBERING = "101"
ORDERED_LIST = "102"
_FIRST_NUM = 110
# Characters XML 1.0 refuses; a pasted text may carry them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")
_INLINE_FORMATS = {
    "strong": "bold",
    "b": "bold",
    "em": "italic",
    "i": "italic",
    "u": "underline",
    "s": "strike",
    "sup": "sup",
    "sub": "sub",
    "mark": "highlight",
    "small": "small",
}
_BLOCK_TAGS = {"p", "h3", "h4", "h5", "h6", "ul", "ol", "table", "figure", "blockquote", "hr"}


def download(issue, sections):
    """The Word file as an attachment, for the admin's and the portal's download views.

    Never stored by a browser or a proxy: a copy of an internal issue stays with its reader.
    """
    response = HttpResponse(issue_docx(issue, sections), content_type=CONTENT_TYPE)
    name = f"tai-lieu-sinh-hoat-chi-bo-{issue.year}-{issue.month:02d}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def issue_docx(issue, sections):
    """The .docx bytes of the issue with these of its sections (all of them for staff, the
    reader's own for a reader's copy), in outline order."""
    sections = sections.filter(issue=issue).order_by("position", "pk")
    images = SectionImage.objects.filter(section__in=sections).values_list("path", flat=True)
    notes = Prefetch("footnotes", queryset=Footnote.objects.order_by("position", "pk"))
    return _Writer(issue, set(images)).write(list(sections.prefetch_related(notes)))


def clean_text(text):
    """The text without the control characters XML cannot hold (pasted from elsewhere)."""
    return _NOT_XML.sub("", text or "")


class _Writer:
    """One document: its styles and lists, the cover, then the sections in order."""

    def __init__(self, issue, image_paths):
        self.issue = issue
        self.image_paths = image_paths
        self.document = Document()
        self.numbering = self.document.part.numbering_part.element
        self.next_num = _FIRST_NUM
        self.notes = _Notes()
        # Looking a style up by its name scans every style: done once, not per paragraph.
        self.style_ids = {style.name: style.style_id for style in self.document.styles}

    def add_paragraph(self, container, text="", style=None):
        paragraph = container.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self.style_ids[style]
        return paragraph

    def add_table(self, container, rows, columns):
        table = container.add_table(rows=rows, cols=columns)
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        return table

    def write(self, sections):
        self._page_setup()
        self._styles()
        self._heading_numbering()
        self._cover()
        self._orientation([s for s in sections if self._depth(s) == 1])
        self._bold_line(CONTENT_TITLE)
        counters = []
        for section in sections:
            counters = self._section(section, counters)
        if self.notes:
            self.notes.attach(self.document)
        stream = BytesIO()
        self.document.save(stream)
        return stream.getvalue()

    # --- page, styles and numbering -------------------------------------------------------

    def _page_setup(self):
        page = self.document.sections[0]
        page.page_width, page.page_height = Cm(21), Cm(29.7)
        page.top_margin = page.bottom_margin = Cm(2)
        page.left_margin, page.right_margin = Cm(3), Cm(2)
        marking = page.header.paragraphs[0]
        marking.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = marking.add_run(clean_text(self.issue.marking))
        run.font.all_caps, run.font.size = True, Pt(10)

    def _styles(self):
        styles = self.document.styles
        normal = styles["Normal"]
        _set_font(normal, Pt(14))
        normal.paragraph_format.space_after = Pt(6)
        normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for level in range(1, MAX_LEVEL + 1):
            style = styles[f"Heading {level}"]
            _set_font(style, Pt(14))
            style.font.bold = True
            style.font.italic = level == MAX_LEVEL
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(6)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if "Caption" in [style.name for style in styles]:
            caption = styles["Caption"]
        else:
            caption = styles.add_style("Caption", WD_STYLE_TYPE.PARAGRAPH)
        _set_font(caption, Pt(12))
        caption.font.italic, caption.font.bold = True, False
        caption.font.color.rgb = RGBColor(0, 0, 0)
        caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def _heading_numbering(self):
        """One multilevel list bound to Heading 1..4: Word prints 1., 1.1., 1.1.1., 1.1.1.1."""
        levels = "".join(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="Heading{index + 1}"/><w:suff w:val="space"/>'
            f'<w:lvlText w:val="{"".join(f"%{n + 1}." for n in range(index + 1))}"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="0"/></w:pPr>'
            "<w:rPr><w:b/></w:rPr></w:lvl>"
            for index in range(MAX_LEVEL)
        )
        ordered = "".join(
            f'<w:lvl w:ilvl="{index}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:lvlText w:val="%{index + 1}."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (index + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for index in range(MAX_LEVEL)
        )
        self._add_abstract(HEADING_NUMBERING, "multilevel", levels)
        self._add_abstract(ORDERED_LIST, "hybridMultilevel", ordered)
        self.add_num(HEADING_NUMBERING, HEADING_NUMBERING)
        for level in range(1, MAX_LEVEL + 1):
            style = self.document.styles[f"Heading {level}"]
            _number(style.element.get_or_add_pPr(), HEADING_NUMBERING, level - 1)

    def _add_abstract(self, key, kind, levels):
        element = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{key}">'
            f'<w:multiLevelType w:val="{kind}"/>{levels}</w:abstractNum>'
        )
        # Schema order: every abstractNum before the first num.
        first_num = self.numbering.find(qn("w:num"))
        if first_num is None:
            self.numbering.append(element)
        else:
            first_num.addprevious(element)

    def add_num(self, abstract, num_id=None, restart=None):
        """A list instance of ``abstract``; ``restart`` {ilvl: start} starts a level anew."""
        if num_id is None:
            num_id, self.next_num = str(self.next_num), self.next_num + 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for ilvl, start in (restart or {}).items()
        )
        self.numbering.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                f'<w:abstractNumId w:val="{abstract}"/>{overrides}</w:num>'
            )
        )
        return num_id

    # --- cover and orientation -------------------------------------------------------------

    def _cover(self):
        """Publisher, title, month and marking, centred, as the first page of a bulletin."""
        issue = self.issue
        publisher = self.document.add_paragraph()
        publisher.alignment = WD_ALIGN_PARAGRAPH.CENTER
        names = [name for name in [issue.publisher_parent_name] if name]
        for index, name in enumerate([*names, issue.publisher_name]):
            run = publisher.add_run(clean_text(name))
            run.bold = run.font.all_caps = True
            if index < len(names):
                run.add_break()
        self._centred("*")
        if issue.title_override:
            lines = [issue.title_override]
        else:  # the standard title, and a thematic issue's topic under it
            lines = [*TITLE_LINES, *([issue.topic] if issue.kind == issue.Kind.THEMATIC else [])]
        for line in filter(None, lines):
            self._centred(clean_text(line), bold=True, caps=True)
        self._centred(f"Tháng {issue.month} năm {issue.year}", bold=True)
        self._centred(clean_text(issue.marking), caps=True)

    def _centred(self, text, bold=False, caps=False):
        paragraph = self.document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.font.all_caps = bold, caps
        return paragraph

    def _bold_line(self, text):
        self.document.add_paragraph().add_run(text).bold = True

    def _orientation(self, main_sections):
        """The table of the main sections that opens every bulletin."""
        self._bold_line(ORIENTATION_TITLE)
        table = self.add_table(self.document, 1 + len(main_sections), 2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, ORIENTATION_HEAD, strict=True):
            cell.paragraphs[0].add_run(text).bold = True
        for row, section in zip(table.rows[1:], main_sections, strict=True):
            row.cells[0].text = section.number.rstrip(".")
            row.cells[1].text = clean_text(section.heading)
        for row in table.rows:
            row.cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            row.cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.LEFT
        _fixed_columns(table, [Cm(1.5), PICTURE_WIDTH - Cm(1.5)])

    # --- sections ---------------------------------------------------------------------------

    @staticmethod
    def _depth(section):
        """The level the section's number shows (a skipped level is printed one below)."""
        parts = section.number.rstrip(".").split(".") if section.number else []
        return min(len(parts), MAX_LEVEL) if parts else min(section.level, MAX_LEVEL)

    def _section(self, section, counters):
        depth = self._depth(section)
        heading = self.add_paragraph(
            self.document, clean_text(section.heading), style=f"Heading {depth}"
        )
        counters = self._keep_number(heading, section, depth, counters)
        notes = list(section.footnotes.all())
        root = lxml.html.fragment_fromstring(section.body or "", create_parent="div")
        body = _Body(self, notes, root)
        body.blocks(root)
        # A note the text does not point to hangs from the heading: it concerns the section.
        for note in notes:
            if note not in body.used:
                self.notes.reference(heading, note)
        return counters

    def _keep_number(self, paragraph, section, depth, counters):
        """Word numbers the headings; where the exported outline leaves a gap (a reader's copy
        without some sections), the list restarts at the issue's own number."""
        parents = counters[: depth - 1] + [0] * (depth - 1 - len(counters))
        expected = [*parents, counters[depth - 1] + 1 if len(counters) >= depth else 1]
        try:
            printed = [int(part) for part in section.number.rstrip(".").split(".")]
        except ValueError:
            return expected
        if len(printed) != depth or printed[:-1] != expected[:-1] or printed == expected:
            return expected
        num_id = self.add_num(HEADING_NUMBERING, restart={depth - 1: printed[-1]})
        _number(paragraph._p.get_or_add_pPr(), num_id, depth - 1)
        return printed

    # --- pictures ---------------------------------------------------------------------------

    def picture(self, source):
        """(bytes) of a recorded media image the document may carry, else None."""
        path = unquote(urlsplit(source or "").path)
        if not path.startswith(settings.MEDIA_URL):
            return None
        name = path.removeprefix(settings.MEDIA_URL)
        if name not in self.image_paths:
            return None
        try:
            if default_storage.size(name) > MAX_PICTURE_BYTES:
                return None
            with default_storage.open(name) as stream:
                return _word_picture(stream.read())
        except (OSError, SuspiciousOperation, ValueError):
            return None


def _word_picture(data):
    """The image as Word reads it (PNG, JPEG, GIF; anything else converted to PNG), or None."""
    try:
        with Picture.open(BytesIO(data)) as picture:
            picture.verify()
        with Picture.open(BytesIO(data)) as picture:
            if picture.format in WORD_PICTURE_FORMATS:
                return data
            picture.load()
            converted = BytesIO()
            picture.save(converted, "PNG")
            return converted.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError,
            Picture.DecompressionBombError):  # fmt: skip
        return None


def _number(properties, num_id, ilvl):
    """Put a paragraph (or paragraph style) on a list, at the schema's place for it."""
    numbering = properties.get_or_add_numPr()
    numbering.get_or_add_ilvl().val = ilvl
    numbering.get_or_add_numId().val = int(num_id)


def _set_font(style, size):
    """The style in Times New Roman for every script; the theme's fonts would win over it."""
    style.font.name, style.font.size = FONT, size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)


def _fixed_columns(table, widths):
    """Column widths Word and LibreOffice both keep (the grid and every cell)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


# --- section bodies ----------------------------------------------------------------------


class _Body:
    """Maps a sanitised section body (bulletins/html.py) to Word paragraphs, lists and tables.

    A ``<sup>`` holding a footnote's marker becomes that footnote's reference, once.
    """

    def __init__(self, writer, notes, root):
        self.writer = writer
        self.notes = notes
        self.used = []
        self.references = _references(root, notes)

    def blocks(self, element, container=None):
        container = container if container is not None else self.writer.document
        loose = []  # inline content outside any paragraph
        if element.text and element.text.strip():
            loose.append(element.text)
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else None
            if tag in _BLOCK_TAGS or tag == "img":
                self._flush(container, loose)
                self.block(child, tag, container)
                self._tail(child, loose)
            elif tag is None:  # a comment
                self._tail(child, loose)
            else:
                loose.append(child)  # with its tail
        self._flush(container, loose)

    @staticmethod
    def _tail(child, loose):
        if child.tail and child.tail.strip():
            loose.append(child.tail)

    def _flush(self, container, loose):
        if loose:
            self.paragraph(container, loose)
            loose.clear()

    def block(self, element, tag, container):
        if tag == "p":
            self.paragraph(container, [element.text or "", *element])
        elif tag in ("h3", "h4", "h5", "h6"):  # a title inside the text, not a section
            self.paragraph(container, [element.text or "", *element], bold=True)
        elif tag == "blockquote":
            start = len(container.paragraphs)
            self.blocks(element, container)
            for paragraph in container.paragraphs[start:]:
                paragraph.paragraph_format.left_indent = Cm(1)
        elif tag in ("ul", "ol"):
            self.list(element, tag == "ol", container, 0)
        elif tag == "table":
            self.table(element, container)
        elif tag == "figure":
            self.figure(element, container)
        elif tag == "img":
            self.image(element, container)

    def paragraph(self, container, content, *, style=None, bold=False):
        paragraph = self.writer.add_paragraph(container, style=style)
        _Inline(self, paragraph, bold=bold).add(content)
        if not paragraph.text.strip() and not paragraph._p.xpath(
            ".//w:drawing | .//w:footnoteReference"
        ):
            paragraph._p.getparent().remove(paragraph._p)  # nothing to show
            return None
        return paragraph

    def list(self, element, ordered, container, depth):
        """Each item a list paragraph; an ordered list is a numbered list of its own."""
        level = min(depth, MAX_LEVEL - 1)
        if ordered:
            style = "List Number"
            start = element.get("start", "1")
            start = int(start) if start.isdigit() and 0 < int(start) < 10000 else 1
            num_id = self.writer.add_num(ORDERED_LIST, restart={level: start})
        else:
            style = "List Bullet" if level == 0 else f"List Bullet {min(level + 1, 3)}"
        for item in element.iterchildren("li"):
            inline = [item.text or ""]
            nested = []
            for child in item:
                tag = child.tag.lower() if isinstance(child.tag, str) else ""
                if tag in ("ul", "ol"):
                    nested.append(child)
                    if child.tail and child.tail.strip():
                        inline.append(child.tail)
                elif tag == "p":
                    inline += [" ", child.text or "", *child, child.tail or ""]
                else:
                    inline.append(child)
            paragraph = self.paragraph(container, inline, style=style)
            if paragraph is not None and ordered:
                _number(paragraph._p.get_or_add_pPr(), num_id, level)
            for child in nested:
                self.list(child, child.tag.lower() == "ol", container, depth + 1)

    def table(self, element, container):
        """A Word table on the HTML table's grid; spanned cells are merged afterwards.

        Cells are reached through the rows' XML: python-docx's ``table.cell`` walks the whole
        table on every call, which a long table cannot afford.
        """
        rows = element.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
        if not rows:
            return
        grid = _grid(rows)
        if not grid[0]:  # rows without a cell
            return
        table = self.writer.add_table(container, len(grid), len(grid[0]))
        done, spans = set(), []
        for r, (row, tr) in enumerate(zip(grid, table._tbl.tr_lst, strict=True)):
            for c, (source, tc) in enumerate(zip(row, tr.tc_lst, strict=True)):
                if source is None or id(source) in done:
                    continue
                done.add(id(source))
                self._cell(_Cell(tc, table), source)
                height, width = _span(source)
                if height > 1 or width > 1:
                    last = (min(r + height, len(grid)) - 1, min(c + width, len(row)) - 1)
                    spans.append(((r, c), last))
        for first, last in spans:
            try:
                table.cell(*first).merge(table.cell(*last))
            except InvalidSpanError:  # spans that overlap: the cells stay apart
                continue
        caption = element.find("caption")
        if caption is not None:
            self.paragraph(container, [caption.text or "", *caption], style="Caption")

    def _cell(self, cell, source):
        first = cell.paragraphs[0]
        self.blocks(source, cell)
        if len(cell.paragraphs) > 1 and not first.text:
            first._p.getparent().remove(first._p)
        for paragraph in cell.paragraphs:
            if paragraph.alignment is None:  # justified, a narrow cell spreads its words
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            if source.tag.lower() == "th":
                for run in paragraph.runs:
                    run.bold = True

    def figure(self, element, container):
        caption = element.find("figcaption")
        for child in element:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            if tag == "table":
                self.table(child, container)
            elif tag != "figcaption":  # the picture, maybe inside a link
                for picture in child.iter("img"):
                    self.image(picture, container)
        if caption is not None:
            self.paragraph(container, [caption.text or "", *caption], style="Caption")

    def image(self, element, container):
        data = self.writer.picture(element.get("src"))
        if data is None:
            return
        paragraph = container.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _picture_run(paragraph, data, element.get("alt", ""))

    def note_for(self, sup):
        """The footnote this ``<sup>`` refers to, if it is a reference."""
        note = self.references.get(sup)
        if note is not None:
            self.used.append(note)
        return note


# A power of a unit after a number ("250 m²", "3 km³"), not a footnote's mark.
_UNIT_BEFORE = re.compile(r"\d\s*(?:k|c|d|m)?m$")


def _references(root, notes):
    """{<sup>: its footnote}: each note is given to one superscript holding its marker.

    A superscript right after a unit and a number is the unit's power; where a marker still
    stands more often than it has notes, the last ones are taken (a reference follows the
    text it notes, a unit tends to stand earlier in the same paragraph)."""
    by_marker = {}
    for note in notes:
        by_marker.setdefault(note.marker.strip(), []).append(note)
    candidates = {}
    for sup in root.iter("sup"):
        marker = " ".join(sup.text_content().split())
        previous = sup.getprevious()
        # "<strong>250 m</strong><sup>2</sup>": the unit may end inside the element before.
        before = (
            previous.text_content() + (previous.tail or "")
            if previous is not None
            else sup.getparent().text
        )
        if marker in by_marker and not _UNIT_BEFORE.search((before or "").rstrip()):
            candidates.setdefault(marker, []).append(sup)
    found = {}
    for marker, sups in candidates.items():
        marked = by_marker[marker]
        found.update(zip(sups[-len(marked) :], marked, strict=False))
    return found


def _picture_run(paragraph, data, alt):
    run = paragraph.add_run()
    shape = run.add_picture(BytesIO(data))
    if shape.width > PICTURE_WIDTH:
        shape.height = int(shape.height * PICTURE_WIDTH / shape.width)
        shape.width = PICTURE_WIDTH
    for properties in run._r.xpath(".//wp:docPr"):
        properties.set("descr", clean_text(alt))
    return run


def _span(cell):
    def number(name):
        value = cell.get(name, "1")
        return max(1, min(int(value), 50)) if value.isdigit() else 1

    return number("rowspan"), number("colspan")


def _grid(rows):
    """The table's cells on a grid: a spanned cell stands in every slot it covers."""
    grid = [[] for _ in rows]
    for r, row in enumerate(rows):
        c = 0
        for cell in row.iterchildren("td", "th"):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            height, width = _span(cell)
            for dr in range(min(height, len(rows) - r)):
                line = grid[r + dr]
                while len(line) < c + width:
                    line.append(None)
                for dc in range(width):
                    line[c + dc] = cell
            c += width
    columns = max((len(line) for line in grid), default=0)
    return [line + [None] * (columns - len(line)) for line in grid]


class _Inline:
    """Runs of one paragraph from inline HTML: text with its formats, breaks, links,
    pictures and footnote references. Whitespace collapses as a browser collapses it."""

    def __init__(self, body, paragraph, *, bold=False):
        self.body = body
        self.paragraph = paragraph
        self.base = {"bold": bold}
        self.space = True  # at the start, leading spaces are dropped

    def add(self, content):
        for piece in content:
            if isinstance(piece, str):
                self.text(piece, self.base, None)
            elif isinstance(piece.tag, str):
                self.element(piece, self.base, None)
                self.text(piece.tail or "", self.base, None)
        self._trim()

    def element(self, element, formats, link):
        tag = element.tag.lower()
        if tag == "br":
            self.paragraph.add_run().add_break()
            self.space = True
            return
        if tag == "img":
            data = self.body.writer.picture(element.get("src"))
            if data is not None:
                _picture_run(self.paragraph, data, element.get("alt", ""))
            return
        if tag == "sup":
            note = self.body.note_for(element)
            if note is not None:
                self.body.writer.notes.reference(self.paragraph, note)
                self.space = False
                return
        if tag == "a" and element.get("href", "").startswith(("http://", "https://", "mailto:")):
            link = element.get("href")
        if tag in _INLINE_FORMATS:
            formats = {**formats, _INLINE_FORMATS[tag]: True}
        self.text(element.text or "", formats, link)
        for child in element:
            if isinstance(child.tag, str):
                self.element(child, formats, link)
            self.text(child.tail or "", formats, link)

    def text(self, text, formats, link):
        text = clean_text(_SPACE.sub(" ", text))
        if self.space:
            text = text.lstrip(" ")
        if not text:
            return
        self.space = text.endswith(" ")
        run = self.paragraph.add_run(text)
        run.bold = formats.get("bold") or None
        run.italic = formats.get("italic") or None
        run.underline = formats.get("underline") or None
        run.font.strike = formats.get("strike") or None
        if formats.get("sup"):  # one property, vertAlign: setting the other clears it
            run.font.superscript = True
        elif formats.get("sub"):
            run.font.subscript = True
        if formats.get("highlight"):
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if formats.get("small"):
            run.font.size = Pt(12)
        if link:
            self._link(run, link)

    def _link(self, run, url):
        part = self.paragraph.part
        key = part.relate_to(url, RT.HYPERLINK, is_external=True)
        hyperlink = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{key}"/>')
        run._r.addprevious(hyperlink)
        hyperlink.append(run._r)
        run.underline = True

    def _trim(self):
        runs = self.paragraph.runs
        if runs and runs[-1].text.endswith(" "):
            runs[-1].text = runs[-1].text.rstrip(" ")


# --- footnotes ---------------------------------------------------------------------------


class _Notes:
    """The footnotes part, which python-docx does not write.

    Word numbers footnotes itself (1, 2, 3 in the order of their references); a note whose
    marker is not the next of that count ("*", or markers that restart in every section) keeps
    its own marker as a custom mark. As in Word's own files, ids -1 and 0 are the separators,
    which the document's settings name.
    """

    W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    def __init__(self):
        self.notes = []  # (id, marker or None for Word's number, text)
        self.counted = 0

    def __bool__(self):
        return bool(self.notes)

    def reference(self, paragraph, note):
        key = len(self.notes) + 1
        marker = clean_text(note.marker.strip()) or "*"
        automatic = marker == str(self.counted + 1)
        if automatic:
            self.counted += 1
        self.notes.append((key, None if automatic else marker, clean_text(note.text)))
        run = paragraph.add_run()
        run.font.superscript = True
        reference = run._r.makeelement(qn("w:footnoteReference"), {qn("w:id"): str(key)})
        if not automatic:
            reference.set(qn("w:customMarkFollows"), "1")
        run._r.append(reference)
        if not automatic:
            text = run._r.makeelement(qn("w:t"), {})
            text.text = marker
            run._r.append(text)

    def xml(self):
        w = f"{{{self.W}}}"
        root = etree.Element(f"{w}footnotes", nsmap={"w": self.W})
        for key, kind in ((-1, "separator"), (0, "continuationSeparator")):
            note = etree.SubElement(root, f"{w}footnote", {f"{w}type": kind, f"{w}id": str(key)})
            run = etree.SubElement(etree.SubElement(note, f"{w}p"), f"{w}r")
            etree.SubElement(run, f"{w}{kind}")
        for key, marker, text in self.notes:
            note = etree.SubElement(root, f"{w}footnote", {f"{w}id": str(key)})
            paragraph = etree.SubElement(note, f"{w}p")
            spacing = etree.SubElement(etree.SubElement(paragraph, f"{w}pPr"), f"{w}spacing")
            spacing.set(f"{w}after", "0")
            mark = etree.SubElement(paragraph, f"{w}r")
            properties = etree.SubElement(mark, f"{w}rPr")
            etree.SubElement(properties, f"{w}vertAlign", {f"{w}val": "superscript"})
            if marker is None:
                etree.SubElement(mark, f"{w}footnoteRef")
            else:
                etree.SubElement(mark, f"{w}t").text = marker
            body = etree.SubElement(paragraph, f"{w}r")
            etree.SubElement(etree.SubElement(body, f"{w}rPr"), f"{w}sz", {f"{w}val": "24"})
            content = etree.SubElement(body, f"{w}t", {_XML_SPACE: "preserve"})
            content.text = f" {text}"
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    def attach(self, document):
        part = Part(
            PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, self.xml(), document.part.package
        )
        document.part.relate_to(part, RT.FOOTNOTES)
        settings = document.settings.element
        separators = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>"
        )
        following = settings.find(qn("w:endnotePr"))  # the schema's order: footnotePr first
        following = following if following is not None else settings.find(qn("w:compat"))
        if following is None:
            settings.append(separators)
        else:
            following.addprevious(separators)


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
