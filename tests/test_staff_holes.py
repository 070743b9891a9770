"""Staff-side holes found by an audit on 2026-11-26, each closed through the staff policy
(bulletins/policy.py): another publisher's draft text in the registry admin, images claimed by
address, notices to a former editor, a corrected source back in its drafts, uploads by staff
of no publisher, and a cell's membership taken for a publisher's."""

import datetime
import io

import pytest
import reversion
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from PIL import Image

from accounts import roles
from bulletins import provenance, workflow
from bulletins.models import EditorUpload, Issue
from bulletins.policy import policy
from documents.models import Document, DocumentType
from notices.models import Notice
from people.models import Organisation

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db

SECRET = "Phương án nhân sự tuyệt mật"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_relation_proposals_keep_another_publishers_draft_text_to_its_staff(client, boards, city):
    """A section of A's draft presenting a plan proposes a relation; its evidence (the draft's
    words before the citation) and the section's heading show in the registry admin to B."""
    a, b = boards
    kind = DocumentType.objects.get(name="Kế hoạch")
    plan = Document.objects.create(
        document_type=kind, number=88, code="88-KH/TU", issuer=city, subject="kế hoạch"
    )
    Document.objects.create(
        document_type=DocumentType.objects.get(name="Chỉ thị"),
        number=50,
        code="50-CT/TW",
        issuer=city,
        issued_on=datetime.date(2025, 3, 7),
    )
    section = a.draft.sections.first()
    section.heading = f"{SECRET} (mục)"
    section.presented_document = plan
    section.body = f"<p>{SECRET}, thực hiện Chỉ thị số 50-CT/TW.</p>"
    section.save()
    assert plan.relations_from.exists()
    client.force_login(b.editor)
    pages = [
        reverse("admin:documents_documentrelation_changelist"),
        reverse("admin:documents_documentrelation_change", args=[plan.relations_from.get().pk]),
        reverse("admin:documents_document_change", args=[plan.pk]),
    ]
    for url, status in zip(pages, [200, 302, 200], strict=True):  # the proposal: "not found"
        response = client.get(url)
        assert response.status_code == status, url
        assert SECRET not in response.content.decode(), url
    client.force_login(a.editor)  # A's own staff review it
    assert SECRET in client.get(pages[0]).content.decode()


def test_a_section_cannot_claim_another_publishers_image_by_its_address(client, boards, settings):
    """B's editor writes the address of an image of A's draft into a section of B's draft: the
    image is then served to B's staff (and to B's readers once published)."""
    a, b = boards
    path = "images/0123456789abcdef0123456789abcdef.png"
    (settings.MEDIA_ROOT / "images").mkdir(parents=True)
    (settings.MEDIA_ROOT / path).write_bytes(png_bytes())
    EditorUpload.objects.create(path=path, uploaded_by=a.editor)
    shown = a.draft.sections.first()
    shown.body += f'<figure class="image"><img src="/media/{path}" alt=""></figure>'
    shown.save()
    client.force_login(b.editor)
    assert client.get(f"/media/{path}").status_code == 404  # refused, as it should be
    data = {
        "issue": b.draft.pk,
        "position": 1000,
        "level": 1,
        "heading": "Mục mới",
        "body": f'<p>x</p><figure class="image"><img src="/media/{path}" alt=""></figure>',
        "footnotes-TOTAL_FORMS": 0,
        "footnotes-INITIAL_FORMS": 0,
        "footnotes-MIN_NUM_FORMS": 0,
        "footnotes-MAX_NUM_FORMS": 1000,
    }
    response = client.post(reverse("admin:bulletins_section_add"), data)
    assert response.status_code == 200  # refused, with the reason
    assert path in response.content.decode()
    assert not b.draft.sections.filter(heading="Mục mới").exists()
    assert client.get(f"/media/{path}").status_code == 404
    own = "images/fedcba9876543210fedcba9876543210.png"
    (settings.MEDIA_ROOT / own).write_bytes(png_bytes())
    EditorUpload.objects.create(path=own, uploaded_by=b.editor)  # B's own upload is fine
    data = {**data, "body": f'<p>x</p><figure class="image"><img src="/media/{own}"></figure>'}
    assert client.post(reverse("admin:bulletins_section_add"), data).status_code == 302
    assert client.get(f"/media/{own}").status_code == 200


def test_a_former_editor_is_not_told_of_the_send_back_comment(
    client, boards, django_capture_on_commit_callbacks
):
    """The editor who started A's draft moved to board B; A's approver sends the draft back
    with a comment: the notice (the comment in its text) still goes to the former editor."""
    a, b = boards
    a.draft.created_by = a.editor
    a.draft.save()
    workflow.apply(a.draft, "submit", a.editor)
    a.editor.organisations.set([b.org])  # no longer A's staff
    client.force_login(a.approver)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:bulletins_issue_workflow", args=[a.draft.pk]),
            {"transition": "send_back", "comment": SECRET},
        )
    assert response.status_code == 302
    assert Issue.objects.get(pk=a.draft.pk).status == Issue.Status.DRAFT
    leaked = Notice.objects.filter(recipient=a.editor, text__contains=SECRET)
    assert not leaked.exists()


