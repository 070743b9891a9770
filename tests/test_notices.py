"""Notices: who is told of what, by the bell and by e-mail, once, whatever the mail server does."""

import datetime
import smtplib
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from accounts import roles
from accounts.models import User
from bulletins import workflow
from bulletins.models import Issue, PublisherSettings, ReadConfirmation
from notices import notify
from notices.models import Delivery, Kind, Notice, Preference
from notices.reminders import create_reminders
from notices.sending import deliver_pending
from notices.tasks import send_reminders
from people.models import Organisation, Succession, Transfer

from .factories import make_issue, make_user
from .forms import form_data
from .support import run_worker

pytestmark = pytest.mark.django_db
SECRETARY = roles.SECRETARY
LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
IMMEDIATE = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": []}
}


class BrokenBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Máy chủ thư không trả lời")


@pytest.fixture
def tasks_inline(settings):
    """The task enqueued on commit runs at once, as a worker would run it."""
    settings.TASKS = IMMEDIATE


@pytest.fixture
def secretary(reader):
    reader.email = "bithu5@example.org"
    reader.save()
    return reader


@pytest.fixture
def other_ward_secretary(city):
    ward = Organisation.objects.create(name="Đảng ủy phường Sông Hiến", kind="ward", parent=city)
    cell = Organisation.objects.create(name="Chi bộ Tổ 9", kind="cell", parent=ward)
    user = make_user("bithu9", groups=[SECRETARY], email="bithu9@example.org")
    user.organisations.set([cell])
    return user


def publish(issue, approver, capture):
    with capture(execute=True):
        return workflow.apply(issue, "publish", approver)


def for_ward(issue, ward):
    issue.audience = Issue.Audience.ORGANISATIONS
    issue.save()
    issue.audience_organisations.set([ward])


class TestNewIssue:
    def test_the_secretary_gets_the_notice_and_the_email(
        self, secretary, approver, draft_issue, tasks_inline, django_capture_on_commit_callbacks
    ):
        publish(draft_issue, approver, django_capture_on_commit_callbacks)

        notice = Notice.objects.get(recipient=secretary)
        assert notice.kind == Kind.NEW_ISSUE
        assert notice.issue == draft_issue
        assert draft_issue.title in notice.text
        assert [message.to for message in mail.outbox] == [["bithu5@example.org"]]
        assert draft_issue.get_absolute_url() in mail.outbox[0].body
        assert Delivery.objects.get(notice=notice).status == Delivery.Status.SENT

    def test_not_when_the_issue_is_for_another_ward(
        self,
        secretary,
        other_ward_secretary,
        approver,
        draft_issue,
        tasks_inline,
        django_capture_on_commit_callbacks,
    ):
        for_ward(draft_issue, other_ward_secretary.organisations.get().parent)
        publish(draft_issue, approver, django_capture_on_commit_callbacks)

        assert not Notice.objects.filter(recipient=secretary).exists()
        assert Notice.objects.get(recipient=other_ward_secretary).kind == Kind.NEW_ISSUE
        assert [message.to for message in mail.outbox] == [["bithu9@example.org"]]

    def test_nothing_is_told_before_the_step_commits(
        self, secretary, approver, draft_issue, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            workflow.apply(draft_issue, "publish", approver)
        assert callbacks  # the signal waits for the commit
        assert not Notice.objects.exists()

    @pytest.mark.django_db(transaction=True)  # the worker sees what the step committed
    def test_the_readers_notices_are_made_by_the_worker(
        self, committed_db, secretary, approver, draft_issue, django_capture_on_commit_callbacks
    ):
        """An issue for every cell reaches thousands: the approver's request only enqueues."""
        publish(draft_issue, approver, django_capture_on_commit_callbacks)
        assert not Notice.objects.filter(recipient=secretary).exists()
        assert not mail.outbox
        run_worker()  # makes the notices, then sends them (queued once the notices commit)
        assert Notice.objects.get(recipient=secretary).kind == Kind.NEW_ISSUE
        assert [message.to for message in mail.outbox] == [["bithu5@example.org"]]
        run_worker()
        assert len(mail.outbox) == 1  # sent once

    def test_a_switched_off_kind_is_not_sent(
        self, secretary, approver, draft_issue, tasks_inline, django_capture_on_commit_callbacks
    ):
        Preference.objects.create(
            user=secretary, kind=Kind.NEW_ISSUE, channel="email", enabled=False
        )
        publish(draft_issue, approver, django_capture_on_commit_callbacks)
        assert Notice.objects.get(recipient=secretary).in_site
        assert not Delivery.objects.exists()
        assert not mail.outbox

        Preference.objects.filter(user=secretary).update(channel="site")
        Notice.objects.all().delete()
        notify([secretary], Kind.NEW_ISSUE, issue=draft_issue, text="Số mới")
        # Off in the site, on by e-mail: no bell, the e-mail still goes.
        assert not Notice.objects.shown_to(secretary).exists()
        assert Delivery.objects.get().notice.recipient == secretary

    def test_a_failed_mail_server_never_breaks_the_publication(
        self,
        settings,
        secretary,
        approver,
        draft_issue,
        tasks_inline,
        django_capture_on_commit_callbacks,
    ):
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenBackend"}}
        issue = publish(draft_issue, approver, django_capture_on_commit_callbacks)

        issue.refresh_from_db()
        assert issue.status == Issue.Status.PUBLISHED
        delivery = Delivery.objects.get(notice__recipient=secretary)
        assert delivery.status == Delivery.Status.PENDING
        assert delivery.attempts == 1
        assert "Máy chủ thư không trả lời" in delivery.last_error
        assert delivery.next_attempt_at > timezone.now()

        settings.MAILERS = LOCMEM
        call_command("send_reminders", stdout=StringIO())
        assert not mail.outbox  # it waits for its next attempt, not every run

        Delivery.objects.update(next_attempt_at=timezone.now())  # five minutes later
        call_command("send_reminders", stdout=StringIO())
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)
        assert [message.to for message in mail.outbox] == [["bithu5@example.org"]]

    def test_deliveries_are_given_up_after_the_last_attempt(self, settings, secretary):
        settings.MAILERS = {"default": {"BACKEND": f"{__name__}.BrokenBackend"}}
        notify([secretary], Kind.ANSWER, text="Trả lời câu hỏi của chi bộ", link="/")
        later = timezone.now()
        for _attempt in range(10):
            later += datetime.timedelta(days=1)
            deliver_pending(now=later)
        delivery = Delivery.objects.get()
        assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 10)
        assert deliver_pending(now=later + datetime.timedelta(days=1)) == (0, 0)


