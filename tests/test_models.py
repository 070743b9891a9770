import datetime

import pytest
from django.db import IntegrityError, transaction

from bulletins.html import sanitize_html
from bulletins.models import DEFAULT_MARKING, Issue, Section
from bulletins.numbering import number_outline, outline_errors
from documents.models import Document, DocumentType
from people.models import Organisation, Person, Position


@pytest.mark.django_db
class TestDocumentIdentity:
    def make(self, issued_on):
        return Document.objects.create(
            document_type=DocumentType.objects.get(name="Chỉ thị"),
            number=26,
            code="26-CT/TW",
            issued_on=issued_on,
            subject="về việc tổ chức Tết",
        )

    def test_same_code_in_two_years_is_two_documents(self):
        self.make(datetime.date(2018, 11, 9))
        self.make(datetime.date(2023, 11, 23))
        assert Document.objects.filter(code="26-CT/TW").count() == 2

    def test_same_code_and_date_is_refused(self):
        self.make(datetime.date(2023, 11, 23))
        with pytest.raises(IntegrityError), transaction.atomic():
            self.make(datetime.date(2023, 11, 23))

    def test_document_types_come_from_the_glossary(self):
        abbreviations = {t.name: t.abbreviation for t in DocumentType.objects.all()}
        assert abbreviations["Nghị quyết"] == "NQ"
        assert abbreviations["Chương trình"] == "CTr"
        assert abbreviations["Quy định"] == abbreviations["Quyết định"] == "QĐ"
        assert len(abbreviations) >= 13


class TestNumbering:
    def test_numbers_follow_the_outline(self):
        assert number_outline([1, 2, 2, 3, 3, 1, 2, 1]) == [
            "1.",
            "1.1.",
            "1.2.",
            "1.2.1.",
            "1.2.2.",
            "2.",
            "2.1.",
            "3.",
        ]

    def test_a_skipped_level_is_numbered_one_below_and_reported(self):
        assert number_outline([1, 3]) == ["1.", "1.1."]
        assert outline_errors([1, 3, 2, 4]) == [1, 3]
        assert outline_errors([1, 2, 3, 1]) == []


@pytest.mark.django_db
def test_section_numbers_are_derived_when_the_outline_changes(published_issue):
    numbers = list(published_issue.sections.values_list("number", flat=True))
    assert numbers == ["1.", "1.1.", "1.2.", "1.2.1.", "2."]
    first = published_issue.sections.get(number="1.1.")
    first.level = 1
    first.save()
    published_issue.renumber_sections()
    numbers = list(published_issue.sections.values_list("number", flat=True))
    assert numbers == ["1.", "2.", "2.1.", "2.1.1.", "3."]


@pytest.mark.django_db
def test_issue_title_and_marking_default(board):
    issue = Issue.objects.create(publisher=board, year=2026, month=9)
    assert issue.title == "Tài liệu phục vụ sinh hoạt chi bộ tháng 9 năm 2026"
    assert issue.marking == DEFAULT_MARKING == "Sử dụng và bảo quản trong nội bộ của Đảng"
    issue.title_override = "Số đặc biệt kỷ niệm ngày thành lập Đảng"
    assert str(issue) == "Số đặc biệt kỷ niệm ngày thành lập Đảng"


HOSTILE = """
<p onclick="steal()" style="color:red">Nội dung <script>alert(1)</script><b>đậm</b></p>
<a href="javascript:alert(1)">xấu</a> <a href="https://example.org/vb">tốt</a>
<img src="x" onerror="alert(1)"><iframe src="https://evil.example"></iframe>
<figure class="image evil"><img src="/media/images/a.png" alt="Hội nghị">
<figcaption>Quang cảnh hội nghị</figcaption></figure>
<figure class="table"><table><thead><tr><th scope="col">Stt</th></tr></thead>
<tbody><tr><td colspan="2">1</td></tr></tbody></table></figure><!-- ghi chú -->
"""


class TestSanitising:
    def test_dangerous_markup_is_removed(self):
        clean = sanitize_html(HOSTILE)
        for fragment in [
            "<script",
            "onclick",
            "onerror",
            "style=",
            "javascript:",
            "<iframe",
            "<!--",
        ]:
            assert fragment not in clean
        assert "alert(1)" not in clean.replace("<p>", "")

    def test_editorial_markup_is_kept(self):
        clean = sanitize_html(HOSTILE)
        assert '<figure class="image">' in clean
        assert "<figcaption>Quang cảnh hội nghị</figcaption>" in clean
        assert '<th scope="col">Stt</th>' in clean
        assert '<td colspan="2">1</td>' in clean
        assert '<a href="https://example.org/vb" rel="noopener noreferrer">tốt</a>' in clean

    @pytest.mark.django_db
    def test_section_body_is_sanitised_on_every_save(self, published_issue):
        section = published_issue.sections.first()
        section.body = HOSTILE
        section.save()
        section.refresh_from_db()
        assert "<script" not in section.body
        assert "onerror" not in section.body
        Section.objects.bulk_create(
            [Section(issue=published_issue, position=99, heading="Mục mới", body=HOSTILE)]
        )
        assert "<script" not in Section.objects.get(position=99).body


@pytest.mark.django_db
def test_a_person_holds_dated_positions_in_several_organisations(city):
    province = city.parent
    person = Person.objects.create(full_name="Nông Thị Hạnh")
    Position.objects.create(
        person=person,
        organisation=province,
        title="Ủy viên BTV",
        start_date=datetime.date(2025, 10, 1),
    )
    Position.objects.create(
        person=person, organisation=city, title="Bí thư", start_date=datetime.date(2025, 10, 1)
    )
    Position.objects.create(
        person=person,
        organisation=city,
        title="Phó Bí thư",
        start_date=datetime.date(2020, 10, 1),
        end_date=datetime.date(2025, 9, 30),
    )
    current = person.current_positions(on=datetime.date(2026, 11, 1))
    assert sorted(p.title for p in current) == ["Bí thư", "Ủy viên BTV"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            person=person,
            organisation=city,
            title="Sai",
            start_date=datetime.date(2026, 1, 1),
            end_date=datetime.date(2025, 1, 1),
        )


@pytest.mark.django_db
def test_organisations_form_a_tree(cell):
    assert cell.parent.kind == Organisation.Kind.WARD
    assert cell.parent.parent.name == "Thành ủy Cao Bằng"


@pytest.mark.django_db
def test_full_names_are_in_vietnamese_order(reader):
    assert reader.get_full_name() == "Lục Văn Thư"
    assert str(reader) == "Lục Văn Thư"


def test_a_sections_images_follow_the_media_address_in_force(published_issue, settings):
    """The address of uploaded files is read when a body is saved, not when Django starts."""
    settings.MEDIA_URL = "/tep/"
    section = published_issue.sections.first()
    section.body = '<figure class="image"><img src="/tep/images/anh.jpg"></figure>'
    section.save()
    assert list(section.images.values_list("path", flat=True)) == ["images/anh.jpg"]


def test_organisations_are_found_by_their_names_up_the_tree(city):
    wards = [
        Organisation.objects.create(name=name, kind=Organisation.Kind.WARD, parent=city)
        for name in ("Đảng ủy phường Một", "Đảng ủy phường Hai")
    ]
    cells = [
        Organisation.objects.create(name="Chi bộ Tổ dân phố 1", kind="cell", parent=ward)
        for ward in wards
    ]
    for cell in cells:
        key = cell.natural_key()
        assert key == ("Chi bộ Tổ dân phố 1", cell.parent.name, city.name, city.parent.name)
        assert Organisation.objects.get_by_natural_key(*key) == cell
