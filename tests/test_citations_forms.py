"""Citation forms of state acts, joint issuers, elided lists, aliases and typed-in mistakes.

Every sentence here is written for the test in the style of central guides, provincial
regulations and bulletins of 2025-2026; none is copied from a real document.
"""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from documents.citations import extract_citations

FIXTURES = Path(__file__).parent / "citations"


def test_the_projects_text_of_every_form_matches_its_annotation():
    """Precision and recall both 100% on a bulletin written to hold every form."""
    expected = json.loads((FIXTURES / "forms_2026.json").read_text(encoding="utf-8"))
    text = (FIXTURES / expected["text"]).read_text(encoding="utf-8")
    got = [
        {
            "code": c.code,
            "date": c.date.isoformat() if c.date else None,
            "issuer": c.issuer,
            **({"alias_of": c.alias_of} if c.alias_of else {}),
            **({"doubtful_date": c.doubtful_date} if c.doubtful_date else {}),
        }
        for c in extract_citations(text)
    ]
    assert got == expected["citations"]


def found(text):
    return [(c.code, c.type, c.date) for c in extract_citations(text)]


def only(text):
    citations = extract_citations(text)
    assert len(citations) == 1, citations
    return citations[0]


# --- acts of the National Assembly and its Standing Committee -------------------------------


@pytest.mark.parametrize(
    ("sentence", "code", "kind", "issued", "text"),
    [
        (
            "Cán bộ cần nắm vững Luật Dữ liệu số 60/2024/QH15 ngày 30/11/2024 của Quốc hội.",
            "60/2024/QH15",
            "L",
            date(2024, 11, 30),
            "Luật Dữ liệu số 60/2024/QH15 ngày 30/11/2024",
        ),
        (
            "Chấp hành nghiêm Luật Bảo vệ bí mật nhà nước số 29/2018/QH14 trong sinh hoạt.",
            "29/2018/QH14",
            "L",
            None,
            "Luật Bảo vệ bí mật nhà nước số 29/2018/QH14",
        ),
        (
            "Căn cứ Nghị quyết số 33/2024/QH15, ngày 29 tháng 6 năm 2024 của Quốc hội về thí điểm",
            "33/2024/QH15",
            "NQ",
            date(2024, 6, 29),
            "Nghị quyết số 33/2024/QH15, ngày 29 tháng 6 năm 2024",
        ),
        (
            "Tuyên truyền Bộ luật Lao động số 45/2019/QH14 tới công nhân các khu công nghiệp.",
            "45/2019/QH14",
            "BL",
            None,
            "Bộ luật Lao động số 45/2019/QH14",
        ),
        (
            "Thực hiện Pháp lệnh Cảnh sát môi trường số 07/2022/UBTVQH15 của Ủy ban Thường vụ",
            "07/2022/UBTVQH15",
            "PL",
            None,
            "Pháp lệnh Cảnh sát môi trường số 07/2022/UBTVQH15",
        ),
        (
            "Theo Nghị quyết số 1654/NQ-UBTVQH15 ngày 16/6/2025 về sắp xếp đơn vị hành chính",
            "1654/NQ-UBTVQH15",
            "NQ",
            date(2025, 6, 16),
            "Nghị quyết số 1654/NQ-UBTVQH15 ngày 16/6/2025",
        ),
    ],
)
def test_acts_of_the_national_assembly(sentence, code, kind, issued, text):
    citation = only(sentence)
    assert (citation.code, citation.type, citation.date, citation.text) == (
        code,
        kind,
        issued,
        text,
    )


def test_a_law_name_does_not_reach_back_to_an_earlier_law():
    text = "So với Luật Đất đai năm 2013, Luật Đất đai số 31/2024/QH15 mở rộng quyền của người dân."
    assert only(text).text == "Luật Đất đai số 31/2024/QH15"


def test_a_national_assembly_code_needs_a_type_word():
    assert found("Hồ sơ lưu trữ 31/2024/QH15 tại kho.") == []
    assert found("Kế hoạch tuyên truyền số 31/2024/QH15") == []  # no such type for the QH


# --- party codes seen in 2025 texts ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code", "kind"),
    [
        ("Quy định số 11-QĐi/TW", "11-QĐi/TW", "QĐi"),
        ("Hướng dẫn số 115- HD/BTGW", "115-HD/BTGW", "HD"),  # typo of BTGTW, kept as typed
        ("Công văn số 225 - CV/BTG", "225-CV/BTG", "CV"),
        ("Hướng dẫn số 37-HD/BTGDVTW", "37-HD/BTGDVTW", "HD"),
    ],
)
def test_party_codes_of_2025(written, code, kind):
    citation = only(f"Ban Thường vụ Đảng ủy phường quán triệt {written} đến toàn thể đảng viên.")
    assert (citation.code, citation.type, citation.text) == (code, kind, written)


