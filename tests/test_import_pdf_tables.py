"""Tables in the body of a real PDF (rendered here with WeasyPrint) come out as tables, cell by
cell, from the rules drawn around them; prose laid out in columns stays prose."""

import html

import pytest

from bulletins.importing import read_bytes
from bulletins.importing.reader import Table, read_blocks

STYLE = """@page { size: A4; margin: 2cm }
body { font-family: "Noto Serif", serif; font-size: 13pt; line-height: 1.35 }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 }
td { border: 1px solid black; padding: 2pt 4pt; vertical-align: top }
.plain td { border: none }
.columns { columns: 2; column-gap: 1cm; text-align: justify }
.box { border: 1px solid black; padding: 6pt }"""


def pdf(body):
    from weasyprint import HTML

    return HTML(
        string=f"<html><head><style>{STYLE}</style></head><body>{body}</body></html>"
    ).write_pdf()


def table(rows, css=""):
    cells = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f'<table class="{css}">{cells}</table>'


def tables_and_text(data):
    blocks = read_blocks(data, ".pdf")
    tables = [[t.cell_texts(row) for row in t.rows] for t in blocks if isinstance(t, Table)]
    text = [" ".join(run.text for run in b.runs) for b in blocks if not isinstance(b, Table)]
    return tables, text


WRAPPED = (
    "Tiếp tục quán triệt, triển khai thực hiện nghiêm túc các nghị quyết, chỉ thị của cấp ủy "
    "cấp trên đến toàn thể cán bộ, đảng viên trong chi bộ và quần chúng nhân dân trên địa bàn"
)
TABLES = {
    2: [["Stt", "Nội dung"], ["1", WRAPPED], ["2", "Sinh hoạt chuyên đề quý III"]],
    3: [
        ["Stt", "Chi bộ", "Số đảng viên"],
        ["1", "Chi bộ khu dân cư số 1, nơi có nhiều hộ gia đình mới chuyển đến sinh sống", "25"],
        ["2", "Chi bộ Trường Tiểu học Hợp Giang", "18"],
    ],
    5: [
        ["Stt", "Đơn vị", "Quý I", "Quý II", "Ghi chú"],
        ["1", "Phường Thục Phán", "12", "15", "Tăng so với cùng kỳ năm trước"],
        ["2", "Phường Nùng Trí Cao", "9", "11", ""],
        ["3", "Phường Tân Giang", "7", "8", "Có hai chi bộ chưa báo cáo đúng hạn"],
    ],
}


@pytest.mark.parametrize("columns", TABLES)
def test_a_ruled_table_is_read_cell_by_cell_with_wrapped_cells_joined(columns):
    body = "<p>Kết quả thực hiện như sau:</p>" + table(TABLES[columns]) + "<p>Đoạn sau bảng.</p>"
    tables, text = tables_and_text(pdf(body))
    assert tables == [TABLES[columns]]
    assert text == ["Kết quả thực hiện như sau:", "Đoạn sau bảng."]


def test_a_table_across_a_page_break_is_one_table():
    rows = [["Stt", "Nội dung", "Thời gian"]] + [
        [str(n), f"Nội dung công việc thứ {n} của chi bộ trong năm", f"Tháng {n % 12 + 1}"]
        for n in range(1, 61)
    ]
    data = pdf("<p>Danh mục công việc:</p>" + table(rows) + "<p>Hết danh mục.</p>")
    import pypdfium2 as pdfium

    assert len(pdfium.PdfDocument(data)) >= 2  # the table does run over a page break
    tables, text = tables_and_text(data)
    assert tables == [rows]
    assert text == ["Danh mục công việc:", "Hết danh mục."]


def test_prose_in_columns_and_unruled_layouts_stay_text():
    prose = (
        "Chi bộ đã tổ chức quán triệt đầy đủ nội dung các văn bản của cấp trên, gắn với việc "
        "thực hiện nhiệm vụ chính trị của địa phương, bảo đảm nghiêm túc và hiệu quả. "
    ) * 4
    signature = [["Nơi nhận:", "T/M BAN THƯỜNG VỤ"], ["- Các chi bộ trực thuộc;", "PHÓ BÍ THƯ"]]
    body = (
        f'<div class="columns"><p>{prose}</p></div>'
        + table(signature, css="plain")
        + '<div class="box"><p>Ghi chú: tài liệu lưu hành nội bộ.</p></div>'
    )
    tables, text = tables_and_text(pdf(body))
    assert tables == []
    words = " ".join(text).split()
    for phrase in (prose, "Nơi nhận: T/M BAN THƯỜNG VỤ", "Ghi chú: tài liệu lưu hành nội bộ."):
        assert all(word in words for word in phrase.split())


@pytest.mark.django_db
def test_a_bulletin_pdf_keeps_its_body_table_as_a_table_in_the_draft(board):
    from bulletins.importing import import_bulletin

    body = (
        "<p><b>TÀI LIỆU SINH HOẠT CHI BỘ THÁNG 9 NĂM 2026</b></p><p><b>NỘI DUNG</b></p>"
        "<p><b>1. Kết quả kết nạp đảng viên</b></p><p>Kết quả cụ thể:</p>"
        + table(TABLES[5])
        + "<p><b>2. Tin hoạt động</b></p><p>Các chi bộ sinh hoạt đúng kỳ.</p>"
    )
    bulletin = read_bytes(pdf(body), "thang-9.pdf")
    assert [s.heading for s in bulletin.sections] == ["Kết quả kết nạp đảng viên", "Tin hoạt động"]
    issue = import_bulletin(bulletin, publisher=board)
    first = issue.sections.get(heading="Kết quả kết nạp đảng viên").body
    assert first.count("<tr>") == 4 and "<td>Tăng so với cùng kỳ năm trước</td>" in first
