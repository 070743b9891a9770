"""The importer on bulletins it was not built on (tests/import_corpus.py), in every format:
every section found with its number and heading, every orientation row, no word lost."""

import re
from collections import Counter

import pytest
from django.utils import translation

from bulletins.importing import read_bytes

from .import_corpus import CORPUS, by_name, to_docx, to_markdown, to_pdf


@pytest.fixture(autouse=True)
def english():
    """Messages are matched on their English msgids."""
    with translation.override("en"):
        yield


FORMATS = {
    "md": lambda spec: (to_markdown(spec), "bulletin.md"),
    "docx": lambda spec: (to_docx(spec, auto=False), "bulletin.docx"),
    "pdf": lambda spec: (to_pdf(spec), "bulletin.pdf"),
    "pdf-text": lambda spec: (pdf_text(to_pdf(spec)), "bulletin.txt"),
}


def pdf_text(pdf):
    """The plain text a PDF reader exports (PDFium's), line by line: hard-wrapped text."""
    import pypdfium2 as pdfium

    pages = pdfium.PdfDocument(pdf)
    text = "\n".join(page.get_textpage().get_text_range() for page in pages)
    return text.replace("\r\n", "\n").encode()


def words(text):
    return re.findall(r"\w+", text.lower())


def output_words(bulletin):
    data = bulletin.as_json()
    texts = [str(value) for value in data["header"].values() if value]
    texts += [f"{row['number']} {row['text']}" for row in data["orientation"]]

    def walk(sections):
        for section in sections:
            texts.extend([section["number"] or "", section["heading"], section["text"]])
            walk(section["children"])

    walk(data["sections"])
    texts += [f"{note['marker']} {note['text']}" for note in data["footnotes"]]
    texts += [caption["text"] for caption in data["captions"]]
    return Counter(words(" ".join(texts)))


def coverage(spec, bulletin):
    """Share of the source's words found in the draft (the "not placed" list left out)."""
    source = Counter(words(spec.words_text))
    found = output_words(bulletin)
    return sum(min(count, found[word]) for word, count in source.items()) / source.total()


def check(spec, bulletin, *, marks=True):
    """``marks``: footnote marks and photo gaps survive (not in plain text)."""
    assert [(s.number, s.level, s.heading) for s in bulletin.sections] == spec.expected
    assert [item.text for item in bulletin.orientation] == spec.orientation
    assert bulletin.header.month == spec.month and bulletin.header.year == 2026
    if marks:
        assert [(note.marker, note.text) for note in bulletin.footnotes] == spec.footnotes
        assert [caption.text for caption in bulletin.captions] == spec.captions
    assert bulletin.unplaced == []
    assert coverage(spec, bulletin) >= 0.995


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("spec", CORPUS, ids=lambda spec: spec.name)
def test_every_format_gives_the_outline_as_printed(spec, fmt):
    data, name = FORMATS[fmt](spec)
    check(spec, read_bytes(data, name), marks=fmt != "pdf-text")


@pytest.mark.parametrize("spec", [s for s in CORPUS if s.auto_numbering], ids=lambda s: s.name)
def test_word_automatic_numbering_gives_the_same_outline(spec):
    bulletin = read_bytes(to_docx(spec, auto=True), "auto.docx")
    check(spec, bulletin)
    assert bulletin.warnings == []


@pytest.mark.parametrize("spec", [s for s in CORPUS if s.auto_numbering], ids=lambda s: s.name)
def test_word_numbered_lists_restarting_give_the_same_outline(spec):
    """Orientation and sections as two lists of one numbering definition, each restarting at
    1: the sections are not packed into the orientation, nothing is lost."""
    bulletin = read_bytes(to_docx(spec, lists=True), "lists.docx")
    check(spec, bulletin)


def test_gap_is_kept_and_reported():
    bulletin = read_bytes(to_markdown(by_name("gap")), "gap.md")
    news = bulletin.top_level[-1]
    assert (news.number, news.heading) == ("5", "Tin hoạt động")
    assert [child.number for child in news.children] == ["5.1", "5.2", "5.3", "5.4", "5.5"]
    assert [w.kind for w in bulletin.warnings] == ["numbering_gap"]
    assert "from 3 to 5" in bulletin.warnings[0].text


def test_missing_parent_is_created_empty_and_flagged():
    bulletin = read_bytes(to_markdown(by_name("missing-heading")), "missing.md")
    implicit = bulletin.top_level[3]
    assert (implicit.number, implicit.heading, implicit.implicit) == ("4", "", True)
    assert [child.number for child in implicit.children] == ["4.1", "4.2"]
    assert implicit.children[0].cited_code == "726-CV/TU"
    assert [w.kind for w in bulletin.warnings] == ["implicit_section"]


