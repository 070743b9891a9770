"""Recognise the structure of a bulletin in the blocks a reader produced; no database.

The parts, in the order they are printed: the header (publisher, title, month, marking), the
orientation table ("I- Định hướng sinh hoạt chi bộ"), the "NỘI DUNG" marker, then numbered
sections. Numbers are kept as printed; what they say about the outline is weighed against
the evidence, and whatever is irregular becomes a warning, never a silent repair:

* a dotted number ("2.1.", "5.1 ", "4. 8.") opens a subsection at the level of its depth. Under
  the wrong section (4.x under 3) it stays there when a "4." follows later, reported; when no
  section 4 is printed at all, an empty section 4 is created for it, flagged;
* a plain number ("3.") opens a top-level section when it is the next one, unless it continues
  a run of items inside the section (the seven tasks of a directive) and nothing says it is a
  heading (its orientation row, bold type, a cited document, the news section). A number
  further on (1, 2, 3, 5) needs such evidence, or its own "5.1" following, and is reported;
* when the content opens with "I.", Roman numerals number the sections and "1." the subsections;
* a heading too long for the field is cut after its first sentence, the rest opens the body.

Finally every source line whose words the result does not hold is listed as not placed.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from documents.citations import extract_citations

from .errors import BulletinImportError
from .limits import check_deadline
from .reader import Image, Paragraph, Run, Table, roman

HEADING_MAX = 500  # Section.heading max_length
MAX_LEVEL = 4  # Section.MAX_LEVEL
ITEM_LENGTH = 200  # a numbered paragraph longer than this, ending a sentence, is an item
LONG_HEADING = 300  # longer than this, a heading is probably a paragraph
CITATION_LEAD = 3  # a heading "presents" a document cited within its first characters

_NUMBER = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}(?:\.\s+\d{1,2})+\.|\d{1,2}\.)\s*"
    r"(?=[^\W\d_a-zđ]|[\"“‘'(])"
)
_WORD_LABEL = re.compile(r"(?P<number>\d{1,2}(?:\.\d{1,2})*\.?)\s*")
_LIST_ITEM = re.compile(r"^([-–+•●▪*])\s+")
_CONTENT_MARKER = re.compile(
    r"(?:[IVX]{1,4}\s*[-.–:]\s*)?nội\s+dung(?:\s+sinh\s+hoạt(?:\s+chi\s+bộ)?)?\s*:?", re.I
)
_ORIENTATION_MARKER = re.compile(r"định\s+hướng\s+(?:nội\s+dung\s+)?sinh\s+hoạt", re.I)
_ORIENTATION_ROW = re.compile(r"^(\d{1,2})[.)]?(?:\s+(\S.*))?$")  # a number may stand alone
_TABLE_HEAD = re.compile(r"\W*(?:(?:stt|tt)\W*)?(?:nội dung)?\W*", re.I)
_ROMAN = re.compile(r"^(?P<number>[IVX]{1,4})\s*[-.–]\s*(?=\S)")
# "PHẦN THỨ NHẤT: ...", "Phần II - ...": a bulletin in parts, each numbering its sections anew.
_PART = re.compile(
    r"^phần\s+(?:thứ\s+)?(?P<ordinal>[IVX]{1,4}|\d{1,2}|nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|"
    r"tám|chín|mười)(?![\w])",
    re.IGNORECASE,
)
_ORDINALS = dict(
    nhất=1, một=1, hai=2, ba=3, tư=4, bốn=4, năm=5, sáu=6, bảy=7, tám=8, chín=9, mười=10
)
_DOCUMENT_HEADING = re.compile(
    r"^(?:chỉ thị|nghị quyết|kết luận|quy định|quyết định|kế hoạch|đề án|chương trình|"
    r"hướng dẫn|công văn|thông báo|báo cáo|quy chế)\s+(?:số\s+)?\d",
    re.I,
)
_MONTH = re.compile(r"tháng\s*(\d{1,2})\s*(?:năm\s*|[/.,–-]\s*)(\d{4})", re.I)
_TERMINAL = re.compile(r"[.!?:;…]['\"”’»)]*$")
_DATELINE = re.compile(r"ngày\s*\d{1,2}\s*tháng\s*\d{1,2}", re.I)
_NEWS = re.compile(r"^tin\s+(?:hoạt\s+động|tức)", re.I)


@dataclass
class Header:
    publisher: str | None = None
    title: str | None = None
    month: int | None = None
    year: int | None = None
    marking: str | None = None
    lines: list[str] = field(default_factory=list)  # the source lines these were read from

    def as_json(self):
        return {name: getattr(self, name) for name in HEADER_FIELDS}


HEADER_FIELDS = ("publisher", "title", "month", "year", "marking")


@dataclass
class OrientationItem:
    number: str
    text: str


@dataclass
class ListItem:
    runs: list[Run]
    depth: int = 1
    ordered: bool = False  # an item of a numbered list (its number is not in its runs)


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
class ParseWarning:
    """Something that looks wrong, for the editor to check: shown before confirming and kept
    on the draft."""

    kind: str
    message: str
    params: dict = field(default_factory=dict)

    @property
    def text(self):
        return str(self.message) % self.params if self.params else str(self.message)

    def as_json(self):
        return {"kind": self.kind, "message": self.text}


@dataclass
class Unplaced:
    """Source text the importer could not put anywhere in the draft."""

    text: str
    reason: str

    def as_json(self):
        return {"text": self.text, "reason": str(self.reason)}


@dataclass
class Section:
    number: str | None
    heading: str
    level: int
    body: list = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    cited_code: str | None = None
    children: list = field(default_factory=list)
    implicit: bool = False  # created for subsections whose parent heading is missing

    @property
    def text(self):
        return body_text(self.body)

    def as_json(self):
        return {
            "number": self.number,
            "heading": self.heading,
            "cited_code": self.cited_code,
            "text": self.text,
            "children": [child.as_json() for child in self.children],
        }


@dataclass
class Bulletin:
    header: Header
    orientation: list[OrientationItem]
    sections: list[Section]  # in document order; ``children`` holds the same sections as a tree
    source_hash: str = ""
    filename: str = ""
    warnings: list[ParseWarning] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # "NỘI DUNG", "Stt | Nội dung" ...

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
            "header": self.header.as_json(),
            "orientation": [vars(item).copy() for item in self.orientation],
            "sections": [section.as_json() for section in self.top_level],
            "footnotes": [vars(note).copy() for note in self.footnotes],
            "captions": [{"text": caption.text} for caption in self.captions],
            "unplaced": [fragment.as_json() for fragment in self.unplaced],
        }

    def report(self):
        """Warnings and unplaced fragments, as kept on the draft issue (JSON)."""
        report = [warning.as_json() for warning in self.warnings]
        return report + [
            {
                "kind": "unplaced",
                "message": _("Not placed (%(reason)s): %(text)s")
                % {"reason": fragment.reason, "text": fragment.text},
            }
            for fragment in self.unplaced
        ]

    def placed_words(self):
        """Every word the draft holds: header, orientation, sections, notes, captions."""
        header = [getattr(self.header, name) or "" for name in ("publisher", "title", "marking")]
        texts = [*header, *self.header.lines, *self.labels]
        texts += [f"{item.number} {item.text}" for item in self.orientation]
        for section in self.sections:
            texts += [section.number or "", section.heading, section.text]
            texts += [f"{note.marker} {note.text}" for note in section.footnotes]
        return words(" ".join(texts))


def plain(runs, *, notes=False) -> str:
    """The text of runs on one line; footnote marks left out unless asked for."""
    return " ".join("".join(r.text for r in runs if notes or not r.sup).split())


def body_text(blocks) -> str:
    """The plain text of a section body, one block a line (what ``--json`` reports)."""
    lines = []
    for block in blocks:
        if isinstance(block, Paragraph | ListItem):
            lines.append(plain(block.runs, notes=True))
        elif isinstance(block, Table):
            lines += [" | ".join(block.cell_texts(row)) for row in block.rows]
        elif isinstance(block, Caption):
            lines.append(block.text)
    return "\n".join(line for line in lines if line)


def parse(blocks) -> Bulletin:
    warnings = []
    blocks = [_rebuilt(block, warnings) if isinstance(block, Table) else block for block in blocks]
    zones = _zones(blocks)
    header = _header(blocks[: zones.header_end])
    orientation, content = [], zones.content
    if zones.orientation is not None:
        orientation, content = _orientation(blocks, zones)
    sections = _Sections(orientation, warnings).read(blocks, content)
    if not sections:
        raise BulletinImportError(
            _("No numbered section (1., 2., 2.1. …) was found: is this a bulletin?")
        )
    pictures = sum(isinstance(block, Image) for block in blocks[:content])
    if pictures:
        # The header and orientation are printed by the portal itself: a picture there (an
        # emblem, a cover photo) has no place to go, so the editor decides.
        warnings.append(
            ParseWarning(
                "image",
                ngettext_lazy(
                    "%(count)d picture before the first section was not imported (a cover or "
                    "an emblem?): insert it in a section if it belongs to the text.",
                    "%(count)d pictures before the first section were not imported (a cover "
                    "or an emblem?): insert them in a section if they belong to the text.",
                    pictures,
                ),
                {"count": pictures},
            )
        )
    bulletin = Bulletin(
        header, orientation, sections, warnings=warnings, labels=_labels(blocks, content)
    )
    bulletin.unplaced = _unplaced(blocks, bulletin, zones.header_end, content)
    return bulletin


def words(text):
    return re.findall(r"\w+", text.lower())


def _labels(blocks, content):
    """The fixed titles a bulletin prints (orientation, content, table head): the portal prints
    them itself, so they count as placed."""
    labels = []
    for block in blocks[:content]:
        if isinstance(block, Paragraph) and (
            _is_content_marker(block) or _ORIENTATION_MARKER.search(block.text)
        ):
            labels.append(block.text)
        elif isinstance(block, Table) and block.rows and _is_orientation_table(block):
            labels += block.cell_texts(block.rows[0])
    return [*labels, "Stt", "TT", "Nội dung", "ĐẢNG CỘNG SẢN VIỆT NAM"]


def _source_lines(block):
    if isinstance(block, Paragraph):
        return block.text.split("\n")
    if isinstance(block, Table):
        return [text for row in block.rows for text in block.cell_texts(row)]
    return []


def _unplaced(blocks, bulletin, header_end, content):
    """Each source line with words the draft does not hold, and why: the safety net that makes
    a lost paragraph visible instead of silent.

    Words are taken from what the draft holds as each line is checked: the content first, then
    the orientation, then the header, whose stray lines are the likeliest to be left over.
    """
    available = Counter(bulletin.placed_words())
    zones = [
        (range(content, len(blocks)), _("not found in the draft")),
        (range(header_end, content), _("not recognised in the orientation")),
        (range(header_end), _("not recognised in the header")),
    ]
    lines = [
        ((index, number), Counter(words(line)), line, reason)
        for indexes, reason in zones
        for index in indexes
        for number, line in enumerate(_source_lines(blocks[index]))
    ]
    # Lines found whole first, so that a stray line does not take the words of a placed one.
    rest = []
    for line in lines:
        if all(available[word] >= count for word, count in line[1].items()):
            available.subtract(line[1])
        else:
            rest.append(line)
    fragments = []
    for key, counts, line, reason in rest:
        found = {word: min(count, available[word]) for word, count in counts.items()}
        available.subtract(found)
        if found != dict(counts):
            fragments.append((key, Unplaced(" ".join(line.split()), reason)))
    return [fragment for _key, fragment in sorted(fragments, key=lambda item: item[0])]


def _rebuilt(table, warnings):
    """A table whose rows wrapped over lines (PDF, text) joined back by its number column: a
    row with an empty first cell goes on with the numbered row above it."""
    if not table.may_wrap or len(table.rows) < 2:
        return table
    firsts = [table.cell_texts(row)[0] if row else "" for row in table.rows]
    numbered = [bool(re.fullmatch(r"\d{1,3}[.)]?", text)) for text in firsts]
    if not any(numbered):
        return table
    first = numbered.index(True)
    if all(firsts[first:]):
        return table
    rows = [list(row) for row in table.rows[: first + 1]]
    for row, text in zip(table.rows[first + 1 :], firsts[first + 1 :], strict=True):
        if text:
            rows.append(list(row))
            continue
        above = rows[-1]
        for column, cell in enumerate(row):
            if column < len(above):
                above[column] = [*above[column], Run(" "), *cell]
            else:
                above.append(list(cell))
    warnings.append(
        ParseWarning(
            "table_rebuilt",
            _(
                "A table whose rows wrapped over several lines was rebuilt by its number column "
                "(%(rows)s rows)."
            ),
            {"rows": len(rows) - first},
        )
    )
    return Table(rows)


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
            # the content marker closes the orientation, even after a stray line or two
            marker = next(
                (
                    k
                    for k in range(after, min(after + 4, len(blocks)))
                    if _is_content_marker(blocks[k])
                ),
                None,
            )
            return _Zones(orientation, orientation, after if marker is None else marker + 1, True)
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
    if not isinstance(block, Paragraph):
        return False
    text = plain(block.runs)
    return bool(block.style_level or _NUMBER.match(text) or _part(block, text))


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
    """Publisher, title, month and marking, wherever the lines put them.

    The title is the line with "TÀI LIỆU" (or else "sinh hoạt chi bộ"), wrapped over up to
    three lines down to the month; the publisher is what stands above it.
    """
    lines = [" ".join(line.split()) for line in _header_lines(blocks)]
    lines = [line for line in lines if re.search(r"\w", line)]
    header = Header()
    title_at = next((i for i, line in enumerate(lines) if "TÀI LIỆU" in line.upper()), None)
    if title_at is None:
        title_at = next(
            (i for i, line in enumerate(lines) if re.search(r"sinh\s+hoạt\s+chi\s+bộ", line, re.I)),
            None,
        )
    month_at = None
    for index, line in enumerate(lines):
        month = _MONTH.search(line)
        if _DATELINE.search(line):  # "Cao Bằng, ngày 25 tháng 12 năm 2025": when it was signed
            continue
        if month and 1 <= int(month.group(1)) <= 12:
            header.month, header.year = int(month.group(1)), int(month.group(2))
            month_at = index
            header.lines.append(line)
            break
    for line in lines:
        if re.search(r"nội bộ|lưu hành|\bmật\b", line, re.I):
            header.marking = line
            break
    if title_at is not None:
        end = month_at if month_at is not None and 0 <= month_at - title_at <= 3 else title_at
        title_lines = lines[title_at : max(end, title_at + 1)]
        # a document number ("Số 07-TL/BTGDV") or a date line is not part of the title
        title_lines = title_lines[:1] + [
            line for line in title_lines[1:] if not re.match(r"số\b|.*ngày\s+\d", line, re.I)
        ]
        header.lines += title_lines
        if month_at is not None and 0 <= month_at - title_at <= 3:
            # the title goes on before the month on the month's line ("... CHI BỘ THÁNG 1")
            before = lines[month_at][: _MONTH.search(lines[month_at]).start()]
            title_lines = [line for line in title_lines if line != lines[month_at]] + [before]
        header.title = " ".join(" ".join(title_lines).split()).rstrip(" ,-–") or None
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
        if block.style_level:  # a heading style: the content has begun
            return items, index
        for line in block.text.split("\n"):
            row = _ORIENTATION_ROW.match(line.strip())
            if row and items and int(row.group(1)) <= int(items[-1].number):
                return items, index
            if row:
                items.append(OrientationItem(row.group(1), " ".join((row.group(2) or "").split())))
            elif items and not _TABLE_HEAD.fullmatch(line):
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
    """Walks the content blocks, opening sections and filling their bodies.

    A number is read as printed and kept; what it says about the outline is checked against
    the evidence around it (the orientation table, the subsections that follow, bold type), and
    anything irregular is reported as a warning rather than silently repaired.
    """

    def __init__(self, orientation, warnings):
        self.orientation = {item.number: item.text for item in orientation}
        self.warnings = warnings
        self.sections: list[Section] = []
        self.top = 0  # number of the current top-level section
        self.item = None  # last plain number used inside the current section
        self.preamble = []
        self.references = []  # (block index, marker, section)
        self.notes = []  # (block index, Footnote, section)
        self.mismatched = set()  # (section, printed parent) already reported
        self.dotted_items = None  # (parent, last number) of a run of long numbered items
        self.roman = False  # the main sections are numbered I., II. …, then 1., 2. under them

    @property
    def current(self):
        return self.sections[-1] if self.sections else None

    def warn(self, kind, message, **params):
        self.warnings.append(ParseWarning(kind, message, params))

    def read(self, blocks, start):
        self.blocks = blocks
        self.roman = _roman_sections(blocks, start)
        self.styled_numbers = _styled_numbers(blocks, start)
        for index in range(start, len(blocks)):
            check_deadline()
            self.index = index
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
        opened = not block.ordered_depth and self._heading(block, text)
        self.references.extend(
            (index, run.text.strip(), self.current) for run in block.runs if run.sup
        )
        if not opened:
            self._body(block, text, previous)

    def _heading(self, block, text) -> bool:
        roman = _ROMAN.match(text) if self.roman else None
        if roman and _roman_value(roman.group("number")):
            self.top = _roman_value(roman.group("number"))
            self._open(roman.group("number"), 1, text[roman.end() :])
            self.item = None
            return True
        part = _part(block, text) if self.roman else 0
        if part:
            self.top = part
            self._open(None, 1, text)
            self.item = None
            return True
        match = _NUMBER.match(text) or _styled_number(block, text)
        if match:
            number = re.sub(r"\s+", "", match.group("number")).rstrip(".")
            heading = text[match.end() :]
            depth = number.count(".") + 1
            if self.roman:
                if depth == 1 and not (block.style_level or _short_heading(block, heading)):
                    return False
                depth += 1
            elif depth == 1 and not block.style_level:
                if not self._opens_section(int(number), block, heading):
                    self.item = int(number)
                    return False
            elif depth > 1:
                if not block.style_level and self._numbered_item(number, block, heading):
                    return False
                self._parent_for(number)
            self._open(number, depth, heading)
            return True
        if block.style_level:
            self._open(None, block.style_level, text)
            return True
        return False

    def _opens_section(self, number, block, heading) -> bool:
        """Whether a plain "N." is a top-level section rather than an item inside one.

        The next number opens one unless it continues a run of items and nothing says it is a
        heading; a number further on (a gap: section 4 was dropped) needs evidence, and the
        gap is reported.
        """
        if self._styled_ahead(number):
            return False  # the section itself comes later, in a Heading style
        continues_items = self.item is not None and number == self.item + 1
        if number == self.top + 1:
            return not continues_items or self._looks_like_section(number, block, heading)
        if number <= self.top:
            return False
        strong = (
            _similar(heading, self.orientation.get(str(number)))
            or self._subsection_follows(number)
            or (_NEWS.match(heading) and len(heading) < 100)
            or (self.top and all(run.bold for run in block.runs if run.text.strip()))
        )
        if not strong and (continues_items or not _cited_code(heading)):
            return False
        self.warn(
            "numbering_gap",
            _("Section numbering jumps from %(before)s to %(after)s."),
            before=self.top,
            after=number,
        )
        return True

    def _numbered_item(self, number, block, heading) -> bool:
        """A long numbered paragraph ("4.1. Tiếp tục quán triệt ... ;") is an item of a list in
        the section's text, and so are the numbers that follow it, however short."""
        parent, _dot, last = number.rpartition(".")
        follows = self.dotted_items == (parent, int(last) - 1)
        bold = all(run.bold for run in block.runs if run.text.strip())
        if follows or (len(heading) > ITEM_LENGTH and _TERMINAL.search(heading) and not bold):
            self.dotted_items = (parent, int(last))
            return True
        return False

    def _looks_like_section(self, number, block, heading) -> bool:
        return bool(
            _similar(heading, self.orientation.get(str(number)))
            or all(run.bold for run in block.runs if run.text.strip())
            or _cited_code(heading)
            or _NEWS.match(heading)
        )

    def _numbers_ahead(self):
        """(number, depth) of each numbered paragraph after the current one."""
        for block in self.blocks[self.index + 1 :]:
            if isinstance(block, Paragraph):
                match = _NUMBER.match(plain(block.runs))
                if match:
                    number = re.sub(r"\s+", "", match.group("number")).rstrip(".")
                    yield number, number.count(".") + 1

    def _styled_ahead(self, number) -> bool:
        """A paragraph in a Heading style further on carries this top-level number: a plain
        "N." before it is a bold title in a section's text (as in our own Word files)."""
        return self.styled_numbers.get(str(number), -1) > self.index

    def _subsection_follows(self, number) -> bool:
        """The next numbered paragraph is "N.1": N is a section whose heading is this line."""
        ahead, depth = next(self._numbers_ahead(), ("", 0))
        return depth > 1 and ahead.split(".")[0] == str(number)

    def _parent_for(self, number):
        """Check that a subsection "P.x" stands under section P; create P when it is missing."""
        parent = int(number.split(".")[0])
        if self.current is not None and parent == self.top:
            return
        printed_later = any(
            depth == 1 and ahead == str(parent) for ahead, depth in self._numbers_ahead()
        )
        if self.current is None or (parent > self.top and not printed_later):
            self.sections.append(Section(str(parent), "", 1, implicit=True))
            self.top, self.item = parent, None
            self.warn(
                "implicit_section",
                _(
                    "Subsection %(number)s has no section %(parent)s above it: an empty "
                    "section %(parent)s was added; write its heading."
                ),
                number=number,
                parent=parent,
            )
            return
        if (self.top, parent) in self.mismatched:
            return
        self.mismatched.add((self.top, parent))
        self.warn(
            "numbering_mismatch",
            _("Subsection %(number)s stands under section %(parent)s: check the numbering."),
            number=number,
            parent=self.top,
        )

    def _open(self, number, depth, heading):
        previous = self.current.level if self.current else 0
        level = max(1, min(depth, previous + 1, MAX_LEVEL))
        if not self.current:
            level = 1
        heading, rest = _split_heading(" ".join(heading.split()))
        section = Section(number, heading, level, cited_code=_cited_code(heading))
        self.dotted_items = None
        label = number or heading[:40]
        if number and level != depth:
            self.warn(
                "numbering_level",
                _(
                    "Section %(number)s skips a level or is deeper than %(levels)d levels: it "
                    "was placed at level %(level)d and numbered again; check its number."
                ),
                number=number,
                levels=MAX_LEVEL,
                level=level,
            )
        if rest or len(heading) > LONG_HEADING:
            self.warn(
                "long_heading",
                _(
                    "The heading of section %(number)s is longer than a paragraph: check "
                    "where the heading ends and the text begins."
                ),
                number=label,
            )
        if section.cited_code is None and _DOCUMENT_HEADING.match(heading):
            self.warn(
                "citation",
                _("Section %(number)s names a document whose code was not recognised."),
                number=label,
            )
        if rest:
            section.body.append(Paragraph([Run(rest)]))
        if depth == 1 and not self.roman:
            self.top = int(number) if number else self.top + 1
            self.item = None
        self.sections.append(section)

    def _body(self, block, text, previous):
        if block.ordered_depth:
            self._add(ListItem(block.runs, block.ordered_depth, ordered=True))
            return
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
        noted = {note.marker for _index, note, _where in self.notes}
        for _index, marker, section in self.references:
            if marker not in noted and re.fullmatch(r"\(?(\d{1,3}|\*{1,3})\)?", marker):
                self.warn(
                    "footnote",
                    _("Footnote mark %(marker)s in section %(number)s has no note."),
                    marker=marker,
                    number=(section.number or "") if section else "",
                )


