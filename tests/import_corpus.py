"""A corpus of bulletins the importer was not built on, written here and rendered in every
format the importer reads: Markdown, text, Word (real automatic numbering and tables) and PDF
(rendered from HTML with WeasyPrint, the project's own PDF stack).

Each bulletin is an outline of items; what the importer must find (numbers, levels, headings)
is written in the outline itself, never computed by the importer.
"""

import base64
import functools
import html
import re
from dataclasses import dataclass, field
from io import BytesIO

import docx
from docx.oxml import parse_xml

MARKING = "SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class H:
    """A heading as printed: ``number`` ("2", "2.1", "II"); ``printed=False`` when the file
    leaves it out and the importer must create it (empty)."""

    number: str
    heading: str
    level: int
    printed: bool = True


@dataclass
class P:
    text: str  # "[^1]" marks a footnote reference


@dataclass
class L:
    text: str


@dataclass
class T:
    rows: list


@dataclass
class B:
    """A bold paragraph without a number (a lead-in such as "Phần thứ nhất"): body text."""

    text: str


@dataclass
class Photo:
    """A photo with its caption under it."""

    caption: str


@dataclass
class N:
    marker: str
    text: str


@dataclass
class Spec:
    name: str
    month: int
    orientation: list
    outline: list
    publisher: tuple = ("ĐẢNG ỦY PHƯỜNG THỤC PHÁN", "BAN TUYÊN GIÁO VÀ DÂN VẬN")
    auto_numbering: bool = True  # Word can number it itself (no gap, no missing heading)
    year: int = 2026
    extra: dict = field(default_factory=dict)

    @property
    def expected(self):
        return [(h.number, h.level, h.heading) for h in self.outline if isinstance(h, H)]

    @property
    def captions(self):
        return [photo.caption for photo in self.outline if isinstance(photo, Photo)]

    @property
    def footnotes(self):
        return [(note.marker, note.text) for note in self.outline if isinstance(note, N)]

    @property
    def words_text(self):
        """All the text of the bulletin, for counting its words."""
        parts = [*self.publisher, "TÀI LIỆU PHỤC VỤ SINH HOẠT CHI BỘ", self.month_line, MARKING]
        parts += [f"{n} {text}" for n, text in enumerate(self.orientation, start=1)]
        for item in self.outline:
            if isinstance(item, H) and item.printed:
                parts.append(f"{item.number} {item.heading}")
            elif isinstance(item, P | L | B):
                parts.append(item.text.replace("[^", " ").replace("]", " "))
            elif isinstance(item, T):
                parts += [" ".join(row).replace("[^", " ").replace("]", " ") for row in item.rows]
            elif isinstance(item, Photo):
                parts.append(item.caption)
            elif isinstance(item, N):
                parts.append(f"{item.marker} {item.text}")
        return "\n".join(parts)

    @property
    def month_line(self):
        return f"Tháng {self.month} năm {self.year}"


def _sentence(seed, n=3):
    pieces = [
        "Các chi bộ tổ chức quán triệt đầy đủ nội dung đến từng đảng viên",
        "gắn với nhiệm vụ chính trị của địa phương, cơ quan, đơn vị",
        "bảo đảm thiết thực, tránh hình thức, phù hợp với điều kiện thực tế",
        "kịp thời nắm bắt tâm tư, nguyện vọng của Nhân dân trên địa bàn",
        "phát huy vai trò tiền phong, gương mẫu của cán bộ, đảng viên",
        "tăng cường kiểm tra, giám sát việc thực hiện ở cơ sở",
        "đẩy mạnh chuyển đổi số trong công tác tuyên truyền miệng",
        "chủ động phòng ngừa, đấu tranh với thông tin sai trái trên không gian mạng",
    ]
    chosen = [pieces[(seed * 3 + i) % len(pieces)] for i in range(n)]
    text = "; ".join(chosen) + "."
    return text[0].upper() + text[1:]


def news(number, count):
    outline = [H(str(number), "Tin hoạt động", 1)]
    places = ["Hội trường Đảng ủy phường", "Nhà văn hóa tổ dân phố 3", "Trường Tiểu học Hợp Giang"]
    for index in range(1, count + 1):
        outline += [
            H(f"{number}.{index}", f"Hội nghị chuyên đề lần thứ {index + 10} tại cơ sở", 2),
            P(
                f"Sáng {index + 2}/9/2026, tại {places[index % 3]}, Đảng ủy phường tổ chức hội "
                f"nghị chuyên đề; đồng chí Nông Văn Lộc, Phó Bí thư Thường trực chủ trì. "
                + _sentence(index)
            ),
            Photo(f"Quang cảnh hội nghị chuyên đề lần thứ {index + 10}"),
            P("Hội nghị đã thảo luận và thống nhất các nội dung trình."),
        ]
    return outline


