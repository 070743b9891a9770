"""Feedback from cells: a secretary records her cell's meeting, the board reads and answers."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from accounts import roles
from bulletins import policy as rules
from bulletins.models import Issue, Section
from bulletins.policy import policy
from feedback.models import Feedback, SectionRating
from feedback.signals import question_answered
from notices.models import Kind, Notice
from people.models import CellType, Organisation

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def other_cell(cell):
    return Organisation.objects.create(
        name="Chi bộ Tổ dân phố 12", kind=Organisation.Kind.CELL, parent=cell.parent
    )


@pytest.fixture
def other_reader(other_cell):
    user = make_user("bithu12", groups=[roles.SECRETARY], first_name="Mai", last_name="Hoàng Thị")
    user.organisations.set([other_cell])
    return user


@pytest.fixture
def main_sections(published_issue):
    return list(published_issue.sections.filter(level=1).order_by("position"))


def form_url(issue, cell=None):
    url = reverse("feedback:form", args=[issue.pk])
    return f"{url}?chi-bo={cell.pk}" if cell else url


def post_feedback(client, issue, cell, **fields):
    data = {"present": 18, "total": 20, "rating": 4, "questions": "", "chi-bo": cell.pk}
    data.update(fields)
    return client.post(form_url(issue), {k: v for k, v in data.items() if v is not None})


def answer_url(feedback):
    return reverse("admin:feedback_feedback_change", args=[feedback.pk])


def post_answer(client, feedback, answer, publish_as_qa=False, version=None):
    data = {"answer": answer, "version": feedback.version if version is None else version}
    if publish_as_qa:
        data["publish_as_qa"] = "on"
    return client.post(answer_url(feedback), data)


@pytest.fixture
def two_cells_reported(
    client, published_issue, main_sections, reader, other_reader, cell, other_cell
):
    """Two cells' feedback, entered through the portal form as their secretaries do."""
    first, second = main_sections
    client.force_login(reader)
    response = post_feedback(
        client,
        published_issue,
        cell,
        present=18,
        total=20,
        rating=5,
        questions="Đề nghị hướng dẫn thêm về thu gom rác thải ở tổ dân phố.",
        **{f"muc_{first.pk}": 4},
    )
    assert response.status_code == 302, response.content.decode()
    client.force_login(other_reader)
    response = post_feedback(
        client,
        published_issue,
        other_cell,
        present=9,
        total=12,
        rating=3,
        questions='=HYPERLINK("http://vi-du.invalid","Bấm vào")',
        **{f"muc_{first.pk}": 2, f"muc_{second.pk}": 5},
    )
    assert response.status_code == 302, response.content.decode()
    return {
        "cell": Feedback.objects.get(cell=cell),
        "other": Feedback.objects.get(cell=other_cell),
    }


def test_a_secretary_records_her_cells_feedback(client, reader, cell, published_issue):
    client.force_login(reader)
    page = client.get(published_issue.get_absolute_url()).content.decode()
    assert form_url(published_issue).split("?")[0] in page  # the link under the issue
    response = post_feedback(client, published_issue, cell, present=15, total=17, rating=4)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.issue, feedback.cell, feedback.present, feedback.total, feedback.rating) == (
        published_issue,
        cell,
        15,
        17,
        4,
    )
    assert feedback.recorded_by == reader
    # Opening the form again shows what is stored, and saving again changes the same record.
    page = client.get(form_url(published_issue)).content.decode()
    assert 'value="15"' in page
    post_feedback(
        client, published_issue, cell, present=16, total=17, rating=5, version=feedback.version
    )
    assert Feedback.objects.get().present == 16
    assert Feedback.objects.count() == 1


