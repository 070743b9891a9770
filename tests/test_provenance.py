"""Sections taken from a higher publisher's issue: what is copied, who may take from whom and
into what, the credit readers see, and the editors' decision when the source is corrected."""

import datetime
from dataclasses import dataclass

import pytest
import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from accounts.roles import APPROVER, EDITOR
from bulletins import provenance
from bulletins.models import Footnote, Issue, Section
from bulletins.policy import TAKE_FROM, policy
from documents.models import Document, DocumentType
from people.models import CellType, Organisation, OrganisationName

from .attack import snapshot
from .factories import make_issue, make_user
from .support import pdf_text
from .test_exactly_once import in_threads, postgresql  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db


@dataclass
class Tree:
    central: Organisation
    province: Organisation
    city: Organisation
    city_board: Organisation
    sibling_board: Organisation
    editor: object
    approver: object
    upstream: Issue
    draft: Issue


def board_staff(board, slug):
    editor = make_user(f"bientap_{slug}", groups=[EDITOR], is_staff=True)
    approver = make_user(f"pheduyet_{slug}", groups=[APPROVER], is_staff=True)
    editor.organisations.set([board])
    approver.organisations.set([board])
    return editor, approver


def upstream_issue(publisher, month=12):
    """A released issue of a higher publisher: 1. with 1.1 and 1.1.1, then 2., then 3."""
    issue = Issue.objects.create(
        publisher=publisher,
        year=2026,
        month=month,
        status=Issue.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=2),
    )
    outline = [
        (1, "Nghị quyết số 72-NQ/TW về bảo vệ sức khỏe nhân dân"),
        (2, "Mục tiêu đến năm 2030"),
        (3, "Các chỉ tiêu cụ thể"),
        (1, "Phản bác quan điểm sai trái về chuyển đổi số"),
        (1, "Gương người tốt việc tốt"),
    ]
    for position, (level, heading) in enumerate(outline, start=1):
        section = Section.objects.create(
            issue=issue,
            position=position * 10,
            level=level,
            heading=heading,
            body=f"<p>Nội dung gốc của mục {position} do Trung ương biên soạn.</p>",
        )
        Footnote.objects.create(section=section, marker="1", text=f"Ghi chú gốc {position}")
    issue.renumber_sections()
    return issue


def levels():
    """The central board, a province, its city and the city's board: who takes from whom."""
    central = Organisation.objects.create(
        name="Ban Chấp hành Trung ương Đảng", kind=Organisation.Kind.CENTRAL
    )
    central_board = Organisation.objects.create(
        name="Ban Tuyên giáo và Dân vận Trung ương", kind=Organisation.Kind.BOARD, parent=central
    )
    province = Organisation.objects.create(
        name="Tỉnh ủy Cao Bằng", kind=Organisation.Kind.PROVINCE, parent=central
    )
    city = Organisation.objects.create(
        name="Thành ủy Cao Bằng", kind=Organisation.Kind.CITY, parent=province
    )
    city_board = Organisation.objects.create(
        name="Ban Tuyên giáo và Dân vận Thành ủy", kind=Organisation.Kind.BOARD, parent=city
    )
    return central_board, province, city, city_board


@pytest.fixture
def tree(db):
    central_board, province, city, city_board = levels()
    sibling_board = Organisation.objects.create(
        name="Ban Tổ chức Thành ủy", kind=Organisation.Kind.BOARD, parent=city
    )
    editor, approver = board_staff(city_board, "tp")
    draft = make_issue(city_board, 12, published=False, sections=5)
    return Tree(
        central=central_board,
        province=province,
        city=city,
        city_board=city_board,
        sibling_board=sibling_board,
        editor=editor,
        approver=approver,
        upstream=upstream_issue(central_board),
        draft=draft,
    )


def outline(issue):
    return list(issue.sections.order_by("position").values_list("number", "level", "heading"))