def plan(number, code, subject, seed, subsections=2, items=False):
    outline = [
        H(str(number), f"Kế hoạch số {code}, ngày 14/8/2026 của Đảng ủy phường về {subject}", 1),
        P(f"Thực hiện chủ trương của cấp trên, Ban Thường vụ ban hành kế hoạch. {_sentence(seed)}"),
    ]
    if items:
        outline += [
            P(
                "1. Tiếp tục quán triệt sâu rộng nội dung kế hoạch, "
                + _sentence(seed + 1, 4).lower()
            ),
            P(f"2. Tổ chức thực hiện đồng bộ các giải pháp, {_sentence(seed + 2, 4).lower()}"),
            P(f"3. Định kỳ sơ kết, đánh giá kết quả thực hiện, {_sentence(seed + 3, 4).lower()}"),
        ]
    titles = ["Mục đích, yêu cầu", "Nhiệm vụ, giải pháp", "Tổ chức thực hiện"]
    for sub in range(1, subsections + 1):
        outline += [
            H(f"{number}.{sub}", titles[(sub - 1) % 3], 2),
            P(_sentence(seed + sub, 4)),
            L(f"Các chi bộ trực thuộc {_sentence(seed + sub + 2, 1).lower()}"),
            L(f"Mặt trận Tổ quốc và các đoàn thể {_sentence(seed + sub + 4, 1).lower()}"),
        ]
    return outline


ORIENTATION_A = [
    "Kế hoạch số 46-KH/ĐU, ngày 14/8/2026 của Đảng ủy phường về tuyên truyền kỷ niệm các "
    "ngày lễ lớn và sự kiện lịch sử quan trọng trong năm 2026",
    "Kế hoạch số 52-KH/ĐU về xây dựng chi bộ trong sạch, vững mạnh, gắn với học tập và làm "
    "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Công tác dân vận của hệ thống chính trị trên địa bàn phường",
    "Tin hoạt động",
]

