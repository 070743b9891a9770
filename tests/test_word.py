"""Word export: a real Word document (headings, automatic numbering, tables, footnotes,
pictures, the marking in the header) that the project's importer reads back to the same
outline and text: generated issues, the demo issues and the shared samples."""

import io
import re
import zipfile

import docx
import lxml.html
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from lxml import etree
from PIL import Image

from bulletins import word
from bulletins.importing import import_bulletin, read_bulletin, read_bytes
from bulletins.models import Footnote, Issue, Section
from people.models import Organisation

from .factories import make_issue
from .support import sample_path

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def png_bytes(color="red"):
    stream = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(stream, "PNG")
    return stream.getvalue()


def stored_image(name, data=None):
    return default_storage.save(f"images/{name}", ContentFile(data or png_bytes()))


def build(publisher, outline, *, month=9, marking=None):
    """An issue from (level, heading, body, [(marker, note)]) rows, as an editor makes it."""
    issue = Issue.objects.create(publisher=publisher, year=2026, month=month)
    if marking:
        issue.marking = marking
        issue.save()
    for position, (level, heading, body, notes) in enumerate(outline, start=1):
        section = Section.objects.create(
            issue=issue, position=position * 10, level=level, heading=heading, body=body
        )
        for index, (marker, text) in enumerate(notes, start=1):
            Footnote.objects.create(section=section, position=index, marker=marker, text=text)
    issue.renumber_sections()
    return issue


def varied_outline():
    photo = stored_image("hoi-nghi.png")
    return [
        (
            1,
            "Kế hoạch số 76-KH/TU của Thành ủy về công tác tuyên truyền năm 2026",
            "<p>Ngày 12/8/2026, Ban Thường vụ Thành ủy ban hành <strong>Kế hoạch</strong> "
            "nhằm <em>nâng cao</em> chất lượng<sup>1</sup> tuyên truyền.</p>"
            "<ul><li>Quán triệt đến cán bộ, đảng viên;</li><li>Bám sát thực tiễn cơ sở.</li></ul>",
            [("1", "Kế hoạch số 76-KH/TU, ngày 12/8/2026 của Thành ủy Cao Bằng.")],
        ),
        (2, "Mục đích, yêu cầu", "<p>Nâng cao nhận thức về <u>chuyển đổi số</u>.</p>", []),
        (
            3,
            "Đối với cấp ủy cơ sở",
            "<p>Các bước thực hiện:</p><ol><li>Khai mạc, thông qua chương trình;</li>"
            "<li>Thảo luận, biểu quyết nghị quyết.</li></ol>",
            [],
        ),
        (
            4,
            "Đối với chi bộ khu dân cư",
            "<p>Chi bộ đăng ký mô hình “Dân vận khéo”<sup>2</sup> trong tháng.</p>",
            [("2", "Theo Hướng dẫn số 08-HD/TU, ngày 25/10/2022.")],
        ),
        (4, "Đối với chi bộ doanh nghiệp", "", [("*", "Nội dung dành riêng cho doanh nghiệp.")]),
        (2, "100 ngày thi đua cao điểm", "", []),  # no body; a heading Word alone numbers
        (
            1,
            "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
            '<figure class="table"><table><thead><tr><th>Đơn vị</th><th>Mô hình</th></tr>'
            "</thead><tbody><tr><td>Phường Hợp Giang</td><td>Tổ tự quản đường phố</td></tr>"
            '<tr><td colspan="2">Tổng cộng hai mô hình</td></tr></tbody></table></figure>'
            "<p>Các chi bộ tiếp tục nhân rộng mô hình.</p>",
            [],
        ),
        (3, "Một mục sâu hơn một bậc", "<p>Mục này bỏ qua một bậc trong dàn ý.</p>", []),
        (
            1,
            "Tin hoạt động của Thành phố",
            "<p>Sáng 05/9/2026, Thành ủy tổ chức hội nghị sơ kết.</p>"
            f'<figure class="image"><img src="/media/{photo}" alt="Quang cảnh hội nghị">'
            "<figcaption>Quang cảnh hội nghị sơ kết</figcaption></figure>"
            "<p>Hội nghị thống nhất các nội dung trình.</p>",
            [],
        ),
    ]


def words(text):
    return re.findall(r"\w+", text.lower())


def body_words(html):
    if not html.strip():
        return []
    return words(" ".join(lxml.html.fragment_fromstring(html, create_parent="div").itertext()))


def cells(html):
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [" ".join(words(" ".join(cell.itertext()))) for cell in root.iter("td", "th")]


def captions(html):
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [" ".join(caption.itertext()) for caption in root.iter("figcaption")]


