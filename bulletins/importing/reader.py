"""Turn a bulletin file into a flat list of logical blocks, one reader per format.

Readers only say what the file contains (paragraphs with their bold/italic/superscript runs,
tables, images, footnote texts); deciding what a block means (a heading, a caption, the
orientation table) is the parser's job, so every format goes through the same rules.

Text files come in two shapes: one paragraph per line (text saved from Word, Markdown) and
hard-wrapped lines (text extracted from PDF), where paragraphs have to be rejoined. A PDF is
read from its text layer with the position and font of each line, so its paragraphs are
rebuilt from the page's geometry instead.
"""

import html
import itertools
import re
import unicodedata
import zipfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from io import BytesIO
from pathlib import PurePosixPath

from django.utils.translation import gettext_lazy as _

from . import legacy, pdf_tables
from .errors import BulletinImportError
from .limits import check_archive, check_deadline, check_xml

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_RUN = re.compile("[⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    sup: bool = False


@dataclass
class Paragraph:
    """A paragraph; ``\\n`` in a run is a line break inside it (header lines, wrapped captions).

    ``detached`` says the paragraph stands apart the way a photo caption does: after an empty
    space where a picture stood, or indented after a finished paragraph in PDF text (then
    ``loosely``, a weaker hint).
    """

    runs: list[Run]
    style_level: int | None = None  # Word "Heading N" style or Markdown "#"
    caption_style: bool = False
    detached: bool = False
    loosely: bool = False
    footnote: bool = False  # the text of a Word footnote, placed after its reference
    ordered_depth: int | None = None  # an item of a Word numbered list ("List Number" style)
    label: str = ""  # the number Word's automatic numbering put before the text ("2.1.")

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Table:
    rows: list[list[list[Run]]]
    may_wrap: bool = False  # from text or PDF, where a long row runs over several lines
    spans: dict = field(default_factory=dict)  # (row, cell) -> (rowspan, colspan), from Word

    def cell_texts(self, row):
        return [" ".join("".join(run.text for run in cell).split()) for cell in row]


@dataclass
class Image:
    data: bytes
    extension: str


@dataclass
class Omission:
    """Where the reader left something out, or undid its layout: the import reports it with
    the section it falls in, which only the parser knows (see ``read_bytes``)."""

    message: str  # says where with %(place)s
    params: dict = field(default_factory=dict)


UNKNOWN_CONTENT = _(
    "Content of a kind the import does not read (%(kind)s) in %(place)s was left out: open the "
    "file in Word, save it again and import it again, or copy that content as text."
)
RUNNING_LINES_LEFT_OUT = _(
    "Lines repeated at the top or bottom of the pages (%(lines)s) were left out as running "
    "headers or footers: check that they are not part of the text."
)
DRAWING_LEFT_OUT = _(
    "A chart, SmartArt or drawn shape in %(place)s was left out: a browser cannot show it. "
    "Insert it again as a picture (PNG or JPEG)."
)
NESTED_TABLE = _(
    "A table inside a table cell in %(place)s was moved after that table: check where it belongs."
)
LAYOUT_UNDONE = _(
    "A table laying out pictures in %(place)s was undone: its pictures and texts now follow one "
    "another. Lay them out again if needed."
)


READERS = {}


def reader(*extensions):
    def register(function):
        for extension in extensions:
            READERS[extension] = function
        return function

    return register


def read_blocks(data: bytes, extension: str) -> list:
    """The blocks of a file's content, by its extension (".docx", ".md", ".txt")."""
    read = READERS.get(extension.lower())
    if read is None:
        raise BulletinImportError(
            _(
                "Unsupported file type “%(extension)s”: "
                "use a Word (.docx), PDF (.pdf), Markdown (.md) or text (.txt) file."
            ),
            extension=extension or "?",
        )
    if not data.strip():
        raise BulletinImportError(_("The file is empty."))
    return read(data)


@reader(".doc")
def read_legacy_word(data: bytes) -> list:
    """Converted by LibreOffice when installed (see legacy.py), then read as a .docx."""
    return read_docx(legacy.to_docx(data))


# --- text and Markdown ----------------------------------------------------------------


@reader(".md", ".markdown")
def read_markdown(data: bytes) -> list:
    return _text_blocks(_decode(data), wrapped=False)


@reader(".txt")
def read_text(data: bytes) -> list:
    text = _decode(data)
    return _text_blocks(text, wrapped=_is_hard_wrapped(text.split("\n")))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif b"\x00" in data:
        raise BulletinImportError(_("The file is not a text file."))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")  # Vietnamese Windows code page
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return unicodedata.normalize("NFC", text)


def _is_hard_wrapped(lines) -> bool:
    """PDF text: no line is long, and most lines are nearly as long as the longest ones."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 20 or lengths[-1] > 120:
        return False
    full = lengths[int(len(lengths) * 0.9)]
    return sum(length >= 0.75 * full for length in lengths) >= 0.4 * len(lengths)


_LIST_START = re.compile(r"^(?:[-–+•●▪]|\*(?=\s|\*\*\s))\s*")
_NUMBERED_START = re.compile(
    r"^(?:\d{1,2}(?:\.\s?\d{1,2})*\.?\s+|\(\d{1,2}\)\s*|[IVX]{1,4}\s*[-.–]\s*)(?=\S)"
)
_BARE_NUMBER = re.compile(r"\d{1,2}[.)]?")  # a table row's number on its own line
_FOOTNOTE_START = re.compile(r"^(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\^[^\]]+\]:)\s*\S")
_HEADING_NUMBER = re.compile(r"^\d{1,2}(?:\.\s?\d{1,2})*\.?\s+\S")
_TERMINAL = re.compile(r"[.!?:;…]['\"”’»)*]*$")
_ROMAN_HEADING = re.compile(r"^[IVX]{1,4}\s*[-.–]\s*\S")
_SENTENCE_END = re.compile(r"[.!?:…]['\"”’»)*]*$")  # a wrapped line may end with ";"
# A line ending with one of these words cannot end a paragraph or a heading ("... của Thành
# ủy Cao Bằng về" / "Xây dựng mô hình ..."), whatever the next line starts with.
_DANGLING = re.compile(
    r"(?:^|\s)(?:về|của|và|với|các|những|cho|tại|trong|để|theo|là|từ|đến|số|ngày|nhằm|"
    r"đối với|cùng|hoặc|như|có|được|bị|đã|sẽ|đang)$",
    re.IGNORECASE,
)
# Of those, the ones a heading can end with ("Những kết quả đạt được"): before a capital, they
# do not hold a numbered heading's first line open.
_HEADING_END = re.compile(r"(?:^|\s)(?:là|có|được|bị|đã|sẽ|đang)$", re.IGNORECASE)


def _starts_block(line: str) -> bool:
    """A list item, a numbered line, a footnote or a table row starts here.

    "- dịch vụ ..." or "13 đơn vị ..." in lower case is the end of a wrapped sentence instead.
    """
    line = line.lstrip()
    for marker in (_LIST_START, _NUMBERED_START):
        start = marker.match(line)
        if start:
            return not line[start.end() :][:1].islower()
    return bool(_FOOTNOTE_START.match(line) or line.startswith("|") or _BARE_NUMBER.fullmatch(line))


def _text_blocks(text: str, *, wrapped: bool) -> list:
    paragraphs = _reflow(text.split("\n")) if wrapped else _markdown_paragraphs(text.split("\n"))
    blocks = []
    for lines, detached, loosely in paragraphs:
        if len(lines) > 1 and all("\t" in line for line in lines):
            rows = [[_inline(cell.strip()) for cell in line.split("\t")] for line in lines]
            blocks.append(Table(rows, may_wrap=True))
        elif lines[0].startswith("|"):
            blocks.append(_pipe_table(lines))
        else:
            blocks.append(_text_paragraph("\n".join(lines), detached, loosely))
    return blocks


def _text_paragraph(text: str, detached: bool, loosely: bool) -> Paragraph:
    """A paragraph of text; a list marker is kept as text, not read as Markdown emphasis."""
    style_level, lead = None, []
    heading = re.match(r"^(#{1,6})\s+", text)
    if heading:
        style_level, text = len(heading.group(1)), text[heading.end() :]
    item = _LIST_START.match(text)
    if item:
        lead, text = [Run(text[: item.end()].strip() + " ")], text[item.end() :]
    runs = lead + _inline(text)
    return Paragraph(runs, style_level=style_level, detached=detached, loosely=loosely)


def _pipe_table(lines) -> Table:
    rows = []
    for line in lines:
        cells = line.strip().strip("|").split("|")
        if all(re.fullmatch(r"\s*:?-*:?\s*", cell) for cell in cells):
            continue  # the |---|---| separator row
        rows.append([_inline(cell.strip()) for cell in cells])
    return Table(rows, may_wrap=True)


def _is_table_line(line: str) -> bool:
    return line.startswith("|") or "\t" in line


def _markdown_paragraphs(lines):
    """(lines, detached, False) per paragraph: blank lines separate paragraphs, and two or more
    of them mark the place of a photo. A list item, numbered line or table row starts a new
    block even without a blank line before it."""
    blocks, blanks = [], 0
    for line in lines:
        # a table row keeps its leading tab: its first cell is empty (a wrapped row)
        line = line.strip(" \r") if "\t" in line.strip(" \r") else line.strip()
        if not line.strip():
            blanks += 1
            continue
        current = blocks[-1][0] if blocks and not blanks else None
        same_kind = current and _is_table_line(current[-1]) == _is_table_line(line)
        if same_kind and (_is_table_line(line) or not _starts_block(line)):
            current.append(line)
            continue
        blocks.append(([line], blanks >= 2 and bool(blocks), False))
        blanks = 0
    return _join_page_breaks(blocks)


def _join_page_breaks(blocks):
    """Join a paragraph cut by a page break: it went on in lower case after no full stop."""
    joined = []
    for lines, detached, loosely in blocks:
        previous = joined[-1][0] if joined else None
        if (
            previous
            and lines[0][:1].islower()
            and not _TERMINAL.search(previous[-1])
            and not _is_table_line(previous[-1])
            and not (_HEADING_NUMBER.match(previous[0]) and len(previous[-1]) < 150)
        ):
            previous[-1] = f"{previous[-1]} {lines[0]}"
            previous.extend(lines[1:])
            continue
        joined.append((lines, detached, loosely))
    return joined


_PAGE_NUMBER = re.compile(r"^\d{1,3}$")


def _reflow(lines):
    """Rejoin hard-wrapped PDF lines into paragraphs: (one-line list, detached, loosely)."""
    entries = _wrapped_entries(lines)
    lengths = sorted(len(text) for text, _, _ in entries)
    long_line = 0.75 * lengths[int(len(lengths) * 0.9)] if lengths else 0
    paragraphs = []
    for text, indented, gap in entries:
        current = paragraphs[-1] if paragraphs else None
        if current and not gap and _continues(current, text, long_line):
            current.lines.append(text)
            continue
        finished = current is None or _TERMINAL.search(current.lines[-1])
        loosely = indented and bool(finished) and not _starts_block(text)
        paragraphs.append(_Wrapped([text], gap and current is not None, loosely))
    return [(_unwrap(p.lines), p.detached, p.loosely) for p in paragraphs]


@dataclass
class _Wrapped:
    lines: list
    detached: bool
    loosely: bool

    @property
    def numbered(self):
        return bool(_HEADING_NUMBER.match(self.lines[0]))


def _unwrap(lines):
    text = lines[0]
    for line in lines[1:]:
        # "Kế hoạch số 76-" / "KH/TU": a code cut at its dash is glued back.
        text = f"{text}{line}" if re.search(r"\d\s?[-–]$", text) else f"{text} {line}"
    return [text]


def _wrapped_entries(lines):
    """(text, indented, after a gap) for each line of PDF text, page numbers dropped.

    A line of spaces is where a picture stood; the one after a page number is not.
    """
    entries, gap, blank_run, quiet = [], False, 0, 0
    for line in lines:
        stripped = line.strip()
        if not stripped:
            if line and not quiet:
                gap = True
            blank_run += 1
            quiet = max(0, quiet - 1)
            continue
        if _PAGE_NUMBER.match(stripped) and blank_run >= 2:
            gap, quiet = False, 3
            continue
        entries.append((stripped, line[:1].isspace(), gap))
        gap, blank_run, quiet = False, 0, 0
    return entries


def _continues(paragraph, text, long_line) -> bool:
    """Whether a wrapped line goes on with the paragraph above it."""
    last = paragraph.lines[-1]
    if _starts_block(text):
        return False
    if text[:1].islower() or text[:1] in ",.;:)”’…":
        return True
    if _DANGLING.search(last):
        return not (paragraph.numbered and len(paragraph.lines) == 1 and _HEADING_END.search(last))
    if _ROMAN_HEADING.match(paragraph.lines[0]) and last.isupper() and text.isupper():
        return len(paragraph.lines) < 3  # a heading in capitals wrapped over two lines
    # Captions and headings are short: after their first lines, only a continuation in lower
    # case or after a dangling word belongs to them.
    lines = len(paragraph.lines)
    caption_like = (paragraph.detached or paragraph.loosely) and lines <= 2
    if _SENTENCE_END.search(last) or caption_like or (paragraph.numbered and lines == 2):
        return False
    if paragraph.numbered and lines == 1 and len(text) >= long_line:
        return False  # a full line after a heading's first line is its body's first line
    return len(last) >= long_line


# --- inline Markdown and HTML ---------------------------------------------------------

_INLINE = re.compile(
    r"(?P<escape>\\[*_\\\[\]])"
    r"|(?P<stars>\*{1,3})"
    r"|(?P<note>\[\^(?P<note_mark>[^\]\s]+)\]:?)"
    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
    r"|<(?P<close>/?)(?P<tag>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>"
)
_TAG_STYLES = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "sup": "sup"}


def _inline(text: str) -> list[Run]:
    """Runs of a Markdown line: **bold**, *italic*, <i>, <sup>, [^1] and ¹ footnote marks."""
    runs: list[Run] = []
    state = {"bold": False, "italic": False, "sup": False}
    position = 0

    def emit(chunk, **override):
        if chunk:
            values = {**state, **override}
            runs.append(Run(html.unescape(chunk), values["bold"], values["italic"], values["sup"]))

    for match in _INLINE.finditer(text):
        emit(text[position : match.start()])
        position = match.end()
        if match.group("escape"):
            emit(match.group("escape")[1])
        elif match.group("stars"):
            stars = len(match.group("stars"))
            if stars != 1:
                state["bold"] = not state["bold"]
            if stars != 2:
                state["italic"] = not state["italic"]
        elif match.group("note"):
            emit(match.group("note_mark"), sup=True)
        elif match.group("sup"):
            emit(match.group("sup").translate(SUPERSCRIPTS), sup=True)
        elif match.group("tag").lower() == "br":
            emit("\n")
        else:
            style = _TAG_STYLES.get(match.group("tag").lower())
            if style:
                state[style] = not match.group("close")
    emit(text[position:])
    return runs


# --- Word -----------------------------------------------------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


@reader(".docx")
def read_docx(data: bytes) -> list:
    import docx  # python-docx: loaded only when a Word file is read
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            check_archive(archive)
            check_xml(archive)
        document = docx.Document(BytesIO(data))
        return _WordReader(document).blocks()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        PackageNotFoundError,
        KeyError,
        ValueError,
        EOFError,
        NotImplementedError,
        etree.XMLSyntaxError,
        RecursionError,
    ) as error:
        raise BulletinImportError(
            _("The file is not a valid Word document (.docx); open it in Word and save it again.")
        ) from error


class _WordReader:
    """Walks the document body in order; tables, images, text boxes and footnotes included."""

    def __init__(self, document):
        self.document = document
        self.part = document.part
        self.styles = {style.style_id: style for style in document.styles}
        self.numbering = _Numbering(self.part, self.styles)
        self.footnotes = _note_texts(self.part)
        self.footnote_marks = {}
        self.out = []

    def blocks(self):
        for child in _blocks(self.document.element.body):
            check_deadline()
            self._element(child)
        return self.out

    def _element(self, element):
        if element.tag == f"{W}p":
            self._paragraph(element)
        elif element.tag == f"{W}tbl":
            self._table(element)
        elif not (element.tag.startswith(W) and _SILENT.fullmatch(element.tag.removeprefix(W))):
            self.out.append(Omission(UNKNOWN_CONTENT, {"kind": element.tag.rpartition("}")[2]}))

    def _aside(self, elements):
        """The blocks of these elements, read aside to be placed later (after a table)."""
        out, self.out = self.out, []
        try:
            for element in elements:
                self._element(element)
            return self.out
        finally:
            self.out = out

    def _table(self, element):
        """A one-cell box, or a table laying out pictures (at least half its cells hold one:
        the others their captions), is read as the blocks its cells hold, so that a heading or
        a caption in it is one; any other table is kept as a table, a logo in a cell of a table
        of figures following it."""
        rows = [list(_unwrapped(row, f"{W}tc")) for row in _unwrapped(element, f"{W}tr")]
        cells = [cell for row in rows for cell in row]
        if len(cells) == 1 or 2 * sum(map(_has_picture, cells)) >= len(cells):
            if len(cells) > 1:
                self.out.append(Omission(LAYOUT_UNDONE))
            for cell in cells:
                for child in _blocks(cell):
                    self._element(child)
            return
        # A cell's pictures, nested tables and the texts of its footnotes follow the table, in
        # order: the footnote marks stay in the cells, and nothing a cell holds is dropped.
        notes, later = [], []
        with self.numbering.apart():
            table = self._grid(rows, notes, later)
        self.out.append(table)
        self.out.extend(later)
        self._notes(notes)

    def _grid(self, rows, notes, later):
        """The table with its merged cells: a cell spanning columns (gridSpan) or rows (vMerge,
        whose continuation cells are left out) keeps its span."""
        table = Table([])
        above = {}  # grid column -> (row, cell) of the cell merged down from there
        for cells in rows:
            row, column = [], 0
            for cell in cells:
                width, merge = _cell_merge(cell)
                runs = self._cell(cell, notes, later)
                top = above.get(column) if merge == "continue" else None
                if top is not None:
                    rowspan, colspan = table.spans[top]
                    table.spans[top] = (rowspan + 1, colspan)
                    if "".join(run.text for run in runs).strip():
                        table.rows[top[0]][top[1]] += [Run("\n"), *runs]
                else:
                    place = (len(table.rows), len(row))
                    table.spans[place] = (1, width)
                    above[column] = place if merge == "restart" else None
                    row.append(runs)
                column += width
            table.rows.append(row)
        return table

    def _cell(self, cell, notes, later):
        """A cell's text, a line per paragraph; what else it holds goes to ``later``."""
        runs = []
        for child in _blocks(cell):
            if child.tag != f"{W}p":
                if child.tag == f"{W}tbl":
                    later.append(Omission(NESTED_TABLE))
                later += self._aside([child])
                continue
            if runs:
                runs.append(Run("\n"))
            label = self.numbering.label(child, self._style(child))
            for piece in _labelled(self._runs(child, notes), label):
                (runs if isinstance(piece, Run) else later).append(piece)
            later += self._aside(_box_blocks(child))
        return runs

    def _paragraph(self, element):
        style = self._style(element)
        runs = []
        label = self.numbering.label(element, style)
        ordered = None
        if label and style is not None and style.name.lower().startswith("list number"):
            # an item of a numbered list in the text: its number is the list's, not a heading's
            ordered, label = self.numbering.depth(element, style), ""
        notes = []
        for piece in _labelled(self._runs(element, notes), label):
            if isinstance(piece, Run):
                runs.append(piece)
                continue
            self._flush(runs, style, ordered, label)
            self.out.append(piece)
            label = ""
            runs = []
        self._flush(runs, style, ordered, label)
        self._notes(notes)
        for child in _box_blocks(element):
            self._element(child)

    def _notes(self, notes):
        """The texts of the footnotes referenced in what was just read, after it."""
        for mark, note_runs in notes:
            self.out.append(Paragraph([Run(mark, sup=True), Run(" "), *note_runs], footnote=True))

    def _flush(self, runs, style, ordered=None, label=""):
        if "".join(run.text for run in runs).strip():
            name = style.name if style is not None else ""
            level = re.match(r"(?:heading|tiêu đề)\s*(\d)$", name, re.IGNORECASE)
            self.out.append(
                Paragraph(
                    runs,
                    style_level=int(level.group(1)) if level else None,
                    caption_style=name.lower() == "caption",
                    ordered_depth=ordered,
                    label=label,
                )
            )

    def _style(self, element):
        style_id = element.find(f"{W}pPr/{W}pStyle")
        style_id = style_id.get(f"{W}val") if style_id is not None else None
        return self.styles.get(style_id) if style_id else None

    def _runs(self, paragraph, notes):
        """Runs, images and footnote marks of a paragraph, hyperlinks and insertions included;
        the paragraphs of its text boxes are read apart (_box_blocks)."""
        pieces = []
        for run in _own(paragraph, f"{W}r"):
            if run.getparent().tag in (f"{W}del", f"{W}moveFrom"):
                continue
            properties = run.find(f"{W}rPr")
            bold, italic, sup = (
                _flag(properties, "b"),
                _flag(properties, "i"),
                _superscript(properties),
            )
            custom = None  # a footnote whose own mark ("*") is the text that follows
            for child in run:
                if child.tag == f"{W}t" and custom is not None:
                    mark = (child.text or "").strip() or self._footnote_mark(custom)
                    pieces.append(Run(mark, sup=True))
                    notes.append((mark, self.footnotes.get(custom, [])))
                    custom = None
                elif (text := _text(child, bold, italic, sup)) is not None:
                    pieces.append(text)
                elif child.tag == f"{W}footnoteReference" and child.get(
                    f"{W}customMarkFollows"
                ) in ("1", "true", "on"):
                    custom = child.get(f"{W}id")
                elif child.tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                    key = _note_key(child)
                    mark = self._footnote_mark(key)
                    pieces.append(Run(mark, sup=True))
                    notes.append((mark, self.footnotes.get(key, [])))
                elif child.tag in (f"{W}drawing", f"{W}pict", f"{W}object"):
                    pieces.extend(self._images(child))
                elif child.tag == f"{MC}AlternateContent":  # newer Word: the first choice
                    choice = child.find(f"{MC}Choice")
                    pieces.extend(self._images(choice if choice is not None else child))
            if custom is not None:  # the custom mark is missing: count it as Word would not
                mark = self._footnote_mark(custom)
                pieces.append(Run(mark, sup=True))
                notes.append((mark, self.footnotes.get(custom, [])))
        return pieces

    def _footnote_mark(self, key):
        """Word's own number for a footnote: notes with a custom mark are not counted."""
        if key not in self.footnote_marks:
            self.footnote_marks[key] = str(len(self.footnote_marks) + 1)
        return self.footnote_marks[key]

    def _images(self, element):
        """The pictures of a drawing. One with neither a picture nor a text box (a chart,
        SmartArt, a shape) cannot be shown: it is reported where it stood."""
        found = False
        for node in _own(element):
            key = node.get(f"{R_ID}embed") if node.tag.endswith("}blip") else None
            if node.tag.endswith("}imagedata"):
                key = node.get(f"{R_ID}id")
            part = self.part.related_parts.get(key) if key else None
            if part is not None:
                found = True
                yield Image(part.blob, PurePosixPath(str(part.partname)).suffix.lower())
        if not (found or _own(element, f"{W}txbxContent") or _is_rule(element)):
            yield Omission(DRAWING_LEFT_OUT)


# Wrappers of blocks (and of rows and cells): their content is read as if they were not there.
_WRAPPERS = {f"{W}sdt", f"{W}customXml", f"{W}ins", f"{W}moveTo", f"{W}smartTag"}
# What stands among blocks without content to read: properties, bookmarks and other marks, and
# what a tracked change deleted.
_SILENT = re.compile(
    r"\w*Pr|bookmark(?:Start|End)|\w*Range(?:Start|End)|perm(?:Start|End)|proofErr|del|moveFrom"
)
# Where runs are not the paragraph's own: its text boxes (read as blocks of their own) and the
# copies kept for old Word.
_BOXES = {f"{W}txbxContent", f"{MC}Fallback"}


def _blocks(element):
    """The children of the body, a table, a row, a cell or a text box, wrappers opened."""
    children = element.iterchildren()
    if element.tag == f"{W}sdt":  # a content control: its content, not its properties
        children = (
            child for content in element.iterchildren(f"{W}sdtContent") for child in content
        )
    for child in children:
        if child.tag in _WRAPPERS:
            yield from _blocks(child)
        elif isinstance(child.tag, str):  # not a comment
            yield child


def _unwrapped(element, tag):
    """The children of ``element`` with ``tag``, also those inside content controls (w:sdt, a
    template's repeating rows or cells), custom XML and other wrappers: none is skipped."""
    return (child for child in _blocks(element) if child.tag == tag)


def _own(element, tag=None):
    """The descendants of ``element`` (with ``tag``) outside its text boxes and fallbacks."""
    return [
        node
        for node in element.iter(tag)
        if isinstance(node.tag, str) and not _in_box(node, element)
    ]


def _in_box(node, top) -> bool:
    """Whether ``node`` stands in a text box or a fallback inside ``top``."""
    if node is top:
        return False
    for ancestor in node.iterancestors():
        if ancestor is top:
            return False
        if ancestor.tag in _BOXES:
            return True
    return False


def _box_blocks(paragraph):
    """The paragraphs and tables of the text boxes a paragraph anchors."""
    return [child for box in _own(paragraph, f"{W}txbxContent") for child in _blocks(box)]


# Shapes that only draw a line (the rule under "ĐẢNG CỘNG SẢN VIỆT NAM"): nothing to report.
_RULES = {"line", "straightConnector1", "bentConnector2", "bentConnector3", "curvedConnector3"}


def _is_rule(drawing) -> bool:
    """A drawing made only of lines and connectors, DrawingML or VML."""
    shapes = [node.get("prst") for node in drawing.iter("{*}prstGeom")]
    connector = next(drawing.iter("{*}cNvCnPr"), None) is not None
    vml_line = next(drawing.iter("{urn:schemas-microsoft-com:vml}line"), None) is not None
    return vml_line or ((bool(shapes) or connector) and all(prst in _RULES for prst in shapes))


def _has_picture(element) -> bool:
    return next(element.iter("{*}blip", "{*}imagedata"), None) is not None


def _cell_merge(cell):
    """(columns spanned, "restart" / "continue" / None for a cell merged with those below)."""
    properties = cell.find(f"{W}tcPr")
    if properties is None:
        return 1, None
    span = _val(properties, "gridSpan", "1")
    merge = properties.find(f"{W}vMerge")
    merge = None if merge is None else merge.get(f"{W}val", "continue")
    return (int(span) if span.isdigit() and int(span) > 0 else 1), merge


def _labelled(pieces, label):
    """The pieces of a paragraph after the number Word's automatic numbering shows before it,
    bold when its text is."""
    if label:
        first_bold = next((p.bold for p in pieces if isinstance(p, Run) and p.text.strip()), False)
        pieces.insert(0, Run(f"{label} ", bold=first_bold))
    return pieces


def _text(child, bold, italic, sup):
    """The text a run's child shows (text, tab, non-breaking hyphen, line break), or None."""
    if child.tag == f"{W}t":
        return Run(child.text or "", bold, italic, sup)
    if child.tag == f"{W}tab":
        return Run(" ", bold, italic)
    if child.tag == f"{W}noBreakHyphen":  # "12-NQ/TW" kept on one line
        return Run("-", bold, italic, sup)
    if child.tag in (f"{W}br", f"{W}cr") and child.get(f"{W}type") != "page":
        return Run("\n")
    return None


def _flag(properties, name) -> bool:
    if properties is None:
        return False
    element = properties.find(f"{W}{name}")
    return element is not None and element.get(f"{W}val", "true") not in ("false", "0", "off")


def _superscript(properties) -> bool:
    if properties is None:
        return False
    align = properties.find(f"{W}vertAlign")
    return align is not None and align.get(f"{W}val") == "superscript"


def _safe_parser():
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _note_key(reference):
    """Footnotes and endnotes number their ids apart: an endnote's key is marked."""
    prefix = "e" if reference.tag == f"{W}endnoteReference" else ""
    return prefix + (reference.get(f"{W}id") or "")


def _note_texts(part):
    """Note key -> runs, from the document's footnotes and endnotes parts (endnotes become
    footnotes of the section citing them: the site has one kind of note)."""
    from lxml import etree

    texts = {}
    for relationship in part.rels.values():
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or relationship.is_external:
            continue
        root = etree.fromstring(relationship.target_part.blob, _safe_parser())
        tag, prefix = (f"{W}footnote", "") if kind == "footnotes" else (f"{W}endnote", "e")
        for note in root.iterchildren(tag):
            if note.get(f"{W}type") in ("separator", "continuationSeparator"):
                continue
            texts[prefix + note.get(f"{W}id")] = _strip_runs(_note_runs(note))
    return texts


def _note_runs(note):
    """A note's text, a line per paragraph, without its own copy of its mark: a leading
    superscript (Word writes the mark as w:footnoteRef, other programs as superscript text);
    later superscripts, as in "120 m²", are kept as such."""
    runs, started = [], False
    for paragraph in note.iter(f"{W}p"):
        if runs:
            runs.append(Run("\n"))
        for run in paragraph.iter(f"{W}r"):
            properties = run.find(f"{W}rPr")
            sup = _superscript(properties)
            for child in run:
                text = _text(child, _flag(properties, "b"), _flag(properties, "i"), sup)
                if text is None or (sup and not started):
                    continue
                started = started or bool(text.text.strip())
                runs.append(text)
    return runs


def _strip_runs(runs):
    while runs and not runs[0].text.strip():
        runs.pop(0)
    if runs:
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
    return runs


@dataclass
class _Level:
    format: str
    text: str
    start: int
    legal: bool  # isLgl: every level shown in decimal
    style: str | None  # the heading style this level numbers (outline numbering)


class _Numbering:
    """Word's automatic numbering ("1.", "2.1.", "a)", bullets), rendered as the text it shows.

    The number of a paragraph is not in its text: it comes from numbering.xml, through the
    paragraph's own numPr or its style's (and the styles it is based on). Counters belong to the
    abstract definition, so two lists sharing one go on counting, unless a list restarts it
    with a startOverride (what pandoc and LibreOffice write for a new list).
    """

    FORMATS = {
        "decimal": str,
        "decimalZero": lambda n: f"{n:02d}",
        "lowerLetter": lambda n: chr(96 + (n - 1) % 26 + 1),
        "upperLetter": lambda n: chr(64 + (n - 1) % 26 + 1),
        "lowerRoman": lambda n: roman(n).lower(),
        "upperRoman": lambda n: roman(n),
    }

    def __init__(self, part, styles):
        self.styles = styles
        self.nums = {}  # numId -> (abstractNumId, {ilvl: start override})
        self.abstract = {}  # abstractNumId -> {ilvl: _Level}
        self.links = {}  # abstractNumId -> the numbering style it stands for
        self.counters = {}  # abstractNumId -> {ilvl: value}
        self.restarted = set()
        try:
            root = part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for definition in root.iterchildren(f"{W}abstractNum"):
            key = definition.get(f"{W}abstractNumId")
            self.abstract[key] = {
                int(level.get(f"{W}ilvl", "0")): self._level(level)
                for level in definition.iterchildren(f"{W}lvl")
            }
            link = _val(definition, "numStyleLink")
            if link:
                self.links[key] = link
        for number in root.iterchildren(f"{W}num"):
            overrides = {}
            for override in number.iterchildren(f"{W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start)
            self.nums[number.get(f"{W}numId")] = (_val(number, "abstractNumId"), overrides)

    @staticmethod
    def _level(level):
        start = _val(level, "start", "1")
        return _Level(
            _val(level, "numFmt", "decimal"),
            _val(level, "lvlText", ""),
            int(start) if (start or "").isdigit() else 1,
            level.find(f"{W}isLgl") is not None,
            _val(level, "pStyle"),
        )

    def _num_pr(self, paragraph, style):
        """(numId, ilvl) from the paragraph, else from its style and the styles it is based on."""
        num_id = ilvl = None
        own = paragraph.find(f"{W}pPr/{W}numPr")
        if own is not None:
            num_id, ilvl = _val(own, "numId"), _val(own, "ilvl")
        seen = set()
        while style is not None and (num_id is None or ilvl is None) and id(style) not in seen:
            seen.add(id(style))
            inherited = style.element.find(f"{W}pPr/{W}numPr")
            if inherited is not None:
                num_id = num_id or _val(inherited, "numId")
                ilvl = ilvl or _val(inherited, "ilvl")
            style = style.base_style
        return num_id, int(ilvl) if (ilvl or "").isdigit() else None

    def _definition(self, num_id):
        abstract_id, overrides = self.nums.get(num_id, (None, {}))
        link = self.links.get(abstract_id)
        if link and link in self.styles:  # a list style: its own numId holds the levels
            linked = self.styles[link].element.find(f"{W}pPr/{W}numPr")
            if linked is not None and _val(linked, "numId") != num_id:
                abstract_id = self.nums.get(_val(linked, "numId"), (abstract_id, {}))[0]
        return abstract_id, self.abstract.get(abstract_id, {}), overrides

    @contextmanager
    def apart(self):
        """Numbers in a table count on their own (its "Stt" column starts at 1) and the lists
        around it go on after it."""
        counters, self.counters = self.counters, {}
        try:
            yield
        finally:
            self.counters = counters

    def depth(self, paragraph, style):
        """1 for a list's first level, 2 for the level below, as the paragraph says."""
        return (self._num_pr(paragraph, style)[1] or 0) + 1

    def label(self, paragraph, style):
        num_id, ilvl = self._num_pr(paragraph, style)
        if num_id in (None, "0"):
            return ""
        abstract_id, levels, overrides = self._definition(num_id)
        if ilvl is None:  # outline numbering: the level names the heading style it numbers
            style_id = style.style_id if style is not None else None
            ilvl = next((i for i, level in levels.items() if level.style == style_id), 0)
        if ilvl not in levels:
            return ""
        level = levels[ilvl]
        kind, text, legal = level.format, level.text, level.legal
        if kind == "bullet":
            return "•"
        if kind == "none":
            return text.strip() if "%" not in text else ""
        counters = self.counters.setdefault(abstract_id, {})
        if overrides and num_id not in self.restarted:
            self.restarted.add(num_id)
            for index, start in overrides.items():
                counters[index] = start - 1
            for index in [key for key in counters if key not in overrides and key > ilvl]:
                del counters[index]
        counters[ilvl] = counters.get(ilvl, levels[ilvl].start - 1) + 1
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]
        for index in range(ilvl + 1):
            level = levels.get(index, _Level("decimal", "", 1, False, None))
            value = counters.get(index, level.start)
            form = str if legal else self.FORMATS.get(level.format, str)
            text = text.replace(f"%{index + 1}", form(value))
        return text.strip()


def _val(element, name, default=None):
    child = element.find(f"{W}{name}")
    return child.get(f"{W}val", default) if child is not None else default


def roman(number: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out += letters
            number -= value
    return out


# --- PDF ------------------------------------------------------------------------------


@dataclass
class _PdfLine:
    runs: list
    x: float
    y: float
    size: float
    page: int
    right: float = 0
    column: int = 0  # on a page set in columns, which one (0 is the leftmost)

    @property
    def text(self):
        return "".join(run.text for run in self.runs).strip()

    @property
    def bold(self):
        return all(run.bold for run in self.runs if run.text.strip())

    @property
    def frame(self):
        """The page, or the column of a page, the line runs in: lines read on across frames."""
        return self.page, self.column


@dataclass
class _PdfTable:
    """A ruled table of one page (pdf_tables.py), standing where its top rule is."""

    rows: list
    grid: object
    x: float
    y: float
    page: int
    size: float = 0
    bold: bool = False
    column: int = 0

    @property
    def right(self):
        return self.grid.right

    @property
    def text(self):
        return " ".join("".join(run.text for run in cell) for row in self.rows for cell in row)


@dataclass
class _PdfPicture:
    """A picture a page draws, standing where its top edge is."""

    image: Image
    x: float
    y: float
    right: float
    page: int
    size: float = 0
    column: int = 0
    text: str = ""


@reader(".pdf")
def read_pdf(data: bytes) -> list:
    """The text layer of a PDF, read with PDFium (pypdfium2) with the position, size and font
    of every line, so paragraphs are rebuilt from the page's geometry (spacing, indents,
    short last lines) rather than guessed from the text; page numbers, running headers and
    footers are left out."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise BulletinImportError(
                _("The PDF is protected by a password: save it without protection first.")
            ) from error
        raise BulletinImportError(
            _("The file is not a readable PDF: open it and export it to PDF again.")
        ) from error
    try:
        if len(document) > MAX_PDF_PAGES:
            raise BulletinImportError(
                _("The PDF has more than %(pages)s pages."), pages=MAX_PDF_PAGES
            )
        lines = []
        for number in range(len(document)):
            check_deadline()
            page = document[number]
            lines += _pdf_lines(page, number)
    except pdfium.PdfiumError as error:
        raise BulletinImportError(
            _("The file is not a readable PDF: open it and export it to PDF again.")
        ) from error
    finally:
        document.close()
    if sum(len(line.text) for line in lines) < 20:
        raise BulletinImportError(
            _(
                "The PDF has no text layer (it is a scanned image): import the Word file, or "
                "a PDF exported from Word."
            )
        )
    kept = _without_running_lines(lines)
    kept_ids = {id(line) for line in kept}
    running = list(dict.fromkeys(line.text for line in lines if id(line) not in kept_ids))
    if not running:
        return _pdf_paragraphs(kept)
    shown = "; ".join(f"“{text}”" for text in running[:3])
    return [Omission(RUNNING_LINES_LEFT_OUT, {"lines": shown}), *_pdf_paragraphs(kept)]


MAX_PDF_PAGES = 500


def _without_running_lines(lines):
    """The lines but for running headers and footers: the same text (but for its numbers:
    "Trang 3") at the same height on most pages, first or last on the page and set apart from
    the text by more than a line's spacing."""
    pages = {}
    for line in lines:
        if isinstance(line, _PdfLine):
            pages.setdefault(line.page, []).append(line)
    ends = Counter()
    for page in pages.values():
        ends.update(
            {
                _running_key(end)
                for end, neighbour in ((page[0], page[1:2]), (page[-1], page[-2:-1]))
                if all(abs(end.y - other.y) > 1.5 * end.size for other in neighbour)
            }
        )
    running = {key for key, count in ends.items() if count >= 2 and count > len(pages) / 2}
    return [
        line for line in lines if not (isinstance(line, _PdfLine) and _running_key(line) in running)
    ]


def _running_key(line):
    return re.sub(r"\d+", "#", line.text), round(line.y)


_BOLD_FONT = re.compile(r"bold|black|heavy|,b$", re.IGNORECASE)


class _PdfChars:
    """Font and position of the characters of one page's text."""

    def __init__(self, textpage):
        import ctypes

        import pypdfium2.raw as pdfium_c

        self.ctypes, self.c, self.textpage = ctypes, pdfium_c, textpage
        self.buffer = ctypes.create_string_buffer(128)
        self.flags = ctypes.c_int()

    def origin(self, index):
        x, y = self.ctypes.c_double(), self.ctypes.c_double()
        self.c.FPDFText_GetCharOrigin(self.textpage, index, x, y)
        return x.value, y.value

    def size(self, index):
        return self.c.FPDFText_GetFontSize(self.textpage, index)

    def right(self, index):
        left, right, bottom, top = (self.ctypes.c_double() for _ in range(4))
        self.c.FPDFText_GetCharBox(self.textpage, index, left, right, bottom, top)
        return right.value

    def bold(self, index):
        self.c.FPDFText_GetFontInfo(
            self.textpage, index, self.buffer, len(self.buffer), self.ctypes.byref(self.flags)
        )
        name = self.buffer.value.decode("latin-1")
        weight = self.c.FPDFText_GetFontWeight(self.textpage, index)
        return weight >= 600 or bool(_BOLD_FONT.search(name))


def _pdf_lines(page, number):
    """The lines, tables and pictures of a page in reading order (_reading_order); pieces of
    one column on one baseline (table cells, a bullet drawn apart, text after a raised footnote
    mark) are joined left to right."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        chars = _PdfChars(textpage)
        height = page.get_height()
        grids = pdf_tables.grids(page) if len(text) == count else []
        pieces, position = [], 0
        for raw_line in re.split(r"\r\n|\n|\r", text):
            start, position = position, position + len(raw_line) + (2 if "\r\n" in text else 1)
            if not raw_line.strip():
                continue
            if len(text) != count:  # characters and text do not match: text without geometry
                pieces.append(_PdfLine([Run(raw_line)], 0, 0, 0, number))
                continue
            first = start + len(raw_line) - len(raw_line.lstrip())
            x, y = chars.origin(first)
            size = max(chars.size(first), chars.size(start + len(raw_line) // 2))
            grid = next((grid for grid in grids if grid.locate(x, y)), None)
            if grid is not None:
                _into_cells(grid, raw_line, start, chars, y, size)
                continue
            runs = _pdf_runs(raw_line, start, chars, y, size)
            right = chars.right(start + len(raw_line.rstrip()) - 1)
            pieces.append(_PdfLine(runs, x, y, size, number, right))
    finally:
        textpage.close()
    for grid in grids:
        rows = grid.table_rows(_joined_lines)
        if rows:
            pieces.append(_PdfTable(rows, grid, grid.left, grid.top, number))
    pieces += _pictures(page, number, pieces)
    if len(text) == count:
        pieces = _reading_order(pieces)
    lines = []
    for piece in pieces:
        if (
            lines
            and piece.size
            and lines[-1].size
            and lines[-1].column == piece.column
            and abs(lines[-1].y - piece.y) < 0.45 * piece.size
        ):
            _merge(lines[-1], piece)
        else:
            lines.append(piece)
    return [
        line
        for line in lines
        if not (_PAGE_NUMBER_LINE.fullmatch(line.text) and not 0.08 < line.y / height < 0.92)
    ]


GUTTER_LINES = 6  # lines on each side of a gap in x before a page is read as columns
SLACK = 2  # points: how far a line may stand out of its column


def _reading_order(pieces):
    """Pieces from top to bottom; on a page set in columns, each column from top to bottom in
    turn, between the pieces that cross a gutter (a title over both columns). A column's x is
    taken from its own left edge, so that its indents read as on a page of one column."""
    gutters = _gutters([piece for piece in pieces if isinstance(piece, _PdfLine)])
    margin = min((piece.x for piece in pieces), default=0)
    band, keyed = 0, []
    for piece in sorted(pieces, key=lambda piece: -piece.y):  # stable: a baseline keeps its order
        crossing = any(piece.x < start - SLACK and piece.right > end for end, start in gutters)
        starts = [start for _end, start in gutters if piece.x >= start - SLACK]
        piece.column = 0 if crossing else len(starts)
        if piece.column:
            piece.x -= starts[-1] - margin
        keyed.append((band + crossing, piece.column, piece))
        band += 2 * crossing
    return [piece for *_key, piece in sorted(keyed, key=lambda item: item[:2])]


def _gutters(lines):
    """(end, start) of each gap in x between columns of text: many lines start at one x, many
    others end a line's height or more before it, and both sides are wide enough to be prose
    (a column of numbers in a table without rules is not a column of text). What stands in the
    gap (a page number) crosses it."""
    if not lines:
        return []
    left, right = min(line.x for line in lines), max(line.right for line in lines)
    gutters = []
    starts = Counter(round(line.x) for line in lines)
    for start in sorted(start for start, count in starts.items() if count >= GUTTER_LINES):
        before = [line.right for line in lines if line.right < start - line.size]
        if len(before) < GUTTER_LINES:
            continue
        end = max(before)
        wide = min(end - left, right - start) > (right - left) / 4
        if wide and not (gutters and gutters[-1][0] == end):  # not an indent in the column
            gutters.append((end, start))
    return gutters


def _pictures(page, number, pieces):
    """The pictures of a page, but for those text stands on (the scan under an OCR text layer,
    a background) and those too small to be a photo (a rule, a bullet, a logo's dot)."""
    import pypdfium2.raw as pdfium_c

    found = []
    for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = picture.get_bounds()
        if min(right - left, top - bottom) < MIN_PICTURE or any(
            left < line.x < right and bottom < line.y < top
            for line in pieces
            if isinstance(line, _PdfLine)
        ):
            continue
        found.append(_PdfPicture(Image(_picture_data(picture), ".png"), left, top, right, number))
    return found


MIN_PICTURE = 30  # points, about a centimetre


def _picture_data(picture) -> bytes:
    """The picture as a file (JPEG kept as it is, others as PNG: the writer reads which); empty
    when it is too large or cannot be decoded, so that the writer reports it as left out."""
    import pypdfium2 as pdfium
    from PIL import Image as Picture

    width, height = picture.get_px_size()
    if width * height > Picture.MAX_IMAGE_PIXELS:
        return b""
    stream = BytesIO()
    try:
        picture.extract(stream, fb_format="png")
    except (pdfium.PdfiumError, OSError, ValueError):
        return b""
    return stream.getvalue()


def _into_cells(grid, line, start, chars, y, size):
    """Share one line of text among the cells of a grid, by where each character stands."""
    segments = []  # [cell, first index, last index]
    for offset, char in enumerate(line):
        if char.isspace():
            continue
        cell = grid.locate(chars.origin(start + offset)[0], y)
        if segments and segments[-1][0] == cell:
            segments[-1][2] = offset
        else:
            segments.append([cell, offset, offset])
    for cell, first, last in segments:
        if cell is not None:
            runs = _pdf_runs(line[first : last + 1], start + first, chars, y, size)
            grid.cells.setdefault(cell, []).append((y, chars.origin(start + first)[0], runs))


def _joined_lines(lines):
    """The runs of a cell's lines, one after the other (a word cut by a hyphen stays cut)."""
    runs = []
    for line in lines:
        if runs and line:
            runs.append(Run(" "))
        runs += line
    return runs


def _raised(y, size, line_y, line_size):
    """A superscript: set smaller and above the line's baseline."""
    return size <= line_size and y - line_y > 0.15 * line_size


def _merge(line, other):
    """Join two pieces of text on one baseline; a lone raised number among them is a mark."""
    small, big = sorted((line, other), key=lambda piece: piece.size)
    if re.fullmatch(r"\d{1,3}", small.text) and _raised(small.y, small.size, big.y, big.size):
        small.runs = [Run(small.text, sup=True)]
    left, right = sorted((line, other), key=lambda piece: piece.x)
    space = [] if right.text[:1] in ",.;:)…" else [Run(" ")]
    line.runs = [*left.runs, *space, *right.runs]
    line.x, line.y, line.size, line.right = left.x, big.y, big.size, right.right


_WORD = re.compile(r"\S+\s*")
_MARKED = re.compile(r"(.*?\D)?(\d{1,2})([,.;:)]?\s*)$")  # a word ending with a number


def _pdf_runs(line, start, chars, y, size):
    """Runs of one line: bold where the font is, footnote marks where digits are raised.

    The font is asked for at each word only when the line does not start and end in the same
    weight (a bold lead-in), which keeps a long PDF fast.
    """
    last = start + len(line.rstrip()) - 1
    uniform = chars.bold(start + len(line) - len(line.lstrip())) == chars.bold(last)
    weight = chars.bold(last)
    runs = []
    for match in _WORD.finditer(line):
        word, index = match.group(), start + match.start()
        bold = weight if uniform else chars.bold(index)
        digits = _MARKED.match(word) if any(c.isdigit() for c in word) else None
        at = index + len(digits.group(1) or "") if digits else index
        if digits and _raised(chars.origin(at)[1], chars.size(at), y, size):
            head, mark, tail = digits.groups()
            runs += [Run(head or "", bold), Run(mark, sup=True), Run(tail, bold)]
        elif runs and runs[-1].bold == bold and not runs[-1].sup:
            runs[-1] = Run(runs[-1].text + word, bold)
        else:
            runs.append(Run(word, bold))
    return [run for run in runs if run.text]


_PAGE_NUMBER_LINE = re.compile(r"(?:-\s*)?\d{1,3}(?:\s*-)?|Trang\s+\d{1,3}(?:\s*/\s*\d+)?", re.I)


def _pdf_paragraphs(lines) -> list:
    """Lines grouped into paragraphs: a wider gap than the usual line spacing, an indented
    first line, a change between bold and plain, a line that starts a numbered or listed item,
    or a short line before, ends a paragraph."""
    lines_only = [line for line in lines if isinstance(line, _PdfLine)]
    gaps = sorted(
        round(a.y - b.y, 1)
        for a, b in itertools.pairwise(lines_only)
        if a.frame == b.frame and 0 < a.y - b.y < 3 * a.size
    )
    spacing = gaps[len(gaps) // 2] if gaps else 0
    left = min((line.x for line in lines_only), default=0)
    lengths = sorted(len(line.text) for line in lines_only)
    full = lengths[int(len(lengths) * 0.9)] if lengths else 0
    top = max((line.y for line in lines_only), default=0)  # where the text of a full page starts
    bottom = min((line.y for line in lines_only), default=0)  # and where it ends
    blocks, current = [], None
    for line in lines:
        if isinstance(line, _PdfTable):
            _add_table(blocks, line)
            current = None
            continue
        if isinstance(line, _PdfPicture):
            blocks.append((line, False))
            current = None
            continue
        if blocks and isinstance(blocks[-1][0], _PdfTable | _PdfPicture) and current is None:
            # text under a table or a picture: a new paragraph (under a picture, its caption)
            current = [line]
            blocks.append((current, False))
            continue
        previous = current[-1] if current else None
        new = (
            previous is None
            or (previous.frame != line.frame and _TERMINAL.search(previous.text))
            or (previous.frame == line.frame and previous.y - line.y > 1.25 * spacing)
            or previous.bold != line.bold
            or _starts_block(line.text)
            or (line.x > previous.x + 8 and line.x - left > 8 and previous.x - left < 8)
            # a short line that ends a sentence, or is set in from the next (a centred caption)
            or (
                len(previous.text) < 0.7 * full
                and (_TERMINAL.search(previous.text) or line.x < previous.x - 8)
            )
        )
        if new:
            current = [line]
            # a photo stood in a gap of several lines: the short text under it is its caption
            if previous is not None and previous.frame == line.frame:
                gap = previous.y - line.y
            else:  # across a page break: what is left at the foot of one and the head of the next
                gap = (previous.y - bottom if previous else 0) + top - line.y
            blocks.append((current, gap > PHOTO_GAP * spacing))
        else:
            current.append(line)
    return [_pdf_block(block, detached) for block, detached in blocks]


def _pdf_block(block, detached):
    if isinstance(block, _PdfTable):
        return Table(block.rows)
    if isinstance(block, _PdfPicture):
        return block.image
    return _pdf_paragraph(block, detached)


def _add_table(blocks, table):
    """A table, or the rest of the one that ends the page before, with the same columns."""
    last = blocks[-1][0] if blocks else None
    if (
        isinstance(last, _PdfTable)
        and last.page == table.page - 1
        and table.grid.continues(last.grid)
    ):
        blocks[-1] = (replace(table, rows=last.rows + table.rows), False)
    else:
        blocks.append((table, False))


PHOTO_GAP = 5  # line spacings


def _pdf_paragraph(lines, detached=False):
    runs = []
    for line in lines:
        if runs:
            joined = "".join(run.text for run in runs).rstrip()
            runs.append(Run("" if re.search(r"\d\s?[-–]$", joined) else " "))
        for run in line.runs:
            runs.append(
                Run(run.text.strip() if run.sup else run.text, run.bold, run.italic, run.sup)
            )
    while runs and not runs[-1].text.strip():
        runs.pop()
    return Paragraph(_superscripts(runs), detached=detached)


def _superscripts(runs):
    """Superscript digits ("¹") typed as characters become footnote marks, as in text files."""
    out = []
    for run in runs:
        if run.sup or not _SUPERSCRIPT_RUN.search(run.text):
            out.append(run)
            continue
        position = 0
        for match in _SUPERSCRIPT_RUN.finditer(run.text):
            out.append(Run(run.text[position : match.start()], run.bold, run.italic))
            out.append(Run(match.group().translate(SUPERSCRIPTS), sup=True))
            position = match.end()
        out.append(Run(run.text[position:], run.bold, run.italic))
    return [run for run in out if run.text]
