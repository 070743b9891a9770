"""Relations read from texts: proposed, confirmed or rejected by editors; status and the chain
of implementing documents on registry pages."""

import datetime

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletins.models import Issue, Section
from documents.models import Document, DocumentRelation, DocumentType
from people.models import Organisation

from .conftest import make_issue

pytestmark = pytest.mark.django_db

Kind, State = DocumentRelation.Kind, DocumentRelation.State


def document(type_name, code, day, issuer=None, full_text="", **extra):
    number = int(code.split("-")[0].split("/")[0])
    return Document.objects.create(
        document_type=DocumentType.objects.get(name=type_name),
        number=number,
        code=code,
        issued_on=day,
        issuer=issuer,
        full_text=full_text,
        subject=f"văn bản {code}",
        **extra,
    )


@pytest.fixture
def centre(db):
    return Organisation.objects.create(name="Ban Bí thư", kind=Organisation.Kind.CENTRAL)


@pytest.fixture
def chi_thi_50(centre):
    return document("Chỉ thị", "50-CT/TW", datetime.date(2025, 3, 7), centre)


def proposals(source):
    return {
        (r.kind, r.target.code, r.state)
        for r in DocumentRelation.objects.filter(source=source).select_related("target")
    }


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Thực hiện Chỉ thị số 50-CT/TW, ngày 07/3/2025 của Ban Bí thư, Tỉnh ủy ban hành",
            "implements",
        ),
        ("Để triển khai có hiệu quả Chỉ thị số 50-CT/TW, Ban Thường vụ Tỉnh ủy", "implements"),
        ("Hướng dẫn thực hiện Chỉ thị số 50-CT/TW như sau", "guides"),
        ("Quy định này thay thế Chỉ thị số 50-CT/TW.", "replaces"),
        ("Sửa đổi, bổ sung một số điều của Chỉ thị số 50-CT/TW như sau", "amends"),
        ("Bãi bỏ Chỉ thị số 50-CT/TW kể từ ngày ký.", "repeals"),
        ("Kế hoạch này về thực hiện Chỉ thị số 50-CT/TW trên địa bàn tỉnh.", "implements"),
    ],
)
def test_a_documents_own_text_proposes_the_relation_it_states(chi_thi_50, city, sentence, kind):
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city, f"<p>{sentence}</p>")
    assert proposals(plan) == {(kind, "50-CT/TW", State.PROPOSED)}
    assert "Chỉ thị số 50-CT/TW" in chi_thi_50.relations_to.get().evidence


@pytest.mark.parametrize(
    "sentence",
    [
        "Chỉ thị số 50-CT/TW đã được thay thế bởi văn bản khác.",
        "Theo Chỉ thị số 50-CT/TW, các cấp ủy kiểm tra.",
        "Quy định cũ đã được thay thế Chỉ thị số 50-CT/TW",
    ],
)
def test_no_relation_without_a_verb_right_before_the_citation(chi_thi_50, city, sentence):
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city, sentence)
    assert proposals(plan) == set()


def test_a_list_after_the_verb_proposes_a_relation_to_each(chi_thi_50, city, centre):
    document("Kết luận", "187-KL/TW", datetime.date(2025, 8, 29), centre)
    document("Kết luận", "188-KL/TW", datetime.date(2025, 8, 29), centre)
    text = (
        "Thực hiện Chỉ thị số 50-CT/TW và các Kết luận số 187, 188-KL/TW, ngày 29/8/2025 của "
        "Bộ Chính trị. Căn cứ Kế hoạch số 412-KH/TU của Thành ủy."
    )
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 9, 2), city, text)
    assert {code for _, code, _ in proposals(plan)} == {"50-CT/TW", "187-KL/TW", "188-KL/TW"}


def present(issue, plan, heading, body):
    return Section.objects.create(
        issue=issue, position=100, heading=heading, presented_document=plan, body=body
    )


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        (
            "Kế hoạch số 88-KH/TU",
            "<p>Kế hoạch số 88-KH/TU về thực hiện <strong>Chỉ thị số 50-CT/TW</strong>.</p>",
        ),
        (
            "Kế hoạch số 88-KH/TU của Thành ủy về thực hiện Chỉ thị số 50-CT/TW",
            "<p>Mục đích, yêu cầu của kế hoạch.</p>",
        ),
    ],
    ids=["body", "heading"],
)
def test_a_section_presenting_a_document_proposes_for_that_document(
    chi_thi_50, city, published_issue, heading, body
):
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city)
    section = present(published_issue, plan, heading, body)
    relation = plan.relations_from.get()
    assert (relation.kind, relation.target, relation.section) == (
        Kind.IMPLEMENTS,
        chi_thi_50,
        section,
    )