class TestStaffNotices:
    def test_the_approver_hears_of_a_submitted_issue_and_the_editor_of_its_return(
        self, editor, approver, board, django_capture_on_commit_callbacks
    ):
        issue = make_issue(board, 11, published=False)
        Issue.objects.filter(pk=issue.pk).update(created_by=editor)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply(issue, "submit", editor)
        waiting = Notice.objects.get(recipient=approver)
        assert waiting.kind == Kind.AWAITING_REVIEW
        assert waiting.link == reverse("admin:bulletins_issue_change", args=[issue.pk])
        assert not Notice.objects.filter(recipient=editor).exists()  # not told of her own step

        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply(issue, "send_back", approver, comment="Bổ sung số liệu mục 2")
        sent_back = Notice.objects.get(recipient=editor)
        assert sent_back.kind == Kind.SENT_BACK
        assert "Bổ sung số liệu mục 2" in sent_back.text

    def test_another_boards_approver_hears_nothing(
        self, editor, approver, board, city, django_capture_on_commit_callbacks
    ):
        other_board = Organisation.objects.create(name="Ban Dân vận", kind="board", parent=city)
        stranger = make_user("pheduyet_dv", groups=[roles.APPROVER], is_staff=True)
        stranger.organisations.set([other_board])
        issue = make_issue(board, 11, published=False)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply(issue, "submit", editor)
        assert list(Notice.objects.values_list("recipient__username", flat=True)) == [
            approver.username
        ]

    def test_a_scheduled_publication_tells_editor_approver_and_readers(
        self, editor, approver, secretary, board, tasks_inline, django_capture_on_commit_callbacks
    ):
        issue = make_issue(board, 11, published=False)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply(issue, "submit", editor)
            workflow.apply(
                issue, "schedule", approver, when=timezone.now() + datetime.timedelta(days=1)
            )
        Notice.objects.all().delete()
        due = timezone.now() - datetime.timedelta(minutes=1)  # its time has come
        Issue.objects.filter(pk=issue.pk).update(published_at=due)

        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish_due()
        kinds = dict(Notice.objects.values_list("recipient__username", "kind"))
        assert kinds == {
            editor.username: Kind.PUBLISHED,
            approver.username: Kind.SCHEDULED_PUBLISHED,
            secretary.username: Kind.NEW_ISSUE,
        }

    def test_the_editor_hears_of_a_correction_with_its_reason(
        self, client, editor, approver, board, django_capture_on_commit_callbacks
    ):
        issue = make_issue(board, 11, published=False)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.apply(issue, "submit", editor)
            workflow.apply(issue, "publish", approver)
        Notice.objects.all().delete()

        url = reverse("admin:bulletins_issue_change", args=[issue.pk])
        client.force_login(approver)
        data = form_data(client.get(url).content.decode(), "issue_form")
        data["sections-0-heading"] = "Tiêu đề đã đính chính"
        data["correction_note"] = "Đính chính tên văn bản ở mục 1."
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(url, data).status_code == 302
        notice = Notice.objects.get()
        assert (notice.recipient, notice.kind) == (editor, Kind.CORRECTED)
        assert "Đính chính tên văn bản ở mục 1." in notice.text

        # Going back to the earlier version is a correction too, told once.
        Notice.objects.all().delete()
        first = Version.objects.get_for_object(issue).order_by("pk").first()
        revert_url = reverse("admin:bulletins_issue_revision", args=[issue.pk, first.pk])
        data = form_data(client.get(revert_url).content.decode(), "issue_form")
        data["correction_note"] = "Trở lại bản trước: đính chính nhầm."
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(revert_url, data).status_code == 302
        notice = Notice.objects.get()
        assert (notice.recipient, notice.kind) == (editor, Kind.CORRECTED)
        assert "Trở lại bản trước" in notice.text


