"""Tests of the citation extractor and its management command.

The three real bulletins are read from the shared samples folder at run time (they are not
part of the repository); tests/citations/ holds their hand-made annotation.
"""

import json
import unicodedata
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from documents.citations import Citation, extract_citations

from .support import sample_path

ANNOTATIONS = sorted((Path(__file__).parent / "citations").glob("sample_*.json"))
JSON_KEYS = {"code", "type", "number", "issuer_code", "date", "issuer", "start", "end", "text"}


def codes(text):
    return [c.code for c in extract_citations(text)]


def only(text):
    citations = extract_citations(text)
    assert len(citations) == 1, citations
    return citations[0]


# --- annotated real bulletins ---------------------------------------------------------


@pytest.mark.parametrize("annotation", ANNOTATIONS, ids=lambda path: path.stem)
def test_sample_bulletin_matches_annotation(annotation):
    expected = json.loads(annotation.read_text(encoding="utf-8"))
    sample = sample_path(expected["sample"])
    text = sample.read_text(encoding="utf-8")

    found = extract_citations(text)
    want = [(c["code"], c["date"]) for c in expected["citations"]]
    got = [(c.code, c.date.isoformat() if c.date else None) for c in found]
    matched = sum(min(got.count(item), want.count(item)) for item in set(want))
    precision = matched / len(got) if got else 1.0
    recall = matched / len(want) if want else 1.0
    assert got == want, (
        f"{sample.name}: precision {precision:.1%}, recall {recall:.1%} "
        f"({len(got)} found, {len(want)} expected)"
    )
    assert [c.issuer for c in found] == [c["issuer"] for c in expected["citations"]]
    for citation in found:
        assert citation.text == text[citation.start : citation.end]


# --- code shapes and spacing ------------------------------------------------------------


@pytest.mark.parametrize("dash", ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"])
def test_every_dash_variant_is_unified(dash):
    citation = only(f"Tiếp tục thực hiện Kết luận số 14{dash}KL/TW của Bộ Chính trị.")
    assert citation.code == "14-KL/TW"
    assert citation.text == f"Kết luận số 14{dash}KL/TW"


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("Hướng dẫn số 08 -HD/TU", "08-HD/TU"),
        ("Kết luận 14- KL/TW", "14-KL/TW"),
        ("Công văn số 726 – CV/TU", "726-CV/TU"),
        ("Hướng dẫn số 08 HD/TU", "08-HD/TU"),
        ("Chương trình hành động số 19-CTr/TU", "19-CTr/TU"),
        ("Kế hoạch số 168-KH/VPTW", "168-KH/VPTW"),
        ("Đề án số 02 - ĐA / TU", "02-ĐA/TU"),
    ],
)
def test_irregular_spacing_is_normalised(written, code):
    citation = only(f"Các chi bộ quán triệt {written} trong tháng này.")
    assert citation.code == code
    assert citation.text == written


def test_fields_of_a_party_citation():
    text = "Triển khai Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư về việc tổ chức Tết."
    assert extract_citations(text) == [
        Citation(
            code="26-CT/TW",
            type="CT",
            number=26,
            issuer_code="TW",
            date=date(2023, 11, 23),
            issuer="Ban Bí thư",
            start=11,
            end=47,
            text="Chỉ thị số 26-CT/TW, ngày 23/11/2023",
        )
    ]


def test_citation_is_immutable():
    citation = only("Kế hoạch số 339-KH/TU")
    with pytest.raises(AttributeError):
        citation.code = "1-KH/TU"


def test_without_so_the_span_starts_at_the_type_word():
    citation = only("Thực hiện Hướng dẫn 05-HD/TU, ngày 04/6/2021 của Ban Thường vụ Thành uỷ.")
    assert citation.text == "Hướng dẫn 05-HD/TU, ngày 04/6/2021"
    assert citation.issuer == "Ban Thường vụ Thành uỷ"