def _part(block, text):
    """The number of a part heading ("PHẦN THỨ HAI: ..."): a short line, bold or in capitals,
    so that a sentence starting "Phần thứ hai của hội nghị ..." stays text."""
    match = _PART.match(text)
    sentence = len(text.split()) > 4 and text.endswith((".", ";"))
    if not match or len(text) > 120 or sentence:
        return 0
    if not (text.isupper() or all(run.bold for run in block.runs if run.text.strip())):
        return 0
    ordinal = match.group("ordinal")
    if ordinal.isdigit():
        return int(ordinal)
    return _ORDINALS.get(ordinal.lower()) or _roman_value(ordinal.upper())


def _roman_sections(blocks, start) -> bool:
    """The content numbers its main sections I., II. … or is in parts (PHẦN THỨ NHẤT …): its
    first heading is one of those, and the numbered sections stand one level under it."""
    for block in blocks[start:]:
        if isinstance(block, Paragraph):
            text = plain(block.runs)
            if (_ROMAN.match(text) or _part(block, text)) and not _is_content_marker(block):
                return True
            if _NUMBER.match(text) or block.style_level:
                return False
    return False


def _styled_number(block, text):
    """The number Word gives a heading style, whatever the heading starts with ("100 năm ...",
    a lower case name): _NUMBER alone would take it for an item's text."""
    if not (block.style_level and block.label and _WORD_LABEL.fullmatch(block.label)):
        return None
    return _WORD_LABEL.match(text)


