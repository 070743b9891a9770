"""Nothing lost silently: what an audit on 2026-11-26 found dropped or overwritten without a
word (a colleague's move, a doubled schedule, a text released unseen, a correction applied
over a colleague's edit, and what the Word reader skipped), each kept now or refused aloud."""

import contextlib
import datetime
import re
from io import BytesIO

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx.oxml import parse_xml

from bulletins import workflow
from bulletins.importing import import_bulletin, read_bytes
from bulletins.models import Attachment, Issue, PublisherSettings, Review

from .forms import form_data, inline_index
from .support import add_notes_part
from .test_provenance import tree, two_takers  # noqa: F401 (fixtures)

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def hidden_fields(page):
    """The hidden fields of a page's forms, as a browser posts them back."""
    found = re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page)
    return {name: value for name, value in found if name != "csrfmiddlewaretoken"}


def _url(name, pk):
    return reverse(f"admin:{name}_change", args=[pk])


def _open(browser, url, form_id):
    return form_data(browser.get(url).content.decode(), form_id)


# --- concurrent edits -------------------------------------------------------------------


@pytest.mark.django_db
def test_a_colleagues_move_is_a_concurrent_edit_of_the_moved_section(
    client, editor, colleague, draft_issue
):
    """make_issue levels: 1, 2, 2, 3, 1. The colleague moves the third section (2, with its
    3) out to level 1; the editor, on a page opened before, sets its level to 3."""
    third = list(draft_issue.sections.order_by("position"))[2]
    url = _url("bulletins_issue", draft_issue.pk)
    client.force_login(editor)
    mine = _open(client, url, "issue_form")
    theirs = _open(colleague, url, "issue_form")
    theirs["_move"] = f"{third.pk}:out"
    assert colleague.post(url, theirs).status_code == 302
    third.refresh_from_db()
    assert third.level == 1  # the colleague's move happened

    mine[f"sections-{inline_index(mine, third)}-level"] = "3"
    response = client.post(url, mine)

    third.refresh_from_db()
    assert response.status_code == 200 or third.level == 1


@pytest.mark.django_db
def test_footnote_edit_of_a_colleague_is_not_overwritten_silently(
    client, editor, colleague, draft_issue
):
    section = draft_issue.sections.order_by("position").first()
    note = section.footnotes.get()
    url = _url("bulletins_section", section.pk)
    client.force_login(editor)
    mine = _open(client, url, "section_form")
    theirs = _open(colleague, url, "section_form")

    key = f"footnotes-{inline_index(theirs, note)}-text"
    theirs[key] = "Chú thích do đồng chí Hai sửa"
    assert colleague.post(url, theirs).status_code == 302
    mine[key] = "Chú thích do tôi sửa"
    response = client.post(url, mine)

    note.refresh_from_db()
    assert response.status_code == 200  # refused, shown again with the colleague's text
    assert note.text == "Chú thích do đồng chí Hai sửa"
    assert "đồng chí Hai" in response.content.decode()


@pytest.mark.django_db
def test_an_attachment_title_a_colleague_changed_survives_my_issue_page_save(
    client, editor, colleague, draft_issue
):
    attachment = Attachment.objects.create(
        issue=draft_issue,
        title="Bản ký số",
        file=SimpleUploadedFile("ban-ky-so.pdf", b"%PDF-1.7\n" + b"0" * 2000),
    )
    url = _url("bulletins_issue", draft_issue.pk)
    client.force_login(editor)
    mine = _open(client, url, "issue_form")
    theirs = _open(colleague, url, "issue_form")
    theirs[f"attachments-{inline_index(theirs, attachment)}-title"] = "Bản ký số (đã đóng dấu)"
    assert colleague.post(url, theirs).status_code == 302
    attachment.refresh_from_db()
    assert attachment.title == "Bản ký số (đã đóng dấu)"

    first = draft_issue.sections.order_by("position").first()
    mine[f"sections-{inline_index(mine, first)}-heading"] = "Tiêu đề do tôi sửa"
    client.post(url, mine)  # I never touched the attachment

    attachment.refresh_from_db()
    assert attachment.title == "Bản ký số (đã đóng dấu)"