CORPUS = [
    Spec(
        "regular",
        9,
        ORIENTATION_A,
        [
            *plan(1, "46-KH/ĐU", "tuyên truyền kỷ niệm các ngày lễ lớn năm 2026", 1, items=True),
            *plan(2, "52-KH/ĐU", "xây dựng chi bộ trong sạch, vững mạnh", 2, subsections=3),
            H("3", "Công tác dân vận của hệ thống chính trị trên địa bàn phường", 1),
            P("Kết quả nổi bật trong tháng được tổng hợp theo bảng sau[^1]:"),
            T(
                [
                    ["Stt", "Phong trào", "Kết quả"],
                    ["1", "Dân vận khéo", "12 mô hình[^2]"],
                    ["2", "Ngày thứ Bảy văn minh", "35 buổi ra quân"],
                ]
            ),
            N("1", "Số liệu của Ủy ban Mặt trận Tổ quốc phường đến ngày 31/8/2026."),
            N("2", "Trong đó 5 mô hình được Ban Dân vận Tỉnh ủy công nhận."),
            B("Phần thứ nhất: Những kết quả nổi bật"),
            P("3.1. Các chi bộ tiếp tục " + _sentence(2, 6).lower()[:-1] + ";"),
            P("3.2. Mặt trận Tổ quốc phường chủ trì " + _sentence(3, 6).lower()[:-1] + ";"),
            P("3.3. Định kỳ tổng hợp, báo cáo kết quả."),
            P(_sentence(5, 5)),
            *news(4, 3),
        ],
    ),
    Spec(
        "gap",
        10,
        [*ORIENTATION_A[:3], "Tin hoạt động"],
        [
            *plan(1, "46-KH/ĐU", "tuyên truyền kỷ niệm các ngày lễ lớn năm 2026", 3),
            *plan(2, "52-KH/ĐU", "xây dựng chi bộ trong sạch, vững mạnh", 4),
            H("3", "Công tác dân vận của hệ thống chính trị trên địa bàn phường", 1),
            P(_sentence(6, 6)),
            *news(5, 5),  # section 4 was dropped by the authors: 1, 2, 3, 5
        ],
        auto_numbering=False,
    ),
    Spec(
        "missing-heading",
        11,
        [
            "Kế hoạch số 46-KH/ĐU của Đảng ủy phường về tuyên truyền năm 2026",
            "Kế hoạch số 52-KH/ĐU về xây dựng chi bộ trong sạch, vững mạnh",
            "Công tác dân vận",
            "Công văn số 726-CV/TU và Hướng dẫn số 08-HD/TU",
            "Tin hoạt động",
        ],
        [
            *plan(1, "46-KH/ĐU", "tuyên truyền năm 2026", 7),
            *plan(2, "52-KH/ĐU", "xây dựng chi bộ trong sạch, vững mạnh", 8),
            H("3", "Công tác dân vận", 1),
            P(_sentence(9, 5)),
            H("4", "", 1, printed=False),
            H(
                "4.1",
                "Công văn số 726 – CV/TU, ngày 02/10/2026 của Tỉnh ủy về tăng cường công tác "
                "phòng, chống thiên tai",
                2,
            ),
            P(_sentence(10, 5)),
            H("4.2", "Hướng dẫn số 08-HD/TU về sinh hoạt chi bộ theo chuyên đề", 2),
            P(_sentence(11, 5)),
            *news(5, 2),
        ],
        auto_numbering=False,
    ),
    Spec(
        "roman",
        12,
        ["Kết quả Hội nghị Ban Chấp hành Đảng bộ phường", "Công tác xây dựng Đảng"],
        [
            H("I", "KẾT QUẢ HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG", 1),
            P(_sentence(12, 5)),
            H("1", "Những kết quả đạt được", 2),
            P(_sentence(13, 5)),
            P("a) Về kinh tế: tổng thu ngân sách trên địa bàn đạt 108% dự toán năm."),
            P("b) Về văn hóa - xã hội: 96% hộ gia đình đạt danh hiệu gia đình văn hóa."),
            H("2", "Hạn chế và nguyên nhân", 2),
            P(_sentence(14, 5)),
            H("II", "CÔNG TÁC XÂY DỰNG ĐẢNG", 1),
            P(_sentence(15, 4)),
            H("1", "Công tác chính trị, tư tưởng", 2),
            P(_sentence(16, 4)),
            H("2", "Công tác tổ chức, cán bộ", 2),
            P(_sentence(17, 4)),
        ],
        auto_numbering=False,
    ),
]


def photo_png():
    from PIL import Image

    stream = BytesIO()
    Image.new("RGB", (320, 200), "steelblue").save(stream, "PNG")
    return stream.getvalue()


def from_bulletin(name, bulletin):
    """A bulletin already read (a shared sample's text), as a Spec to render in every format:
    its orientation, its headings as printed, its paragraphs, lists, tables, captions and
    notes; the header is this corpus's own, with the sample's month and year."""
    from bulletins.importing.parser import Caption, ListItem
    from bulletins.importing.reader import Paragraph, Table

    def text(runs):
        return "".join(f"[^{run.text.strip()}]" if run.sup else run.text for run in runs)

    outline = []
    for section in bulletin.sections:
        outline.append(H(section.number, section.heading, section.level, not section.implicit))
        for block in section.body:
            if isinstance(block, ListItem):
                outline.append(L(" ".join(text(block.runs).split())))
            elif isinstance(block, Paragraph):
                outline.append(P(" ".join(text(block.runs).split())))
            elif isinstance(block, Table):
                outline.append(T([block.cell_texts(row) for row in block.rows]))
            elif isinstance(block, Caption):
                outline.append(Photo(block.text))
        outline += [N(note.marker, note.text) for note in section.footnotes]
    header = bulletin.header
    return Spec(
        name=name,
        month=header.month or 1,
        year=header.year or 2026,
        orientation=[item.text for item in bulletin.orientation],
        outline=outline,
    )


def by_name(name):
    return next(spec for spec in CORPUS if spec.name == name)


# --- Markdown -------------------------------------------------------------------------


def _md_inline(text):
    return re.sub(r"\[\^(\d+)\]", lambda m: m.group(1).translate(SUPERSCRIPT), text)