def shape(issue):
    """What must survive the round trip, section by section."""
    return [
        {
            "number": section.number,
            "heading": section.heading,
            "words": body_words(section.body),
            "cells": cells(section.body),
            "captions": captions(section.body),
            "images": section.body.count("<img"),
            "notes": list(section.footnotes.order_by("position").values_list("marker", "text")),
        }
        for section in issue.sections.order_by("position")
    ]


def reimport(data, publisher):
    bulletin = read_bytes(data, "xuat.docx")
    return bulletin, import_bulletin(bulletin, publisher=publisher)


@pytest.fixture
def other_board(city):
    return Organisation.objects.create(
        name="Ban Tuyên giáo Đảng ủy phường", kind=Organisation.Kind.BOARD, parent=city
    )


def export(issue):
    return word.issue_docx(issue, issue.sections.all())


def test_headings_are_word_headings_numbered_by_word(board):
    issue = build(board, varied_outline())
    document = docx.Document(io.BytesIO(export(issue)))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[:5] == [
        ("Heading 1", "Kế hoạch số 76-KH/TU của Thành ủy về công tác tuyên truyền năm 2026"),
        ("Heading 2", "Mục đích, yêu cầu"),
        ("Heading 3", "Đối với cấp ủy cơ sở"),
        ("Heading 4", "Đối với chi bộ khu dân cư"),
        ("Heading 4", "Đối với chi bộ doanh nghiệp*"),  # its note's custom mark
    ]
    # the skipped level is printed one below its parent, as its number 2.1. says
    assert ("Heading 2", "Một mục sâu hơn một bậc") in headings
    numbering = document.part.numbering_part.element
    bound = {
        level.find(f"{W}pStyle").get(f"{W}val"): level.find(f"{W}lvlText").get(f"{W}val")
        for level in numbering.iter(f"{W}lvl")
        if level.find(f"{W}pStyle") is not None
        and level.find(f"{W}pStyle").get(f"{W}val").startswith("Heading")
    }
    assert bound == {
        "Heading1": "%1.",
        "Heading2": "%1.%2.",
        "Heading3": "%1.%2.%3.",
        "Heading4": "%1.%2.%3.%4.",
    }
    style = document.styles["Heading 2"].element
    assert style.find(f"{W}pPr/{W}numPr/{W}ilvl").get(f"{W}val") == "1"


def test_cover_orientation_marking_tables_and_picture(board):
    issue = build(board, varied_outline(), marking="Lưu hành nội bộ")
    data = export(issue)
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[:7] == [
        "Thành ủy Cao Bằng\nBan Tuyên giáo Thành ủy",
        "*",
        "TÀI LIỆU",
        "PHỤC VỤ SINH HOẠT CHI BỘ",
        "Tháng 9 năm 2026",
        "Lưu hành nội bộ",
        "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ",
    ]
    assert document.sections[0].header.paragraphs[0].text == "Lưu hành nội bộ"
    orientation, table = document.tables
    assert [[c.text for c in row.cells] for row in orientation.rows] == [
        ["Stt", "Nội dung"],
        ["1", "Kế hoạch số 76-KH/TU của Thành ủy về công tác tuyên truyền năm 2026"],
        ["2", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"],
        ["3", "Tin hoạt động của Thành phố"],
    ]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Đơn vị", "Mô hình"],
        ["Phường Hợp Giang", "Tổ tự quản đường phố"],
        ["Tổng cộng hai mô hình", "Tổng cộng hai mô hình"],  # one cell spanning two columns
    ]
    pictures = [p for p in document.part.related_parts.values() if "image" in p.content_type]
    assert len(pictures) == 1 and pictures[0].blob == png_bytes()
    caption = texts.index("Quang cảnh hội nghị sơ kết")
    assert document.paragraphs[caption].style.name == "Caption"