def test_feedback_from_two_cells_appears_in_the_boards_report(
    client, editor, published_issue, main_sections, two_cells_reported
):
    first, second = main_sections
    client.force_login(editor)
    response = client.get(reverse("admin:feedback_feedback_issue", args=[published_issue.pk]))
    assert response.status_code == 200
    summary = response.context["summary"]
    # Worked out by hand: ratings 5 and 3; 18 of 20 and 9 of 12 members present.
    assert summary.totals.responses == 2
    assert summary.totals.average == 4.0
    assert (summary.totals.present, summary.totals.total) == (27, 32)
    assert summary.totals.attendance == 84.4  # 27 / 32 = 84.375 %
    assert summary.distribution == [
        (5, 1, 50.0),
        (4, 0, 0.0),
        (3, 1, 50.0),
        (2, 0, 0.0),
        (1, 0, 0.0),
    ]
    # Section 1 rated 4 and 2 (two ratings, 3.0); section 2 rated 5 by one cell.
    assert [(s.pk, n, avg) for s, n, avg in summary.sections] == [
        (first.pk, 2, 3.0),
        (second.pk, 1, 5.0),
    ]
    assert summary.totals.questions == 2
    assert summary.totals.unanswered == 2
    content = response.content.decode()
    assert "Chi bộ Tổ dân phố 5" in content
    assert "Chi bộ Tổ dân phố 12" in content
    assert "Đề nghị hướng dẫn thêm về thu gom rác thải" in content

    report = client.get(reverse("admin:feedback_feedback_report"))
    assert report.status_code == 200
    [(issue, totals)] = report.context["report"]
    assert issue == published_issue
    assert (totals.responses, totals.average, totals.present, totals.total) == (2, 4.0, 27, 32)
    assert totals.attendance == 84.4


