"""The registry as a reader sees it, on every path: an entry made from a citation is shown
only once a section she reads cites it (``bulletins.models.documents_visible_to``).

Each test was a leak found by an audit of the reader's paths on 2026-11-26.
"""

import pytest
from django.urls import reverse

from bulletins.search import search
from documents.models import Document, DocumentRelation, DocumentType
from people.models import CellType, Organisation

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db


def unverified(code, number, type_name="Kế hoạch", **extra):
    """An entry as linking makes it from a citation the registry did not know (plus what an
    editor may have filled in before verifying it)."""
    return Document.objects.create(
        document_type=DocumentType.objects.get(name=type_name),
        number=number,
        code=code,
        verified=False,
        **extra,
    )


def test_the_implementing_chain_leaves_out_an_entry_known_only_from_a_draft(
    client, reader, board, directive
):
    """/van-ban/<pk>/ "Implemented at each level": a plan known only from a draft's citation,
    whose relation the draft's heading proposed and an editor confirmed, is not listed."""
    draft = make_issue(board, 11, published=False, sections=1)
    section = draft.sections.first()
    section.body = "<p>Kế hoạch số 99-KH/TU của Thành ủy.</p>"
    section.save()  # the citation makes an unverified entry
    plan = Document.objects.get(code="99-KH/TU", verified=False)
    section.presented_document = plan
    section.heading = "Kế hoạch số 99-KH/TU về thực hiện Kế hoạch số 412-KH/TU"
    section.save()  # the heading proposes: plan implements the directive
    relation = DocumentRelation.objects.get(source=plan, target=directive)
    relation.state = DocumentRelation.State.CONFIRMED  # as the admin's "confirm" action
    relation.save(update_fields=["state"])
    client.force_login(reader)
    assert client.get(plan.get_absolute_url()).status_code == 404  # hidden in the registry
    page = client.get(directive.get_absolute_url()).content.decode()
    assert "99-KH/TU" not in page
    assert plan.get_absolute_url() not in page
    plan.verified = True  # an editor confirms the entry: the chain shows it
    plan.save()
    assert plan.get_absolute_url() in client.get(directive.get_absolute_url()).content.decode()


def test_the_issuer_choices_do_not_name_the_issuer_of_a_hidden_entry(client, reader, board):
    """/van-ban/ filter "Issuing organisation": an organisation whose only entry is hidden from
    the reader is not offered."""
    issuer = Organisation.objects.create(
        name="Đảng ủy Khối Doanh nghiệp", kind=Organisation.Kind.PARTY_COMMITTEE
    )
    hidden = unverified("7-KH/ĐUK", 7, issuer=issuer)
    draft = make_issue(board, 11, published=False, sections=1)
    draft.sections.first().cited_documents.add(hidden)
    client.force_login(reader)
    page = client.get(reverse("documents:list")).content.decode()
    assert "Đảng ủy Khối Doanh nghiệp" not in page
    make_issue(board, 10).sections.first().cited_documents.add(hidden)  # published: shown
    assert "Đảng ủy Khối Doanh nghiệp" in client.get(reverse("documents:list")).content.decode()


@pytest.fixture
def resident(cell):
    cell.cell_type = CellType.objects.get(slug="khu-dan-cu-do-thi")
    cell.save()
    user = make_user("bithu_kdc")
    user.organisations.set([cell])
    return user


def test_an_entry_cited_only_in_a_section_for_another_cell_type_stays_hidden(
    client, resident, board, cell
):
    """A section written for other types of cell is hidden from her (bulletins.audience), and
    so is an entry known only from it: in the registry list, its page and the search."""
    issue = make_issue(board, 9)  # 1. 1.1. 1.2. 1.2.1. 2.
    hidden = issue.sections.get(number="2.")
    hidden.heading = "Riêng cho chi bộ doanh nghiệp"
    hidden.body = "<p>Triển khai Kế hoạch số 31-KH/ĐU trong doanh nghiệp.</p>"
    hidden.save()
    enterprise = CellType.objects.get(slug="doanh-nghiep")
    hidden.cell_types.set([enterprise])
    plan = Document.objects.get(code="31-KH/ĐU", verified=False)
    client.force_login(resident)
    assert hidden.heading not in client.get(issue.get_absolute_url()).content.decode()
    assert "31-KH/ĐU" not in client.get(reverse("documents:list")).content.decode()
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert all(hit.kind != "document" for hit in search(resident, "KH 31"))
    enterprise_secretary = make_user("bithu_dn")
    enterprise_secretary.organisations.set(
        [
            cell.parent.children.create(
                name="Chi bộ Công ty Điện lực", kind="cell", cell_type=enterprise
            )
        ]
    )
    client.force_login(enterprise_secretary)  # the section's own readers see the entry
    assert client.get(plan.get_absolute_url()).status_code == 200