def test_numbered_items_and_lettered_points_stay_in_the_text():
    bulletin = read_bytes(to_markdown(by_name("regular")), "regular.md")
    first = bulletin.sections[0].text
    assert "1. Tiếp tục quán triệt sâu rộng" in first and "3. Định kỳ sơ kết" in first
    # long numbered items, and the short one that ends their run, stay in the text too
    third = bulletin.top_level[2].text
    assert "3.1. Các chi bộ tiếp tục" in third and "3.3. Định kỳ tổng hợp" in third
    roman = read_bytes(to_markdown(by_name("roman")), "roman.md")
    assert "a) Về kinh tế" in roman.sections[1].text


@pytest.mark.django_db
def test_dry_run_json_reports_text_unplaced_and_warnings_apart(tmp_path):
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "gap.md"
    path.write_bytes(to_markdown(by_name("gap")).replace(b"II- N", "Số 9-TL/ĐU\n\nII- N".encode()))
    out, err = StringIO(), StringIO()
    call_command("import_bulletin", str(path), "--dry-run", "--json", stdout=out, stderr=err)
    data = __import__("json").loads(out.getvalue())
    assert data["unplaced"] == [
        {"text": "Số 9-TL/ĐU", "reason": "not recognised in the orientation"}
    ]
    assert data["sections"][0]["text"].startswith("Thực hiện chủ trương của cấp trên")
    assert "Section numbering jumps from 3 to 5." in err.getvalue()


BODY = "\n\nNỘI DUNG\n\n1. Kế hoạch số 12-KH/TU về công tác tuyên truyền\n\nNội dung kế hoạch.\n"


@pytest.mark.parametrize(
    ("header", "expected", "unplaced"),
    [
        (
            "ĐẢNG BỘ TỈNH CAO BẰNG\nBAN TUYÊN GIÁO VÀ DÂN VẬN\n\nSố 12-TL/BTGDVTU\n\n"
            "TÀI LIỆU SINH HOẠT CHI BỘ THÁNG 01/2026\n\n(Lưu hành nội bộ)",
            ("ĐẢNG BỘ TỈNH CAO BẰNG BAN TUYÊN GIÁO VÀ DÂN VẬN", "TÀI LIỆU SINH HOẠT CHI BỘ", 1),
            ["Số 12-TL/BTGDVTU"],
        ),
        (
            "ĐẢNG ỦY PHƯỜNG NÙNG TRÍ CAO\n\nHƯỚNG DẪN NỘI DUNG SINH HOẠT CHI BỘ\nTHÁNG 02 - 2026",
            ("ĐẢNG ỦY PHƯỜNG NÙNG TRÍ CAO", "HƯỚNG DẪN NỘI DUNG SINH HOẠT CHI BỘ", 2),
            [],
        ),
        (
            "ĐẢNG CỘNG SẢN VIỆT NAM\nCao Bằng, ngày 25 tháng 12 năm 2025\n"
            "BAN TUYÊN GIÁO THÀNH ỦY\nTÀI LIỆU\nSINH HOẠT CHI BỘ THÁNG 1 NĂM 2026",
            ("BAN TUYÊN GIÁO THÀNH ỦY", "TÀI LIỆU SINH HOẠT CHI BỘ", 1),
            ["Cao Bằng, ngày 25 tháng 12 năm 2025"],  # the signing date is not the month
        ),
    ],
)
def test_headers_laid_out_otherwise(header, expected, unplaced):
    bulletin = read_bytes((header + BODY).encode(), "header.md")
    found = bulletin.header
    assert (found.publisher, found.title, found.month, found.year) == (*expected, 2026)
    assert [fragment.text for fragment in bulletin.unplaced] == unplaced


def test_a_run_of_items_is_not_taken_for_sections_further_on():
    text = "\n\n".join(
        [
            "NỘI DUNG",
            "1. Kế hoạch số 46-KH/ĐU về tuyên truyền năm 2026",
            "Nội dung kế hoạch.",
            "2. Công tác dân vận",
            "1. Các chi bộ quán triệt đầy đủ nội dung đến từng đảng viên;",
            "2. Mặt trận Tổ quốc chủ trì phối hợp;",
            "3. Đoàn thể tham gia tuyên truyền;",
            "4. Định kỳ báo cáo kết quả.",
            "3. Tin hoạt động",
            "3.1. Hội nghị chuyên đề",
            "Sáng 05/9/2026, hội nghị được tổ chức.",
        ]
    )
    bulletin = read_bytes(text.encode(), "items.md")
    assert [s.number for s in bulletin.sections] == ["1", "2", "3", "3.1"]
    assert "4. Định kỳ báo cáo kết quả." in bulletin.sections[1].text
    assert bulletin.warnings == []
