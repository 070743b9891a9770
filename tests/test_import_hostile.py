"""Hostile and broken files: each is refused with a clear message and writes nothing."""

import zipfile
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bulletins.importing import BulletinImportError, limits, read_bytes
from bulletins.models import Issue, Section

from .import_corpus import by_name, to_docx


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def rezip(data, replace=None, add=None):
    """The .docx ``data`` with some members replaced or added."""
    source = zipfile.ZipFile(BytesIO(data))
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = (replace or {}).get(item.filename, source.read(item.filename))
            target.writestr(item.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


DOCX = to_docx(by_name("regular"))


def document_xml():
    return zipfile.ZipFile(BytesIO(DOCX)).read("word/document.xml").decode()


def attacks():
    billion = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    )
    deep = document_xml().replace("<w:body>", "<w:body>" + "<w:sdt>" * 5000, 1)
    deep = deep.replace("</w:body>", "</w:sdt>" * 5000 + "</w:body>", 1)
    return {
        "zip bomb": rezip(DOCX, add={"word/media/filler.bin": b"\0" * (limits.RATIO_FLOOR * 4)}),
        "entities": rezip(DOCX, replace={"word/document.xml": billion + document_xml()[38:]}),
        "deep nesting": rezip(DOCX, replace={"word/document.xml": deep}),
        "many members": rezip(DOCX, add={f"x/{n}.xml": b"<a/>" for n in range(2001)}),
        "truncated": DOCX[: len(DOCX) // 2],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("attack", attacks().keys())
def test_hostile_docx_is_refused_and_nothing_is_written(attack, tmp_path, board):
    path = tmp_path / "bulletin.docx"
    path.write_bytes(attacks()[attack])
    with pytest.raises(CommandError) as refused:
        call_command("import_bulletin", str(path), "--publisher", str(board.pk), stdout=StringIO())
    assert "Word document" in str(refused.value)
    assert Issue.objects.count() == 0 and Section.objects.count() == 0


def test_the_time_limit_stops_a_slow_read(monkeypatch):
    monkeypatch.setattr(limits, "READ_SECONDS", 0)
    with pytest.raises(BulletinImportError, match="took more than 0 seconds"):
        read_bytes(DOCX, "slow.docx")


def test_a_scanned_pdf_is_refused_as_such():
    from pypdf import PdfWriter

    stream = BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(stream)
    with pytest.raises(BulletinImportError, match="no text layer"):
        read_bytes(stream.getvalue(), "scan.pdf")


def test_wrapped_orientation_rows_are_rebuilt_by_their_numbers():
    """Text from a PDF: each row's number on its own line, its text wrapped over lines."""
    rows = [
        ("1", ["Kết quả Hội nghị lần thứ mười Ban Chấp hành", "Đảng bộ phường khóa I"]),
        ("2", ["Kế hoạch số 46-KH/ĐU của Đảng ủy phường về", "tuyên truyền năm 2026"]),
        ("3", ["Công tác dân vận trên địa bàn"]),
        ("4", ["Học tập và làm theo tư tưởng, đạo đức,", "phong cách Hồ Chí Minh"]),
        ("5", ["Tin hoạt động"]),
    ]
    lines = ["TÀI LIỆU SINH HOẠT CHI BỘ THÁNG 3 NĂM 2026", "", "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ"]
    lines += ["Stt", "Nội dung"]
    for number, text in rows:
        lines += [number, *text]
    lines += ["", "II- NỘI DUNG", ""]
    for number, text in rows:
        lines += [f"{number}. {' '.join(text)}", "", "Nội dung chi tiết của mục này.", ""]
    bulletin = read_bytes("\n".join(lines).encode(), "pdf-text.txt")
    assert [(item.number, item.text) for item in bulletin.orientation] == [
        (number, " ".join(text)) for number, text in rows
    ]
    assert [s.number for s in bulletin.top_level] == ["1", "2", "3", "4", "5"]
    assert bulletin.unplaced == []


def test_a_table_with_wrapped_rows_is_rebuilt_and_reported():
    text = "\n".join(
        [
            "1. Kết quả thực hiện",
            "",
            "Stt\tPhong trào\tKết quả",
            "1\tDân vận khéo ở các tổ\t12 mô hình",
            "\tdân phố\t",
            "2\tNgày thứ Bảy văn minh\t35 buổi",
        ]
    )
    bulletin = read_bytes(text.encode(), "table.md")
    table = bulletin.sections[0].body[0]
    assert [table.cell_texts(row) for row in table.rows] == [
        ["Stt", "Phong trào", "Kết quả"],
        ["1", "Dân vận khéo ở các tổ dân phố", "12 mô hình"],
        ["2", "Ngày thứ Bảy văn minh", "35 buổi"],
    ]
    assert [w.kind for w in bulletin.warnings] == ["table_rebuilt"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bulletin.docx", b"%PDF-1.7\n" + b"x" * 500, "not a valid Word document"),
        ("bulletin.pdf", DOCX, "not a readable PDF"),
        ("bulletin.txt", DOCX, "not a text file"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_file_of_the_wrong_type_is_refused_by_its_content(
    tmp_path, board, name, content, message
):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_bulletin", str(path), "--publisher", str(board.pk), stdout=StringIO())
    assert Issue.objects.count() == 0


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    from bulletins.importing import read_bulletin

    monkeypatch.setattr(limits, "MAX_FILE", 1000)
    path = tmp_path / "huge.md"
    path.write_bytes(b"1. M\xe1\xbb\xa5c\n\n" * 200)
    with pytest.raises(BulletinImportError, match="larger than 0 MB"):
        read_bulletin(path)
