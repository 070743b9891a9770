"""Recognise the structure of a bulletin in the blocks a reader produced; no database.

The parts, in the order they are printed: the header (publisher, title, month, marking), the
orientation table ("I- Định hướng sinh hoạt chi bộ"), the "NỘI DUNG" marker, then numbered
sections. Real files are irregular, so the rules are forgiving:

* a dotted number ("2.1.", "5.1 ", "4. 8.") always opens a section, at the level of its depth,
  under the section before it, even when its first part is wrong (4.x under section 3);
* a plain number ("3.") opens a top-level section only when it is the next one; otherwise it
  numbers an item inside the section (the seven tasks of a directive). When it could be both,
  it continues the items unless it looks like a section: it matches its orientation row, it is
  all bold, it presents a document or it is the news section;
* a heading too long for the field is cut after its first sentence, the rest opens the body.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from documents.citations import extract_citations

from .errors import BulletinImportError
from .reader import Image, Paragraph, Run, Table

HEADING_MAX = 500  # Section.heading max_length
MAX_LEVEL = 4  # Section.MAX_LEVEL
CITATION_LEAD = 3  # a heading "presents" a document cited within its first characters

_NUMBER = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}(?:\.\s+\d{1,2})+\.|\d{1,2}\.)\s*"
    r"(?=[^\W\d_a-zđ]|[\"“‘'(])"
)
_LIST_ITEM = re.compile(r"^([-–+•●▪*])\s+")
_CONTENT_MARKER = re.compile(
    r"(?:[IVX]{1,4}\s*[-.–:]\s*)?nội\s+dung(?:\s+sinh\s+hoạt(?:\s+chi\s+bộ)?)?\s*:?", re.I
)
_ORIENTATION_MARKER = re.compile(r"định\s+hướng\s+(?:nội\s+dung\s+)?sinh\s+hoạt", re.I)
_ORIENTATION_ROW = re.compile(r"^(\d{1,2})[.)]?\s+(\S.*)")
_MONTH = re.compile(r"tháng\s*(\d{1,2})\s*(?:năm\s*|/\s*)(\d{4})", re.I)
_TERMINAL = re.compile(r"[.!?:;…]['\"”’»)]*$")
_NEWS = re.compile(r"^tin\s+(?:hoạt\s+động|tức)", re.I)


@dataclass
class Header:
    publisher: str | None = None
    title: str | None = None
    month: int | None = None
    year: int | None = None
    marking: str | None = None


@dataclass
class OrientationItem:
    number: str
    text: str


@dataclass
class ListItem:
    runs: list[Run]
    depth: int = 1


@dataclass
class Caption:
    """A photo caption; ``image`` is the photo when the file still had it (Word)."""

    text: str
    image: Image | None = None


@dataclass
class Footnote:
    marker: str
    text: str


@dataclass
class Section:
    number: str | None
    heading: str
    level: int
    body: list = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    cited_code: str | None = None
    children: list = field(default_factory=list)

    def as_json(self):
        return {
            "number": self.number,
            "heading": self.heading,
            "cited_code": self.cited_code,
            "children": [child.as_json() for child in self.children],
        }


@dataclass
class Bulletin:
    header: Header
    orientation: list[OrientationItem]
    sections: list[Section]  # in document order; ``children`` holds the same sections as a tree
    source_hash: str = ""
    filename: str = ""

    @property
    def top_level(self):
        return [section for section in self.sections if section.level == 1]

    @property
    def footnotes(self):
        return [note for section in self.sections for note in section.footnotes]

    @property
    def captions(self):
        return [b for section in self.sections for b in section.body if isinstance(b, Caption)]

    @property
    def images(self):
        blocks = [block for section in self.sections for block in section.body]
        captioned = [block.image for block in blocks if isinstance(block, Caption) and block.image]
        return [block for block in blocks if isinstance(block, Image)] + captioned

    def as_json(self):
        return {
            "header": vars(self.header).copy(),
            "orientation": [vars(item).copy() for item in self.orientation],
            "sections": [section.as_json() for section in self.top_level],
            "footnotes": [vars(note).copy() for note in self.footnotes],
            "captions": [{"text": caption.text} for caption in self.captions],
        }


def plain(runs, *, notes=False) -> str:
    """The text of runs on one line; footnote marks left out unless asked for."""
    return " ".join("".join(r.text for r in runs if notes or not r.sup).split())


def parse(blocks) -> Bulletin:
    zones = _zones(blocks)
    header = _header(blocks[: zones.header_end])
    orientation, content = [], zones.content
    if zones.orientation is not None:
        orientation, content = _orientation(blocks, zones)
    sections = _Sections(orientation).read(blocks, content)
    if not sections:
        raise BulletinImportError(
            _("No numbered section (1., 2., 2.1. …) was found: is this a bulletin?")
        )
    return Bulletin(header, orientation, sections)


# --- zones ----------------------------------------------------------------------------


@dataclass
class _Zones:
    header_end: int
    orientation: int | None  # where the orientation (table or its title) starts
    content: int  # first block of the content
    marked: bool  # the content start is certain (a marker or the end of a table)


def _zones(blocks) -> _Zones:
    orientation = None
    for index, block in enumerate(blocks):
        if isinstance(block, Table) and _is_orientation_table(block):
            orientation = index if orientation is None else orientation
            after = index + 1
            if after < len(blocks) and _is_content_marker(blocks[after]):
                after += 1
            return _Zones(orientation, orientation, after, True)
        if _is_content_marker(block):
            end = index if orientation is None else orientation
            return _Zones(end, orientation, index + 1, True)
        if orientation is None and isinstance(block, Paragraph):
            text = plain(block.runs)
            if len(text) < 100 and _ORIENTATION_MARKER.search(text):
                orientation = index
            elif _is_heading_like(block):
                return _Zones(index, None, index, True)
    if orientation is not None:
        return _Zones(orientation, orientation, orientation + 1, False)
    return _Zones(0, None, 0, True)


def _is_content_marker(block) -> bool:
    return (
        isinstance(block, Paragraph)
        and len(block.text) < 100
        and bool(_CONTENT_MARKER.fullmatch(plain(block.runs)))
    )


def _is_heading_like(block):
    return isinstance(block, Paragraph) and bool(
        block.style_level or _NUMBER.match(plain(block.runs))
    )


def _is_orientation_table(table: Table) -> bool:
    if not table.rows:
        return False
    head = " ".join(table.cell_texts(table.rows[0])).lower()
    return bool(re.search(r"\b(?:stt|tt|số)\b", head)) and "nội dung" in head


# --- header ---------------------------------------------------------------------------


def _header_lines(blocks):
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from block.text.split("\n")
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    yield from "".join(run.text for run in cell).split("\n")


def _header(blocks) -> Header:
    lines = [" ".join(line.split()) for line in _header_lines(blocks)]
    lines = [line for line in lines if re.search(r"\w", line)]
    header = Header()
    title_at = next((i for i, line in enumerate(lines) if "TÀI LIỆU" in line.upper()), None)
    month_at = None
    for index, line in enumerate(lines):
        month = _MONTH.search(line)
        if month and 1 <= int(month.group(1)) <= 12:
            header.month, header.year = int(month.group(1)), int(month.group(2))
            month_at = index
            break
    for line in lines:
        if re.search(r"nội bộ|lưu hành|\bmật\b", line, re.I):
            header.marking = line
            break
    if title_at is not None:
        end = month_at if month_at is not None and 0 <= month_at - title_at <= 3 else title_at
        title_lines = lines[title_at : max(end, title_at + 1)]
        if month_at == title_at:
            title_lines = [lines[title_at][: _MONTH.search(lines[title_at]).start()]]
        header.title = " ".join(" ".join(title_lines).split()) or None
        publisher = [line for line in lines[:title_at] if _is_publisher_line(line)]
        header.publisher = " ".join(publisher) or None
    return header


def _is_publisher_line(line):
    return not re.search(r"cộng sản việt nam|ngày\s+\d|^số\b|^\W*$", line, re.I)


# --- orientation ----------------------------------------------------------------------


def _orientation(blocks, zones):
    """The orientation items, and where the content starts when no marker said so.

    Without a table, the rows are numbered lines ("1 Kết quả Hội nghị ..."), wrapped or not;
    the content starts where the numbering starts again.
    """
    table = next(
        (b for b in blocks[zones.orientation : zones.content] if isinstance(b, Table)), None
    )
    if table is not None:
        return _orientation_rows(table), zones.content
    end = zones.content - 1 if zones.marked else len(blocks)
    items = []
    for index in range(zones.orientation + 1, end):
        block = blocks[index]
        if not isinstance(block, Paragraph):
            continue
        for line in block.text.split("\n"):
            row = _ORIENTATION_ROW.match(line.strip())
            if row and items and int(row.group(1)) <= int(items[-1].number):
                return items, index
            if row:
                items.append(OrientationItem(row.group(1), " ".join(row.group(2).split())))
            elif items and not re.fullmatch(r"\W*(?:stt|tt)\W+nội dung\W*", line, re.I):
                items[-1].text = " ".join(f"{items[-1].text} {line}".split())
    return items, zones.content if zones.marked else end


def _orientation_rows(table: Table):
    items = []
    for row in table.rows:
        cells = table.cell_texts(row)
        number = re.sub(r"\D", "", cells[0]) if cells else ""
        if number and len(cells) > 1:
            items.append(OrientationItem(number, " ".join(c for c in cells[1:] if c)))
    return items


# --- sections -------------------------------------------------------------------------


class _Sections:
    """Walks the content blocks, opening sections and filling their bodies."""

    def __init__(self, orientation):
        self.orientation = {item.number: item.text for item in orientation}
        self.sections: list[Section] = []
        self.top = 0  # number of the current top-level section
        self.item = None  # last plain number used inside the current section
        self.preamble = []
        self.references = []  # (block index, marker, section)
        self.notes = []  # (block index, Footnote, section)

    @property
    def current(self):
        return self.sections[-1] if self.sections else None

    def read(self, blocks, start):
        for index in range(start, len(blocks)):
            self._block(index, blocks[index], blocks[index - 1] if index else None)
        if self.sections:
            self.sections[0].body[:0] = self.preamble
        self._attach_notes()
        _build_tree(self.sections)
        return self.sections

    def _add(self, block):
        (self.current.body if self.current else self.preamble).append(block)

    def _block(self, index, block, previous):
        if not isinstance(block, Paragraph):
            self._add(block)
            return
        text = plain(block.runs)
        if not text and not any(run.sup for run in block.runs):
            return
        note = _footnote(block)
        if note:
            self.notes.append((index, note, self.current))
            return
        opened = self._heading(block, text)
        self.references.extend(
            (index, run.text.strip(), self.current) for run in block.runs if run.sup
        )
        if not opened:
            self._body(block, text, previous)

    def _heading(self, block, text) -> bool:
        match = _NUMBER.match(text)
        if match:
            number = re.sub(r"\s+", "", match.group("number")).rstrip(".")
            depth = number.count(".") + 1
            if (
                depth == 1
                and not block.style_level
                and not self._opens_section(int(number), block, text[match.end() :])
            ):
                self.item = int(number)
                return False
            self._open(number, depth, text[match.end() :])
            return True
        if block.style_level:
            self._open(None, block.style_level, text)
            return True
        return False

    def _opens_section(self, number, block, heading) -> bool:
        """Whether a plain "N." is the next top-level section rather than an item inside one."""
        if number == self.top + 1:
            continues_items = self.item is not None and number == self.item + 1
            return not continues_items or self._looks_like_section(number, block, heading)
        # A skipped number is trusted only when the orientation table confirms it.
        return number > self.top + 1 and _similar(heading, self.orientation.get(str(number)))

    def _looks_like_section(self, number, block, heading) -> bool:
        return bool(
            _similar(heading, self.orientation.get(str(number)))
            or all(run.bold for run in block.runs if run.text.strip())
            or _cited_code(heading)
            or _NEWS.match(heading)
        )

    def _open(self, number, depth, heading):
        previous = self.current.level if self.current else 0
        level = max(1, min(depth, previous + 1, MAX_LEVEL))
        if not self.current:
            level = 1
        heading, rest = _split_heading(" ".join(heading.split()))
        section = Section(number, heading, level, cited_code=_cited_code(heading))
        if rest:
            section.body.append(Paragraph([Run(rest)]))
        if depth == 1:
            self.top = int(number) if number else self.top + 1
            self.item = None
        self.sections.append(section)

    def _body(self, block, text, previous):
        if _is_caption(block, text, previous):
            body = self.current.body if self.current else self.preamble
            photo = body.pop() if body and isinstance(body[-1], Image) else None
            self._add(Caption(text, photo))
            return
        item = _LIST_ITEM.match(block.text)
        if item:
            depth = 2 if item.group(1) == "+" else 1
            self._add(ListItem(_drop_prefix(block.runs, item.end()), depth))
            return
        self._add(block)

    def _attach_notes(self):
        for index, note, where in self.notes:
            same = [(i, section) for i, marker, section in self.references if marker == note.marker]
            before = [section for i, section in same if i < index]
            after = [section for i, section in same if i > index]
            target = (before[-1] if before else after[0] if after else where) or self.sections[0]
            target.footnotes.append(note)


def _footnote(block: Paragraph):
    """A footnote text: it starts with its superscript mark ("¹ Nội dung ...", "[^1]: ...")."""
    runs = [run for run in block.runs if run.text.strip()]
    if not runs or not runs[0].sup or not re.fullmatch(r"\s*[\w*]{1,3}\s*", runs[0].text):
        return None
    text = plain(block.runs[block.runs.index(runs[0]) + 1 :], notes=True).lstrip(":. ")
    return Footnote(runs[0].text.strip(), text) if text else None


def _is_caption(block: Paragraph, text, previous) -> bool:
    """A short line standing where a photo was (or right under one, in Word)."""
    if _NUMBER.match(text) or _LIST_ITEM.match(text) or re.match(r"^\(\d+\)", text):
        return False
    if block.caption_style:
        return True
    if isinstance(previous, Image):
        return len(text) <= 300
    if block.detached:
        return len(text) <= 300 and not text.endswith(":")
    if block.loosely:
        return len(text) <= 250 and not _TERMINAL.search(text)
    return False


def _split_heading(heading):
    """Cut a heading longer than the field after its first sentence (or last clause)."""
    if len(heading) <= HEADING_MAX:
        return heading, ""
    sentence = re.search(r"[.!?…](?=\s+\S)", heading)
    if sentence and sentence.end() <= HEADING_MAX:
        cut = sentence.end()
    else:
        head = heading[:HEADING_MAX]
        cut = max(head.rfind("; "), head.rfind(": "))
        if cut < 0:
            cut = head.rfind(", ")
        if cut < 0:
            cut = head.rfind(" ")
        cut = cut + 1 if cut > 0 else HEADING_MAX
    return heading[:cut].rstrip(" ,;:"), heading[cut:].strip()


def _cited_code(heading):
    citations = extract_citations(heading)
    if citations and citations[0].start <= CITATION_LEAD:
        return citations[0].code
    return None


def _similar(text, other) -> bool:
    if not other:
        return False
    words, others = set(re.findall(r"\w+", text.lower())), set(re.findall(r"\w+", other.lower()))
    if not words or not others:
        return False
    return len(words & others) / min(len(words), len(others)) >= 0.6


def _drop_prefix(runs, length):
    """The runs without their first ``length`` characters (a list marker)."""
    out = []
    for run in runs:
        if length >= len(run.text):
            length -= len(run.text)
            continue
        out.append(Run(run.text[length:], run.bold, run.italic, run.sup))
        length = 0
    return out


def _build_tree(sections):
    stack = []
    for section in sections:
        while stack and stack[-1].level >= section.level:
            stack.pop()
        if stack:
            stack[-1].children.append(section)
        stack.append(section)