def test_a_corrected_source_back_in_its_drafts_is_not_shown(client, boards, city):
    """A's editor took a section of the province board's published issue; the province board
    withdraws and reopens it as a draft and rewrites the section: A's editor reads the draft
    text on the upstream page (provenance.pending lists it; decide checks only the copy)."""
    a, _b = boards
    higher = Organisation.objects.create(
        name="Ban Tuyên giáo Tỉnh ủy", kind=Organisation.Kind.BOARD, parent=city.parent
    )
    source_issue = make_issue(higher, 4)
    source = source_issue.sections.first()
    copy = provenance.take([source], a.draft, a.editor)[0]
    # The province board: withdraw, reopen as a draft, rewrite (its own draft now).
    higher_approver = make_user("pheduyet_tinh", groups=[roles.APPROVER], is_staff=True)
    higher_approver.organisations.set([higher])
    workflow.apply(source_issue, "withdraw", higher_approver, comment="Rút lại")
    workflow.apply(Issue.objects.get(pk=source_issue.pk), "reopen", higher_approver)
    assert Issue.objects.get(pk=source_issue.pk).status == Issue.Status.DRAFT
    source.refresh_from_db()
    with reversion.create_revision():
        source.body = f"<p>{SECRET}</p>"
        source.save()
    client.force_login(a.editor)
    response = client.get(reverse("admin:bulletins_section_upstream", args=[copy.pk]))
    assert response.status_code == 200  # the copy is A's: its page opens, without the draft
    assert SECRET not in response.content.decode()
    index = client.get(reverse("admin:index"))
    assert SECRET not in index.content.decode()
    with pytest.raises(PermissionDenied):  # nor can the draft's text be applied
        provenance.decide(copy, a.approver, provenance.APPLY, source.version)
    copy.refresh_from_db()
    assert SECRET not in copy.body


def test_the_editor_image_upload_asks_the_staff_policy(client, boards):
    """Staff of no publisher do not upload: without a role, or an editor's role without a
    board; the board's own editor does."""
    a, _b = boards
    no_role = make_user("nhanvien", is_staff=True)
    no_board = make_user("bientap_le", groups=[roles.EDITOR], is_staff=True)

    def upload(user):
        client.force_login(user)
        image = io.BytesIO(png_bytes())
        image.name = "anh.png"
        return client.post(reverse("ck_editor_5_upload_file"), {"upload": image}).status_code

    assert upload(no_role) == upload(no_board) == 403
    assert not EditorUpload.objects.exists()
    assert upload(a.editor) == 200
    assert EditorUpload.objects.get().uploaded_by == a.editor


def test_a_commune_committee_takes_from_its_province_board(boards, city):
    """A commune committee publishes as itself (no board since 2025): the committee above it
    is its own parent, the province, whose board it takes from; a sibling commune it does not."""
    province = city.parent
    province_board = Organisation.objects.create(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy", kind=Organisation.Kind.BOARD, parent=province
    )
    commune, sibling = (
        Organisation.objects.create(name=name, kind=Organisation.Kind.COMMUNE, parent=province)
        for name in ("Đảng ủy xã Quảng Uyên", "Đảng ủy xã Hòa An")
    )
    editor = make_user("bientap_xa", groups=[roles.EDITOR], is_staff=True)
    editor.organisations.set([commune])
    higher = policy.higher_publishers_for(editor)
    assert province_board.pk in higher and province.pk in higher
    assert sibling.pk not in higher and commune.pk not in higher


def test_an_editor_in_a_cell_does_not_take_from_a_sibling_board(client, boards, cell):
    """A's editor is also a member of a party cell of the same city (a party member reads in
    a cell). higher_publishers_for walks up from the cell, so the city's other board B counts
    as "higher": A's editor opens B's issue addressed to other organisations only on the take
    page, and copies its sections into A's draft."""
    a, b = boards
    elsewhere = Organisation.objects.create(
        name="Đảng ủy phường khác", kind=Organisation.Kind.WARD, parent=cell.parent.parent
    )
    b.published.audience = Issue.Audience.ORGANISATIONS
    b.published.save()
    b.published.audience_organisations.set([elsewhere])
    a.editor.organisations.add(cell)
    assert not Issue.objects.visible_to(a.editor).filter(pk=b.published.pk).exists()
    client.force_login(a.editor)
    url = reverse("admin:bulletins_issue_take", args=[a.draft.pk])
    response = client.get(url, {"source": b.published.pk})
    assert b.published.title not in response.content.decode()
    section = b.published.sections.first()
    client.post(url, {"source": b.published.pk, "sections": [section.pk], "confirm": "1"})
    assert not a.draft.sections.filter(source=section).exists()


def test_an_editor_in_a_cell_does_not_publish_in_the_cells_name(client, boards, cell):
    """publishers_for(user) is every organisation of the account, not only the boards among
    them: A's editor, also a member of a party cell, starts (or imports) an issue that the
    cell publishes, the cell's name on it."""
    a, _b = boards
    a.editor.organisations.add(cell)
    client.force_login(a.editor)
    client.post(
        reverse("admin:bulletins_issue_start_next"), {"publisher": cell.pk, "kind": "regular"}
    )
    assert not Issue.objects.filter(publisher=cell).exists()