def _settings(request):
    return PublisherSettings.objects.create(publisher=request.getfixturevalue("board"))


def _event(request):
    from people.models import Event

    start = timezone.now() - datetime.timedelta(days=3)
    return Event.objects.create(title="Hội nghị Ban Chấp hành lần thứ 30", start=start)


def _person(request):
    from people.models import Person

    return Person.objects.create(full_name="Nông Thị Hoa")


def _cell_type(request):
    from people.models import CellType

    return CellType.objects.create(name="Chi bộ trường học ngoài công lập", slug="truong-tu-thuc")


def _position(request):
    from people.models import Position

    return Position.objects.create(
        person=_person(request), organisation=request.getfixturevalue("cell"), title="Bí thư"
    )


def _relation(request):
    from documents.models import Document, DocumentRelation, DocumentType

    directive = request.getfixturevalue("directive")
    guide = Document.objects.create(
        document_type=DocumentType.objects.get(name="Hướng dẫn"),
        number=27,
        code="27-HD/BTGDV",
        issuer=directive.issuer,
        issued_on=datetime.date(2026, 9, 2),
        subject="tuyên truyền miệng trong các chi bộ",
    )
    return DocumentRelation.objects.create(
        source=guide,
        kind=DocumentRelation.Kind.IMPLEMENTS,
        target=directive,
        state=DocumentRelation.State.PROPOSED,
        evidence="Thực hiện Kế hoạch số 412-KH/TU",
    )