def _styled_numbers(blocks, start):
    """{number: index of its last paragraph in a Heading style}, for ``_styled_ahead``."""
    found = {}
    for index in range(start, len(blocks)):
        block = blocks[index]
        if isinstance(block, Paragraph) and block.style_level:
            text = plain(block.runs)
            match = _NUMBER.match(text) or _styled_number(block, text)
            if match:
                found[re.sub(r"\s+", "", match.group("number")).rstrip(".")] = index
    return found


def _roman_value(numeral):
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for index, letter in enumerate(numeral):
        value = values[letter]
        following = values[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if roman(total) == numeral else 0


def _short_heading(block, heading):
    """A heading rather than an item: all bold, or one short line with no sentence end."""
    bold = all(run.bold for run in block.runs if run.text.strip())
    return bold or (len(heading) <= 160 and not re.search(r"[.;:,]$", heading.strip()))


def _footnote(block: Paragraph):
    """A footnote text: it starts with its superscript mark ("¹ Nội dung ...", "[^1]: ...").

    Word's own notes (``block.footnote``) keep any mark the field holds, "(*)" included; a
    paragraph of the text only a short one, or a superscript word would open a note."""
    runs = [run for run in block.runs if run.text.strip()]
    mark = r"\s*\S{1,10}\s*" if block.footnote else r"\s*[\w*]{1,3}\s*"
    if not runs or not runs[0].sup or not re.fullmatch(mark, runs[0].text):
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
