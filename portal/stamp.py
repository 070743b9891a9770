"""The reader's footer added to a stored PDF, per download, without rendering anything.

The issue's PDF is rendered once per saved state (portal.pdf) and stored ``prepare``d: one
line of text at the foot of every page is added as an incremental update (the original bytes
are copied as they are and a few objects appended: the pages, a content stream, the bundled
Noto Serif font), its text a slot of blanks. Each download then ``fill``s the slot with its
reader's line ("Downloaded by ... at ...") in place: the same number of bytes, so no offset
moves and nothing is parsed, whatever the number of pages.
"""

import functools
import io
import unicodedata
import zlib
from dataclasses import dataclass

from django.conf import settings
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

FONT = settings.BASE_DIR / "static" / "fonts" / "noto-serif-vi-400.woff2"
FONT_NAME = NameObject("/ReaderStamp")
# Where the print stylesheet puts its @bottom-left box (2.5 cm left margin, 2 cm bottom).
LEFT, BASELINE, SIZE, GREY = 70.9, 26.0, 8, 0.29
# Glyphs the slot holds; a longer line is cut. Blanks inside a hexadecimal string are ignored
# by PDF readers, so the slot is blanks until filled and the unused part stays blank.
SLOT_GLYPHS = 512
SLOT = b" Td <" + b" " * (4 * SLOT_GLYPHS) + b"> Tj"


@dataclass(frozen=True)
class StampFont:
    data: bytes  # the TrueType file, deflated
    length: int  # its size before deflating
    glyphs: dict  # character -> glyph id
    widths: list  # advance width of each glyph id, in 1/1000 of the font size
    bbox: list
    ascent: int
    descent: int


@functools.cache
def stamp_font():
    """The portal's Vietnamese subset of Noto Serif as TrueType, read once per process."""
    font = TTFont(FONT)
    font.flavor = None
    data = io.BytesIO()
    font.save(data)
    scale = 1000 / font["head"].unitsPerEm
    order = font.getGlyphOrder()
    head, hhea = font["head"], font["hhea"]
    return StampFont(
        data=zlib.compress(data.getvalue(), 9),
        length=len(data.getvalue()),
        glyphs={chr(code): font.getGlyphID(name) for code, name in font.getBestCmap().items()},
        widths=[round(font["hmtx"][name][0] * scale) for name in order],
        bbox=[round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        ascent=round(hhea.ascent * scale),
        descent=round(hhea.descent * scale),
    )


def glyph_ids(text, font):
    """Glyph ids for the text; a letter the subset lacks falls back to its base letter."""
    ids = []
    for char in unicodedata.normalize("NFC", text):
        if char not in font.glyphs:
            char = unicodedata.normalize("NFD", char)[0]
        ids.append(font.glyphs.get(char, font.glyphs["?"]))
    return ids


def prepare(pdf_bytes):
    """The PDF with an empty line at the foot of every page, as an incremental update."""
    font = stamp_font()
    writer = PdfWriter(PdfReader(io.BytesIO(pdf_bytes)), incremental=True)
    font_ref = writer._add_object(_type0_font(writer, font))
    save = writer._add_object(_stream(b"q\n"))
    text = f"Q q {GREY} g BT {FONT_NAME} {SIZE} Tf {LEFT} {BASELINE}".encode()
    footer = writer._add_object(_stream(text + SLOT + b" ET Q\n"))
    for page in writer.pages:
        contents = page.get("/Contents")
        existing = contents.get_object() if contents is not None else ArrayObject()
        if not isinstance(existing, ArrayObject):
            existing = ArrayObject([contents])
        page[NameObject("/Contents")] = ArrayObject([save, *existing, footer])
        resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
        fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
        fonts[FONT_NAME] = font_ref
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def fill(prepared, note):
    """The prepared PDF with the note in its slot; a PDF stored before slots existed is
    prepared first."""
    at = prepared.rfind(SLOT)
    if at < 0:
        return fill(prepare(prepared), note)
    glyphs = "".join(f"{gid:04x}" for gid in glyph_ids(note, stamp_font())[:SLOT_GLYPHS])
    text = b" Td <" + glyphs.encode().ljust(4 * SLOT_GLYPHS) + b"> Tj"
    return prepared[:at] + text + prepared[at + len(SLOT) :]


def _stream(data):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _type0_font(writer, font):
    """A composite font (Identity-H) over the TrueType file, with a ToUnicode map so that
    the stamp can be searched and copied."""
    file = StreamObject()
    file._data = font.data  # deflated once per process, not per download
    file[NameObject("/Filter")] = NameObject("/FlateDecode")
    file[NameObject("/Length1")] = NumberObject(font.length)
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): NameObject("/NotoSerif"),
            NameObject("/Flags"): NumberObject(32),
            NameObject("/FontBBox"): ArrayObject(NumberObject(v) for v in font.bbox),
            NameObject("/ItalicAngle"): NumberObject(0),
            NameObject("/Ascent"): NumberObject(font.ascent),
            NameObject("/Descent"): NumberObject(font.descent),
            NameObject("/CapHeight"): NumberObject(font.ascent),
            NameObject("/StemV"): NumberObject(80),
            NameObject("/FontFile2"): writer._add_object(file),
        }
    )
    descendant = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject("/NotoSerif"),
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
            NameObject("/CIDToGIDMap"): NameObject("/Identity"),
            NameObject("/W"): ArrayObject(
                [NumberObject(0), ArrayObject(FloatObject(w) for w in font.widths)]
            ),
        }
    )
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject("/NotoSerif"),
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
            NameObject("/ToUnicode"): writer._add_object(_stream(_to_unicode(font))),
        }
    )


def _to_unicode(font):
    """The CMap from glyph ids back to characters."""
    pairs = sorted((gid, char) for char, gid in font.glyphs.items())
    blocks = []
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        lines = "\n".join(f"<{gid:04x}> <{_utf16(char)}>" for gid, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <ffff> endcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()


def _utf16(char):
    return char.encode("utf-16-be").hex()
