"""Audit of the exports: nothing is lost in the Word file or the PDF, a Word file the system
exports comes back through the importer as the same issue (or with warnings naming what
differs), and a reader's copy follows the issue's own numbers.

Every issue here is built by hand with the shapes editors write: nested sections, tables with
merged cells and a footnote inside a cell, photos with captions (also side by side in a table),
sections for one cell type only, footnote marks as printed in the bulletins.
"""

import datetime
import io
import re

import docx
import lxml.html
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from bulletins import word
from bulletins.importing import import_bulletin, read_bytes
from bulletins.models import Footnote, Issue, Section
from people.models import CellType, Organisation

from .support import pdf_text

pytestmark = pytest.mark.django_db


def build(publisher, outline, *, month=9):
    """A published issue from (level, heading, body, [(marker, note)], [cell type slugs]) rows,
    as an editor makes it (the last element is optional)."""
    issue = Issue.objects.create(publisher=publisher, year=2026, month=month)
    for position, (level, heading, body, notes, *types) in enumerate(outline, start=1):
        section = Section.objects.create(
            issue=issue, position=position * 10, level=level, heading=heading, body=body
        )
        for index, (marker, text) in enumerate(notes, start=1):
            Footnote.objects.create(section=section, position=index, marker=marker, text=text)
        if types and types[0]:
            section.cell_types.set(CellType.objects.filter(slug__in=types[0]))
    issue.renumber_sections()
    issue.status = Issue.Status.PUBLISHED
    issue.published_at = timezone.now() - datetime.timedelta(days=1)
    issue.save()
    issue.refresh_from_db()
    return issue


@pytest.fixture
def other_board(city):
    return Organisation.objects.create(
        name="Ban Tuyên giáo Đảng ủy phường", kind=Organisation.Kind.BOARD, parent=city
    )


def round_trip(issue, publisher):
    bulletin = read_bytes(word.issue_docx(issue, issue.sections.all()), "xuat.docx")
    return bulletin, import_bulletin(bulletin, publisher=publisher)


def warnings_of(bulletin):
    return [warning.text for warning in bulletin.warnings]


def stored_image(name, color="red"):
    stream = io.BytesIO()
    Image.new("RGB", (400, 300), color).save(stream, "PNG")
    return default_storage.save(f"images/{name}", ContentFile(stream.getvalue()))