def test_footnotes_are_word_footnotes_with_consistent_ids(board):
    issue = build(board, varied_outline())
    data = export(issue)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        notes = etree.fromstring(archive.read("word/footnotes.xml"))
        relations = archive.read("word/_rels/document.xml.rels").decode()
        types = archive.read("[Content_Types].xml").decode()
        settings = etree.fromstring(archive.read("word/settings.xml"))
    assert "footnotes.xml" in relations and "footnotes+xml" in types
    separators = {n.get(f"{W}id") for n in notes if n.get(f"{W}type")}
    named = {n.get(f"{W}id") for n in settings.iterfind(f"{W}footnotePr/{W}footnote")}
    assert separators == named == {"-1", "0"}
    references = [r.get(f"{W}id") for r in body.iter(f"{W}footnoteReference")]
    texts = {
        n.get(f"{W}id"): "".join(t.text for t in n.iter(f"{W}t"))
        for n in notes.iterchildren(f"{W}footnote")
        if n.get(f"{W}type") is None
    }
    assert len(references) == len(set(references)) == 3
    assert set(references) == set(texts)
    assert [texts[key] for key in references] == [
        " Kế hoạch số 76-KH/TU, ngày 12/8/2026 của Thành ủy Cao Bằng.",
        " Theo Hướng dẫn số 08-HD/TU, ngày 25/10/2022.",
        "* Nội dung dành riêng cho doanh nghiệp.",
    ]
    # Word numbers 1 and 2 itself; "*" is kept as a custom mark
    custom = [r.get(f"{W}customMarkFollows") for r in body.iter(f"{W}footnoteReference")]
    assert custom == [None, None, "1"]
    # the note the text does not point to hangs from its section's heading
    heading = next(
        p for p in body.iter(f"{W}p") if "Đối với chi bộ doanh nghiệp" in "".join(p.itertext())
    )
    assert heading.find(f".//{W}footnoteReference") is not None


def test_generated_issue_round_trips_through_the_importer(board, other_board):
    issue = build(board, varied_outline(), marking="Lưu hành nội bộ")
    bulletin, copy = reimport(export(issue), other_board)
    assert bulletin.unplaced == []
    assert (copy.year, copy.month, copy.title, copy.marking) == (
        2026,
        9,
        issue.title,
        "Lưu hành nội bộ",
    )
    expected = shape(issue)
    expected[7]["number"] = "2.1."  # the skipped level, as printed
    assert shape(copy) == expected
    levels = list(copy.sections.order_by("position").values_list("level", flat=True))
    assert levels == [1, 2, 3, 4, 4, 2, 1, 2, 1]
    first = copy.sections.order_by("position").first()
    assert "<strong>Kế hoạch</strong>" in first.body and "<em>nâng cao</em>" in first.body
    assert "chất lượng<sup>1</sup> tuyên truyền" in first.body


def test_an_issue_of_its_own_title_keeps_it(board, other_board):
    issue = build(board, varied_outline()[:2])
    issue.title_override = "Tài liệu sinh hoạt chi bộ chuyên đề quý III năm 2026"
    issue.save()
    _bulletin, copy = reimport(export(issue), other_board)
    assert copy.title == issue.title_override


def test_a_thematic_issue_shows_its_topic_under_the_title(board):
    issue = build(board, varied_outline()[:1])
    issue.kind, issue.topic = Issue.Kind.THEMATIC, "Chuyển đổi số trong sinh hoạt chi bộ"
    issue.save()
    texts = [p.text for p in docx.Document(io.BytesIO(export(issue))).paragraphs]
    assert texts[2:6] == [
        "TÀI LIỆU",
        "PHỤC VỤ SINH HOẠT CHI BỘ",
        "Chuyển đổi số trong sinh hoạt chi bộ",
        "Tháng 9 năm 2026",
    ]


def test_a_readers_copy_keeps_the_issues_numbers(board, other_board):
    """Sections left out of a reader's copy leave gaps; Word restarts its list there."""
    issue = build(board, varied_outline())
    left_out = ["Mục đích, yêu cầu", "Một mục sâu hơn một bậc"]
    kept = issue.sections.exclude(heading__in=left_out).exclude(level__gte=3)
    kept = kept.exclude(heading__startswith="Học tập")
    bulletin = read_bytes(word.issue_docx(issue, kept), "ban-doc.docx")
    assert [(s.number, s.level) for s in bulletin.sections] == [("1", 1), ("1.2", 2), ("3", 1)]


def test_only_the_issues_own_sections_are_exported(board):
    issue, other = make_issue(board, 7, sections=2), make_issue(board, 8, sections=3)
    bulletin = read_bytes(word.issue_docx(issue, Section.objects.all()), "x.docx")
    assert [s.heading for s in bulletin.sections] == [
        "Nội dung số 1 tháng 7",
        "Nội dung số 2 tháng 7",
    ]
    assert other.sections.count() == 3