def to_markdown(spec):
    lines = [
        "**" + "\n".join(spec.publisher) + "**",
        "**TÀI LIỆU\nPHỤC VỤ SINH HOẠT CHI BỘ\n" + spec.month_line + "**",
        MARKING,
    ]
    if spec.orientation:
        lines += [
            "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ",
            "\n".join(
                ["| Stt | Nội dung |", "|---|---|"]
                + [f"| {n} | {text} |" for n, text in enumerate(spec.orientation, start=1)]
            ),
        ]
    lines.append("II- NỘI DUNG")
    for item in spec.outline:
        if isinstance(item, H) and item.printed:
            lines.append(f"{item.number}. {item.heading}")
        elif isinstance(item, P):
            lines.append(_md_inline(item.text))
        elif isinstance(item, L):
            lines.append(f"- {item.text}")
        elif isinstance(item, B):
            lines.append(f"**{item.text}**")
        elif isinstance(item, Photo):
            lines.append(f"\n\n{item.caption}")
        elif isinstance(item, T):
            head, *rows = item.rows
            table = [f"| {' | '.join(head)} |", "|" + "---|" * len(head)]
            table += [f"| {' | '.join(map(_md_inline, row))} |" for row in rows]
            lines.append("\n".join(table))
        elif isinstance(item, N):
            lines.append(f"{item.marker.translate(SUPERSCRIPT)} {item.text}")
    return ("\n\n".join(lines) + "\n").encode()


# --- Word -----------------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERING_ID = "90"
LIST_ORIENTATION, LIST_CONTENT = "91", "92"