def test_without_type_word_the_span_starts_at_the_number():
    citation = only("Bám sát tinh thần 42-NQ/TW của Ban Chấp hành Trung ương để triển khai.")
    assert (citation.code, citation.type, citation.text) == ("42-NQ/TW", "NQ", "42-NQ/TW")
    assert citation.issuer == "Ban Chấp hành Trung ương"


def test_space_instead_of_dash_needs_a_type_word():
    assert codes("Năm 2022 HD/TU chưa ban hành văn bản mới.") == []
    assert codes("Hướng dẫn 08 HD/TU đã được triển khai.") == ["08-HD/TU"]


def test_line_breaks_inside_a_citation():
    text = (
        "triển khai có hiệu quả Kế \n\nhoạch số 76-\n\nKH/TU ngày 05/5/2021 của Ban Thường "
        "\n\nvụ Thành ủy về việc thực hiện Chỉ thị số \n04-CT/TU, \nngày 04/3/2021"
    )
    first, second = extract_citations(text)
    assert (first.code, first.date) == ("76-KH/TU", date(2021, 5, 5))
    assert first.text == "Kế \n\nhoạch số 76-\n\nKH/TU ngày 05/5/2021"
    assert first.issuer == "Ban Thường vụ Thành ủy"
    assert (second.code, second.date) == ("04-CT/TU", date(2021, 3, 4))
    assert second.text == "Chỉ thị số \n04-CT/TU, \nngày 04/3/2021"


def test_markdown_emphasis_around_the_code():
    citation = only("**2. Kế hoạch số 339-KH/TU**, ngày 27/11/2023 của *Thành ủy Cao Bằng*")
    assert citation.date == date(2023, 11, 27)
    assert citation.issuer == "Thành ủy Cao Bằng"


def test_footnote_markers_after_the_code_and_date():
    citation = only("Kế hoạch số 295-KH/TU¹, ngày 19/6/2023² của Thành ủy Cao Bằng về cải cách")
    assert (citation.code, citation.date) == ("295-KH/TU", date(2023, 6, 19))
    assert citation.issuer == "Thành ủy Cao Bằng"


def test_joint_issuers_and_upper_case_headings():
    assert codes("Hướng dẫn liên tịch số 01-HDLT/BTGTW-BTCTW") == ["01-HDLT/BTGTW-BTCTW"]
    citation = only("CHỈ THỊ SỐ 26-CT/TW, NGÀY 23/11/2023 CỦA BAN BÍ THƯ VỀ VIỆC TỔ CHỨC TẾT")
    assert (citation.date, citation.issuer) == (date(2023, 11, 23), "BAN BÍ THƯ")
    assert citation.text == "CHỈ THỊ SỐ 26-CT/TW, NGÀY 23/11/2023"


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("ngày 25 /10 /2022", date(2022, 10, 25)),
        ("ngày 25/10 /2022", date(2022, 10, 25)),
        ("ngày 22/9/2021", date(2021, 9, 22)),
        ("ngày 23 tháng 11 năm 2023", date(2023, 11, 23)),
        ("ngày 03/10 năm 2022", date(2022, 10, 3)),
        ("ngày 15-5-2016", date(2016, 5, 15)),
        ("ban hành ngày 12/11/2018", date(2018, 11, 12)),
    ],
)
def test_date_following_the_code(written, expected):
    citation = only(f"Hướng dẫn số 08-HD/TU {written} về xây dựng mô hình.")
    assert citation.date == expected
    assert citation.text == f"Hướng dẫn số 08-HD/TU {written}"


def test_date_after_a_comma_and_a_line_break():
    citation = only("Quy định số 41-QĐ/TW, ngày\n\n03/11/2021 về việc miễn nhiệm")
    assert citation.date == date(2021, 11, 3)