def test_only_recorded_media_images_are_read(board, settings, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(png_bytes("blue"))
    unrecorded = stored_image("khong-ghi.png", png_bytes("green"))
    issue = build(
        board,
        [
            (
                1,
                "Ảnh",
                f'<p>Ảnh <img src="/media/../{secret.name}" alt=""> và '
                f'<img src="/static/demo/anh.jpg" alt=""></p>',
                [],
            )
        ],
    )
    section = issue.sections.get()
    # written around save(): recorded paths are the ones the body shows, so add one by hand
    Section.objects.filter(pk=section.pk).update(
        body=section.body + f'<p><img src="/media/{unrecorded}" alt=""></p>'
    )
    document = docx.Document(io.BytesIO(export(issue)))
    pictures = [p for p in document.part.related_parts.values() if "image" in p.content_type]
    assert pictures == []


def test_the_demo_issues_round_trip(other_board):
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    issues = list(Issue.objects.filter(sections__isnull=False).distinct())
    assert len(issues) >= 4
    for issue in issues:
        bulletin, copy = reimport(export(issue), other_board)
        assert [fragment.text for fragment in bulletin.unplaced] == [], issue
        assert shape(copy) == shape(issue), issue  # the demo's photos included
        copy.delete()


@pytest.mark.parametrize(
    "name", ["002_d1aef317829affda.txt", "000_e8715dad375a7192.txt", "003_c75a862ff3ffb303.txt"]
)
def test_the_samples_round_trip(name, board, other_board):
    issue = import_bulletin(read_bulletin(sample_path(name)), publisher=board, month=6, year=2024)
    bulletin, copy = reimport(export(issue), other_board)
    assert [fragment.text for fragment in bulletin.unplaced] == []
    for before, after in zip(shape(issue), shape(copy), strict=True):
        assert after == before


def test_make_issue_round_trips(board, other_board):
    issue = make_issue(board, 7, sections=7)
    _bulletin, copy = reimport(export(issue), other_board)
    assert shape(copy) == shape(issue)


# --- downloads ---------------------------------------------------------------------------


def test_readers_download_word_only_where_the_publisher_allows_it(client, reader, board):
    from auditlog.models import LogEntry
    from django.urls import reverse

    from bulletins.models import PublisherSettings

    issue = make_issue(board, 10)
    url = reverse("bulletins:issue_word", args=[issue.pk])
    client.force_login(reader)
    accesses = LogEntry.objects.get_for_object(issue).filter(action=LogEntry.Action.ACCESS)
    assert client.get(url).status_code == 404
    assert not accesses.exists()  # a refused download is no opening
    assert url not in client.get(issue.get_absolute_url()).content.decode()

    PublisherSettings.objects.create(publisher=board, readers_download_word=True)
    assert url in client.get(issue.get_absolute_url()).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == word.CONTENT_TYPE
    assert response["Content-Disposition"] == (
        'attachment; filename="tai-lieu-sinh-hoat-chi-bo-2026-10.docx"'
    )
    assert response["Cache-Control"] == "private, no-store"
    document = docx.Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == "Nội dung số 5 tháng 10" + "1"  # and its footnote's mark
    # two page views and the download: each opening of an internal issue is audited
    assert accesses.filter(actor=reader).count() == 3


def test_a_readers_word_copy_leaves_out_sections_for_other_cell_types(client, reader, cell, board):
    from django.urls import reverse

    from bulletins.models import PublisherSettings
    from people.models import CellType

    issue = make_issue(board, 10)
    PublisherSettings.objects.create(publisher=board, readers_download_word=True)
    enterprise, residential = (
        CellType.objects.get(slug="doanh-nghiep"),
        CellType.objects.get(slug="khu-dan-cu-do-thi"),
    )
    cell.cell_type = residential
    cell.save()
    # 1.2. for enterprise cells, with its subsection 1.2.1.
    issue.sections.get(number="1.2.").cell_types.set([enterprise])
    client.force_login(reader)
    response = client.get(reverse("bulletins:issue_word", args=[issue.pk]))
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    for shown in ("Nội dung số 1 tháng 10", "Nội dung số 2 tháng 10", "Nội dung số 5 tháng 10"):
        assert shown in text
    for hidden in ("Nội dung số 3 tháng 10", "Nội dung số 4 tháng 10", "Đoạn văn của mục 3,"):
        assert hidden not in text


def test_staff_download_any_state_from_the_admin(client, editor, board):
    from auditlog.models import LogEntry
    from django.urls import reverse

    draft = make_issue(board, 11, published=False)
    client.force_login(editor)
    change = client.get(reverse("admin:bulletins_issue_change", args=[draft.pk]))
    url = reverse("admin:bulletins_issue_word", args=[draft.pk])
    assert url in change.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == word.CONTENT_TYPE
    assert "no-store" in response["Cache-Control"]
    bulletin = read_bytes(response.content, "nhap.docx")
    assert [s.number for s in bulletin.sections] == ["1", "1.1", "1.2", "1.2.1", "2"]
    assert (
        LogEntry.objects.get_for_object(draft)
        .filter(action=LogEntry.Action.ACCESS, actor=editor)
        .exists()
    )


def test_every_allowed_tag_becomes_valid_word(board, other_board):
    """Links, nested lists, quotes, inner titles, line breaks, spanned cells and characters
    XML refuses: the document opens, and the importer reads the same words back."""
    body = (
        "<h4>Những kết quả nổi bật</h4>"
        '<p>Xem <a href="https://baocaovien.vn/tai-lieu">trang tài liệu</a> và '
        '<a href="javascript:alert(1)">liên kết hỏng</a>;<br>dòng thứ hai '
        "<s>bỏ</s> <sub>dưới</sub> <mark>nổi bật</mark> <small>nhỏ</small>.</p>"
        "<blockquote><p>Trích dẫn lời Bác Hồ về công tác dân vận.</p></blockquote>"
        "<ul><li>Mục ngoài<ul><li>Mục trong thứ nhất</li><li>Mục trong thứ hai</li></ul></li>"
        "<li><p>Mục có đoạn văn</p></li></ul>"
        '<ol start="3"><li>Bước ba</li><li>Bước bốn</li></ol>'
        '<table><tr><th rowspan="2">Xã</th><th>Tháng 8</th></tr><tr><td>12 hộ</td></tr>'
        '<tr><td colspan="99">Cả năm</td></tr></table>'
        "<table><tr></tr></table>"  # no cell at all
        '<table><tr><td rowspan="2">Chồng</td><td>Bên</td></tr>'
        '<tr><td colspan="2">Lấn <table><tr><td>Bảng trong ô</td></tr></table></td></tr></table>'
        "<hr><p>Kết thúc\x0b mục.</p>"
    )
    issue = build(board, [(1, "Mục đủ loại\x01 định dạng", body, [("1", "Ghi chú\x07 lạ")])])
    data = export(issue)
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs if p.style.name == "List Number"] == [
        "Bước ba",
        "Bước bốn",
    ]
    relations = [r for r in document.part.rels.values() if r.is_external]
    assert [r.target_ref for r in relations] == ["https://baocaovien.vn/tai-lieu"]
    # the orientation, the spans, the overlap and the table inside one of its cells
    assert len(document.element.body.findall(f".//{W}tbl")) == 4
    _bulletin, copy = reimport(data, other_board)
    section = copy.sections.get()
    assert section.heading == "Mục đủ loại định dạng"
    assert body_words(section.body) == body_words(issue.sections.get().body)
    assert list(section.footnotes.values_list("text", flat=True)) == ["Ghi chú lạ"]