def test_joint_issuers_are_listed():
    citation = only("Thực hiện Hướng dẫn số 06-HD/BTCTW-BTGTW ngày 12/3/2025 về sinh hoạt")
    assert citation.code == "06-HD/BTCTW-BTGTW"
    assert citation.joint_issuers == ("BTCTW", "BTGTW")
    state = only("Theo Thông tư liên tịch số 01/2015/TTLT-BTP-BNV về công chứng")
    assert (state.code, state.joint_issuers) == ("01/2015/TTLT-BTP-BNV", ("BTP", "BNV"))
    assert only("Kế hoạch số 12-KH/TU").joint_issuers == ()


def test_a_type_word_separated_from_its_code_by_a_name():
    citation = only("Đảng ủy xã ban hành Thông báo kết luận số 45-TB/ĐU về công tác cán bộ.")
    assert (citation.code, citation.type, citation.text) == (
        "45-TB/ĐU",
        "TB",
        "Thông báo kết luận số 45-TB/ĐU",
    )


# --- elided lists ---------------------------------------------------------------------------


def test_an_elided_list_gives_one_citation_per_document():
    text = "Quán triệt các Kết luận số 187, 188-KL/TW, ngày 29/8/2025 của Bộ Chính trị về kinh tế."
    first, second = extract_citations(text)
    assert (first.code, first.number, first.text) == ("187-KL/TW", 187, "Kết luận số 187")
    assert (second.code, second.text) == ("188-KL/TW", "188-KL/TW, ngày 29/8/2025")
    assert first.date == second.date == date(2025, 8, 29)
    assert first.issuer == second.issuer == "Bộ Chính trị"


def test_a_longer_elided_list_with_va():
    text = "Các Nghị quyết số 18, 19 và 20-NQ/TW, ngày 25/10/2017 của Ban Chấp hành Trung ương"
    assert [c.code for c in extract_citations(text)] == ["18-NQ/TW", "19-NQ/TW", "20-NQ/TW"]


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2023, 188-KL/TW được phổ biến rộng rãi.",
        "Có 12, 188-KL/TW trong danh mục.",  # no "số" or type word before the list
    ],
)
def test_numbers_before_a_code_are_not_a_list_without_a_type_word(text):
    assert [c.code for c in extract_citations(text)] == ["188-KL/TW"]


# --- dates ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "ngày 15 tháng 5\nnăm 2016",
        "ngày 15\ntháng 5 năm 2016",
        "ngày 15 tháng 05 năm\n2016",
        "(ngày 15/5/2016)",
        "(15/5/2016)",
        "( ngày 15 tháng 5 năm 2016 )",
    ],
)
def test_dates_in_words_over_lines_and_in_parentheses(written):
    citation = only(f"Tiếp tục thực hiện Chỉ thị số 05-CT/TW {written} của Bộ Chính trị về học tập")
    assert citation.date == date(2016, 5, 15)
    assert citation.text == f"Chỉ thị số 05-CT/TW {written}"
    assert citation.issuer == "Bộ Chính trị"


def test_a_five_digit_year_is_flagged_not_misread():
    citation = only("Chỉ thị số 05-CT/TW, ngày 15/5/20216 của Bộ Chính trị về học tập")
    assert citation.date is None
    assert citation.doubtful_date == "15/5/20216"
    assert citation.text == "Chỉ thị số 05-CT/TW, ngày 15/5/20216"
    assert citation.issuer == "Bộ Chính trị"
    assert only("Chỉ thị số 05-CT/TW, ngày 15/5/2016").doubtful_date is None


# --- names of bodies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ban Chỉ đạo Nghị quyết số 57-NQ/TW của tỉnh họp phiên thứ ba.",
        "Đồng chí Phó Trưởng Ban chỉ đạo thực hiện Nghị quyết số 57-NQ/TW phát biểu.",
        "Tổ giúp việc Ban Chỉ đạo Kết luận số 14-KL/TW kiểm tra tại xã.",
        "BAN CHỈ ĐẠO NGHỊ QUYẾT SỐ 57-NQ/TW TỈNH CAO BẰNG",
    ],
)
def test_a_code_inside_the_name_of_a_body_is_not_a_citation(text):
    assert extract_citations(text) == []