def test_the_report_csv_is_correct_and_keeps_formulas_as_text(
    client, editor, published_issue, two_cells_reported
):
    published_issue.title_override = "=1+1 Tài liệu tháng 10"
    published_issue.save()
    client.force_login(editor)
    response = client.get(reverse("admin:feedback_feedback_report"), {"format": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:4] == ["Năm", "Tháng", "Số tài liệu", "Số chi bộ đã góp ý"]
    assert rows[1] == [
        "2026",
        "10",
        "'=1+1 Tài liệu tháng 10",
        "2",
        "4.0",
        "27",
        "32",
        "84.4",
        "2",
        "2",
    ]

    url = reverse("admin:feedback_feedback_issue", args=[published_issue.pk])
    rows = list(csv.reader(io.StringIO(client.get(url, {"format": "csv"}).content.decode())))
    assert rows[1:] == [
        [
            "Chi bộ Tổ dân phố 12",
            "9",
            "12",
            "3",
            '\'=HYPERLINK("http://vi-du.invalid","Bấm vào")',
            "",
        ],
        [
            "Chi bộ Tổ dân phố 5",
            "18",
            "20",
            "5",
            "Đề nghị hướng dẫn thêm về thu gom rác thải ở tổ dân phố.",
            "",
        ],
    ]


def svgs(content):
    """The charts of a page (the admin's own icons are SVG too)."""
    pattern = r'<svg xmlns="http://www.w3.org/2000/svg" role="img".*?</svg>'
    charts = re.findall(pattern, content, re.DOTALL)
    return [ET.fromstring(svg) for svg in charts]  # noqa: S314 (our own output)


def test_the_report_draws_accessible_svg_charts(client, editor, board, two_cells_reported):
    make_issue(board, 9)  # a month without feedback: an empty bar, not an error
    client.force_login(editor)
    content = client.get(reverse("admin:feedback_feedback_report")).content.decode()
    charts = svgs(content)
    assert len(charts) == 2
    for chart in charts:
        assert chart.get("role") == "img"
        title, desc = chart.find(f"{SVG}title"), chart.find(f"{SVG}desc")
        assert title.text and desc.text
        assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert len(chart.findall(f"{SVG}g")) == 2  # September and October
    rating_chart = charts[0]
    september, october = rating_chart.findall(f"{SVG}g")
    assert float(september.find(f"{SVG}rect").get("height")) == 0
    # Average 4 of 5 on a 204-pixel plot: 163.2 pixels high.
    assert float(october.find(f"{SVG}rect").get("height")) == 163.2
    assert "http" not in content.split("<svg", 1)[1].split("</svg>")[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_an_answer_reaches_only_the_asking_cell(
    client,
    editor,
    reader,
    other_reader,
    published_issue,
    two_cells_reported,
    django_capture_on_commit_callbacks,
):
    told = []

    def listener(sender, feedback, answered_by, **kwargs):
        told.append((feedback.cell.name, answered_by))

    question_answered.connect(listener)
    try:
        client.force_login(editor)
        asked = two_cells_reported["cell"]
        with django_capture_on_commit_callbacks(execute=True):
            response = post_answer(client, asked, "Ban sẽ gửi hướng dẫn riêng trong tháng tới.")
        assert response.status_code == 302
        # the same answer saved again tells nobody twice
        asked.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            post_answer(client, asked, "Ban sẽ gửi hướng dẫn riêng trong tháng tới.")
    finally:
        question_answered.disconnect(listener)
    asked.refresh_from_db()
    assert asked.answered_by == editor
    assert told == [("Chi bộ Tổ dân phố 5", editor)]

    client.force_login(reader)
    for url in (form_url(published_issue), reverse("feedback:list")):
        assert "Ban sẽ gửi hướng dẫn riêng" in client.get(url).content.decode()
    client.force_login(other_reader)
    for url in (form_url(published_issue), reverse("feedback:list")):
        content = client.get(url).content.decode()
        assert "Ban sẽ gửi hướng dẫn riêng" not in content
        assert "thu gom rác thải" not in content  # nor the other cell's question


def test_the_answer_is_a_notice_for_the_asking_cells_secretaries_only(
    client, editor, reader, other_reader, two_cells_reported, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        post_answer(client, two_cells_reported["cell"], "Ban sẽ trả lời tại hội nghị tháng tới.")
    told = Notice.objects.filter(kind=Kind.ANSWER)
    assert [notice.recipient for notice in told] == [reader]
    assert told.get().link == reverse("feedback:list")


def test_a_reader_of_another_cell_can_neither_read_nor_write_its_feedback(
    client, other_reader, cell, published_issue, two_cells_reported
):
    client.force_login(other_reader)
    before = list(Feedback.objects.values())
    assert client.get(form_url(published_issue, cell)).status_code == 404
    response = post_feedback(client, published_issue, cell, present=1, total=1, rating=1)
    assert response.status_code == 404
    assert list(Feedback.objects.values()) == before


def test_staff_and_readers_without_a_cell_record_nothing(client, editor, published_issue, cell):
    client.force_login(editor)
    page = client.get(published_issue.get_absolute_url()).content.decode()
    assert form_url(published_issue) not in page  # no link that would lead to a refusal
    assert client.get(form_url(published_issue)).status_code == 403
    assert post_feedback(client, published_issue, cell).status_code == 403
    assert not Feedback.objects.exists()


def test_no_feedback_on_an_issue_the_reader_may_not_read(
    client, reader, cell, draft_issue, published_issue, city
):
    elsewhere = Organisation.objects.create(
        name="Đảng ủy phường Tân Giang", kind="ward", parent=city
    )
    published_issue.audience = Issue.Audience.ORGANISATIONS
    published_issue.save()
    published_issue.audience_organisations.set([elsewhere])
    client.force_login(reader)
    for issue in (draft_issue, published_issue):
        assert post_feedback(client, issue, cell).status_code == 404
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"present": 21, "total": 20}, "Số đảng viên có mặt không thể nhiều hơn số đảng viên"),
        ({"present": 0, "total": 0}, "Chi bộ có ít nhất một đảng viên."),
        ({"present": -1}, "Đảm bảo giá trị này lớn hơn hoặc bằng với 0"),
        ({"rating": 6}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"rating": None}, "Trường này là bắt buộc"),
        ({"questions": "ý kiến " * 700}, "Giá trị này chỉ có tối đa 4000 kí tự"),
    ],
)
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(
    client, reader, cell, published_issue, main_sections, fields, message
):
    client.force_login(reader)
    fields = {**fields, f"muc_{main_sections[0].pk}": 4}
    response = post_feedback(client, published_issue, cell, **fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Feedback.objects.exists()
    assert not SectionRating.objects.exists()


def test_a_section_rating_out_of_range_is_refused(
    client, reader, cell, published_issue, main_sections
):
    client.force_login(reader)
    response = post_feedback(client, published_issue, cell, **{f"muc_{main_sections[0].pk}": 9})
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not Feedback.objects.exists()


def test_questions_are_stored_as_typed_and_shown_as_text(client, reader, cell, published_issue):
    client.force_login(reader)
    question = '<script>alert("x")</script> & <b>đậm</b>'
    post_feedback(client, published_issue, cell, questions=question)
    assert Feedback.objects.get().questions == question
    content = client.get(reverse("feedback:list")).content.decode()
    assert (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;đậm&lt;/b&gt;" in content
    )
    assert "<script>alert" not in content


def test_two_secretaries_saving_at_once_the_second_is_refused(
    client, reader, cell, published_issue
):
    colleague = make_user("bithu5b", groups=[roles.SECRETARY])
    colleague.organisations.set([cell])
    client.force_login(reader)
    post_feedback(client, published_issue, cell, present=10, total=20, rating=3)
    opened_at = Feedback.objects.get().version
    client.force_login(colleague)
    post_feedback(client, published_issue, cell, present=12, total=20, rating=4, version=opened_at)
    client.force_login(reader)
    response = post_feedback(
        client, published_issue, cell, present=11, total=20, rating=2, version=opened_at
    )
    assert response.status_code == 200
    assert "Chưa lưu gì" in response.content.decode()
    stored = Feedback.objects.get()
    assert (stored.present, stored.rating) == (12, 4)
    # The form now carries the stored version: saving again is a deliberate replacement.
    assert response.context["form"].data["version"] == str(stored.version)


def test_a_first_save_racing_another_is_refused_not_duplicated(
    client, reader, cell, published_issue
):
    """The form was opened while there was no record; a colleague's arrived meanwhile."""
    Feedback.objects.create(issue=published_issue, cell=cell, present=5, total=9, rating=2)
    client.force_login(reader)
    response = post_feedback(client, published_issue, cell, present=9, total=9, rating=5)
    assert "Chưa lưu gì" in response.content.decode()
    assert Feedback.objects.get().present == 5


def test_the_boards_stale_answer_is_refused(client, editor, approver, two_cells_reported):
    asked = two_cells_reported["cell"]
    opened_at = asked.version
    client.force_login(approver)
    post_answer(client, asked, "Trả lời của đồng chí phê duyệt.")
    client.force_login(editor)
    response = post_answer(client, asked, "Trả lời khác.", version=opened_at)
    assert response.status_code == 200
    assert "Chưa lưu gì" in response.content.decode()
    asked.refresh_from_db()
    assert asked.answer == "Trả lời của đồng chí phê duyệt."


def test_answered_questions_cannot_be_rewritten(
    client, editor, reader, cell, published_issue, two_cells_reported
):
    asked = two_cells_reported["cell"]
    client.force_login(editor)
    post_answer(client, asked, "Đã trả lời.")
    asked.refresh_from_db()
    client.force_login(reader)
    response = post_feedback(
        client,
        published_issue,
        cell,
        present=18,
        total=20,
        rating=5,
        questions="Câu hỏi khác hẳn",
        version=asked.version,
    )
    assert response.status_code == 302  # the numbers are saved; the questions stay as asked
    asked.refresh_from_db()
    assert asked.questions.startswith("Đề nghị hướng dẫn")
    form = client.get(form_url(published_issue)).context["form"]
    assert form.fields["questions"].disabled
    assert "Ban đã trả lời" in str(form["questions"].help_text)


def test_staff_of_another_publisher_see_no_feedback(client, boards, two_cells_reported):
    _a, b = boards
    asked = two_cells_reported["cell"]
    for user in (b.editor, b.approver):
        client.force_login(user)
        assert client.get(answer_url(asked)).status_code in (302, 403, 404)
        changelist = client.get(reverse("admin:feedback_feedback_changelist")).content.decode()
        assert "Chi bộ Tổ dân phố 5" not in changelist
        issue_page = reverse("admin:feedback_feedback_issue", args=[asked.issue_id])
        assert client.get(issue_page).status_code == 404
        # naming the publisher in the report's address shows their own board's only
        report = client.get(
            reverse("admin:feedback_feedback_report"), {"publisher": asked.issue.publisher_id}
        )
        assert "Chi bộ Tổ dân phố" not in report.content.decode()
        assert asked.issue.title not in report.content.decode()
        before = list(Feedback.objects.values())
        post_answer(client, asked, "Trả lời trộm.")
        assert list(Feedback.objects.values()) == before


def test_sections_written_for_other_cell_types_are_not_offered(
    client, reader, cell, published_issue, main_sections
):
    first, second = main_sections
    school = CellType.objects.get(slug="truong-hoc")
    cell.cell_type = CellType.objects.get(slug="khu-dan-cu-do-thi")
    cell.save()
    second.cell_types.set([school])
    client.force_login(reader)
    form = client.get(form_url(published_issue)).context["form"]
    assert [section.pk for section in form.sections] == [first.pk]
    post_feedback(client, published_issue, cell, **{f"muc_{second.pk}": 5})
    assert not SectionRating.objects.exists()


def test_a_secretary_of_two_cells_chooses_the_cell(
    client, reader, cell, other_cell, published_issue
):
    reader.organisations.add(other_cell)
    client.force_login(reader)
    response = client.get(form_url(published_issue))
    assert response.context["cell"] == other_cell  # the first by name: "12" before "5"
    assert f'href="?chi-bo={cell.pk}"' in response.content.decode()
    post_feedback(client, published_issue, other_cell, present=3, total=4)
    post_feedback(client, published_issue, cell, present=7, total=8)
    assert dict(Feedback.objects.values_list("cell__name", "present")) == {
        "Chi bộ Tổ dân phố 5": 7,
        "Chi bộ Tổ dân phố 12": 3,
    }


def test_an_answer_published_as_qa_goes_into_a_draft_without_the_cells_name(
    client, editor, board, draft_issue, two_cells_reported
):
    asked = two_cells_reported["cell"]
    asked.questions = "Có phải <b>báo cáo</b> hằng tháng không?"
    asked.save()
    client.force_login(editor)
    post_answer(client, asked, "Báo cáo theo quý.", publish_as_qa=True)
    url = reverse("admin:feedback_feedback_insert_qa", args=[asked.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"draft": draft_issue.pk})
    assert response.status_code == 302
    section = draft_issue.sections.get(heading="Hỏi – đáp")
    assert section.level == 1
    assert section == draft_issue.sections.order_by("position").last()
    assert "Có phải &lt;b&gt;báo cáo&lt;/b&gt; hằng tháng không?" in section.body
    assert "Báo cáo theo quý." in section.body
    assert "Tổ dân phố 5" not in section.body
    asked.refresh_from_db()
    assert asked.qa_issue == draft_issue
    # once only
    client.post(url, {"draft": draft_issue.pk})
    assert draft_issue.sections.get(heading="Hỏi – đáp").body.count("Báo cáo theo quý.") == 1


def test_an_answer_not_offered_as_qa_is_not_added(client, editor, draft_issue, two_cells_reported):
    asked = two_cells_reported["cell"]
    client.force_login(editor)
    url = reverse("admin:feedback_feedback_insert_qa", args=[asked.pk])
    for response in (client.get(url), client.post(url, {"draft": draft_issue.pk})):
        assert response.status_code == 200
        assert "không được chọn đăng thành “Hỏi – đáp”" in response.content.decode()
    assert not draft_issue.sections.filter(heading="Hỏi – đáp").exists()


def test_qa_goes_only_into_a_draft_of_the_same_publisher(client, boards, two_cells_reported):
    a, b = boards
    asked = two_cells_reported["cell"]
    asked.answer, asked.publish_as_qa = "Trả lời.", True
    asked.save()
    client.force_login(b.editor)
    url = reverse("admin:feedback_feedback_insert_qa", args=[asked.pk])
    assert client.post(url, {"draft": b.draft.pk}).status_code == 404
    client.force_login(a.editor)  # staff of another board than the issue's
    response = client.post(url, {"draft": a.draft.pk})
    assert response.status_code == 404
    assert not Section.objects.filter(heading="Hỏi – đáp").exists()


def test_report_queries_do_not_grow_with_the_number_of_cells(
    client, editor, board, cell, published_issue, django_assert_max_num_queries
):
    make_issue(board, 9)
    cells = Organisation.objects.bulk_create(
        Organisation(name=f"Chi bộ số {n}", kind="cell", parent=cell.parent) for n in range(60)
    )
    sections = list(published_issue.sections.filter(level=1))
    for n, each in enumerate(cells):
        feedback = Feedback.objects.create(
            issue=published_issue, cell=each, present=n % 10, total=10, rating=n % 5 + 1
        )
        SectionRating.objects.bulk_create(
            SectionRating(feedback=feedback, section=s, rating=3) for s in sections
        )
    client.force_login(editor)
    # Every admin page also counts the unread notices of its header's bell (1).
    with django_assert_max_num_queries(13):
        assert client.get(reverse("admin:feedback_feedback_report")).status_code == 200
    issue_page = reverse("admin:feedback_feedback_issue", args=[published_issue.pk])
    with django_assert_max_num_queries(15):
        response = client.get(issue_page)
    assert response.context["summary"].totals.responses == 60
    with django_assert_max_num_queries(13):
        client.get(reverse("admin:feedback_feedback_changelist"))
    feedback.answer, feedback.publish_as_qa = "Đáp", True
    feedback.save()
    for page in ("change", "insert_qa"):
        with django_assert_max_num_queries(13):
            url = reverse(f"admin:feedback_feedback_{page}", args=[feedback.pk])
            assert client.get(url).status_code == 200


def test_the_cells_pages_make_a_fixed_number_of_queries(
    client, reader, cell, board, django_assert_max_num_queries
):
    for month in range(1, 9):
        issue = make_issue(board, month, sections=7)
        feedback = Feedback.objects.create(
            issue=issue, cell=cell, present=8, total=9, rating=4, questions="Hỏi", answer="Đáp"
        )
        SectionRating.objects.bulk_create(
            SectionRating(feedback=feedback, section=section, rating=5)
            for section in issue.sections.filter(level=1)
        )
    client.force_login(reader)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("feedback:list"))
    assert len(response.context["feedback"]) == 8
    with django_assert_max_num_queries(18):
        response = client.get(form_url(issue))
    assert len(response.context["form"].sections) == 3


def test_the_staff_policy_gives_feedback_to_the_issues_publisher_only(boards, reader):
    a, b = boards
    for user in (a.editor, a.approver):
        assert policy.can(user, rules.VIEW_FEEDBACK, a.published)
        assert policy.can(user, rules.ANSWER, a.published)
        assert a.published in policy.issues_for(user, rules.VIEW_FEEDBACK)
    for user in (b.editor, b.approver, reader):
        assert not policy.can(user, rules.VIEW_FEEDBACK, a.published)
        assert not policy.can(user, rules.ANSWER, a.published)
        assert a.published not in policy.issues_for(user, rules.VIEW_FEEDBACK)
