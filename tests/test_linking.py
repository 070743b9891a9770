"""Citations in saved text are linked to the registry; registry pages show where each is cited."""

import datetime
from io import StringIO

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.urls import reverse

from bulletins.models import Section
from documents.models import Citation, Document, DocumentRelation, DocumentType

from .factories import make_issue

pytestmark = pytest.mark.django_db


def chi_thi_26(year, month, day):
    return Document.objects.create(
        document_type=DocumentType.objects.get(name="Chỉ thị"),
        number=26,
        code="26-CT/TW",
        issued_on=datetime.date(year, month, day),
        subject=f"Chỉ thị 26 năm {year}",
    )


def add_section(issue, body, position=100):
    return Section.objects.create(issue=issue, position=position, heading="Mục thử", body=body)


def test_a_dated_citation_links_to_the_document_with_that_code_and_date(published_issue, directive):
    body = "<p>Thực hiện Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng.</p>"
    section = add_section(published_issue, body)
    [citation] = section.citations.all()
    assert citation.document == directive
    assert not citation.ambiguous
    assert citation.text == "Kế hoạch số 412-KH/TU, ngày 14/8/2026"
    assert section.body[citation.start : citation.end] == citation.text


def test_an_undated_code_shared_by_two_documents_takes_the_one_before_the_issue(board):
    older, newer = chi_thi_26(2018, 11, 9), chi_thi_26(2023, 11, 23)
    body = "<p>Tiếp tục quán triệt Chỉ thị số 26-CT/TW.</p>"

    recent = add_section(make_issue(board, 11), body)
    [citation] = recent.citations.all()
    assert (citation.document, citation.ambiguous) == (newer, True)

    issue_2019 = make_issue(board, 3)
    issue_2019.year = 2019
    issue_2019.save()
    early = add_section(issue_2019, body)
    assert early.citations.get().document == older

    dated = add_section(make_issue(board, 12), body.replace("TW.", "TW, ngày 09/11/2018."))
    assert (dated.citations.get().document, dated.citations.get().ambiguous) == (older, False)


def test_an_undated_code_known_once_links_without_doubt(published_issue, directive):
    section = add_section(published_issue, "<p>Theo Kế hoạch 412-KH/TU của Thành ủy.</p>")
    citation = section.citations.get()
    assert (citation.document, citation.ambiguous) == (directive, False)


def test_an_unknown_code_creates_an_unverified_entry_from_the_citation(published_issue, city):
    body = (
        "<p>Quy định số 37-QĐ/TU, ngày 05/3/2026 của Thành ủy Cao Bằng về chế độ sinh hoạt "
        "của chi bộ tổ dân phố; các chi bộ triển khai ngay.</p>"
    )
    section = add_section(published_issue, body)
    entry = section.citations.get().document
    assert entry.verified is False
    assert entry.document_type.name == "Quy định"  # not Quyết định, which is also QĐ
    assert (entry.code, entry.number) == ("37-QĐ/TU", 37)
    assert entry.issued_on == datetime.date(2026, 3, 5)
    # Nothing else of the citing text: a draft's words must not reach the registry.
    assert (entry.issuer, entry.subject) == (None, "")

    section.save()
    assert Document.objects.filter(code="37-QĐ/TU").count() == 1
    assert section.citations.count() == 1


def test_editing_the_text_replaces_its_citations(published_issue, directive):
    section = add_section(published_issue, "<p>Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>")
    section.body = "<p>Không còn trích dẫn nào.</p>"
    section.save()
    assert section.citations.count() == 0


def test_citations_in_a_registry_documents_own_text_are_linked(directive):
    plan = Document.objects.create(
        document_type=DocumentType.objects.get(name="Hướng dẫn"),
        number=9,
        code="09-HD/TU",
        issued_on=datetime.date(2026, 9, 1),
        subject="về thực hiện kế hoạch tuyên truyền",
        full_text="Căn cứ Kế hoạch số 412-KH/TU, ngày 14/8/2026 của Thành ủy Cao Bằng ...",
    )
    assert plan.outgoing_citations.get().document == directive


def test_relink_citations_is_idempotent(published_issue, directive):
    add_section(published_issue, "<p>Kế hoạch số 412-KH/TU và Kết luận số 21-KL/TW.</p>")
    before = (Citation.objects.count(), Document.objects.count())
    for _ in range(2):
        out = StringIO()
        call_command("relink_citations", stdout=out)
        assert (Citation.objects.count(), Document.objects.count()) == before
    assert "2 trích dẫn" in out.getvalue()
    assert "1 mục văn bản chưa xác minh" in out.getvalue()


def test_editors_merge_an_unverified_entry_into_the_real_document(
    client, editor, published_issue, superuser
):
    section = add_section(published_issue, "<p>Thực hiện Chỉ thị số 26-CT/TW.</p>")
    unverified = section.citations.get().document
    assert not unverified.verified
    real = chi_thi_26(2023, 11, 23)
    client.force_login(superuser)
    changelist = reverse("admin:documents_document_changelist")
    unverified_list = client.get(changelist, {"verified__exact": "0"}).content.decode()
    assert f"/{unverified.pk}/change/" in unverified_list
    assert f"/{real.pk}/change/" not in unverified_list

    response = client.post(
        changelist,
        {"action": "merge_into_verified", ACTION_CHECKBOX_NAME: [unverified.pk, real.pk]},
        follow=True,
    )
    assert "đã được gộp vào" in response.content.decode()
    assert section.citations.get().document == real
    assert not Document.objects.filter(pk=unverified.pk).exists()