def _add_numbering(document):
    """Two lists in numbering.xml: "1." / "1.1." / "1.1.1." for headings (linked to the Heading
    1 to 3 styles, as Word does for a numbered heading list), and "1." for the orientation."""
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for ilvl, fmt, text in [
            (0, "decimal", "%1."),
            (1, "decimal", "%1.%2."),
            (2, "decimal", "%1.%2.%3."),
        ]
    )
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W_NS} w:abstractNumId="{NUMBERING_ID}">{levels}</w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(
            f'<w:num {W_NS} w:numId="{NUMBERING_ID}">'
            f'<w:abstractNumId w:val="{NUMBERING_ID}"/></w:num>'
        )
    )
    # Two more lists on the same definition, each restarting at 1 (what pandoc writes for
    # every numbered list): the orientation and the content.
    for num_id in (LIST_ORIENTATION, LIST_CONTENT):
        numbering.append(
            parse_xml(
                f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{NUMBERING_ID}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
    for style_id, ilvl in (("Heading1", 0), ("Heading2", 1), ("Heading3", 2)):
        style = document.styles.get_by_id(style_id, 1)
        ppr = style.element.get_or_add_pPr()
        ppr.append(
            parse_xml(
                f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/>'
                f'<w:numId w:val="{NUMBERING_ID}"/></w:numPr>'
            )
        )


def _runs(paragraph, text, bold=False):
    for piece in re.split(r"(\[\^\d+\])", text):
        note = re.fullmatch(r"\[\^(\d+)\]", piece)
        if note:
            paragraph.add_run(note.group(1)).font.superscript = True
        elif piece:
            paragraph.add_run(piece).bold = bold


def _numbered(document, text, num_id, ilvl):
    paragraph = document.add_paragraph(text, style="List Paragraph")
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def to_docx(spec, *, auto=None, lists=False):
    """The bulletin as Word writes it; with ``auto`` its headings are numbered by Word itself
    (the number is not in the text), by the heading styles, or with ``lists`` by numbered list
    paragraphs (the orientation is such a list too), as pandoc and LibreOffice write them."""
    auto = spec.auto_numbering if auto is None else auto
    document = docx.Document()
    if auto or lists:
        _add_numbering(document)
    header = document.add_paragraph()
    for index, line in enumerate(spec.publisher):
        run = header.add_run(line)
        run.bold = True
        if index < len(spec.publisher) - 1:
            run.add_break()
    for line in ("TÀI LIỆU", "PHỤC VỤ SINH HOẠT CHI BỘ", spec.month_line):
        document.add_paragraph().add_run(line).bold = True
    document.add_paragraph(MARKING)
    if spec.orientation:
        document.add_paragraph().add_run("I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ").bold = True
    if lists:
        for text in spec.orientation:
            _numbered(document, text, LIST_ORIENTATION, 0)
    elif spec.orientation:
        _table(
            document,
            [["Stt", "Nội dung"]] + [[str(n), t] for n, t in enumerate(spec.orientation, 1)],
        )
    document.add_paragraph().add_run("II- NỘI DUNG").bold = True
    for item in spec.outline:
        if isinstance(item, H) and item.printed:
            if lists:
                _numbered(document, item.heading, LIST_CONTENT, item.level - 1)
            elif auto:
                document.add_paragraph(item.heading, style=f"Heading {item.level}")
            else:
                _runs(document.add_paragraph(), f"{item.number}. {item.heading}", bold=True)
        elif isinstance(item, P):
            _runs(document.add_paragraph(), item.text)
        elif isinstance(item, L):
            document.add_paragraph(item.text, style="List Bullet")
        elif isinstance(item, B):
            document.add_paragraph().add_run(item.text).bold = True
        elif isinstance(item, Photo):
            document.add_picture(BytesIO(photo_png()))
            document.add_paragraph(item.caption)
        elif isinstance(item, T):
            _table(document, item.rows)
        elif isinstance(item, N):
            note = document.add_paragraph()
            note.add_run(item.marker).font.superscript = True
            note.add_run(f" {item.text}")
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def _table(document, rows):
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            _runs(cell.paragraphs[0], value)
    table.style = document.styles["Table Grid"]
    return table


# --- HTML and PDF ---------------------------------------------------------------------

PAGE_CSS = """
@page { size: A4; margin: 2cm 2cm 2cm 3cm; @bottom-center { content: counter(page); } }
body { font-family: "Noto Serif", serif; font-size: 13pt; line-height: 1.35; }
p { margin: 0 0 6pt; text-align: justify; }
.center { text-align: center; font-weight: bold; }
h1, h2, h3 { font-size: 13pt; margin: 8pt 0 6pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
td, th { border: 1px solid black; padding: 2pt 4pt; vertical-align: top; font-weight: normal; }
td:first-child { width: 2.5em; text-align: center; }
"""


def _html_inline(text):
    return re.sub(r"\[\^(\d+)\]", r"<sup>\1</sup>", html.escape(text))


def to_html(spec):
    out = [f'<p class="center">{"<br>".join(map(html.escape, spec.publisher))}</p>']
    out.append(f'<p class="center">TÀI LIỆU<br>PHỤC VỤ SINH HOẠT CHI BỘ<br>{spec.month_line}</p>')
    out.append(f'<p class="center">{MARKING}</p>')
    if spec.orientation:
        out.append('<p class="center">I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ</p>')
        out.append(
            _html_table(
                [["Stt", "Nội dung"]] + [[str(n), t] for n, t in enumerate(spec.orientation, 1)]
            )
        )
    out.append('<p class="center">II- NỘI DUNG</p>')
    items = []
    for item in spec.outline:
        if not isinstance(item, L) and items:
            out.append("<ul>" + "".join(items) + "</ul>")
            items = []
        if isinstance(item, H) and item.printed:
            out.append(
                f"<h{item.level}>{html.escape(item.number)}. "
                f"{html.escape(item.heading)}</h{item.level}>"
            )
        elif isinstance(item, P):
            out.append(f"<p>{_html_inline(item.text)}</p>")
        elif isinstance(item, L):
            items.append(f"<li>{html.escape(item.text)}</li>")
        elif isinstance(item, B):
            out.append(f"<p><b>{html.escape(item.text)}</b></p>")
        elif isinstance(item, Photo):
            data = base64.b64encode(photo_png()).decode()
            out.append(f'<p><img src="data:image/png;base64,{data}" style="width: 8cm"></p>')
            out.append(f'<p style="text-align: center">{html.escape(item.caption)}</p>')
        elif isinstance(item, T):
            out.append(_html_table(item.rows))
        elif isinstance(item, N):
            out.append(
                f'<p style="font-size: 10pt"><sup>{item.marker}</sup> {html.escape(item.text)}</p>'
            )
    if items:
        out.append("<ul>" + "".join(items) + "</ul>")
    return f"<html><head><style>{PAGE_CSS}</style></head><body>{''.join(out)}</body></html>"


def _html_table(rows):
    body = "".join(
        "<tr>" + "".join(f"<td>{_html_inline(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table>{body}</table>"


def to_pdf(spec):
    if spec not in CORPUS:
        return _render(to_html(spec))
    return _rendered(spec.name)


@functools.cache
def _rendered(name):
    """Each bulletin is rendered once per test run: WeasyPrint takes seconds."""
    return _render(to_html(by_name(name)))


def _render(page):
    from weasyprint import HTML

    return HTML(string=page).write_pdf()