def test_taking_a_subtree_copies_its_parts_and_renumbers(tree):
    first = tree.upstream.sections.get(number="1.")
    decree = Document.objects.create(
        document_type=DocumentType.objects.get(name="Kế hoạch"),
        number=5,
        code="5-KH/TW",
        issuer=tree.central,
        issued_on=datetime.date(2026, 10, 1),
    )
    first.cited_documents.add(decree)
    enterprise = CellType.objects.get(slug="doanh-nghiep")
    first.cell_types.add(enterprise)
    photo = '<figure class="image"><img src="/media/uploads/hoi-nghi.jpg"></figure>'
    first.body += photo
    first.save()
    placeholder = tree.draft.sections.get(number="1.")

    copies = provenance.take([first], tree.draft, tree.editor, after=placeholder)

    assert [copy.heading for copy in copies] == [
        "Nghị quyết số 72-NQ/TW về bảo vệ sức khỏe nhân dân",
        "Mục tiêu đến năm 2030",
        "Các chỉ tiêu cụ thể",
    ]
    # After the placeholder's subtree, before the draft's next main section.
    assert outline(tree.draft) == [
        ("1.", 1, "Nội dung số 1 tháng 12"),
        ("1.1.", 2, "Nội dung số 2 tháng 12"),
        ("1.2.", 2, "Nội dung số 3 tháng 12"),
        ("1.2.1.", 3, "Nội dung số 4 tháng 12"),
        ("2.", 1, "Nghị quyết số 72-NQ/TW về bảo vệ sức khỏe nhân dân"),
        ("2.1.", 2, "Mục tiêu đến năm 2030"),
        ("2.1.1.", 3, "Các chỉ tiêu cụ thể"),
        ("3.", 1, "Nội dung số 5 tháng 12"),
    ]
    taken = tree.draft.sections.get(number="2.")
    assert list(taken.footnotes.values_list("marker", "text")) == [("1", "Ghi chú gốc 1")]
    assert list(taken.cited_documents.all()) == [decree]
    assert list(taken.cell_types.all()) == [enterprise]
    assert photo in taken.body
    # Served to the city's readers through the copy's own record of the image.
    assert list(taken.images.values_list("path", flat=True)) == ["uploads/hoi-nghi.jpg"]
    assert taken.source == first
    assert taken.source_version == first.version
    assert taken.source_credit == (
        "Theo Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm 2026 "
        "của Ban Tuyên giáo và Dân vận Trung ương"
    )
    assert all(copy.source_credit == taken.source_credit for copy in copies)
    # The source is untouched.
    assert outline(tree.upstream)[0] == ("1.", 1, first.heading)
    assert first.footnotes.count() == 1


def test_a_chosen_subsection_becomes_a_main_section_at_the_end(tree):
    subsection = tree.upstream.sections.get(number="1.1.")
    provenance.take([subsection], tree.draft, tree.editor)
    assert outline(tree.draft)[-2:] == [
        ("3.", 1, "Mục tiêu đến năm 2030"),
        ("3.1.", 2, "Các chỉ tiêu cụ thể"),
    ]


def test_credit_names_the_publisher_as_it_was_when_published(tree):
    OrganisationName.objects.create(
        organisation=tree.central,
        name="Ban Tuyên giáo Trung ương",
        valid_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    old = upstream_issue(tree.central, month=6)
    long_ago = timezone.now() - datetime.timedelta(days=200)
    Issue.objects.filter(pk=old.pk).update(published_at=long_ago)
    (copy,) = provenance.take([old.sections.get(number="3.")], tree.draft, tree.editor)
    assert copy.source_credit.endswith("tháng 6 năm 2026 của Ban Tuyên giáo Trung ương")


def test_the_policy_offers_released_issues_of_higher_publishers_only(tree):
    province_board = Organisation.objects.create(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy", kind=Organisation.Kind.BOARD, parent=tree.province
    )
    from_province = upstream_issue(province_board, month=11)
    scheduled = upstream_issue(province_board, month=10)
    Issue.objects.filter(pk=scheduled.pk).update(
        status=Issue.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=3)
    )
    unpublished = upstream_issue(tree.central, month=11)
    Issue.objects.filter(pk=unpublished.pk).update(status=Issue.Status.SUBMITTED)
    sibling = upstream_issue(tree.sibling_board, month=11)
    own_published = upstream_issue(tree.city_board, month=11)

    offered = set(policy.issues_for(tree.editor, TAKE_FROM))
    assert offered == {tree.upstream, from_province, scheduled}
    for issue in (unpublished, sibling, own_published):
        issue.refresh_from_db()
        assert not policy.can(tree.editor, TAKE_FROM, issue)
    # A reader who is not staff takes nothing, and the province's staff take nothing from
    # the city below them.
    province_editor, _approver = board_staff(province_board, "tinh")
    assert not policy.can(province_editor, TAKE_FROM, own_published)
    assert set(policy.issues_for(province_editor, TAKE_FROM)) == {tree.upstream}