def test_undecided_proposals_of_a_section_follow_its_text(chi_thi_50, city, published_issue):
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city)
    section = present(
        published_issue, plan, "Kế hoạch số 88-KH/TU", "<p>Thực hiện Chỉ thị số 50-CT/TW.</p>"
    )
    section.body = "<p>Kế hoạch số 88-KH/TU bãi bỏ Chỉ thị số 50-CT/TW.</p>"
    section.save()
    assert proposals(plan) == {(Kind.REPEALS, "50-CT/TW", State.PROPOSED)}
    section.presented_document = None
    section.save()
    assert proposals(plan) == set()


def test_a_rejected_proposal_does_not_come_back(chi_thi_50, city):
    plan = document(
        "Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city, "Thực hiện Chỉ thị số 50-CT/TW."
    )
    plan.relations_from.update(state=State.REJECTED)
    plan.save()
    assert proposals(plan) == {(Kind.IMPLEMENTS, "50-CT/TW", State.REJECTED)}


def test_a_document_does_not_relate_to_itself(city):
    text = "Kế hoạch này thực hiện Kế hoạch số 88-KH/TU đã nêu ở trên."
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city, text)
    assert proposals(plan) == set()


# --- editors decide --------------------------------------------------------------------------


def decide(client, action, relations):
    return client.post(
        reverse("admin:documents_documentrelation_changelist"),
        {"action": action, ACTION_CHECKBOX_NAME: [r.pk for r in relations]},
        follow=True,
    )


def test_confirming_a_replacement_sets_the_old_documents_status(client, editor, centre):
    old = document("Quy định", "105-QĐ/TW", datetime.date(2023, 12, 19), centre)
    new = document(
        "Quy định",
        "377-QĐ/TW",
        datetime.date(2025, 10, 8),
        centre,
        "Quy định này thay thế Quy định số 105-QĐ/TW, ngày 19/12/2023 của Bộ Chính trị.",
    )
    proposal = new.relations_from.get()
    old.refresh_from_db()
    assert old.status == Document.Status.IN_FORCE  # a proposal changes nothing yet
    client.force_login(editor)
    response = decide(client, "confirm", [proposal])
    assert "1 đề xuất đã được quyết định" in response.content.decode()
    old.refresh_from_db()
    proposal.refresh_from_db()
    assert (old.status, proposal.state) == (Document.Status.REPLACED, State.CONFIRMED)


def test_confirming_a_repeal_and_deciding_only_once(client, editor, centre, city):
    old = document("Chỉ thị", "05-CT/TU", datetime.date(2019, 1, 5), city)
    new = document(
        "Quyết định", "99-QĐ/TU", datetime.date(2025, 6, 1), city, "Bãi bỏ Chỉ thị số 05-CT/TU."
    )
    proposal = new.relations_from.get()
    client.force_login(editor)
    decide(client, "reject", [proposal])
    response = decide(client, "confirm", [proposal])  # already decided: nothing happens
    assert "0 đề xuất đã được quyết định" in response.content.decode()
    old.refresh_from_db()
    proposal.refresh_from_db()
    assert (old.status, proposal.state) == (Document.Status.IN_FORCE, State.REJECTED)


def test_readers_see_confirmed_relations_only_on_both_pages(client, reader, chi_thi_50, city):
    plan = document(
        "Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city, "Thực hiện Chỉ thị số 50-CT/TW."
    )
    client.force_login(reader)
    assert plan.get_absolute_url() not in client.get(chi_thi_50.get_absolute_url()).text
    plan.relations_from.update(state=State.CONFIRMED)
    assert plan.get_absolute_url() in client.get(chi_thi_50.get_absolute_url()).text
    assert chi_thi_50.get_absolute_url() in client.get(plan.get_absolute_url()).text


# --- the registry page of a directive ----------------------------------------------------------


@pytest.fixture
def chain(chi_thi_50, city, cell):
    """Central directive ← provincial plan ← city plan ← ward plan, all confirmed."""
    province = city.parent
    ward = cell.parent
    plans = [
        document("Kế hoạch", "40-KH/TU", datetime.date(2025, 4, 1), province),
        document("Kế hoạch", "412-KH/TU", datetime.date(2025, 5, 2), city),
        document("Kế hoạch", "15-KH/ĐU", datetime.date(2025, 6, 3), ward),
    ]
    for source, target in zip(plans, [chi_thi_50, *plans[:-1]], strict=True):
        DocumentRelation.objects.create(source=source, kind=Kind.IMPLEMENTS, target=target)
    return plans


