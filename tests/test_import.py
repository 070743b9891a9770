"""Tests of the bulletin importer: the three real samples, Word files built here, the command
and the admin page.

The samples are read from the shared folder at run time (they are not part of the
repository); tests/import_expectations/ holds what a reader finds in each of them.
"""

import json
import random
from io import BytesIO, StringIO
from pathlib import Path

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from docx.oxml import parse_xml
from docx.shared import Pt
from PIL import Image as Picture

from bulletins.importing import BulletinImportError, import_bulletin, read_bulletin, read_bytes
from bulletins.models import Footnote, Issue, Section
from documents.models import Document

from .support import add_notes_part, sample_path

EXPECTATIONS = sorted((Path(__file__).parent / "import_expectations").glob("*.json"))
IMPORT_URL = "admin:bulletins_issue_import"


@pytest.fixture(autouse=True)
def english():
    """Messages are matched on their English msgids, whatever the catalogue says."""
    with translation.override("en"):
        yield


def flat(sections):
    for section in sections:
        yield section
        yield from flat(section["children"])


# --- the real samples -----------------------------------------------------------------


@pytest.mark.parametrize("expectation", EXPECTATIONS, ids=lambda path: path.stem)
def test_sample_structure_matches_expectation(expectation):
    expected = json.loads(expectation.read_text(encoding="utf-8"))
    sample = sample_path(expected["sample"])

    bulletin = read_bulletin(sample)
    data = bulletin.as_json()

    assert data["header"] == expected["header"]
    assert [item["number"] for item in data["orientation"]] == expected["orientation"]
    want = [(s["number"], s["level"], s["heading"]) for s in expected["sections"]]
    got = [(s.number, s.level, s.heading) for s in bulletin.sections]
    top_want = [item for item in want if item[1] == 1]
    assert [item for item in got if item[1] == 1] == top_want, "top-level sections"
    sub_want = [item for item in want if item[1] > 1]
    sub_right = sum(item in got for item in sub_want)
    assert sub_right >= 0.95 * len(sub_want), f"{sub_right}/{len(sub_want)} subsections right"
    assert got == want  # and in fact all of them, in order
    assert [s["number"] for s in flat(data["sections"])] == [n for n, _, _ in want]

    codes = {s.number: s.cited_code for s in bulletin.top_level}
    assert {n: c for n, c in codes.items() if c} == expected["cited_codes"]
    assert len(data["captions"]) == expected["captions"]
    if isinstance(expected["footnotes"], int):
        assert len(data["footnotes"]) == expected["footnotes"]
    else:
        attached = [
            {"marker": note.marker, "section": section.number}
            for section in bulletin.sections
            for note in section.footnotes
        ]
        assert attached == expected["footnotes"]


def test_pdf_text_paragraphs_are_rejoined_and_page_numbers_dropped():
    sample = sample_path("000_e8715dad375a7192.txt")
    from bulletins.importing.writer import render_body

    bulletin = read_bulletin(sample)
    directive = render_body(bulletin.sections[0].body)
    assert "<p>1. Phát huy truyền thống đại đoàn kết" in directive  # items stay in the body
    assert "bảo đảm mọi nhà, mọi người đều có điều kiện vui xuân, đón Tết.</p>" in directive
    hdnd = render_body(bulletin.sections[15].body)
    assert ">13<" not in hdnd and "gắn với việc tăng cường đôn đốc" in hdnd


# --- Word files -----------------------------------------------------------------------

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
FOOTNOTES_XML = f"""<w:footnotes {W_NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư.</w:t></w:r>
</w:p></w:footnote></w:footnotes>"""


def png_bytes():
    stream = BytesIO()
    Picture.new("RGB", (6, 4), "red").save(stream, "PNG")
    return stream.getvalue()


def bold(document, text):
    document.add_paragraph().add_run(text).bold = True