class TestReminders:
    @pytest.fixture
    def due(self, board, secretary):
        """This month's issue, its meeting three days ahead, reminders from two days before."""
        today = timezone.localdate()
        issue = make_issue(board, today.month)
        Issue.objects.filter(pk=issue.pk).update(year=today.year)
        meeting_day = today + datetime.timedelta(days=3)
        if meeting_day.month != today.month:  # the meeting falls next month: use its issue
            Issue.objects.filter(pk=issue.pk).update(year=meeting_day.year, month=meeting_day.month)
        PublisherSettings.objects.create(
            publisher=board, meeting_day=meeting_day.day, reminder_days=2
        )
        issue.refresh_from_db()
        return issue, meeting_day

    def test_made_once_across_runs_and_only_in_the_window(self, due, secretary, settings):
        issue, meeting_day = due
        assert create_reminders(meeting_day - datetime.timedelta(days=3)) == 0  # too early
        out = StringIO()
        # The same day twice, then the next day: one reminder.
        assert create_reminders(meeting_day - datetime.timedelta(days=2)) == 1
        assert create_reminders(meeting_day - datetime.timedelta(days=2)) == 0
        assert create_reminders(meeting_day - datetime.timedelta(days=1)) == 0
        call_command("send_reminders", stdout=out)
        reminder = Notice.objects.get(kind=Kind.REMINDER)
        assert (reminder.recipient, reminder.issue) == (secretary, issue)
        assert meeting_day.strftime("%d/%m/%Y") in reminder.text
        assert [message.to for message in mail.outbox] == [["bithu5@example.org"]]
        assert create_reminders(meeting_day + datetime.timedelta(days=1)) == 0  # too late

    def test_the_command_run_twice_makes_one_reminder(self, due, secretary):
        _issue, meeting_day = due
        if timezone.localdate() < meeting_day - datetime.timedelta(days=2):
            PublisherSettings.objects.update(reminder_days=3)
        call_command("send_reminders", stdout=StringIO())
        call_command("send_reminders", stdout=StringIO())
        assert Notice.objects.filter(kind=Kind.REMINDER, recipient=secretary).count() == 1
        assert len(mail.outbox) == 1

    @pytest.mark.django_db(transaction=True)
    def test_the_worker_runs_the_reminders_as_a_task(self, committed_db, due, secretary):
        _issue, meeting_day = due
        if timezone.localdate() < meeting_day - datetime.timedelta(days=2):
            PublisherSettings.objects.update(reminder_days=3)
        result = send_reminders.enqueue()
        run_worker()
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == {"reminders": 1, "sent": 1, "failed": 0}
        assert Notice.objects.get(kind=Kind.REMINDER).recipient == secretary

    def test_a_cell_that_confirmed_is_not_reminded(self, due, secretary, cell):
        issue, meeting_day = due
        fellow = make_user("phobithu5", groups=[SECRETARY])
        fellow.organisations.set([cell])
        ReadConfirmation.objects.create(issue=issue, reader=fellow)
        assert create_reminders(meeting_day - datetime.timedelta(days=1)) == 0

    def test_the_database_refuses_a_second_copy(self, due, secretary):
        from django.db import IntegrityError, transaction

        issue, meeting_day = due
        create_reminders(meeting_day)
        reminder = Notice.objects.get(kind=Kind.REMINDER)
        with pytest.raises(IntegrityError), transaction.atomic():
            Notice.objects.create(
                recipient=secretary, kind=Kind.REMINDER, issue=issue, key=reminder.key, text="x"
            )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_make_each_reminder_once(committed_db, board, cell):
    today = timezone.localdate()
    meeting_day = today + datetime.timedelta(days=1)
    issue = make_issue(board, meeting_day.month)
    Issue.objects.filter(pk=issue.pk).update(year=meeting_day.year)
    PublisherSettings.objects.create(publisher=board, meeting_day=meeting_day.day)
    for number in range(30):
        user = make_user(f"bithu{number}", groups=[SECRETARY])
        user.organisations.set([cell])
    barrier, errors = threading.Barrier(2), []

    def run():
        try:
            barrier.wait()
            create_reminders(today)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Notice.objects.filter(kind=Kind.REMINDER).count() == 30