def test_merging_needs_exactly_one_verified_document(client, superuser, directive):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:documents_document_changelist"),
        {"action": "merge_into_verified", ACTION_CHECKBOX_NAME: [directive.pk]},
        follow=True,
    )
    assert "Hãy chọn đúng một văn bản đã xác minh" in response.content.decode()
    assert Document.objects.filter(pk=directive.pk).exists()


def test_editors_confirm_unverified_entries(client, editor, published_issue):
    section = add_section(published_issue, "<p>Kết luận số 21-KL/TW về công tác cán bộ.</p>")
    entry = section.citations.get().document
    client.force_login(editor)
    client.post(
        reverse("admin:documents_document_changelist"),
        {"action": "confirm", ACTION_CHECKBOX_NAME: [entry.pk]},
    )
    entry.refresh_from_db()
    assert entry.verified


def test_the_section_admin_shows_what_was_recognised(client, editor, published_issue, directive):
    section = add_section(published_issue, "<p>Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>")
    client.force_login(editor)
    content = client.get(reverse("admin:bulletins_section_change", args=[section.pk])).content
    assert "Trích dẫn được nhận diện" in content.decode()
    assert "412-KH/TU" in content.decode()


class TestReading:
    @pytest.fixture
    def reader_client(self, client, reader):
        client.force_login(reader)
        return client

    def test_citations_are_links_to_the_registry_with_a_preview(
        self, reader_client, published_issue, directive
    ):
        add_section(
            published_issue,
            "<p>Thực hiện Kế hoạch số <strong>412-KH/TU</strong>, ngày 14/8/2026 của Thành ủy.</p>",
        )
        content = reader_client.get(published_issue.get_absolute_url()).content.decode()
        link = (
            f'<a class="citation" href="{directive.get_absolute_url()}" '
            'title="Kế hoạch · 412-KH/TU · 14/08/2026 · Thành ủy Cao Bằng · về tăng cường'
        )
        assert link in content
        assert "Kế hoạch số <strong>412-KH/TU</strong>, ngày 14/8/2026</a> của Thành ủy" in content

    def test_registry_page_shows_metadata_relations_and_where_it_is_cited(
        self, reader_client, published_issue, draft_issue, directive, django_assert_max_num_queries
    ):
        older = chi_thi_26(2023, 11, 23)
        DocumentRelation.objects.create(
            source=directive, kind=DocumentRelation.Kind.IMPLEMENTS, target=older
        )
        cited = add_section(published_issue, "<p>Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>")
        hidden = add_section(draft_issue, "<p>Dự thảo nêu Kế hoạch số 412-KH/TU.</p>")
        hidden.heading = "Mục của bản nháp"
        hidden.save()

        # session, user, document, relations (2), "cited in" count and page, the session
        # refreshed (3), the reading scope on a first request (4), readable registry entries,
        # the implementing chain
        with django_assert_max_num_queries(16):
            content = reader_client.get(directive.get_absolute_url()).content.decode()
        assert "Kế hoạch số 412-KH/TU" in content
        assert "14/08/2026" in content
        assert "về tăng cường công tác tuyên truyền miệng năm 2026" in content
        assert "Thực hiện: " in content and older.get_absolute_url() in content
        assert f"{published_issue.get_absolute_url()}#{cited.anchor}" in content
        assert "Mục của bản nháp" not in content

        back = reader_client.get(older.get_absolute_url()).content.decode()
        assert "Được thực hiện bởi" in back and directive.get_absolute_url() in back

    def test_registry_list_filters(self, reader_client, directive, django_assert_max_num_queries):
        chi_thi_26(2018, 11, 9)
        url = reverse("documents:list")
        # 4 of them for the reader's scope, 1 for the unverified entries her sections cite
        with django_assert_max_num_queries(14):
            content = reader_client.get(url).content.decode()
        assert "2 kết quả" in content
        chi_thi = DocumentType.objects.get(name="Chỉ thị")
        by_type = reader_client.get(url, {"document_type": chi_thi.pk}).content.decode()
        assert "26-CT/TW" in by_type and "412-KH/TU" not in by_type
        by_year = reader_client.get(url, {"year": 2026}).content.decode()
        assert "412-KH/TU" in by_year and "26-CT/TW" not in by_year
        by_text = reader_client.get(url, {"q": "tuyên truyền miệng"}).content.decode()
        assert "412-KH/TU" in by_text and "26-CT/TW" not in by_text

    def test_anonymous_visitors_cannot_read_the_registry(self, client, directive):
        for url in [reverse("documents:list"), directive.get_absolute_url()]:
            assert client.get(url).status_code == 302


def test_registry_codes_are_normalised_and_matched_exactly(published_issue, city):
    programme = Document.objects.create(
        document_type=DocumentType.objects.get(name="Chương trình"),
        number=19,
        code=" 19 – CTr / TU ",
        issued_on=datetime.date(2026, 2, 3),
    )
    assert programme.code == "19-CTr/TU"
    exact = add_section(published_issue, "<p>Thực hiện Chương trình số 19-CTr/TU.</p>")
    assert exact.citations.get().document == programme
    shouted = add_section(published_issue, "<p>CHƯƠNG TRÌNH SỐ 19-CTR/TU</p>", position=110)
    assert shouted.citations.get().document != programme  # CTR is another code than CTr
