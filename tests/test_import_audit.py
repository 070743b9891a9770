"""Audit of the import rule "nothing is ever lost silently": inputs of shapes the importer meets
in real bulletins (Word custom XML, charts, text boxes, nested and layout tables, automatic
numbering in table cells, a cover photo, parts numbered "Phần thứ ...", deep outlines, PDFs in
two columns, with photos or a running header), each built here. Every test states what the
editor relies on: the content lands in a section, or an import warning names what was not kept.
"""

import base64
import re
from io import BytesIO

import docx
import pytest
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from PIL import Image as Picture

from bulletins.importing import import_bulletin, read_bytes
from bulletins.importing.reader import Table

from .support import add_notes_part
from .test_import import english  # noqa: F401 (autouse: messages as msgids)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DRAWING_NS = (
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
)
FILLER = "Các chi bộ triển khai đến toàn thể đảng viên, bảo đảm nghiêm túc, thiết thực."


# --- helpers --------------------------------------------------------------------------


def words(text):
    return re.findall(r"\w+", text.lower())


def bold(document, text):
    document.add_paragraph().add_run(text).bold = True


def cover(document, *, marker=True):
    """The first page of a ward's bulletin: publisher, title, month, marking."""
    publisher = document.add_paragraph()
    publisher.add_run("ĐẢNG ỦY PHƯỜNG NÙNG TRÍ CAO").bold = True
    publisher.add_run().add_break()
    publisher.add_run("BAN TUYÊN GIÁO VÀ DÂN VẬN").bold = True
    bold(document, "TÀI LIỆU SINH HOẠT CHI BỘ")
    bold(document, "Tháng 4 năm 2026")
    document.add_paragraph("SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG")
    if marker:
        bold(document, "II- NỘI DUNG")


def saved(document):
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def png():
    stream = BytesIO()
    Picture.new("RGB", (40, 30), "darkgreen").save(stream, "PNG")
    return stream.getvalue()


def everything(bulletin):
    """All the text the draft keeps or the editor is told about."""
    texts = [f"{s.number or ''} {s.heading}\n{s.text}" for s in bulletin.sections]
    texts += [f"{n.marker} {n.text}" for s in bulletin.sections for n in s.footnotes]
    texts += [str(item["message"]) for item in bulletin.report()]
    return "\n".join(texts)


def numbering(document, num_id, fmt="decimal", text="%1."):
    """A one-level list definition in numbering.xml, as Word writes for a numbered column."""
    root = document.part.numbering_part.element
    root.append(
        parse_xml(
            f'<w:abstractNum {W_NS} w:abstractNumId="{num_id}"><w:lvl w:ilvl="0">'
            f'<w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            "</w:lvl></w:abstractNum>"
        )
    )
    root.append(
        parse_xml(f'<w:num {W_NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
    )


def numbered(paragraph, num_id):
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W_NS}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


# --- Word: content the reader never sees ------------------------------------------------


def test_a_section_wrapped_in_custom_xml_is_not_dropped():
    """Input: a .docx whose second section (bold "2." heading and its paragraph) is wrapped in
    a block-level w:customXml element, as documents made from an XML-tagged template are."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026")
    document.add_paragraph("Đảng ủy phường ban hành kế hoạch nhằm phát huy sức mạnh Nhân dân.")
    tagged = parse_xml(
        f'<w:customXml {W_NS} w:element="muc-tin">'
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>2. Tin hoạt động của phường</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Sáng 03/4/2026, phường ra quân làm sạch kênh Hoàng Đồng.</w:t></w:r></w:p>"
        "</w:customXml>"
    )
    body = document.element.body
    body.insert(len(body) - 1, tagged)  # before the final sectPr

    bulletin = read_bytes(saved(document), "thang-4.docx")
    headings = [(s.number, s.heading) for s in bulletin.sections]
    assert ("2", "Tin hoạt động của phường") in headings or "kênh Hoàng Đồng" in everything(
        bulletin
    ), (headings, bulletin.report())


def test_a_word_chart_is_kept_or_reported():
    """Input: a .docx with a native Word chart (w:drawing / c:chart, no picture blip) between
    two paragraphs of a section: the chart is neither imported nor named in a warning."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Kết quả thu ngân sách quý I năm 2026")
    document.add_paragraph("Biểu đồ thu ngân sách trên địa bàn phường theo từng tháng:")
    chart = Part(
        PackURI("/word/charts/chart1.xml"),
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
        b'<?xml version="1.0"?><c:chartSpace '
        b'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>',
        document.part.package,
    )
    rid = document.part.relate_to(
        chart, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
    )
    document.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {W_NS} {DRAWING_NS} "
            'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><w:drawing>'
            '<wp:inline><wp:extent cx="5000000" cy="3000000"/><wp:docPr id="7" name="Chart 1"/>'
            '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
        )
    )
    document.add_paragraph("Nguồn: Ủy ban nhân dân phường.")
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    assert bulletin.images or bulletin.report(), "the chart vanished without a warning"