class TestReadersOfAnIssue:
    """``Issue.objects.readers`` is ``visible_to`` seen from the issue: they must agree."""

    def test_agrees_with_visible_to_for_every_account(self, city, board):
        day = datetime.date(2026, 6, 1)
        ward_a = Organisation.objects.create(name="Phường A", kind="ward", parent=city)
        ward_b = Organisation.objects.create(name="Phường B", kind="ward", parent=city)
        ward_c = Organisation.objects.create(name="Phường C", kind="ward", parent=city)
        ward_e = Organisation.objects.create(name="Phường E", kind="ward", parent=city)
        cells = {
            name: Organisation.objects.create(name=f"Chi bộ {name}", kind="cell", parent=parent)
            for name, parent in [
                ("a1", ward_a),
                ("a2", ward_a),
                ("b1", ward_b),
                ("c1", ward_c),
                ("moved", ward_a),
            ]
        }
        # E dissolved into C on 1 March; C merged into A on 1 June; a cell moved B -> A on 1 June.
        Succession.objects.create(
            predecessor=ward_e, successor=ward_c, kind="dissolved", date=datetime.date(2026, 3, 1)
        )
        Succession.objects.create(predecessor=ward_c, successor=ward_a, kind="merged", date=day)
        Transfer.objects.create(
            organisation=cells["moved"], from_parent=ward_b, to_parent=ward_a, date=day
        )
        users = [make_user(f"bithu_{name}", groups=[SECRETARY]) for name in cells]
        for user, cell in zip(users, cells.values(), strict=True):
            user.organisations.set([cell])
        users += [
            make_user("khong_chi_bo"),
            make_user("hai_chi_bo", groups=[SECRETARY]),
            make_user("cap_phuong"),
            User.objects.create_superuser("quantri", "qt@example.org", "x"),
        ]
        users[-3].organisations.set([cells["b1"], cells["c1"]])
        users[-2].organisations.set([ward_b])

        def at(month, when, audience=None, status=Issue.Status.PUBLISHED):
            issue = make_issue(board, month, sections=1)
            Issue.objects.filter(pk=issue.pk).update(
                status=status,
                published_at=timezone.make_aware(datetime.datetime.combine(when, datetime.time(9))),
            )
            if audience is not None:
                for_ward(issue, audience)
            return issue

        issues = [
            at(1, datetime.date(2026, 1, 5), ward_e),  # before both changes: reaches C and A
            at(2, datetime.date(2026, 4, 5), ward_e),  # after E's dissolution: E only
            at(3, datetime.date(2026, 4, 6), ward_c),  # before the merger: C and A
            at(4, datetime.date(2026, 5, 31), ward_b),  # the moved cell still reads it
            at(5, datetime.date(2026, 6, 1), ward_b),  # the day of the move: no longer
            at(6, datetime.date(2026, 6, 2), ward_a),
            at(7, datetime.date(2026, 6, 2), city),
            at(8, datetime.date(2026, 6, 3)),  # internal
            at(9, datetime.date(2026, 6, 3), ward_a, status=Issue.Status.WITHDRAWN),  # withdrawn
            at(10, datetime.date(2026, 6, 3), ward_a, status=Issue.Status.DRAFT),
            at(11, timezone.localdate() + datetime.timedelta(5), ward_a, Issue.Status.SCHEDULED),
            at(12, datetime.date(2026, 6, 4), ward_a, status=Issue.Status.SCHEDULED),  # due
        ]
        for issue in issues:
            expected = {
                user.username
                for user in users
                if Issue.objects.visible_to(User.objects.get(pk=user.pk)).filter(pk=issue.pk)
            }
            found = set(Issue.objects.readers(issue).values_list("username", flat=True))
            assert found == expected, issue.month
        # The fixture exercises every branch of the rule, not only "everyone" and "no one".
        sizes = {len(Issue.objects.readers(issue)) for issue in issues}
        assert len(sizes) >= 5

    def test_one_query_for_any_number_of_readers(self, board, cell, django_assert_max_num_queries):
        issue = make_issue(board, 5)
        for_ward(issue, cell.parent)
        for number in range(40):
            make_user(f"bithu{number}", groups=[SECRETARY]).organisations.set([cell])
        with django_assert_max_num_queries(5):
            assert len(Issue.objects.readers(issue)) == 40