@pytest.mark.parametrize("sections", [3, 40])
def test_download_query_count_does_not_grow_with_sections(
    client, reader, board, sections, django_assert_max_num_queries
):
    from django.urls import reverse

    from bulletins.models import PublisherSettings

    PublisherSettings.objects.create(publisher=board, readers_download_word=True)
    issue = make_issue(board, 8, sections=sections)
    client.force_login(reader)
    client.get(issue.get_absolute_url())  # the reading scope, worked out once per session
    # session, user, issue with its publisher and settings, former names, audit entry (3),
    # the publisher's parent then (its moves, the parent, its former names), sections,
    # footnotes, recorded images, the session refreshed
    with django_assert_max_num_queries(16):
        response = client.get(reverse("bulletins:issue_word", args=[issue.pk]))
    assert len(read_bytes(response.content, "x.docx").sections) == sections


def test_a_footnote_referenced_in_a_table_cell_survives_the_round_trip(board, other_board):
    """A note whose mark stands in a table cell keeps its mark in the cell and its text: Word
    files from other publishers put them there too."""
    issue = build(
        board,
        [
            (
                1,
                "Kết quả thực hiện chỉ tiêu năm 2026",
                "<p>Kết quả cụ thể như sau:</p><table><tbody>"
                "<tr><th>Chỉ tiêu</th><th>Kết quả</th></tr>"
                "<tr><td>Kết nạp đảng viên mới<sup>1</sup></td><td>112 đồng chí</td></tr>"
                "</tbody></table><p>Các chi bộ tiếp tục phấn đấu.</p>",
                [("1", "Tính đến ngày 30/11/2026, theo báo cáo của Ban Tổ chức.")],
            )
        ],
    )
    bulletin, copy = reimport(export(issue), other_board)
    assert [fragment.text for fragment in bulletin.unplaced] == []
    assert shape(copy) == shape(issue)
    assert "Kết nạp đảng viên mới<sup>1</sup>" in copy.sections.get().body