@pytest.mark.parametrize("case", ["sibling", "unpublished", "other_board", "published_target"])
def test_refused_takes_write_nothing(tree, case):
    source = tree.upstream
    target = tree.draft
    if case == "sibling":
        source = upstream_issue(tree.sibling_board, month=11)
    elif case == "unpublished":
        source = upstream_issue(tree.central, month=11)
        Issue.objects.filter(pk=source.pk).update(status=Issue.Status.DRAFT, published_at=None)
        source.refresh_from_db()
    elif case == "other_board":
        target = make_issue(tree.sibling_board, 12, published=False, sections=1)
    else:
        target = make_issue(tree.city_board, 11, sections=1)
    before = snapshot()
    expected = ValidationError if case == "published_target" else PermissionDenied
    with pytest.raises(expected):
        provenance.take([source.sections.first()], target, tree.approver)
    assert snapshot() == before


def test_taking_the_same_section_twice_is_refused(tree):
    first = tree.upstream.sections.get(number="2.")
    provenance.take([first], tree.draft, tree.editor)
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        provenance.take([first], tree.draft, tree.editor)
    assert refused.value.code == "taken_twice"
    assert snapshot() == before


def test_the_admin_page_previews_then_takes(client, tree):
    client.force_login(tree.editor)
    url = reverse("admin:bulletins_issue_take", args=[tree.draft.pk])
    change = client.get(reverse("admin:bulletins_issue_change", args=[tree.draft.pk]))
    assert url in change.content.decode()

    page = client.get(url)
    assert page.status_code == 200
    assert "Ban Tuyên giáo và Dân vận Trung ương" in page.content.decode()
    chosen = client.get(url, {"source": tree.upstream.pk}).content.decode()
    assert "Phản bác quan điểm sai trái về chuyển đổi số" in chosen

    first = tree.upstream.sections.get(number="1.")
    form = {"source": tree.upstream.pk, "sections": [first.pk]}
    preview = client.post(url, {**form, "preview": "1"})
    text = preview.content.decode()
    assert "Các chỉ tiêu cụ thể" in text  # the subtree is shown
    assert "Theo Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm 2026" in text
    assert not tree.draft.sections.filter(source__isnull=False).exists()

    response = client.post(url, {**form, "confirm": "1"})
    assert response.status_code == 302
    assert tree.draft.sections.filter(source__isnull=False).count() == 3
    version = Version.objects.get_for_object(tree.draft.sections.get(source=first)).first()
    assert version.revision.user == tree.editor


