"""Regular (monthly) and thematic (quarterly) issues: titles, validation, the admin's start
of the next issue and due dates, the archive filter, and each publisher's calendar settings
changed by its own approvers only."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts import roles
from bulletins import deadlines
from bulletins.models import Issue, PublisherSettings
from people.models import CellType

from .factories import make_issue, make_user
from .forms import form_data

pytestmark = pytest.mark.django_db

TOPIC = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"


def admin_url(name, *args):
    return reverse(f"admin:bulletins_issue_{name}", args=args)


def thematic(publisher, month=6, *, published=True, topic=TOPIC):
    issue = make_issue(publisher, month, published=published, sections=2)
    issue.kind, issue.topic = Issue.Kind.THEMATIC, topic
    issue.save()
    return issue


def test_each_kind_has_its_standard_title(board):
    assert make_issue(board, 5).title == "Tài liệu phục vụ sinh hoạt chi bộ tháng 5 năm 2026"
    assert thematic(board).title == f"Tài liệu sinh hoạt chi bộ chuyên đề quý 2 năm 2026: {TOPIC}"
    assert thematic(board, 12, topic="").title == (
        "Tài liệu sinh hoạt chi bộ chuyên đề quý 4 năm 2026"
    )


def test_deadlines_follow_the_kind_and_the_publishers_settings(board):
    regular, quarterly = make_issue(board, 8), thematic(board, 9)
    assert deadlines.due_date(regular) == datetime.date(2026, 8, 2)  # before the meeting on 3rd
    assert deadlines.window(quarterly.kind, 2026, 9, deadlines.settings_for(board)) == (
        datetime.date(2026, 9, 24),
        datetime.date(2026, 9, 30),
    )
    PublisherSettings.objects.create(publisher=board, meeting_day=5, thematic_days=10)
    board.refresh_from_db()
    regular.refresh_from_db()
    assert deadlines.due_date(regular) == datetime.date(2026, 8, 4)


class TestIssueForm:
    def post_form(self, client, issue, **changes):
        url = admin_url("change", issue.pk)
        data = form_data(client.get(url).content.decode(), "issue_form")
        return client.post(url, {**data, **changes})

    def test_a_thematic_issue_is_dated_by_a_quarters_third_month_and_has_a_topic(
        self, client, editor, board
    ):
        draft = make_issue(board, 5, published=False, sections=2)
        client.force_login(editor)
        response = self.post_form(client, draft, kind="thematic", topic="")
        page = response.content.decode()
        assert response.status_code == 200
        assert "tháng thứ ba của quý" in page  # month 5 is not a quarter's last
        assert "cần có chủ đề" in page
        draft.refresh_from_db()
        assert draft.kind == Issue.Kind.REGULAR and draft.version == 1  # nothing written

        response = self.post_form(client, draft, kind="thematic", month="6", topic=TOPIC)
        assert response.status_code == 302
        draft.refresh_from_db()
        assert (draft.kind, draft.month, draft.topic) == ("thematic", 6, TOPIC)

    def test_a_regular_and_a_thematic_issue_share_a_month(self, client, editor, board):
        make_issue(board, 6, published=False)
        other = make_issue(board, 5, published=False, sections=1)
        client.force_login(editor)
        response = self.post_form(client, other, kind="thematic", month="6", topic=TOPIC)
        assert response.status_code == 302
        assert Issue.objects.filter(publisher=board, month=6).count() == 2


class TestChangeList:
    def test_kinds_are_filtered_and_due_dates_shown(self, client, editor, board):
        make_issue(board, 8)
        thematic(board, 9)
        PublisherSettings.objects.create(publisher=board, meeting_day=5)
        client.force_login(editor)
        page = client.get(admin_url("changelist"), {"kind__exact": "thematic"}).content.decode()
        assert f"chuyên đề quý 3 năm 2026: {TOPIC}" in page
        assert "tháng 8 năm 2026" not in page
        page = client.get(admin_url("changelist")).content.decode()
        assert "04/08/2026" in page  # the day before this board's meeting on the 5th
        assert "30/09/2026" in page

    def test_an_issue_past_its_due_date_is_flagged(self, client, editor, board):
        late = make_issue(board, 1, published=False)
        client.force_login(editor)
        page = client.get(admin_url("changelist")).content.decode()
        assert '<strong class="late">' in page
        late.delete()
        make_issue(board, 12, published=False)  # due 02/12/2026, not yet past in tests' 2026
        page = client.get(admin_url("changelist")).content.decode()
        assert "02/12/2026" in page


class TestStartNext:
    def test_the_next_thematic_issue_is_next_quarters_with_its_topic(self, client, editor, board):
        thematic(board, 6)
        make_issue(board, 8)
        client.force_login(editor)
        data = {"publisher": board.pk, "kind": "thematic", "topic": "Chuyển đổi số ở cơ sở"}
        response = client.post(admin_url("start_next"), data)
        issue = Issue.objects.get(publisher=board, kind="thematic", month=9)
        assert response.url == admin_url("change", issue.pk)
        assert issue.title.endswith("quý 3 năm 2026: Chuyển đổi số ở cơ sở")
        assert [s.number for s in issue.sections.all()] == ["1."]
        # The regular issues go on by month, beside it.
        client.post(admin_url("start_next"), {"publisher": board.pk, "kind": "regular"})
        assert Issue.objects.filter(publisher=board, kind="regular", month=9).exists()
        client.post(admin_url("start_next"), data)
        assert Issue.objects.filter(publisher=board, kind="thematic", month=12).exists()

    def test_a_thematic_issue_is_not_started_without_a_topic(self, client, editor, board):
        client.force_login(editor)
        for topic in ("", "   "):
            response = client.post(
                admin_url("start_next"),
                {"publisher": board.pk, "kind": "thematic", "topic": topic},
                follow=True,
            )
            assert "cần có chủ đề" in response.content.decode()
        assert not Issue.objects.exists()

    def test_another_boards_staff_cannot_start_an_issue_for_this_one(self, client, boards):
        a, b = boards
        client.force_login(b.editor)
        before = Issue.objects.count()
        data = {"publisher": a.org.pk, "kind": "thematic", "topic": "Chen ngang"}
        assert client.post(admin_url("start_next"), data).status_code == 404
        assert Issue.objects.count() == before


def test_the_archive_filters_by_kind_and_shows_it(client, reader, board):
    make_issue(board, 8)
    thematic(board, 9)
    client.force_login(reader)
    url = reverse("bulletins:archive")
    page = client.get(url, {"kind": "thematic"}).content.decode()
    assert f"chuyên đề quý 3 năm 2026: {TOPIC}" in page
    assert "tháng 8 năm 2026" not in page
    assert "Chuyên đề (hằng quý)" in page
    page = client.get(url).content.decode()
    assert "tháng 8 năm 2026" in page and "chuyên đề quý 3" in page
    page = client.get(url, {"kind": "khac"}).content.decode()  # not a kind: everything, noted
    assert "tháng 8 năm 2026" in page


def test_cited_in_lists_a_thematic_issue_by_its_title(client, reader, board, directive):
    issue = thematic(board, 9)
    section = issue.sections.first()
    section.presented_document = directive
    section.save()
    client.force_login(reader)
    page = client.get(directive.get_absolute_url()).content.decode()
    assert f"chuyên đề quý 3 năm 2026: {TOPIC}" in page


class TestPublisherSettings:
    def url(self, name, *args):
        return reverse(f"admin:bulletins_publishersettings_{name}", args=args)

    def test_approvers_change_their_boards_settings(self, client, boards):
        a, _b = boards
        settings = PublisherSettings.objects.create(publisher=a.org)
        client.force_login(a.approver)
        data = form_data(
            client.get(self.url("change", a.org.pk)).content.decode(), "publishersettings_form"
        )
        response = client.post(self.url("change", a.org.pk), {**data, "meeting_day": "5"})
        assert response.status_code == 302
        settings.refresh_from_db()
        assert settings.meeting_day == 5

    def test_another_boards_staff_cannot_see_or_change_them(self, client, boards):
        a, b = boards
        PublisherSettings.objects.create(publisher=a.org, meeting_day=4)
        PublisherSettings.objects.create(publisher=b.org, meeting_day=6)
        data = {"meeting_day": "20", "thematic_days": "7", "reminder_days": "2"}
        for user in (b.approver, b.editor, a.editor):
            client.force_login(user)
            response = client.post(self.url("change", a.org.pk), data)
            assert response.status_code == 403, user
            assert PublisherSettings.objects.get(pk=a.org.pk).meeting_day == 4
        client.force_login(b.approver)
        assert client.get(self.url("change", a.org.pk)).status_code == 403
        assert client.get(self.url("change", 999999)).status_code == 403  # the same answer
        page = client.get(self.url("changelist")).content.decode()
        assert a.org.name not in page and b.org.name in page
        client.force_login(a.editor)  # editors see their own board's settings
        assert client.get(self.url("change", a.org.pk)).status_code == 200

    def test_settings_are_added_for_ones_own_board_only(self, client, boards):
        a, b = boards
        client.force_login(b.approver)
        data = {
            "publisher": a.org.pk,
            "meeting_day": "9",
            "thematic_days": "7",
            "reminder_days": "2",
        }
        response = client.post(self.url("add"), data)
        assert response.status_code == 200  # the choice is refused by the form
        assert not PublisherSettings.objects.exists()
        data["publisher"] = b.org.pk
        assert client.post(self.url("add"), data).status_code == 302
        assert PublisherSettings.objects.get().publisher == b.org


class TestCellTypes:
    def test_system_administrators_keep_the_list_and_a_type_in_use_stays(
        self, client, editor, cell
    ):
        admin = make_user("quantri_he_thong", is_staff=True)
        admin.groups.set(Group.objects.filter(name=roles.SYSTEM_ADMIN))
        client.force_login(editor)
        url = reverse("admin:people_celltype_add")
        assert client.get(url).status_code == 403
        client.force_login(admin)
        data = {"name": "Chi bộ biên phòng", "slug": "bien-phong", "position": "8"}
        assert client.post(url, data).status_code == 302
        used = CellType.objects.get(slug="doanh-nghiep")
        cell.cell_type = used
        cell.save()
        delete = reverse("admin:people_celltype_delete", args=[used.pk])
        assert client.post(delete, {"post": "yes"}).status_code == 403
        assert CellType.objects.filter(pk=used.pk).exists()
        unused = CellType.objects.get(slug="bien-phong")
        client.post(reverse("admin:people_celltype_delete", args=[unused.pk]), {"post": "yes"})
        assert not CellType.objects.filter(pk=unused.pk).exists()