def test_paragraphs_of_a_text_box_stay_apart():
    """Input: a .docx paragraph anchoring a DrawingML text box (wps:txbx) that holds two
    paragraphs, a bold title and a figure: their words are glued to the anchor's text and to
    each other ("...môi trường.Số liệu nổi bậtToàn phường ...")."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Tin hoạt động của phường")
    anchor = document.add_paragraph("Sáng 04/4/2026, phường ra quân làm vệ sinh môi trường.")
    anchor._p.append(
        parse_xml(
            f"<w:r {W_NS} {DRAWING_NS} "
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<wp:extent cx="2000000" cy="900000"/><wp:docPr id="5" name="Text Box 5"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
            'wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>'
            "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Số liệu nổi bật</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>Toàn phường có 320 hộ gia đình tham gia</w:t></w:r></w:p>"
            "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>"
            "</w:drawing></mc:Choice><mc:Fallback><w:pict/></mc:Fallback></mc:AlternateContent>"
            "</w:r>"
        )
    )
    bold(document, "2. Công tác dân vận")
    document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    kept = words(bulletin.sections[0].text)
    for word in ("trường", "bật", "toàn"):  # each a word of its own, not "bậttoàn"
        assert word in kept, bulletin.sections[0].text


def test_a_table_nested_in_a_cell_keeps_its_rows_or_is_reported():
    """Input: a .docx table whose second cell holds a nested 2x2 table (units and numbers of
    new members): the inner rows come out as one run of text in the outer cell
    ("Chi bộ Tổ 3 4 Chi bộ Tổ 7 2"), without a warning."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Kết quả kết nạp đảng viên quý I")
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text, outer.cell(0, 1).text = "Khối", "Chi tiết"
    outer.cell(1, 0).text = "Khối dân cư"
    inner = outer.cell(1, 1).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "Chi bộ Tổ 3", "4"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "Chi bộ Tổ 7", "2"
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    rows = [
        table.cell_texts(row)
        for table in bulletin.sections[0].body
        if isinstance(table, Table)
        for row in table.rows
    ]
    assert ["Chi bộ Tổ 3", "4"] in rows or bulletin.report(), rows