def build_docx(*, month_line="Tháng 9 năm 2026"):
    """A bulletin as editors write it: bold numbered paragraphs, a heading style, a table,
    a bulleted list, a photo with its caption, a Word footnote and a typed one."""
    document = docx.Document()
    header = document.add_paragraph()
    header.add_run("THÀNH ỦY CAO BẰNG").bold = True
    header.add_run().add_break()
    header.add_run("BAN TUYÊN GIÁO").bold = True
    bold(document, "TÀI LIỆU")
    bold(document, "PHỤC VỤ SINH HOẠT CHI BỘ")
    if month_line:
        bold(document, month_line)
    document.add_paragraph("SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG")
    bold(document, "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ")
    table = document.add_table(rows=4, cols=2)
    rows = [
        ("Stt", "Nội dung"),
        ("1", "Kế hoạch số 412-KH/TU của Thành ủy về tuyên truyền miệng năm 2026"),
        ("2", "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        ("3", "Tin hoạt động của Thành phố"),
    ]
    for row, (number, text) in zip(table.rows, rows, strict=True):
        row.cells[0].text, row.cells[1].text = number, text
    bold(document, "II- NỘI DUNG")

    bold(
        document,
        "1. Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về tăng cường "
        "công tác tuyên truyền miệng năm 2026",
    )
    paragraph = document.add_paragraph("Ngày 14/8/2026, Ban Thường vụ Thành ủy ban hành ")
    paragraph.add_run("Kế hoạch").italic = True
    paragraph.add_run(" nhằm nâng cao chất lượng tuyên truyền miệng")
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="1"/>'))
    paragraph.add_run(".")
    bold(document, "1.1. Mục đích, yêu cầu")
    document.add_paragraph("Nâng cao nhận thức của cán bộ, đảng viên;", style="List Bullet")
    document.add_paragraph("Bám sát tình hình thực tiễn của cơ sở.", style="List Bullet")
    bold(document, "1.2 Tổ chức thực hiện")
    plan = document.add_table(rows=2, cols=2)
    plan.rows[0].cells[0].text, plan.rows[0].cells[1].text = "Việc", "Thời gian"
    plan.rows[1].cells[0].text, plan.rows[1].cells[1].text = "Quán triệt", "Tháng 9"

    document.add_heading("2. Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 1)
    typed = document.add_paragraph("Các chi bộ đăng ký mô hình “Dân vận khéo”")
    typed.add_run("2").font.superscript = True
    typed.add_run(" trong tháng.")
    note = document.add_paragraph()
    note.add_run("2").font.superscript = True
    note.add_run(" Theo Hướng dẫn số 08-HD/TU, ngày 25/10/2022 của Thành ủy.").font.size = Pt(10)

    bold(document, "3. Tin hoạt động của Thành phố")
    bold(document, "3.1. Hội nghị Ban Chấp hành Đảng bộ Thành phố lần thứ 30")
    document.add_paragraph("Sáng 05/9/2026, Ban Chấp hành Đảng bộ Thành phố tổ chức hội nghị.")
    document.add_picture(BytesIO(png_bytes()))
    document.add_paragraph("Quang cảnh hội nghị")
    document.add_paragraph("Hội nghị đã thống nhất các nội dung trình.")

    add_notes_part(document, "footnotes", FOOTNOTES_XML)
    stream = BytesIO()
    document.save(stream)
    return stream.getvalue()


def test_docx_structure_header_orientation_and_notes():
    bulletin = read_bytes(build_docx(), "thang-9.docx")
    data = bulletin.as_json()
    assert data["header"] == {
        "publisher": "THÀNH ỦY CAO BẰNG BAN TUYÊN GIÁO",
        "title": "TÀI LIỆU PHỤC VỤ SINH HOẠT CHI BỘ",
        "month": 9,
        "year": 2026,
        "marking": "SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG",
    }
    assert [item["number"] for item in data["orientation"]] == ["1", "2", "3"]
    assert [(s.number, s.level, s.heading) for s in bulletin.sections] == [
        (
            "1",
            1,
            "Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về tăng cường "
            "công tác tuyên truyền miệng năm 2026",
        ),
        ("1.1", 2, "Mục đích, yêu cầu"),
        ("1.2", 2, "Tổ chức thực hiện"),
        ("2", 1, "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
        ("3", 1, "Tin hoạt động của Thành phố"),
        ("3.1", 2, "Hội nghị Ban Chấp hành Đảng bộ Thành phố lần thứ 30"),
    ]
    assert data["sections"][0]["cited_code"] == "412-KH/TU"
    assert [child["number"] for child in data["sections"][0]["children"]] == ["1.1", "1.2"]
    assert data["footnotes"] == [
        {"marker": "1", "text": "Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư."},
        {"marker": "2", "text": "Theo Hướng dẫn số 08-HD/TU, ngày 25/10/2022 của Thành ủy."},
    ]
    assert [n.marker for n in bulletin.sections[0].footnotes] == ["1"]
    assert [n.marker for n in bulletin.sections[3].footnotes] == ["2"]
    assert data["captions"] == [{"text": "Quang cảnh hội nghị"}]
    assert len(bulletin.images) == 1


@pytest.mark.django_db
def test_docx_import_stores_photo_list_table_and_footnotes(board, directive, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    issue = import_bulletin(read_bytes(build_docx(), "thang-9.docx"), publisher=board)

    sections = list(issue.sections.order_by("position"))
    assert [s.number for s in sections] == ["1.", "1.1.", "1.2.", "2.", "3.", "3.1."]
    first, aims, plan, study, _, meeting = sections
    assert first.presented_document == directive
    assert "<p>Ngày 14/8/2026, Ban Thường vụ Thành ủy ban hành <em>Kế hoạch</em>" in first.body
    assert "tuyên truyền miệng<sup>1</sup>.</p>" in first.body
    assert aims.body == (
        "<ul><li>Nâng cao nhận thức của cán bộ, đảng viên;</li>"
        "<li>Bám sát tình hình thực tiễn của cơ sở.</li></ul>"
    )
    assert plan.body.startswith('<figure class="table"><table><thead><tr><th>Việc</th>')
    assert "<tbody><tr><td>Quán triệt</td><td>Tháng 9</td></tr></tbody>" in plan.body
    assert list(study.footnotes.values_list("marker", "text")) == [
        ("2", "Theo Hướng dẫn số 08-HD/TU, ngày 25/10/2022 của Thành ủy.")
    ]
    assert first.footnotes.get().text.startswith("Chỉ thị số 26-CT/TW")
    figure = meeting.body.split('<figure class="image">')[1]
    assert figure.startswith('<img src="/media/images/')
    assert (
        'alt="Quang cảnh hội nghị"><figcaption>Quang cảnh hội nghị</figcaption></figure>' in figure
    )
    stored = list((tmp_path / "images").iterdir())
    assert len(stored) == 1 and stored[0].suffix == ".png"
    assert meeting.images.get().path == f"images/{stored[0].name}"


def test_docx_skips_what_is_not_a_raster_image():
    from bulletins.importing.writer import web_image

    assert web_image(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert web_image(png_bytes())[1] == ".png"


def test_wrapped_text_and_markdown_details():
    text = "\n\n".join(
        [
            "NỘI DUNG",
            "1. Kế hoạch số 339-KH/TU, ngày 27/11/2023 của Thành ủy Cao Bằng về ",
            "Xây dựng mô hình “Đảng bộ 4 tốt”, “Chi bộ 4 tốt”. ",
            "Các chi bộ thực hiện nghiêm túc việc quán triệt và triển khai Hướng dẫn số ",
            "14-HD/TU, ngày 03/8/2023 của Ban Thường vụ Tỉnh ủy về xây dựng mô hình ",
            "“Đảng bộ 4 tốt”, bảo đảm đúng quy định. ",
            "5.1 Hội nghị Ban Chấp hành Đảng bộ Thành phố lần thứ 24 ",
        ]
        * 3
    )
    bulletin = read_bytes(text.encode(), "pdf-text.txt")
    first, news = bulletin.top_level
    assert first.heading.endswith("về Xây dựng mô hình “Đảng bộ 4 tốt”, “Chi bộ 4 tốt”.")
    # 5.1 has no section 5 above it, and none is printed later: section 5 is created, empty.
    assert (news.number, news.heading, news.implicit) == ("5", "", True)
    assert news.children[0].number == "5.1" and news.children[0].level == 2


# --- the command ----------------------------------------------------------------------

MARKDOWN = """**THÀNH ỦY CAO BẰNG
BAN TUYÊN GIÁO**

**TÀI LIỆU
PHỤC VỤ SINH HOẠT CHI BỘ
Tháng 9 năm 2026**

SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG

| STT | NỘI DUNG |
|-----|----------|
| 1 | Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về tuyên truyền miệng |
| 2 | Tin hoạt động của Thành phố |

NỘI DUNG

1. Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về tăng cường công tác
tuyên truyền miệng năm 2026

Ngày 14/8/2026, Ban Thường vụ Thành ủy ban hành Kế hoạch thực hiện Chỉ thị số 05-CT/TW
nhằm **nâng cao chất lượng** tuyên truyền miệng¹.

1.1. Mục đích, yêu cầu

- Nâng cao nhận thức của cán bộ, đảng viên;
- Bám sát *tình hình thực tiễn* của cơ sở.

¹ Thực hiện Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư.

1.2 Tổ chức thực hiện

(1) Các chi bộ tổ chức quán triệt trong sinh hoạt định kỳ.

2. Tin hoạt động của Thành phố

2.1. Hội nghị Ban Chấp hành Đảng bộ Thành phố lần thứ 30

Sáng 05/9/2026, Ban Chấp hành Đảng bộ Thành phố tổ chức hội nghị.



Quang cảnh hội nghị

Hội nghị đã thảo luận và thống nhất các nội dung.
"""


@pytest.fixture
def bulletin_md(tmp_path):
    path = tmp_path / "thang-9-2026.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    return path


def counts():
    return (
        Issue.objects.count(),
        Section.objects.count(),
        Footnote.objects.count(),
        Document.objects.count(),
    )


def run(*args):
    out = StringIO()
    call_command("import_bulletin", *map(str, args), stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_json_writes_nothing(bulletin_md, board):
    before = counts()
    data = json.loads(run(bulletin_md, "--dry-run", "--json"))
    assert counts() == before
    assert set(data) == {"header", "orientation", "sections", "footnotes", "captions", "unplaced"}
    assert data["unplaced"] == []
    assert data["header"] == {
        "publisher": "THÀNH ỦY CAO BẰNG BAN TUYÊN GIÁO",
        "title": "TÀI LIỆU PHỤC VỤ SINH HOẠT CHI BỘ",
        "month": 9,
        "year": 2026,
        "marking": "SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG",
    }
    assert data["orientation"][1] == {"number": "2", "text": "Tin hoạt động của Thành phố"}
    first, news = data["sections"]
    assert first["text"].startswith("Ngày 14/8/2026, Ban Thường vụ Thành ủy ban hành Kế hoạch")
    assert first["children"][0]["text"] == (
        "Nâng cao nhận thức của cán bộ, đảng viên;\nBám sát tình hình thực tiễn của cơ sở."
    )
    for section in [first, *first["children"]]:
        del section["text"]
    assert first == {
        "number": "1",
        "heading": "Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về tăng cường "
        "công tác tuyên truyền miệng năm 2026",
        "cited_code": "412-KH/TU",
        "children": [
            {"number": "1.1", "heading": "Mục đích, yêu cầu", "cited_code": None, "children": []},
            {"number": "1.2", "heading": "Tổ chức thực hiện", "cited_code": None, "children": []},
        ],
    }
    assert news["children"][0]["number"] == "2.1"
    assert data["footnotes"] == [
        {"marker": "1", "text": "Thực hiện Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư."}
    ]
    assert data["captions"] == [{"text": "Quang cảnh hội nghị"}]


@pytest.mark.django_db
def test_import_creates_a_draft_and_refuses_the_same_file(bulletin_md, board, directive):
    assert "Draft issue" in run(bulletin_md, "--publisher", board.name)
    issue = Issue.objects.get()
    assert issue.status == Issue.Status.DRAFT and issue.published_at is None
    assert (issue.publisher, issue.month, issue.year) == (board, 9, 2026)
    assert issue.title_override == "" and issue.source_hash
    sections = list(issue.sections.order_by("position"))
    assert [(s.number, s.heading) for s in sections] == [
        ("1.", "Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng về tăng cường "
               "công tác tuyên truyền miệng năm 2026"),
        ("1.1.", "Mục đích, yêu cầu"),
        ("1.2.", "Tổ chức thực hiện"),
        ("2.", "Tin hoạt động của Thành phố"),
        ("2.1.", "Hội nghị Ban Chấp hành Đảng bộ Thành phố lần thứ 30"),
    ]  # fmt: skip
    first, aims, _, _, meeting = sections
    assert first.presented_document == directive
    assert "<strong>nâng cao chất lượng</strong> tuyên truyền miệng<sup>1</sup>." in first.body
    assert aims.footnotes.count() == 0
    assert list(first.footnotes.values_list("marker", flat=True)) == ["1"]
    assert "<li>Bám sát <em>tình hình thực tiễn</em> của cơ sở.</li>" in aims.body
    assert (
        '<figure class="image"><figcaption>Quang cảnh hội nghị</figcaption></figure>'
        in meeting.body
    )
    assert list(first.citations.values_list("code", flat=True)) == ["05-CT/TW"]  # the body's

    before = counts()
    with pytest.raises(CommandError, match="already been imported"):
        run(bulletin_md, "--publisher", board.pk)
    assert counts() == before


@pytest.mark.django_db
def test_replace_refills_a_draft_but_never_a_published_issue(bulletin_md, board):
    run(bulletin_md, "--publisher", board.pk)
    issue = Issue.objects.get()
    issue.sections.filter(level=2).delete()
    run(bulletin_md, "--publisher", board.pk, "--replace")
    assert Issue.objects.get().pk == issue.pk
    assert issue.sections.count() == 5

    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.PUBLISHED)
    before = counts()
    with pytest.raises(CommandError, match="already published"):
        run(bulletin_md, "--publisher", board.pk, "--replace")
    assert counts() == before

    other = bulletin_md.with_name("other.md")
    other.write_text(MARKDOWN.replace("Mục đích", "Mục tiêu"), encoding="utf-8")
    with pytest.raises(CommandError, match="already published"):
        run(other, "--publisher", board.pk)


@pytest.mark.django_db
def test_an_existing_draft_of_the_month_needs_replace(bulletin_md, board, tmp_path):
    Issue.objects.create(publisher=board, year=2026, month=9)
    with pytest.raises(CommandError, match="already exists as a draft"):
        run(bulletin_md, "--publisher", board.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"  \n\n ", "empty"),
        ("corrupt.docx", random.Random(7).randbytes(4000), "not a valid Word document"),
        ("zip.docx", b"PK\x03\x04" + b"\x00" * 200, "not a valid Word document"),
        ("bulletin.pdf", b"%PDF-1.7 ...", "not a readable PDF"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "save it as .docx"),
        ("bulletin.rtf", b"{\\rtf1 ...}", "Unsupported file type"),
        ("notes.md", "Chỉ là một ghi chú, không có mục nào.".encode(), "No numbered section"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(tmp_path, board, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = counts()
    with pytest.raises(CommandError, match=message):
        run(path, "--publisher", board.pk)
    assert counts() == before


@pytest.mark.django_db
def test_month_and_publisher_must_be_known(tmp_path, board):
    path = tmp_path / "no-header.md"
    path.write_text(MARKDOWN.split("NỘI DUNG\n", 1)[1], encoding="utf-8")
    with pytest.raises(CommandError, match="which month"):
        run(path, "--publisher", board.pk)
    with pytest.raises(CommandError, match="pass --publisher"):
        run(path, "--month", 10, "--year", 2026)
    run(path, "--publisher", board.name, "--month", 10, "--year", 2026)
    assert Issue.objects.get().month == 10
    run(path, "--month", 11, "--year", 2026, "--replace")
    assert Issue.objects.get(month=11).publisher == board  # the latest issue's publisher


@pytest.mark.django_db
def test_failed_import_leaves_no_photo_behind(board, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    bulletin = read_bytes(build_docx(), "thang-9.docx")

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Issue, "renumber_sections", fail)
    with pytest.raises(RuntimeError):
        import_bulletin(bulletin, publisher=board)
    assert Issue.objects.count() == 0
    assert not list((tmp_path / "images").iterdir())


def test_errors_are_raised_before_anything_is_written():
    with pytest.raises(BulletinImportError):
        read_bytes(b"", "x.md")


# --- the admin page -------------------------------------------------------------------


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    return client


@pytest.mark.django_db
def test_editor_uploads_previews_and_confirms(editor_client, board, immediate_tasks):
    url = reverse(IMPORT_URL)
    assert editor_client.get(url).status_code == 200
    upload = SimpleUploadedFile("thang-9.md", MARKDOWN.encode(), content_type="text/markdown")
    preview = editor_client.post(url, {"file": upload, "publisher": board.pk}, follow=True)
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "Mục đích, yêu cầu" in content and "412-KH/TU" in content
    assert Issue.objects.count() == 0
    status = reverse("admin:bulletins_issue_import_status", args=[preview.context["job"].pk])
    done = editor_client.post(status)
    assert done.status_code == 302 and done["Location"] == status
    issue = Issue.objects.get()
    page = editor_client.get(status).content.decode()
    assert reverse("admin:bulletins_issue_change", args=[issue.pk]) in page
    assert issue.status == Issue.Status.DRAFT and issue.sections.count() == 5
    assert issue.created_by.username == "bientap"  # the editor, though the task made it


@pytest.mark.django_db
def test_corrupt_upload_shows_the_error_on_its_page(editor_client, board, immediate_tasks):
    upload = SimpleUploadedFile("thang-9.docx", b"not really a word file", content_type="x")
    form = {"file": upload, "publisher": board.pk}
    response = editor_client.post(reverse(IMPORT_URL), form, follow=True)
    assert response.status_code == 200
    assert "(.docx)" in response.context["job"].error  # the reader's message
    assert 'class="errornote"' in response.content.decode()
    assert Issue.objects.count() == 0


@pytest.mark.django_db
def test_only_editors_may_import(client, reader, approver):
    url = reverse(IMPORT_URL)
    client.force_login(reader)
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(approver)  # staff, but may not add issues
    assert client.get(url).status_code == 403


def test_orientation_as_numbered_lines_and_irregular_numbers():
    text = """TÀI LIỆU SINH HOẠT CHI BỘ THÁNG 3 NĂM 2025

I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ

Stt Nội dung
1 Kết quả Hội nghị lần thứ 6 Ban chấp hành
Trung ương Đảng khóa XIII
2 Công văn số 868-CV/TU ngày 03/10/2022 của Thành ủy Cao Bằng

1. Kết quả Hội nghị lần thứ 6 Ban Chấp hành Trung ương Đảng khóa XIII

Hội nghị đã hoàn thành nội dung chương trình đề ra.

2. Công văn số 868-CV/TU ngày 03/10/2022 của Thành ủy Cao Bằng

3.1. Tiếp tục quán triệt Kết luận số 14-KL/TW.

3. 2. Ban Tổ chức Thành ủy chủ trì kiểm tra, giám sát.
"""
    bulletin = read_bytes(text.encode(), "thang-3.md")
    assert bulletin.header.title == "TÀI LIỆU SINH HOẠT CHI BỘ"
    assert (bulletin.header.month, bulletin.header.year) == (3, 2025)
    assert [(item.number, item.text) for item in bulletin.orientation] == [
        ("1", "Kết quả Hội nghị lần thứ 6 Ban chấp hành Trung ương Đảng khóa XIII"),
        ("2", "Công văn số 868-CV/TU ngày 03/10/2022 của Thành ủy Cao Bằng"),
    ]
    assert [(s.number, s.level, s.heading[:8]) for s in bulletin.sections] == [
        ("1", 1, "Kết quả "),
        ("2", 1, "Công văn"),
        ("3", 1, ""),  # 3.1 opens a section 3 whose heading is missing: it is created
        ("3.1", 2, "Tiếp tục"),
        ("3.2", 2, "Ban Tổ c"),
    ]
    assert [w.kind for w in bulletin.warnings] == ["implicit_section"]
    assert bulletin.sections[1].cited_code == "868-CV/TU"


@pytest.mark.django_db
def test_the_command_imports_only_for_a_publishing_board(bulletin_md, cell):
    """The staff policy's publishers: a party cell publishes no issue."""
    with pytest.raises(CommandError, match="No single organisation"):
        run(bulletin_md, "--publisher", cell.pk)
    assert not Issue.objects.exists()


CUSTOM_MARK_NOTES = f"""<w:footnotes {W_NS}>
<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="4"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
<w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> Dành cho chi bộ doanh nghiệp.</w:t></w:r>
</w:p></w:footnote>
<w:footnote w:id="5"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>
<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Theo Kế hoạch số 412-KH/TU.</w:t></w:r>
</w:p></w:footnote></w:footnotes>"""


def test_docx_custom_footnote_marks_and_numbered_lists_in_the_text(board, settings, tmp_path):
    """A footnote with its own mark ("*", Word's customMarkFollows) keeps it and is not counted
    in Word's 1, 2, 3; a "List Number" list in a section's text stays a list, its numbers
    never read as section numbers."""
    settings.MEDIA_ROOT = tmp_path
    document = docx.Document()
    bold(document, "TÀI LIỆU PHỤC VỤ SINH HOẠT CHI BỘ")
    bold(document, "Tháng 9 năm 2026")
    bold(document, "1. Kế hoạch tuyên truyền năm 2026")
    paragraph = document.add_paragraph("Mô hình dân vận khéo")
    reference = parse_xml(
        f'<w:r {W_NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:customMarkFollows="1" w:id="4"/><w:t>*</w:t></w:r>'
    )
    paragraph._p.append(reference)
    paragraph.add_run(" và tuyên truyền miệng")
    paragraph.add_run()._r.append(parse_xml(f'<w:footnoteReference {W_NS} w:id="5"/>'))
    document.add_paragraph("Các bước thực hiện:")
    document.add_paragraph("Khai mạc, thông qua chương trình;", style="List Number")
    document.add_paragraph("Biểu quyết thông qua nghị quyết.", style="List Number")
    bold(document, "2. Tin hoạt động của Thành phố")
    add_notes_part(document, "footnotes", CUSTOM_MARK_NOTES)
    stream = BytesIO()
    document.save(stream)

    bulletin = read_bytes(stream.getvalue(), "thang-9.docx")
    assert [s.number for s in bulletin.sections] == ["1", "2"]
    assert [(n.marker, n.text) for n in bulletin.sections[0].footnotes] == [
        ("*", "Dành cho chi bộ doanh nghiệp."),
        ("1", "Theo Kế hoạch số 412-KH/TU."),
    ]
    issue = import_bulletin(bulletin, publisher=board)
    body = issue.sections.order_by("position").first().body
    assert "khéo<sup>*</sup> và tuyên truyền miệng<sup>1</sup></p>" in body
    assert body.endswith(
        "<ol><li>Khai mạc, thông qua chương trình;</li>"
        "<li>Biểu quyết thông qua nghị quyết.</li></ol>"
    )


def test_docx_heading_numbered_by_its_style_may_start_with_a_number():
    """Word numbers the heading style: "100 năm ..." is the heading of section 2, not an item."""
    from .import_corpus import _add_numbering

    document = docx.Document()
    _add_numbering(document)
    bold(document, "TÀI LIỆU PHỤC VỤ SINH HOẠT CHI BỘ")
    bold(document, "Tháng 6 năm 2026")
    document.add_paragraph("Kết quả Hội nghị Trung ương", style="Heading 1")
    document.add_paragraph("Hội nghị đã hoàn thành chương trình.")
    document.add_paragraph("100 năm Ngày Báo chí Cách mạng Việt Nam", style="Heading 1")
    document.add_paragraph("15 nhiệm vụ trọng tâm", style="Heading 2")
    stream = BytesIO()
    document.save(stream)
    bulletin = read_bytes(stream.getvalue(), "thang-6.docx")
    assert [(s.number, s.level, s.heading) for s in bulletin.sections] == [
        ("1", 1, "Kết quả Hội nghị Trung ương"),
        ("2", 1, "100 năm Ngày Báo chí Cách mạng Việt Nam"),
        ("2.1", 2, "15 nhiệm vụ trọng tâm"),
    ]


def test_a_bulletin_in_parts_keeps_each_parts_sections_under_it():
    """No orientation, no "NỘI DUNG" line: the first part opens the content, each part is a
    main section, and its sections, numbered from 1 again, stand under it. A sentence that
    only starts with "Phần thứ hai" stays text."""
    document = docx.Document()
    bold(document, "ĐẢNG BỘ PHƯỜNG SÔNG HIẾN")
    document.add_paragraph("TÀI LIỆU SINH HOẠT CHI BỘ THÁNG 5/2026")
    outline = [
        "PHẦN THỨ NHẤT: KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4",
        "1. Công tác xây dựng Đảng",
        "2. Công tác dân vận",
        "Phần II - Nhiệm vụ trọng tâm tháng 5",
        "1. Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh",
        "2. Tin hoạt động",
    ]
    for line in outline:
        bold(document, line)
        if not line.lower().startswith("phần"):
            document.add_paragraph("Phần thứ hai của hội nghị bàn các giải pháp cụ thể.")
    content = BytesIO()
    document.save(content)

    bulletin = read_bytes(content.getvalue(), "thang-5.docx")

    assert [(s.number, s.level, s.heading) for s in bulletin.sections] == [
        (None, 1, "PHẦN THỨ NHẤT: KẾT QUẢ THỰC HIỆN NHIỆM VỤ THÁNG 4"),
        ("1", 2, "Công tác xây dựng Đảng"),
        ("2", 2, "Công tác dân vận"),
        (None, 1, "Phần II - Nhiệm vụ trọng tâm tháng 5"),
        ("1", 2, "Kỷ niệm Ngày sinh Chủ tịch Hồ Chí Minh"),
        ("2", 2, "Tin hoạt động"),
    ]
    assert all("Phần thứ hai của hội nghị" in s.text for s in bulletin.sections if s.number)
    assert not bulletin.unplaced and not bulletin.warnings