def grid(html):
    """Each row's cells as (text, rowspan, colspan)."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [
        [
            (" ".join(cell.text_content().split()), cell.get("rowspan"), cell.get("colspan"))
            for cell in row.iter("td", "th")
        ]
        for row in root.iter("tr")
    ]


def figcaptions(html):
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [" ".join(" ".join(c.itertext()).split()) for c in root.iter("figcaption")]


# --- Rule 2: round trip --------------------------------------------------------------------


def test_merged_cells_of_a_table_survive_the_round_trip_or_are_reported(board, other_board):
    """Input: one section whose table has a header cell spanning two rows, a header cell
    spanning two columns, and a body cell spanning two columns that holds a footnote mark.

    Exported to Word (merged cells are real Word merges), imported again: the table must have
    the same cells with the same spans, or the import must warn that the merges were lost."""
    body = (
        "<p>Kết quả đánh giá, xếp loại chi bộ năm 2026 như sau:</p>"
        "<table><tbody>"
        '<tr><th rowspan="2">Đảng bộ phường</th><th colspan="2">Số chi bộ được xếp loại</th></tr>'
        "<tr><th>Hoàn thành tốt nhiệm vụ</th><th>Hoàn thành nhiệm vụ</th></tr>"
        "<tr><td>Phường Sông Bằng</td><td>11</td><td>2</td></tr>"
        '<tr><td>Phường Ngọc Xuân</td><td colspan="2">Đang tổng hợp<sup>1</sup></td></tr>'
        "</tbody></table>"
    )
    issue = build(
        board,
        [(1, "Kết quả đánh giá chất lượng tổ chức đảng", body, [("1", "Báo cáo ngày 10/12.")])],
    )
    bulletin, copy = round_trip(issue, other_board)
    before, after = grid(issue.sections.get().body), grid(copy.sections.get().body)
    assert after == before or warnings_of(bulletin), (
        f"the table changed without a warning:\n{before}\n->\n{after}"
    )


def test_a_bold_numbered_title_inside_a_body_does_not_become_a_section(board, other_board):
    """Input: three top-level sections; the body of section 2 is laid out with bold inner
    titles "1. Mục tiêu", "2. Nhiệm vụ", "3. Giải pháp" (typed, not headings).

    The exported file marks real sections with Heading styles; imported again it must give the
    same three sections (numbers and headings), or a warning naming the difference."""
    body = (
        "<p>Kế hoạch xác định những nội dung chủ yếu sau.</p>"
        "<p><strong>1. Mục tiêu</strong></p><p>Nâng cao chất lượng sinh hoạt chi bộ.</p>"
        "<p><strong>2. Nhiệm vụ</strong></p><p>Quán triệt đến toàn thể đảng viên.</p>"
        "<p><strong>3. Giải pháp</strong></p><p>Đổi mới nội dung, hình thức sinh hoạt.</p>"
    )
    issue = build(
        board,
        [
            (1, "Tình hình kinh tế - xã hội tháng 8 năm 2026", "<p>Kinh tế phục hồi.</p>", []),
            (1, "Kế hoạch số 52-KH/TU về nâng cao chất lượng sinh hoạt chi bộ", body, []),
            (1, "Tin hoạt động của Thành phố", "<p>Ngày 02/9/2026, Thành ủy dự lễ.</p>", []),
        ],
    )
    bulletin, copy = round_trip(issue, other_board)
    before = list(issue.sections.values_list("number", "heading"))
    after = list(copy.sections.values_list("number", "heading"))
    assert after == before or warnings_of(bulletin), (
        f"the outline changed without a warning:\n{before}\n->\n{after}"
    )


def test_a_footnote_with_a_bracketed_mark_stays_a_footnote_after_the_round_trip(board, other_board):
    """Input: a section whose text carries the mark "(*)" (as statistics in the bulletins
    do), with its footnote "(*)"; the mark is kept by the export as a Word custom mark.

    Imported again, the section must keep the footnote (mark and text), not turn it into a
    paragraph of its body, or a warning must say the note was not recognised."""
    issue = build(
        board,
        [
            (
                1,
                "Tình hình kinh tế - xã hội 8 tháng năm 2026",
                "<p>Tổng sản phẩm trên địa bàn tăng 7,2%<sup>(*)</sup> so với cùng kỳ.</p>",
                [("(*)", "Số liệu ước tính của Thống kê tỉnh.")],
            ),
            (1, "Tin hoạt động", "<p>Thành ủy họp phiên thường kỳ tháng 9.</p>", []),
        ],
    )
    bulletin, copy = round_trip(issue, other_board)
    section = copy.sections.order_by("position").first()
    notes = list(section.footnotes.values_list("marker", "text"))
    assert notes == [("(*)", "Số liệu ước tính của Thống kê tỉnh.")] or warnings_of(bulletin), (
        f"footnote lost without a warning; body is now {section.body!r}"
    )


def test_photos_side_by_side_in_a_table_keep_their_captions_and_cells(board, other_board):
    """Input: a news section with two photos side by side, each a figure with its caption
    inside one cell of a one-row table (how two photos are laid out next to each other).

    Imported again, the two captions must still be captions and the table must still be a
    one-row table of two cells, or a warning must say the layout changed."""
    first, second = stored_image("ra-quan-1.png"), stored_image("ra-quan-2.png", "blue")
    body = (
        "<p>Một số hình ảnh tại lễ ra quân Tháng Thanh niên.</p><table><tbody><tr>"
        f'<td><figure class="image"><img src="/media/{first}" alt="Ảnh 1">'
        "<figcaption>Đoàn viên dọn vệ sinh đường phố</figcaption></figure></td>"
        f'<td><figure class="image"><img src="/media/{second}" alt="Ảnh 2">'
        "<figcaption>Trồng cây xanh tại tổ dân phố</figcaption></figure></td>"
        "</tr></tbody></table>"
    )
    issue = build(board, [(1, "Tin hoạt động", body, [])])
    bulletin, copy = round_trip(issue, other_board)
    after = copy.sections.get().body
    original = issue.sections.get().body
    same = figcaptions(after) == figcaptions(original) and grid(after) == grid(original)
    assert same or warnings_of(bulletin), (
        f"captions {figcaptions(after)} and table {grid(after)} changed without a warning"
    )


# --- Rule 1: nothing lost or misplaced in an export ----------------------------------------


def test_a_superscript_unit_is_not_taken_for_a_footnote_in_the_word_file(board):
    """Input: one section whose first paragraph has an area "250 m<sup>2</sup>" and whose
    second paragraph references footnotes 1 and 2.

    In the Word file both footnote references must stand in the second paragraph, where the
    text points to them; the m² of the first paragraph is a unit, not a footnote."""
    body = (
        "<p>Nhà văn hóa tổ dân phố có diện tích 250 m<sup>2</sup>, khánh thành ngày 02/9/2026.</p>"
        "<p>Kinh phí do nhân dân đóng góp<sup>1</sup> và ngân sách phường hỗ trợ<sup>2</sup>.</p>"
    )
    issue = build(
        board,
        [
            (
                1,
                "Tin hoạt động",
                body,
                [("1", "Gần 300 triệu đồng và ngày công lao động."), ("2", "Theo Quyết định.")],
            )
        ],
    )
    document = docx.Document(io.BytesIO(word.issue_docx(issue, issue.sections.all())))
    area = next(p for p in document.paragraphs if "diện tích" in p.text)
    funding = next(p for p in document.paragraphs if "Kinh phí" in p.text)
    assert len(area._p.xpath(".//w:footnoteReference")) == 0
    assert len(funding._p.xpath(".//w:footnoteReference")) == 2


def test_the_orientation_table_of_a_readers_pdf_keeps_the_issues_numbers(
    needs_pango, client, reader, board
):
    """Input: three top-level sections, the second for enterprise cells only; the reader's
    cell has no type, so her copy shows sections 1. and 3.

    The orientation table of her PDF must list the main sections with the issue's numbers
    (1 and 3), as the section headings below it and the Word copy do; not 1 and 2."""
    issue = build(
        board,
        [
            (1, "Quán triệt Nghị quyết Đại hội Đảng bộ tỉnh", "<p>Nội dung chung.</p>", []),
            (1, "Sản xuất an toàn trong doanh nghiệp", "<p>Riêng.</p>", [], ["doanh-nghiep"]),
            (1, "Tin hoạt động của Thành phố", "<p>Thành ủy họp phiên thường kỳ.</p>", []),
        ],
    )
    client.force_login(reader)
    response = client.get(reverse("bulletins:issue_pdf", args=[issue.pk]))
    text = " ".join(pdf_text(response.content).split())
    assert "Sản xuất an toàn" not in text
    assert "3. Tin hoạt động của Thành phố" in text  # the heading keeps its number
    orientation = text[text.index("Stt") : text.index("II-")]
    assert "3 Tin hoạt động của Thành phố" in orientation, orientation


def test_the_home_page_lists_the_main_sections_with_the_issues_numbers(client, reader, board):
    """The same reader's home page: its list of main sections says 1 and 3, as the issue
    page does, not 1 and 2."""
    build(
        board,
        [
            (1, "Quán triệt Nghị quyết Đại hội Đảng bộ tỉnh", "<p>Nội dung chung.</p>", []),
            (1, "Sản xuất an toàn trong doanh nghiệp", "<p>Riêng.</p>", [], ["doanh-nghiep"]),
            (1, "Tin hoạt động của Thành phố", "<p>Thành ủy họp phiên thường kỳ.</p>", []),
        ],
        month=timezone.localdate().month,
    )
    client.force_login(reader)
    content = client.get(reverse("bulletins:home")).content.decode()
    assert "Sản xuất an toàn" not in content
    listed = re.findall(r'<li value="(\d+)"><a [^>]*>([^<]+)</a>', content)
    assert listed == [
        ("1", "Quán triệt Nghị quyết Đại hội Đảng bộ tỉnh"),
        ("3", "Tin hoạt động của Thành phố"),
    ]


def test_a_unit_in_bold_before_its_power_is_not_taken_for_a_footnote(board):
    """The area in bold, after the reference: "<strong>250 m</strong><sup>2</sup>"."""
    body = (
        "<p>Kinh phí do nhân dân đóng góp<sup>2</sup>.</p>"
        "<p>Diện tích sân tập <strong>250 m</strong><sup>2</sup>, khánh thành ngày 02/9.</p>"
    )
    issue = build(board, [(1, "Tin hoạt động", body, [("2", "Gần 300 triệu đồng.")])])
    document = docx.Document(io.BytesIO(word.issue_docx(issue, issue.sections.all())))
    area = next(p for p in document.paragraphs if "Diện tích" in p.text)
    funding = next(p for p in document.paragraphs if "Kinh phí" in p.text)
    assert len(area._p.xpath(".//w:footnoteReference")) == 0
    assert len(funding._p.xpath(".//w:footnoteReference")) == 1


def test_orientation_numbers_keep_their_inner_dots(client, reader, board):
    """A main section numbered "1.2." (an outline that starts one level down) is listed as
    1.2 in the orientation table, not 12."""
    issue = build(board, [(1, "Tin hoạt động", "<p>Thành ủy họp.</p>", [])])
    Section.objects.filter(issue=issue).update(number="1.2.")
    client.force_login(reader)
    page = client.get(issue.get_absolute_url()).content.decode()
    assert re.search(r"<td>1\.2</td><td><a [^>]*>Tin hoạt động</a>", page), page