def test_a_directive_page_shows_its_implementing_documents_level_by_level(
    client, reader, board, chi_thi_50, chain, django_assert_num_queries, rendered
):
    _, city_plan, ward_plan = chain
    studied = make_issue(board, 6)
    Section.objects.create(
        issue=studied, position=100, heading="Kế hoạch của Thành ủy", presented_document=city_plan
    )
    hidden = make_issue(board, 7)
    hidden.audience = Issue.Audience.ORGANISATIONS
    hidden.save()
    hidden.audience_organisations.set([board])  # the reader's cell is not among them
    Section.objects.create(
        issue=hidden, position=100, heading="Kế hoạch phường", body="<p>Kế hoạch số 15-KH/ĐU.</p>"
    )
    client.force_login(reader)
    content = client.get(chi_thi_50.get_absolute_url()).text
    chain_html = content[content.index('class="chain"') :]
    levels = ["Cấp tỉnh", "Cấp thành phố, huyện", "Cấp phường, xã"]
    positions = [chain_html.index(f"<h3>{level}</h3>") for level in levels]
    assert positions == sorted(positions)
    for plan in chain:
        assert plan.get_absolute_url() in chain_html
    # The issue that studied the city's plan is listed under that plan.
    position = chain_html.index
    assert position(city_plan.get_absolute_url()) < position(studied.get_absolute_url())
    assert position(studied.get_absolute_url()) < position(ward_plan.get_absolute_url())
    assert hidden.get_absolute_url() not in chain_html

    # One more implementing level costs no more queries.
    with CaptureQueriesContext(connection) as before:
        client.get(chi_thi_50.get_absolute_url())
    deeper = document("Kế hoạch", "3-KH/CB", datetime.date(2025, 7, 1))
    DocumentRelation.objects.create(source=deeper, kind=Kind.GUIDES, target=ward_plan)
    with django_assert_num_queries(len(before.captured_queries)):
        content = client.get(chi_thi_50.get_absolute_url()).text
    assert "<h3>Cơ quan khác</h3>" in content and deeper.get_absolute_url() in content


def test_status_dates_and_unverified_marks_are_shown_to_whom_they_concern(
    client, reader, editor, chi_thi_50, city
):
    chi_thi_50.status = Document.Status.REPLACED
    chi_thi_50.effective_from = datetime.date(2025, 3, 7)
    chi_thi_50.effective_until = datetime.date(2026, 1, 1)
    chi_thi_50.save()
    client.force_login(reader)
    content = client.get(chi_thi_50.get_absolute_url()).text
    assert "Đã được thay thế" in content
    assert "từ 07/03/2025" in content and "đến 01/01/2026" in content
    assert "chưa được Ban kiểm tra" not in content
    chi_thi_50.verified = False
    chi_thi_50.save()
    # Unverified and cited by no issue the reader may read: not in her registry at all.
    assert client.get(chi_thi_50.get_absolute_url()).status_code == 404
    client.force_login(editor)
    assert "chưa được Ban kiểm tra" in client.get(chi_thi_50.get_absolute_url()).text


def test_merging_an_unverified_entry_moves_its_proposals_to_the_real_document(
    client, superuser, chi_thi_50, city
):
    plan = document("Kế hoạch", "88-KH/TU", datetime.date(2025, 4, 2), city)
    plan.full_text = "Thực hiện Chỉ thị số 50-CT/TW và Kết luận số 21-KL/TW."
    plan.save()
    unverified = Document.objects.get(code="21-KL/TW", verified=False)
    real = document("Kết luận", "21-KL/TW", datetime.date(2021, 10, 28))
    client.force_login(superuser)
    client.post(
        reverse("admin:documents_document_changelist"),
        {"action": "merge_into_verified", ACTION_CHECKBOX_NAME: [unverified.pk, real.pk]},
    )
    assert not Document.objects.filter(pk=unverified.pk).exists()
    assert proposals(plan) == {
        (Kind.IMPLEMENTS, "50-CT/TW", State.PROPOSED),
        (Kind.IMPLEMENTS, "21-KL/TW", State.PROPOSED),
    }
    assert plan.relations_from.get(kind=Kind.IMPLEMENTS, target__code="21-KL/TW").target == real