@pytest.mark.parametrize(
    "tail",
    [
        " ngày 03/10 của Thành ủy",  # no year
        " ngày 31/02/2023 của Thành ủy",  # no such day
        " của Thành ủy ngày 03/10/2022",  # the date does not follow the code
        ". Ngày 03/10/2022, Thành ủy",  # a new sentence
    ],
)
def test_no_date_unless_a_full_date_follows(tail):
    citation = only(f"Công văn số 868-CV/TU{tail} ban hành.")
    assert citation.date is None
    assert citation.text == "Công văn số 868-CV/TU"


def test_a_date_before_the_citation_is_not_its_date():
    citation = only("Ngày 03 tháng 10 năm 2022 Thành ủy ban hành Công văn số 868-CV/TU về việc")
    assert citation.date is None


def test_same_code_with_two_dates():
    text = (
        "Chỉ thị số 26-CT/TW, ngày 09/11/2018 của Bộ Chính trị về điều tra các vụ án và "
        "Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư về tổ chức Tết."
    )
    assert [(c.code, c.date, c.issuer) for c in extract_citations(text)] == [
        ("26-CT/TW", date(2018, 11, 9), "Bộ Chính trị"),
        ("26-CT/TW", date(2023, 11, 23), "Ban Bí thư"),
    ]


# --- state codes -------------------------------------------------------------------------


def test_state_code_with_year():
    citation = only("Nghị định số 130/2020/NĐ-CP ngày 30/10/2020 của Chính phủ về kiểm soát.")
    assert (citation.code, citation.type, citation.number) == ("130/2020/NĐ-CP", "NĐ", 130)
    assert (citation.issuer_code, citation.date, citation.issuer) == (
        "CP",
        date(2020, 10, 30),
        "Chính phủ",
    )


@pytest.mark.parametrize(
    ("written", "code", "kind", "issuer_code"),
    [
        ("Kế hoạch số 281/KH-UBND", "281/KH-UBND", "KH", "UBND"),
        ("Quyết định 123/QĐ-UBND", "123/QĐ-UBND", "QĐ", "UBND"),
        ("Quyết định số 1234/QĐ-TTg", "1234/QĐ-TTg", "QĐ", "TTg"),
        ("Thông tư số 01/2021/TT-BNV", "01/2021/TT-BNV", "TT", "BNV"),
        ("Nghị định số 135/2020/NĐ -CP", "135/2020/NĐ-CP", "NĐ", "CP"),
        ("Công điện số 82/CĐ-TTg", "82/CĐ-TTg", "CĐ", "TTg"),
        # A body's letter numbered with its department: an official letter of the UBND.
        ("Công văn số 1234/UBND-VX", "1234/UBND-VX", "CV", "UBND"),
        ("Văn bản số 517/SNV-TCBC", "517/SNV-TCBC", "CV", "SNV"),
    ],
)
def test_state_code_shapes(written, code, kind, issuer_code):
    citation = only(f"Căn cứ {written} ngày 26/10/2021 của UBND thành phố Cao Bằng cải cách.")
    assert (citation.code, citation.type, citation.issuer_code) == (code, kind, issuer_code)
    assert citation.date == date(2021, 10, 26)
    assert citation.issuer == "UBND thành phố Cao Bằng"


def test_national_assembly_code_takes_its_type_from_the_word():
    citation = only("Thực hiện Luật số 59/2020/QH14 về doanh nghiệp.")
    assert (citation.code, citation.type, citation.issuer_code) == ("59/2020/QH14", "L", "QH14")
    assert codes("Mã hồ sơ 59/2020/QH14 đã lưu.") == []