def test_the_body_and_the_document_in_one_sentence():
    text = (
        "Ban Chỉ đạo Nghị quyết số 57-NQ/TW tỉnh quán triệt Nghị quyết số 57-NQ/TW, "
        "ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ."
    )
    citation = only(text)
    assert (citation.code, citation.date) == ("57-NQ/TW", date(2024, 12, 22))
    assert citation.text == "Nghị quyết số 57-NQ/TW, ngày 22/12/2024"


# --- aliases defined in the text ------------------------------------------------------------


ALIASED = (
    "Ngày 08/10/2025, Bộ Chính trị ban hành Quy định số 377-QĐ/TW về phân cấp quản lý cán bộ "
    "(sau đây gọi là Quy định 377). Ban Tuyên giáo và Dân vận ban hành Hướng dẫn số "
    "31-HD/BTGDVTW, ngày 02/11/2025 (sau đây viết tắt là HD 31). Quy định 377 nêu rõ thẩm "
    "quyền; các chi bộ học tập HD 31 và Quy định 377 trong tháng. Quy định 3770 không có."
)


def test_aliases_resolve_to_the_document_they_name():
    citations = extract_citations(ALIASED)
    assert [(c.text, c.code, c.alias_of) for c in citations] == [
        ("Quy định số 377-QĐ/TW", "377-QĐ/TW", None),
        ("Hướng dẫn số 31-HD/BTGDVTW, ngày 02/11/2025", "31-HD/BTGDVTW", None),
        ("Quy định 377", "377-QĐ/TW", "377-QĐ/TW"),
        ("HD 31", "31-HD/BTGDVTW", "31-HD/BTGDVTW"),
        ("Quy định 377", "377-QĐ/TW", "377-QĐ/TW"),
    ]
    hd = citations[3]
    assert (hd.date, hd.type, hd.number) == (date(2025, 11, 2), "HD", 31)
    assert all(ALIASED[c.start : c.end] == c.text for c in citations)


def test_an_alias_used_before_its_definition_is_not_resolved():
    text = "Quy định 377 được nhắc trước. Quy định số 377-QĐ/TW (sau đây gọi là Quy định 377)."
    assert [c.alias_of for c in extract_citations(text)] == [None]


def test_aliases_in_html():
    html = (
        "<p>Kế hoạch số 15-KH/ĐU, ngày 03/3/2026 (sau đây gọi tắt là <em>Kế hoạch 15</em>).</p>"
        "<p>Chi bộ bám sát <strong>Kế hoạch 15</strong>.</p>"
    )
    plan, alias = extract_citations(html)
    assert plan.code == "15-KH/ĐU" and plan.alias_of is None
    assert (alias.code, alias.alias_of, alias.date) == ("15-KH/ĐU", "15-KH/ĐU", date(2026, 3, 3))
    assert html[alias.start : alias.end] == "Kế hoạch 15"
    assert html.index("<strong>") < alias.start


# --- every form at once, in the command's JSON ----------------------------------------------


def test_json_gains_joint_issuers_alias_and_doubtful_date_only_where_they_apply(tmp_path):
    path = tmp_path / "huong-dan.txt"
    path.write_text(
        "Hướng dẫn số 06-HD/BTCTW-BTGTW (sau đây gọi là HD 06); Chỉ thị số 05-CT/TW, ngày "
        "15/5/20216. Các chi bộ thực hiện HD 06.",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("extract_citations", str(path), "--json", stdout=out)
    rows = json.loads(out.getvalue())
    assert rows[0]["joint_issuers"] == ["BTCTW", "BTGTW"]
    assert "alias_of" not in rows[0]
    assert rows[1]["doubtful_date"] == "15/5/20216" and rows[1]["date"] is None
    assert "joint_issuers" not in rows[1]
    assert (rows[2]["text"], rows[2]["alias_of"]) == ("HD 06", "06-HD/BTCTW-BTGTW")


def test_an_alias_defined_twice_means_its_latest_definition():
    text = (
        "Mục 1. Kế hoạch số 15-KH/ĐU, ngày 03/3/2026 (sau đây gọi là Kế hoạch 15). Thực hiện "
        "Kế hoạch 15. Mục 2. Kế hoạch số 15-KH/TU, ngày 20/1/2026 (sau đây gọi là Kế hoạch 15). "
        "Bám sát Kế hoạch 15."
    )
    aliases = [c for c in extract_citations(text) if c.alias_of]
    assert [(c.code, c.date) for c in aliases] == [
        ("15-KH/ĐU", date(2026, 3, 3)),
        ("15-KH/TU", date(2026, 1, 20)),
    ]