# (the record, its admin, their change, my change): two people open it, change different
# fields, save one after the other.
RECORDS = {
    "publisher settings": (
        _settings,
        "bulletins_publishersettings",
        "meeting_day",
        "20",
        "reminder_days",
        "5",
    ),
    "document": (
        lambda request: request.getfixturevalue("directive"),
        "documents_document",
        "subject",
        "về tăng cường công tác tuyên truyền miệng năm 2026 (đã sửa)",
        "summary",
        "Tóm tắt do tôi viết.",
    ),
    "event": (
        _event,
        "people_event",
        "title",
        "Hội nghị Ban Chấp hành Đảng bộ lần thứ 30",
        "place",
        "Hội trường Thành ủy",
    ),
    "organisation": (
        lambda request: request.getfixturevalue("cell"),
        "people_organisation",
        "short_name",
        "Chi bộ TDP 5",
        "citation_code",
        "TDP5",
    ),
    "person": (
        _person,
        "people_person",
        "full_name",
        "Nông Thị Hoa (Hoa Nông)",
        "note",
        "Nguyên Bí thư Đảng ủy xã.",
    ),
    "cell type": (
        _cell_type,
        "people_celltype",
        "name",
        "Chi bộ trường học ngoài công lập, cơ sở giáo dục tư thục",
        "position",
        "7",
    ),
    "position": (
        _position,
        "people_position",
        "title",
        "Bí thư chi bộ",
        "start_date",
        "2025-07-01",
    ),
    "document relation": (
        _relation,
        "documents_documentrelation",
        "state",
        "confirmed",
        "kind",
        "guides",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("record", RECORDS)
def test_a_colleagues_save_of_a_record_is_not_reverted_unseen(superuser, request, record):
    """The second save is refused and comes back holding both changes; saved again, both
    are kept."""
    make, admin_name, their_field, theirs_value, my_field, my_value = RECORDS[record]
    obj = make(request)
    url = _url(admin_name, obj.pk)
    form_id = f"{admin_name.split('_', 1)[1]}_form"
    me, other = Client(), Client()
    me.force_login(superuser)
    other.force_login(superuser)
    mine, theirs = _open(me, url, form_id), _open(other, url, form_id)
    assert other.post(url, {**theirs, their_field: theirs_value}).status_code == 302

    response = me.post(url, {**mine, my_field: my_value})
    obj.refresh_from_db()
    assert response.status_code == 200  # refused: the form now holds both changes
    assert str(getattr(obj, their_field)) == theirs_value
    again = form_data(response.content.decode(), form_id)
    assert me.post(url, again).status_code == 302  # checked, saved again
    obj.refresh_from_db()
    assert (str(getattr(obj, their_field)), str(getattr(obj, my_field))) == (theirs_value, my_value)


@pytest.mark.django_db
def test_a_confirmed_replacement_is_a_change_of_the_replaced_document(superuser, request):
    """Confirming "replaces" marks the target replaced: an editor who opened the target before
    and sets its status back is refused, not allowed to undo the decision unseen."""
    from documents.models import DocumentRelation

    relation = _relation(request)
    relation.kind = DocumentRelation.Kind.REPLACES
    relation.save()
    target = relation.target
    url = _url("documents_document", target.pk)
    me, other = Client(), Client()
    me.force_login(superuser)
    other.force_login(superuser)
    mine = _open(me, url, "document_form")
    changelist = reverse("admin:documents_documentrelation_changelist")
    decided = {"action": "confirm", "_selected_action": [relation.pk]}
    assert other.post(changelist, decided).status_code == 302
    target.refresh_from_db()
    assert target.status == "replaced"

    response = me.post(url, {**mine, "status": "expired"})

    target.refresh_from_db()
    assert response.status_code == 200  # refused, with the colleague's decision shown
    assert target.status == "replaced"


# --- workflow ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_schedule_post_twice_is_taken_once(approver, draft_issue):
    when = timezone.now() + datetime.timedelta(days=2)
    issue = Issue.objects.get(pk=draft_issue.pk)
    workflow.apply(issue, "schedule", approver, when=when)
    with contextlib.suppress(ValidationError):  # refusing the repeat is the fix
        workflow.apply(issue, "schedule", approver, when=when)  # the double click
    assert Review.objects.filter(issue=draft_issue, transition="schedule").count() == 1


# --- import -----------------------------------------------------------------------------


def _bulletin(extra_body_xml="", *, endnotes_xml=None, table_xml=None, footnotes_xml=None):
    document = docx.Document()
    header = document.add_paragraph()
    header.add_run("THÀNH ỦY CAO BẰNG").bold = True
    header.add_run().add_break()
    header.add_run("BAN TUYÊN GIÁO").bold = True
    document.add_paragraph().add_run("TÀI LIỆU SINH HOẠT CHI BỘ").bold = True
    document.add_paragraph().add_run("Tháng 9 năm 2026").bold = True
    document.add_paragraph().add_run("II- NỘI DUNG").bold = True
    document.add_paragraph().add_run("1. Tin hoạt động của Thành phố").bold = True
    paragraph = document.add_paragraph("Sáng 05/9/2026, Thành ủy tổ chức hội nghị")
    for xml in [extra_body_xml] if extra_body_xml else []:
        paragraph._p.append(parse_xml(xml))
    paragraph.add_run(".")
    if table_xml:
        document.element.body.insert(
            list(document.element.body).index(paragraph._p) + 1, parse_xml(table_xml)
        )
    document.add_paragraph().add_run("2. Tin hoạt động của cơ sở").bold = True
    document.add_paragraph("Các chi bộ sinh hoạt đúng kỳ.")
    if footnotes_xml:
        add_notes_part(document, "footnotes", footnotes_xml)
    if endnotes_xml:
        add_notes_part(document, "endnotes", endnotes_xml)
    stream = BytesIO()
    document.save(stream)
    return read_bytes(stream.getvalue(), "thang-9.docx")


def _everything(bulletin):
    """All the text the import keeps or reports: sections, footnotes, warnings, unplaced."""
    texts = [f"{s.heading}\n{s.text}" for s in bulletin.sections]
    texts += [f"{n.marker} {n.text}" for s in bulletin.sections for n in s.footnotes]
    texts += [str(item.get("message", "")) for item in bulletin.report()]
    return "\n".join(texts)


def test_a_non_breaking_hyphen_in_a_document_code_is_kept():
    """Word's Ctrl+Shift+- (w:noBreakHyphen) keeps "12-NQ/TW" on one line."""
    run = (
        f"<w:r {W_NS}><w:t xml:space='preserve'> theo Nghị quyết số 12</w:t>"
        "<w:noBreakHyphen/><w:t>NQ/TW</w:t></w:r>"
    )
    bulletin = _bulletin(run)
    assert "12-NQ/TW" in bulletin.sections[0].text or "12‑NQ/TW" in bulletin.sections[0].text


def test_an_endnote_text_is_not_dropped():
    endnotes = f"""<w:endnotes {W_NS}>
<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>
<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Theo Báo cáo số 77-BC/TU của Thành ủy.</w:t></w:r></w:p></w:endnote>
</w:endnotes>"""
    reference = f'<w:r {W_NS}><w:endnoteReference w:id="1"/></w:r>'
    bulletin = _bulletin(reference, endnotes_xml=endnotes)
    assert "77-BC/TU" in _everything(bulletin)


def test_table_rows_inside_a_content_control_are_not_dropped():
    """A repeating section (w:sdt around w:tr) is how Word templates hold table rows."""
    table = f"""<w:tbl {W_NS}><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>
<w:tr><w:tc><w:p><w:r><w:t>Việc</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>Thời gian</w:t></w:r></w:p></w:tc></w:tr>
<w:sdt><w:sdtPr/><w:sdtContent>
<w:tr><w:tc><w:p><w:r><w:t>Quán triệt nghị quyết</w:t></w:r></w:p></w:tc>
<w:tc><w:p><w:r><w:t>Tháng mười</w:t></w:r></w:p></w:tc></w:tr>
</w:sdtContent></w:sdt></w:tbl>"""
    bulletin = _bulletin(table_xml=table)
    assert "Quán triệt nghị quyết" in _everything(bulletin)


def test_superscript_text_inside_a_footnote_is_kept():
    """ "m²" in a footnote: only the note's own mark is superscript-and-dropped."""
    footnotes = f"""<w:footnotes {W_NS}>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
<w:r><w:t xml:space="preserve"> Diện tích trồng mới 120 m</w:t></w:r>
<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>2</w:t></w:r>
<w:r><w:t xml:space="preserve"> rừng.</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
    reference = f'<w:r {W_NS}><w:footnoteReference w:id="1"/></w:r>'
    bulletin = _bulletin(reference, footnotes_xml=footnotes)
    notes = [note.text for section in bulletin.sections for note in section.footnotes]
    assert any("120 m2" in text or "120 m²" in text for text in notes), notes


def _emf():
    """A minimal EMF picture (EMR_HEADER, signature " EMF"), as Word stores charts and clip art."""
    import struct

    header = struct.pack("<II4i4i", 1, 108, 0, 0, 100, 100, 0, 0, 2540, 2540)
    header += b" EMF" + struct.pack("<IIIHH", 0x10000, 108 + 20, 2, 0, 0)
    header += struct.pack("<II", 0, 0) + struct.pack("<II", 0, 0)
    header += struct.pack("<ii", 1920, 1080) + struct.pack("<ii", 508, 285)
    header = header.ljust(108, b"\0")
    return header + struct.pack("<II", 14, 20) + struct.pack("<III", 0, 16, 20)


@pytest.mark.django_db
def test_a_picture_the_web_cannot_show_is_reported_not_dropped(board):
    document = docx.Document()
    header = document.add_paragraph()
    header.add_run("BAN TUYÊN GIÁO").bold = True
    document.add_paragraph().add_run("TÀI LIỆU SINH HOẠT CHI BỘ").bold = True
    document.add_paragraph().add_run("Tháng 9 năm 2026").bold = True
    document.add_paragraph().add_run("II- NỘI DUNG").bold = True
    document.add_paragraph().add_run("1. Kết quả sản xuất nông nghiệp").bold = True
    document.add_paragraph("Biểu đồ sản lượng lúa các năm:")
    stream = BytesIO()
    from PIL import Image as Picture

    Picture.new("RGB", (6, 4), "red").save(stream, "PNG")
    document.add_picture(BytesIO(stream.getvalue()))
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/media/"):
            part._blob = _emf()  # the chart, pasted from Excel as a Windows metafile
    document.add_paragraph().add_run("2. Tin hoạt động của cơ sở").bold = True
    document.add_paragraph("Các chi bộ sinh hoạt đúng kỳ.")
    stream = BytesIO()
    document.save(stream)
    bulletin = read_bytes(stream.getvalue(), "thang-9.docx")
    assert len(bulletin.images) == 1  # the reader found the picture

    issue = import_bulletin(bulletin, publisher=board)
    body = issue.sections.order_by("position").first().body
    warnings = " ".join(str(item) for item in issue.import_warnings).lower()
    assert "<img" in body or "image" in warnings or "ảnh" in warnings, (body, warnings)


@pytest.mark.django_db
def test_applying_an_upstream_correction_does_not_erase_a_colleagues_later_edit(client, request):
    """The difference shown is the copy as it was; a colleague edits the copy before I apply:
    refused with the reason, the colleague's text kept."""
    staff = request.getfixturevalue("tree")
    _source, mine, *_rest = request.getfixturevalue("two_takers")
    url = reverse("admin:bulletins_section_upstream", args=[mine.pk])
    client.force_login(staff.editor)
    page = client.get(url).content.decode()  # I look at the difference
    shown = hidden_fields(page)
    assert shown["seen_version"] and shown["copy_version"]

    mine.body = "<p>Bản địa phương: thêm số liệu của Thành phố do đồng chí Hai viết.</p>"
    mine.save()  # a colleague's edit of the copy meanwhile

    response = client.post(url, {**shown, "decision": "apply"})
    mine.refresh_from_db()
    assert response.status_code == 200 and "đồng chí Hai" in mine.body
    assert "hãy xem lại phần khác biệt" in response.content.decode()


@pytest.mark.django_db
def test_publishing_from_a_confirmation_opened_before_an_edit_is_refused(
    client, editor, approver, draft_issue
):
    """The approver asks to publish and sees the confirmation; the editor then rewrites a
    section; "Yes, publish now" is refused, with the reason, and nothing is published."""
    workflow.apply(draft_issue, "submit", editor)
    url = reverse("admin:bulletins_issue_workflow", args=[draft_issue.pk])
    client.force_login(approver)
    opened = hidden_fields(client.get(url).content.decode())
    page = client.post(url, {**opened, "transition": "publish"}).content.decode()
    confirmation = hidden_fields(page)
    assert confirmation["confirmed"] == "1" and confirmation["seen"]

    section = draft_issue.sections.order_by("position").first()
    section.body = "<p>Nội dung biên tập viên sửa sau khi đã trình duyệt.</p>"
    section.save()

    response = client.post(url, confirmation)
    draft_issue.refresh_from_db()
    assert draft_issue.status == Issue.Status.SUBMITTED
    assert "hãy xem lại trước" in response.content.decode()
    fresh = hidden_fields(client.get(url).content.decode())  # looked at again: published
    client.post(url, {**fresh, "transition": "publish", "confirmed": "1"})
    draft_issue.refresh_from_db()
    assert draft_issue.status == Issue.Status.PUBLISHED