# --- issuers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "issuer"),
    [
        (", ngày 19/5/2023 của BTV Tỉnh ủy Cao Bằng về tiếp tục", "BTV Tỉnh ủy Cao Bằng"),
        (" của Thành ủy Cao Bằng.", "Thành ủy Cao Bằng"),
        (", ngày 22/9/2021 của Bộ Chính trị và Công văn này", "Bộ Chính trị"),
        (
            " của Ban Chấp hành Đảng bộ thành \nphố Cao Bằng về",
            "Ban Chấp hành Đảng bộ thành phố Cao Bằng",
        ),
        (" của Tỉnh ủy thành lập", "Tỉnh ủy"),
        (
            ", ngày 24/11/2023 của Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII về",
            "Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII",
        ),
        (", ngày 24/11/2023 Hội nghị lần thứ tám", None),
        (" của chi bộ", None),
    ],
)
def test_issuer_after_the_code(tail, issuer):
    assert only(f"Quán triệt Nghị quyết số 42-NQ/TW{tail}").issuer == issuer


def test_issuer_stops_before_the_next_citation():
    text = "Chỉ thị số 05-CT/TW của Bộ Chính trị Kết luận số 01-KL/TW của Ban Bí thư"
    assert [c.issuer for c in extract_citations(text)] == ["Bộ Chính trị", "Ban Bí thư"]


def test_several_citations_in_one_sentence():
    text = (
        "Thực hiện Nghị quyết số 42-NQ/TW và Kết luận số 14-KL/TW, các Kế hoạch 12-KH/TU; 13-KH/TU."
    )
    found = extract_citations(text)
    assert [c.code for c in found] == ["42-NQ/TW", "14-KL/TW", "12-KH/TU", "13-KH/TU"]
    assert [c.text for c in found] == [
        "Nghị quyết số 42-NQ/TW",
        "Kết luận số 14-KL/TW",
        "Kế hoạch 12-KH/TU",
        "13-KH/TU",
    ]
    assert all(text[c.start : c.end] == c.text for c in found)


# --- HTML and Unicode ---------------------------------------------------------------------


def test_html_offsets_point_into_the_raw_markup():
    html = (
        "<p>Thực hiện <a href='/van-ban/26-CT/TW'>Chỉ thị số <strong>26-CT/TW</strong></a>, "
        "ngày <em>23/11/2023</em> của <b>Ban Bí thư</b> về tổ chức Tết.</p>"
    )
    citation = only(html)
    assert (citation.code, citation.date, citation.issuer) == (
        "26-CT/TW",
        date(2023, 11, 23),
        "Ban Bí thư",
    )
    assert html[citation.start : citation.end] == (
        "Chỉ thị số <strong>26-CT/TW</strong></a>, ngày <em>23/11/2023"
    )
    assert citation.text == html[citation.start : citation.end]


def test_html_entities_inside_a_citation():
    html = (
        "<p>Kế&nbsp;hoạch&nbsp;số&nbsp;339&#8211;KH/TU,&nbsp;ngày&nbsp;27/11/2023 của Thành ủy</p>"
    )
    citation = only(html)
    assert (citation.code, citation.date) == ("339-KH/TU", date(2023, 11, 27))
    assert citation.text == "Kế&nbsp;hoạch&nbsp;số&nbsp;339&#8211;KH/TU,&nbsp;ngày&nbsp;27/11/2023"


def test_html_footnote_reference_inside_a_citation():
    html = (
        "<p>Chỉ thị số 26-CT/TW<sup><a href='#fn1'>1</a></sup>, ngày 23/11/2023 của Ban Bí thư</p>"
    )
    citation = only(html)
    assert (citation.date, citation.issuer) == (date(2023, 11, 23), "Ban Bí thư")
    assert citation.text == "Chỉ thị số 26-CT/TW<sup><a href='#fn1'>1</a></sup>, ngày 23/11/2023"


def test_html_block_boundaries_separate_words():
    html = "<p>Kế hoạch số 1</p><p>2-KH/TU</p><ul><li>Chỉ thị số 26-CT/TW</li></ul>"
    assert codes(html) == ["2-KH/TU", "26-CT/TW"]


