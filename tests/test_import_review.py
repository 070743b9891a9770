"""A review of the import audit's fixes: what they broke in ordinary files, each kept working."""

from io import BytesIO

import docx
from docx.oxml import parse_xml

from bulletins.importing import read_bytes
from bulletins.importing.reader import Table, read_blocks
from bulletins.importing.writer import _table

from .test_import import english  # noqa: F401 (autouse: messages as msgids)
from .test_import_audit import (
    DRAWING_NS,
    FILLER,
    W_NS,
    bold,
    cover,
    png,
    saved,
)


def test_a_data_table_with_a_small_logo_in_one_cell_stays_a_table():
    """A 4x3 table of figures with a small logo in its top-left cell is an ordinary table:
    it is flattened into a run of paragraphs (LAYOUT_UNDONE) and its rows are lost."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Kết quả phát triển đảng viên")
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).paragraphs[0].add_run().add_picture(BytesIO(png()))
    for c, text in enumerate(["", "Chi bộ", "Đảng viên mới"]):
        if text:
            table.cell(0, c).text = text
    for r in range(1, 4):
        for c, text in enumerate([str(r), f"Chi bộ khu phố {r}", str(r * 3)]):
            table.cell(r, c).text = text
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)
    blocks = read_blocks(saved(document), ".docx")
    tables = [block for block in blocks if isinstance(block, Table)]
    assert tables and len(tables[0].rows) == 4, [type(b).__name__ for b in blocks]


def test_a_first_cell_merged_down_the_whole_table_does_not_make_every_row_a_head():
    """A label cell in the first column merged down all rows (vMerge) turns every row into
    <th> inside <thead>: the body of the table is empty."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Chỉ tiêu năm 2026")
    table = document.add_table(rows=4, cols=3)
    table.cell(0, 0).merge(table.cell(3, 0))
    table.cell(0, 0).text = "Chỉ tiêu"
    for r in range(4):
        table.cell(r, 1).text = f"Nội dung {r}"
        table.cell(r, 2).text = f"{r * 10}%"
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)
    blocks = read_blocks(saved(document), ".docx")
    [table] = [block for block in blocks if isinstance(block, Table)]
    html = _table(table)
    assert "<tbody></tbody>" not in html, html
    assert html.count("<th") <= 3, html


def test_a_decorative_line_in_the_header_is_not_reported_as_a_lost_chart():
    """The short rule drawn under "ĐẢNG CỘNG SẢN VIỆT NAM" (a wps line shape, no text) is in
    nearly every bulletin's header: reporting it as a lost chart is a warning on every import."""
    document = docx.Document()
    cover(document, marker=False)
    document.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {W_NS} {DRAWING_NS} "
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<w:drawing><wp:anchor><wp:extent cx="1500000" cy="0"/>'
            '<wp:docPr id="3" name="Straight Connector 3"/><a:graphic><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:prstGeom prst="line"/></wps:spPr>'
            "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
        )
    )
    bold(document, "II- NỘI DUNG")
    bold(document, "1. Công tác xây dựng Đảng")
    document.add_paragraph(FILLER)
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)
    bulletin = read_bytes(saved(document), "thang-4.docx")
    omissions = [str(w.text) for w in bulletin.warnings if w.kind == "omission"]
    assert not omissions, omissions


def test_a_bold_programme_line_in_a_bulletin_in_parts_stays_text():
    """In a bulletin in parts, a bold line of a section's text that starts "Phần 2:" (the
    programme of a conference) is taken for a part heading: the section is cut and its
    remaining text becomes a part of its own."""
    document = docx.Document()
    cover(document)
    bold(document, "PHẦN THỨ NHẤT: NỘI DUNG SINH HOẠT")
    bold(document, "1. Hội nghị sơ kết công tác quý I")
    document.add_paragraph(FILLER)
    bold(document, "Phần 2: các đại biểu thảo luận tại tổ về nhiệm vụ quý II.")
    document.add_paragraph(FILLER)
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)
    bulletin = read_bytes(saved(document), "thang-4.docx")
    headings = [(s.number, s.heading) for s in bulletin.sections]
    assert len(headings) == 3, headings