def test_the_admin_page_refuses_a_source_the_policy_does_not_allow(client, tree):
    sibling = upstream_issue(tree.sibling_board, month=11)
    client.force_login(tree.editor)
    url = reverse("admin:bulletins_issue_take", args=[tree.draft.pk])
    before = snapshot()
    response = client.post(
        url, {"source": sibling.pk, "sections": [sibling.sections.first().pk], "confirm": "1"}
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert snapshot() == before


def test_the_admin_page_sends_a_published_target_back_with_a_message(client, tree):
    published = make_issue(tree.city_board, 11, sections=1)
    client.force_login(tree.approver)
    response = client.get(reverse("admin:bulletins_issue_take", args=[published.pk]), follow=True)
    assert "Chỉ lấy mục vào số đang soạn thảo." in response.content.decode()


def test_readers_see_the_credit_under_the_heading(client, tree):
    reader = make_user("bithu")
    provenance.take([tree.upstream.sections.get(number="2.")], tree.draft, tree.editor)
    Issue.objects.filter(pk=tree.draft.pk).update(
        status=Issue.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(reader)
    page = client.get(tree.draft.get_absolute_url()).content.decode()
    credit = (
        '<p class="source-credit">Theo Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm 2026 '
        "của Ban Tuyên giáo và Dân vận Trung ương</p>"
    )
    assert page.count(credit) == 1
    heading = page.index("Phản bác quan điểm sai trái")
    assert heading < page.index(credit) < page.index("Nội dung gốc của mục 4")


def test_the_pdf_carries_the_credit(needs_pango, client, tree):
    reader = make_user("bithu")
    provenance.take([tree.upstream.sections.get(number="3.")], tree.draft, tree.editor)
    Issue.objects.filter(pk=tree.draft.pk).update(
        status=Issue.Status.PUBLISHED, published_at=timezone.now() - datetime.timedelta(hours=1)
    )
    client.force_login(reader)
    text = " ".join(
        pdf_text(client.get(reverse("bulletins:issue_pdf", args=[tree.draft.pk])).content).split()
    )
    assert (
        "Gương người tốt việc tốt Theo Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm 2026 "
        "của Ban Tuyên giáo và Dân vận Trung ương"
    ) in text


def test_a_credit_is_escaped(client, tree):
    Section.objects.filter(issue=tree.draft).update(source_credit="<script>x()</script>")
    client.force_login(tree.editor)
    page = client.get(reverse("bulletins:issue_preview", args=[tree.draft.pk])).content.decode()
    assert "<script>x()</script>" not in page
    assert "&lt;script&gt;x()&lt;/script&gt;" in page


# Upstream corrections ------------------------------------------------------------------------


def correct_upstream(section, body):
    with reversion.create_revision():
        section.body = body
        section.save()
    Footnote.objects.filter(section=section).update(text="Ghi chú đã sửa")


@pytest.fixture
def two_takers(tree):
    """The city's draft and a second board's published issue both took section 2."""
    other_city = Organisation.objects.create(
        name="Thành ủy Bắc Kạn", kind=Organisation.Kind.CITY, parent=tree.province
    )
    other_board = Organisation.objects.create(
        name="Ban Tuyên giáo Thành ủy Bắc Kạn", kind=Organisation.Kind.BOARD, parent=other_city
    )
    other_editor, other_approver = board_staff(other_board, "bk")
    other_issue = make_issue(other_board, 12, published=False, sections=1)
    source = tree.upstream.sections.get(number="2.")
    (mine,) = provenance.take([source], tree.draft, tree.editor)
    (theirs,) = provenance.take([source], other_issue, other_editor)
    Issue.objects.filter(pk=other_issue.pk).update(
        status=Issue.Status.PUBLISHED, published_at=timezone.now()
    )
    correct_upstream(source, "<p>Nội dung đã đính chính của mục 4.</p>")
    mine, theirs = (Section.objects.get(pk=copy.pk) for copy in (mine, theirs))
    return source, mine, theirs, other_editor, other_approver


def test_a_correction_upstream_reaches_every_taking_issue(client, tree, two_takers):
    _source, mine, theirs, other_editor, other_approver = two_takers
    assert list(provenance.pending(tree.editor)) == [mine]
    assert list(provenance.pending(tree.approver)) == [mine]
    # Their issue is published: applying is a correction, which their approver decides.
    assert list(provenance.pending(other_approver)) == [theirs]
    assert list(provenance.pending(other_editor)) == []
    assert list(provenance.pending(make_user("khac", is_staff=True))) == []
    client.force_login(tree.editor)
    home = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:bulletins_section_upstream", args=[mine.pk]) in home
    assert "<del>gốc</del>" in home.replace("\n", "") or "<del>" in home
    assert "<ins>" in home


def test_apply_replaces_the_text_once_and_is_recorded(client, tree, two_takers):
    source, mine, *_rest = two_takers
    url = reverse("admin:bulletins_section_upstream", args=[mine.pk])
    client.force_login(tree.editor)
    page = client.get(url).content.decode()
    assert "<del>gốc</del> <ins>đã đính chính</ins>" in page
    form = {"seen_version": source.version, "decision": "apply"}
    assert client.post(url, form).status_code == 302
    mine.refresh_from_db()
    assert mine.body == "<p>Nội dung đã đính chính của mục 4.</p>"
    assert mine.source_version == source.version
    assert list(mine.footnotes.values_list("text", flat=True)) == ["Ghi chú đã sửa"]
    revision = Version.objects.get_for_object(mine).first().revision
    assert revision.user == tree.editor
    assert revision.comment == (
        "Áp dụng đính chính của bản gốc: Theo Tài liệu phục vụ sinh hoạt chi bộ tháng 12 năm "
        "2026 của Ban Tuyên giáo và Dân vận Trung ương"
    )
    before = snapshot()
    again = client.post(url, form)
    assert again.status_code == 200
    assert snapshot() == before
    assert list(provenance.pending(tree.editor)) == []


def test_the_difference_is_escaped_text(tree, two_takers):
    source, mine, *_rest = two_takers
    with reversion.create_revision():
        source.heading = "<img src=x onerror=alert(1)> Phản bác"
        source.body = "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        source.save()
    mine.refresh_from_db()
    shown = str(provenance.difference_html(mine))
    assert "<img" not in shown and "<script" not in shown
    assert "<ins>&lt;img src=x onerror=alert(1)&gt;</ins>" in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown


def test_keep_leaves_the_text_and_stops_asking(tree, two_takers):
    source, mine, *_rest = two_takers
    body = mine.body
    provenance.decide(mine, tree.editor, provenance.KEEP, source.version)
    mine.refresh_from_db()
    assert mine.body == body
    assert mine.source_version == source.version
    assert list(provenance.pending(tree.editor)) == []
    with pytest.raises(ValidationError) as refused:
        provenance.decide(mine, tree.editor, provenance.APPLY, source.version)
    assert refused.value.code == "done"
    mine.refresh_from_db()
    assert mine.body == body


def test_a_source_corrected_again_after_the_look_is_refused(tree, two_takers):
    source, mine, *_rest = two_takers
    seen = source.version
    correct_upstream(source, "<p>Lần đính chính thứ hai.</p>")
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        provenance.decide(mine, tree.editor, provenance.APPLY, seen)
    assert refused.value.code == "stale"
    assert snapshot() == before


def test_applying_to_a_published_issue_needs_an_approver_and_a_reason(tree, two_takers):
    source, _mine, theirs, other_editor, other_approver = two_takers
    before = snapshot()
    with pytest.raises(PermissionDenied):
        provenance.decide(theirs, other_editor, provenance.APPLY, source.version)
    with pytest.raises(ValidationError) as refused:
        provenance.decide(theirs, other_approver, provenance.APPLY, source.version)
    assert refused.value.code == "reason"
    assert snapshot() == before
    provenance.decide(
        theirs, other_approver, provenance.APPLY, source.version, "Trung ương đính chính số liệu"
    )
    theirs.refresh_from_db()
    assert "đã đính chính" in theirs.body
    comment = Version.objects.get_for_object(theirs).first().revision.comment
    assert comment.endswith("Trung ương đính chính số liệu")


def test_another_board_cannot_decide_for_the_city(client, tree, two_takers):
    source, mine, _theirs, other_editor, _other_approver = two_takers
    client.force_login(other_editor)
    before = snapshot()
    url = reverse("admin:bulletins_section_upstream", args=[mine.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {"seen_version": source.version, "decision": "apply"})
    assert response.status_code == 403
    assert snapshot() == before


def test_the_take_and_correction_pages_cost_the_same_for_a_long_outline(client, tree):
    client.force_login(tree.editor)
    take = reverse("admin:bulletins_issue_take", args=[tree.draft.pk])
    source = tree.upstream.sections.get(number="2.")
    (copy,) = provenance.take([source], tree.draft, tree.editor)
    correct_upstream(source, "<p>Nội dung đã đính chính.</p>")
    upstream = reverse("admin:bulletins_section_upstream", args=[copy.pk])

    def queries(url, data):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, data).status_code == 200
        return len(captured)

    client.get(take)  # caches filled once per process (content types, the site's apps)
    small = queries(take, {"source": tree.upstream.pk}), queries(upstream, {})
    for position in range(60, 100):
        section = Section.objects.create(
            issue=tree.upstream, position=position * 10, heading=f"Mục thêm {position}"
        )
        Footnote.objects.create(section=section, marker="1", text="Chú thích")
    Footnote.objects.bulk_create(
        Footnote(section=source, position=n, marker=str(n), text=f"Chú thích {n}")
        for n in range(2, 30)
    )
    tree.upstream.renumber_sections()
    assert (queries(take, {"source": tree.upstream.pk}), queries(upstream, {})) == small


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql")
def test_two_decisions_at_once_take_effect_once(tree, two_takers):
    source, mine, *_rest = two_takers
    revisions = Version.objects.get_for_object(mine).count()
    outcomes = in_threads(
        lambda: provenance.decide(mine, tree.editor, provenance.APPLY, source.version),
        lambda: provenance.decide(mine, tree.approver, provenance.KEEP, source.version),
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 1 and refused[0].code == "done", outcomes
    assert Version.objects.get_for_object(mine).count() == revisions + 1
    mine.refresh_from_db()
    assert mine.source_version == source.version


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("postgresql")
def test_two_editors_taking_the_same_section_at_once_take_it_once(tree):
    colleague = make_user("bientap_tp2", groups=[EDITOR], is_staff=True)
    colleague.organisations.set([tree.city_board])
    section = tree.upstream.sections.get(number="3.")
    outcomes = in_threads(
        lambda: provenance.take([section], tree.draft, tree.editor),
        lambda: provenance.take([section], tree.draft, colleague),
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, ValidationError)]
    assert len(refused) == 1 and refused[0].code == "taken_twice", outcomes
    assert tree.draft.sections.filter(source=section).count() == 1