def test_decomposed_unicode_is_composed_first():
    text = unicodedata.normalize(
        "NFD", "Thực hiện Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư về Tết."
    )
    citation = only(text)
    assert citation.code == "26-CT/TW"
    assert citation.issuer == "Ban Bí thư"
    assert unicodedata.normalize("NFC", citation.text) == "Chỉ thị số 26-CT/TW, ngày 23/11/2023"
    assert citation.text == text[citation.start : citation.end]


def test_decomposed_letters_inside_the_code():
    citation = only(unicodedata.normalize("NFD", "Theo Quyết định số 56-QĐ/TW ngày 08/02/2022"))
    assert citation.code == "56-QĐ/TW"


# --- things that are not citations --------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tính đến ngày 30/11/2023, giá trị sản xuất đạt 346 tỷ đồng.",
        "Trúng cử với 47/49 phiếu, có 22/24 chỉ tiêu đạt; 3/3 xã về đích.",
        "Dịch COVID-19 và Covid -19 đã được kiểm soát.",
        "Liên hệ 0206.3852.123 hoặc 0912-345-678 hoặc (0206) 385 2123.",
        "Tổng kết Nghị quyết Trung ương 5 khóa X (Nghị quyết 15) và Chỉ thị 05 của Bộ Chính trị.",
        "2.1.3. Giới thiệu đoàn viên ưu tú; 4. 8. Ban Tổ chức Thành ủy chủ trì.",
        "Kỳ họp thứ 17, HĐND tỉnh khóa XVII, nhiệm kỳ 2021 - 2026; giai đoạn 2021-2025.",
        "I- ĐỊNH HƯỚNG SINH HOẠT CHI BỘ; II- Nội dung; Phần 2: Thực trạng.",
        "Xem https://example.vn/van-ban/26-CT/TW và www.example.vn/281/KH-UBND để biết thêm.",
        "Đạt 209,6/565 tỷ đồng, vốn giao 29,9/95 tỷ, xử lý 2,4/25 tỷ.",
        "Diện tích 33m² sàn/người; nhiệt độ 25-30°C; biển số 11A-123.45.",
    ],
)
def test_no_false_positives(text):
    assert extract_citations(text) == []


def test_empty_text():
    assert extract_citations("") == []


# --- management command -------------------------------------------------------------------


BULLETIN = (
    "<p>2. Kế hoạch số 339-KH/TU, ngày 27/11/2023 của Thành ủy Cao Bằng về xây dựng mô hình; "
    "thực hiện Nghị định số 130/2020/NĐ-CP.</p>"
)


def run_command(*args):
    out = StringIO()
    call_command("extract_citations", *args, stdout=out)
    return out.getvalue()


def test_command_prints_json(tmp_path):
    path = tmp_path / "ban-tin.html"
    path.write_text(BULLETIN, encoding="utf-8")
    rows = json.loads(run_command(str(path), "--json"))
    assert [set(row) for row in rows] == [JSON_KEYS, JSON_KEYS]
    assert rows[0]["code"] == "339-KH/TU"
    assert rows[0]["date"] == "2023-11-27"
    assert rows[0]["issuer"] == "Thành ủy Cao Bằng"
    assert rows[1]["date"] is None
    assert BULLETIN[rows[0]["start"] : rows[0]["end"]] == rows[0]["text"]


def test_command_prints_a_table(tmp_path):
    path = tmp_path / "ban-tin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    output = run_command(str(path))
    assert "339-KH/TU" in output
    assert "27/11/2023" in output
    assert "130/2020/NĐ-CP" in output


@pytest.mark.parametrize("name", ["khong-co.txt", "ban-tin.pdf"])
def test_command_rejects_missing_and_unsupported_files(tmp_path, name):
    with pytest.raises(CommandError):
        run_command(str(tmp_path / name))


def test_command_rejects_an_existing_pdf(tmp_path):
    path = tmp_path / "ban-tin.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(CommandError, match=r"\.pdf"):
        run_command(str(path))