class TestPages:
    def test_the_bell_counts_unread_notices_in_one_query(
        self, client, secretary, published_issue, django_assert_max_num_queries
    ):
        for number in range(3):
            notify([secretary], Kind.ANSWER, text=f"Trả lời số {number}", link="/")
        client.force_login(secretary)
        html = client.get(reverse("bulletins:archive")).content.decode()
        assert 'class="bell-count">3<' in html
        with django_assert_max_num_queries(8):
            response = client.get(reverse("notices:list"))
        assert response.content.decode().count("Trả lời số") == 3

    def test_opening_a_notice_marks_it_read_and_follows_its_link(
        self, client, secretary, published_issue
    ):
        notify(
            [secretary],
            Kind.NEW_ISSUE,
            issue=published_issue,
            text="Số mới",
            link=published_issue.get_absolute_url(),
        )
        notice = Notice.objects.get()
        client.force_login(secretary)
        response = client.post(reverse("notices:open", args=[notice.pk]))
        assert response.url == published_issue.get_absolute_url()
        notice.refresh_from_db()
        assert notice.read_at is not None
        assert 'class="bell-count"' not in client.get(reverse("notices:list")).content.decode()

    def test_the_issue_page_is_not_served_from_the_readers_copy_after_a_new_notice(
        self, client, secretary, published_issue
    ):
        client.force_login(secretary)
        url = published_issue.get_absolute_url()
        etag = client.get(url)["ETag"]
        assert client.get(url, headers={"if-none-match": etag}).status_code == 304
        notify([secretary], Kind.ANSWER, text="Trả lời", link="/")
        response = client.get(url, headers={"if-none-match": etag})
        assert response.status_code == 200
        assert 'class="bell-count">1<' in response.content.decode()

    def test_a_reader_switches_a_kind_off(self, client, secretary):
        client.force_login(secretary)
        url = reverse("notices:settings")
        html = client.get(url).content.decode()
        assert "new_issue:email" in html
        assert "awaiting_review" not in html  # staff kinds are not offered to readers
        data = form_data(html, "notice-settings")
        data.pop("reminder:email")
        assert client.post(url, data).status_code == 302
        assert list(
            Preference.objects.filter(user=secretary, enabled=False).values_list("kind", "channel")
        ) == [("reminder", "email")]
        notify([secretary], Kind.REMINDER, text="Nhắc", link="/", key="k")
        assert not Delivery.objects.exists()

    def test_notify_refuses_a_link_off_the_site(self, secretary):
        with pytest.raises(ValueError):
            notify([secretary], Kind.ANSWER, text="x", link="https://example.com/")

    def test_each_account_sees_only_her_own_notices(self, client, secretary, editor):
        notify([secretary], Kind.ANSWER, text="Trả lời chi bộ Tổ 5", link="/")
        notify([editor], Kind.SENT_BACK, text="Số tháng 11 bị trả lại", link="/")
        client.force_login(editor)
        html = client.get(reverse("notices:list")).content.decode()
        assert "Số tháng 11 bị trả lại" in html
        assert "Trả lời chi bộ Tổ 5" not in html
        mine = Notice.objects.get(recipient=secretary)
        assert client.post(reverse("notices:open", args=[mine.pk])).status_code == 404
        client.post(reverse("notices:read_all"))
        assert Notice.objects.get(pk=mine.pk).read_at is None

    def test_the_admin_header_shows_the_bell(self, client, editor):
        notify([editor], Kind.SENT_BACK, text="Số tháng 11 bị trả lại", link="/")
        client.force_login(editor)
        html = client.get(reverse("admin:index")).content.decode()
        assert f'href="{reverse("notices:list")}">Thông báo (1' in html

    def test_the_settings_page_in_few_queries(
        self, client, approver, django_assert_max_num_queries
    ):
        client.force_login(approver)
        with django_assert_max_num_queries(10):
            html = client.get(reverse("notices:settings")).content.decode()
        assert "awaiting_review:email" in html
        assert "new_issue" not in html
