"""The admin home: the calendar of the next issues and what waits for each staff member."""

import datetime

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import APPROVER, EDITOR
from bulletins import provenance, workflow
from bulletins.models import Issue, PublisherSettings
from bulletins.worklist import work_list
from people.models import Organisation

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 26)


def staff(board, slug):
    editor = make_user(f"bientap_{slug}", groups=[EDITOR], is_staff=True)
    approver = make_user(f"pheduyet_{slug}", groups=[APPROVER], is_staff=True)
    editor.organisations.set([board])
    approver.organisations.set([board])
    return editor, approver


@pytest.fixture
def city_board(city):
    return Organisation.objects.create(
        name="Ban Tuyên giáo và Dân vận Thành ủy", kind=Organisation.Kind.BOARD, parent=city
    )


@pytest.fixture
def people(city_board):
    return staff(city_board, "tp")


def rows(work):
    return [
        (due.publisher.name, due.kind, due.month, due.due, str(due.state), due.at_risk)
        for due in work.calendar
    ]


def test_calendar_shows_the_next_regular_and_thematic_issue_with_their_state(city_board, people):
    editor, _approver = people
    make_issue(city_board, 12, published=False, sections=1)
    work = work_list(editor, today=TODAY)
    assert rows(work) == [
        # The November meeting (the 3rd) is past: December's issue is next, due the 2nd.
        (city_board.name, "regular", 12, datetime.date(2026, 12, 2), "Bản nháp", True),
        # The quarter's thematic issue, due by the last day of December; not started.
        (city_board.name, "thematic", 12, datetime.date(2026, 12, 31), "Chưa có", False),
    ]
    assert [due.month for due in work.at_risk] == [12]


def test_a_publishers_own_meeting_day_moves_the_deadline(city_board, people):
    editor, _approver = people
    PublisherSettings.objects.create(publisher=city_board, meeting_day=28)
    work = work_list(editor, today=TODAY)
    # Cells meet on the 28th: November's issue is still due, on the 27th, and missing.
    assert rows(work)[0] == (
        city_board.name,
        "regular",
        11,
        datetime.date(2026, 11, 27),
        "Chưa có",
        True,
    )


def test_an_unpublished_issue_past_its_day_is_overdue_and_a_published_one_is_not(
    city_board, people
):
    editor, _approver = people
    make_issue(city_board, 10, published=False, sections=1)  # due 2 October
    make_issue(city_board, 12, sections=1)  # published: on time
    work = work_list(editor, today=TODAY)
    overdue = [due for due in work.calendar if due.overdue]
    assert [(due.month, due.due, due.at_risk) for due in overdue] == [
        (10, datetime.date(2026, 10, 2), True)
    ]
    december = next(due for due in work.calendar if due.kind == "regular" and due.month == 12)
    assert not december.at_risk
    assert str(december.state) == "Đã phát hành"


def test_what_waits_for_the_editor_and_for_the_approver(city_board, people, board):
    editor, approver = people
    sent_back = make_issue(city_board, 12, published=False, sections=1)
    workflow.apply(sent_back, "submit", editor)
    workflow.apply(sent_back, "send_back", approver, comment="Bổ sung tin hoạt động của phường")
    submitted = make_issue(city_board, 11, published=False, sections=1)
    workflow.apply(submitted, "submit", editor)
    other_editor, other_approver = staff(board, "khac")
    make_issue(board, 12, published=False, sections=1)

    for_editor = work_list(editor, today=TODAY)
    assert for_editor.to_review == []
    assert [(issue, issue.comment) for issue in for_editor.sent_back] == [
        (sent_back, "Bổ sung tin hoạt động của phường")
    ]
    for_approver = work_list(approver, today=TODAY)
    assert for_approver.to_review == [submitted]
    assert for_approver.sent_back == []
    # Another board's staff see their own calendar only, and nothing of the city board's.
    for other in (other_editor, other_approver):
        work = work_list(other, today=TODAY)
        assert {due.publisher for due in work.calendar} == {board}
        assert work.to_review == [] and work.sent_back == []


def test_a_reader_has_no_work_list(reader):
    work = work_list(reader, today=TODAY)
    assert (work.calendar, work.to_review, work.sent_back, work.corrections) == ([], [], [], [])


def take_and_correct(editor, city_board, province_board, month):
    upstream = make_issue(province_board, month, sections=1)
    draft = make_issue(city_board, month, published=False, sections=1)
    provenance.take(list(upstream.sections.all()), draft, editor)
    source = upstream.sections.get()
    with reversion.create_revision():
        source.heading = f"{source.heading} (đã đính chính)"
        source.save()


def test_the_admin_home_shows_it_in_a_bounded_number_of_queries(
    client, city, city_board, people, django_assert_max_num_queries
):
    editor, _approver = people
    province_board = Organisation.objects.create(
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        kind=Organisation.Kind.BOARD,
        parent=city.parent,
    )
    take_and_correct(editor, city_board, province_board, 9)
    client.force_login(editor)
    url = reverse("admin:index")
    with CaptureQueriesContext(connection) as few:
        page = client.get(url).content.decode()
    assert "Đính chính từ cấp trên cần xem xét" in page
    assert page.count('class="upstream-correction"') == 1
    assert "Lịch các số sắp tới" in page
    for month in (10, 11, 12):
        take_and_correct(editor, city_board, province_board, month)
    second_board = Organisation.objects.create(
        name="Ban Tổ chức Thành ủy", kind=Organisation.Kind.BOARD, parent=city
    )
    editor.organisations.add(second_board)
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert page.count('class="upstream-correction"') == 4
    calendar = page[page.index("Lịch các số sắp tới") :]
    assert calendar.count("Ban Tổ chức Thành ủy") == 2  # its regular and thematic issues


def test_the_admin_home_lists_issues_at_risk(client, city_board, people):
    editor, _approver = people
    today = timezone.localdate()
    draft = Issue.objects.create(publisher=city_board, year=today.year, month=today.month)
    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    risk = page[page.index("Có nguy cơ không kịp ngày sinh hoạt chi bộ") :]
    assert reverse("admin:bulletins_issue_change", args=[draft.pk]) in risk