def test_a_footnote_of_two_paragraphs_keeps_them_apart():
    """Input: a Word footnote (footnotes.xml) made of two paragraphs, each naming a document:
    the note comes out as "...Bộ Chính trịHướng dẫn số 08-HD/TU...", two words glued."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026")
    paragraph = document.add_paragraph("Đảng ủy phường ban hành kế hoạch thực hiện")
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="1"/>'))
    paragraph.add_run(".")
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)
    add_notes_part(
        document,
        "footnotes",
        f"""<w:footnotes {W_NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Kết luận số 14-KL/TW của Bộ Chính trị</w:t></w:r></w:p>
<w:p><w:r><w:t>Hướng dẫn số 08-HD/TU của Thành ủy</w:t></w:r></w:p></w:footnote>
</w:footnotes>""",
    )

    bulletin = read_bytes(saved(document), "thang-4.docx")
    [note] = bulletin.sections[0].footnotes
    assert "trị" in words(note.text) and "hướng" in words(note.text), note.text


def test_word_automatic_numbers_in_table_cells_are_kept():
    """Input: a .docx whose orientation table and a task table number their "Stt" column with
    Word automatic numbering (numbering.xml, cells without typed digits): the orientation comes
    out empty and the task table loses its numbers without a word."""
    document = docx.Document()
    numbering(document, "41")
    cover(document, marker=False)
    bold(document, "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ")
    topics = ["Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026", "Tin hoạt động"]
    orientation = document.add_table(rows=3, cols=2)
    orientation.cell(0, 0).text, orientation.cell(0, 1).text = "Stt", "Nội dung"
    for row, topic in enumerate(topics, start=1):
        numbered(orientation.cell(row, 0).paragraphs[0], "41")
        orientation.cell(row, 1).text = topic
    bold(document, "II- NỘI DUNG")
    bold(document, "1. Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026")
    document.add_paragraph("Các nhiệm vụ trọng tâm:")
    tasks = document.add_table(rows=3, cols=2)
    tasks.cell(0, 0).text, tasks.cell(0, 1).text = "Stt", "Nhiệm vụ"
    for row, task in enumerate(["Tuyên truyền, vận động", "Kiểm tra, giám sát"], start=1):
        numbered(tasks.cell(row, 0).paragraphs[0], "41")
        tasks.cell(row, 1).text = task
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    assert [(item.number, item.text) for item in bulletin.orientation] == [
        ("1", topics[0]),
        ("2", topics[1]),
    ], bulletin.report()
    table = next(b for b in bulletin.sections[0].body if isinstance(b, Table))
    assert [table.cell_texts(row)[0] for row in table.rows[1:]] == ["1.", "2."]


@pytest.mark.django_db
def test_a_cover_photo_before_the_first_section_is_kept_or_reported(board):
    """Input: a .docx with a photo (PNG) under the title, before the first numbered section:
    the picture is in neither the draft nor its warnings."""
    document = docx.Document()
    cover(document, marker=False)
    document.add_picture(BytesIO(png()))
    bold(document, "1. Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026")
    document.add_paragraph("Đảng ủy phường ban hành kế hoạch nhằm phát huy sức mạnh Nhân dân.")
    bold(document, "2. Tin hoạt động")
    document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    issue = import_bulletin(bulletin, publisher=board)
    bodies = "".join(section.body for section in issue.sections.all())
    assert "<img" in bodies or issue.import_warnings, "the photo vanished without a warning"


# --- outline --------------------------------------------------------------------------


def test_parts_numbered_phan_thu_restart_their_sections():
    """Input: a .docx in two parts, "PHẦN THỨ NHẤT" and "PHẦN THỨ HAI", each numbering its
    bold sections from "1.": the second part's sections become text of the first part's last
    section, and nothing says so."""
    document = docx.Document()
    cover(document)
    outline = [
        "PHẦN THỨ NHẤT: KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 3",
        "1. Công tác xây dựng Đảng",
        "2. Công tác dân vận",
        "PHẦN THỨ HAI: NHIỆM VỤ TRỌNG TÂM THÁNG 4",
        "1. Tổ chức các hoạt động kỷ niệm ngày Giải phóng miền Nam",
        "2. Tin hoạt động",
    ]
    for line in outline:
        bold(document, line)
        if not line.startswith("PHẦN"):
            document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    headings = [s.heading for s in bulletin.sections]
    assert (
        "Tổ chức các hoạt động kỷ niệm ngày Giải phóng miền Nam" in headings or bulletin.warnings
    ), (headings, bulletin.sections[-1].text)


@pytest.mark.django_db
def test_printed_numbers_deeper_than_the_outline_or_skipping_a_level_are_reported(board):
    """Input: a .docx with bold headings "1.1.1.1.1." (five levels, the outline has four) and
    "2.1.1." straight under "2.": the draft renumbers them "1.1.1.2" and "2.1" silently."""
    document = docx.Document()
    cover(document)
    printed = [
        ("1.", "Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026"),
        ("1.1.", "Nhiệm vụ"),
        ("1.1.1.", "Về công tác tư tưởng"),
        ("1.1.1.1.", "Đối với đảng viên"),
        ("1.1.1.1.1.", "Đảng viên cao tuổi"),
        ("2.", "Tin hoạt động"),
        ("2.1.1.", "Hội nghị giao ban công tác dân vận"),
    ]
    for number, heading in printed:
        bold(document, f"{number} {heading}")
        document.add_paragraph(FILLER)

    bulletin = read_bytes(saved(document), "thang-4.docx")
    issue = import_bulletin(bulletin, publisher=board)
    stored = {s.heading: s.number.rstrip(".") for s in issue.sections.all()}
    warnings = " ".join(str(item["message"]) for item in issue.import_warnings)
    for number, heading in printed:
        number = number.rstrip(".")
        assert stored.get(heading) == number or number in warnings, (stored, warnings)


def test_a_heading_inside_a_one_cell_layout_table_is_recognised_or_reported():
    """Input: a .docx whose news item "2.2." (bold heading and paragraph) is boxed in a one-cell
    table used for layout: it becomes a table in the body of 2.1, with no warning."""
    document = docx.Document()
    cover(document)
    bold(document, "1. Kế hoạch số 21-KH/ĐU về công tác dân vận năm 2026")
    document.add_paragraph("Đảng ủy phường ban hành kế hoạch nhằm phát huy sức mạnh Nhân dân.")
    bold(document, "2. Tin hoạt động")
    bold(document, "2.1. Hội nghị giao ban công tác dân vận quý I")
    document.add_paragraph("Sáng 06/4/2026, Đảng ủy phường tổ chức hội nghị giao ban.")
    box = document.add_table(rows=1, cols=1).cell(0, 0)
    box.paragraphs[0].add_run("2.2. Gương người tốt, việc tốt").bold = True
    box.add_paragraph("Ông Hoàng Văn Sáng, đảng viên Chi bộ Tổ 5, hiến 200 m2 đất làm đường.")

    bulletin = read_bytes(saved(document), "thang-4.docx")
    headings = [(s.number, s.heading) for s in bulletin.sections]
    assert ("2.2", "Gương người tốt, việc tốt") in headings or bulletin.report(), headings


# --- PDF ------------------------------------------------------------------------------

PDF_CSS = """@page { size: A4; margin: 2cm; @bottom-center { content: counter(page) } }
body { font-family: "Noto Serif", serif; font-size: 13pt; line-height: 1.35 }
p { margin: 0 0 6pt; text-align: justify }
.columns { columns: 2; column-gap: 1cm }"""
PDF_COVER = (
    "<p><b>ĐẢNG ỦY PHƯỜNG NÙNG TRÍ CAO</b></p><p><b>TÀI LIỆU SINH HOẠT CHI BỘ</b></p>"
    "<p><b>Tháng 4 năm 2026</b></p><p><b>II- NỘI DUNG</b></p>"
)
PROSE = (
    "Đảng ủy phường chỉ đạo các chi bộ quán triệt đầy đủ nội dung đến từng đảng viên, gắn với "
    "nhiệm vụ chính trị của địa phương, bảo đảm thiết thực, tránh hình thức. "
)


def pdf(body, css=PDF_CSS):
    from weasyprint import HTML

    return HTML(
        string=f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    ).write_pdf()


def test_a_pdf_in_two_columns_keeps_its_sections():
    """Input: a PDF (WeasyPrint) whose content is set in two newspaper columns, three bold
    numbered sections: lines of the two columns are joined across the page, headings take
    text from the other column and section 3 disappears into a body, with no warning."""
    headings = ["Công tác xây dựng Đảng", "Công tác dân vận", "Tin hoạt động"]
    sections = "".join(
        f"<p><b>{number}. {heading}</b></p><p>{PROSE * 3}</p>"
        for number, heading in enumerate(headings, start=1)
    )
    bulletin = read_bytes(pdf(PDF_COVER + f'<div class="columns">{sections}</div>'), "t4.pdf")
    found = [(s.number, s.heading) for s in bulletin.sections]
    assert found == [("1", headings[0]), ("2", headings[1]), ("3", headings[2])] or (
        bulletin.warnings
    ), found


@pytest.mark.django_db
def test_a_photo_in_a_pdf_is_kept_or_reported(board):
    """Input: a PDF with a photo (embedded PNG) and its caption in the news section: the
    photo is in neither the draft nor its warnings."""
    photo = base64.b64encode(png()).decode()
    body = (
        PDF_COVER
        + f"<p><b>1. Tin hoạt động</b></p><p>{PROSE}</p>"
        + f'<p><img src="data:image/png;base64,{photo}" style="width: 8cm"></p>'
        + '<p style="text-align: center">Quang cảnh buổi ra quân</p>'
        + f"<p><b>2. Công tác dân vận</b></p><p>{PROSE}</p>"
    )
    issue = import_bulletin(read_bytes(pdf(body), "t4.pdf"), publisher=board)
    bodies = "".join(section.body for section in issue.sections.all())
    assert "<img" in bodies or issue.import_warnings, "the photo vanished without a warning"


def test_a_pdf_running_header_does_not_land_in_the_text():
    """Input: a PDF of several pages with a running header ("Tài liệu sinh hoạt chi bộ tháng 4
    năm 2026") at the top of every page: it is read as body text, cutting sentences where a
    page ends, and nothing reports it."""
    running = "Tài liệu sinh hoạt chi bộ tháng 4 năm 2026"
    css = PDF_CSS + f'@page {{ @top-center {{ content: "{running}"; font-size: 10pt }} }}'
    body = PDF_COVER + "".join(
        f"<p><b>{n}. Nội dung sinh hoạt chuyên đề số {n}</b></p>" + f"<p>{PROSE * 4}</p>" * 3
        for n in range(1, 6)
    )
    bulletin = read_bytes(pdf(body, css), "t4.pdf")
    assert len(bulletin.sections) == 5
    polluted = [s.number for s in bulletin.sections if running in f"{s.heading}\n{s.text}"]
    assert not polluted, polluted
    warned = [warning.text for warning in bulletin.warnings if warning.kind == "omission"]
    assert len(warned) == 1 and running in warned[0], warned  # the editor is told
