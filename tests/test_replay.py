"""Readers' pages replayed to the session that saw them (portal.replay): answered without
rendering, and never once anything the page shows, or the session, has changed."""

import datetime
import io
import time

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from accounts import roles
from accounts.middleware import IdleSessionMiddleware
from bulletins.models import Issue, ReadConfirmation
from notices.models import Notice
from portal import pdf, replay
from portal.views import issues as issue_views

from .factories import PASSWORD, make_issue, make_user

pytestmark = pytest.mark.django_db

# What a replay may ask the database: the audit of the opening, nothing else.
AUDIT = ("SAVEPOINT", "RELEASE", "SET LOCAL", 'INSERT INTO "auditlog_logentry"', "BEGIN")


@pytest.fixture(autouse=True)
def replays(settings):
    settings.REPLAY_PAGES = True
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


def logged_in(user):
    """A browser logged in through the login form, which leaves it the CSRF cookie."""
    client = Client()
    client.force_login(user)
    client.cookies[settings.CSRF_COOKIE_NAME] = get_random_string(32)
    return client


def replayed(client, url, **headers):
    """The response, and whether it was a replay: nothing read from the database."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    statements = [query["sql"] for query in queries.captured_queries]
    return response, all(sql.startswith(AUDIT) for sql in statements)


def test_a_second_visit_is_answered_without_rendering_and_still_audited(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    first, first_replayed = replayed(client, url)
    second, second_replayed = replayed(client, url)
    assert (first_replayed, second_replayed) == (False, True)
    assert second.content == first.content
    for header in ("Content-Security-Policy", "Cache-Control", "ETag", "X-Offline"):
        assert second[header] == first[header]
    openings = LogEntry.objects.get_for_object(published_issue).filter(
        action=LogEntry.Action.ACCESS
    )
    assert [(entry.actor, entry.object_repr) for entry in openings] == [
        (reader, str(published_issue))
    ] * 2


@pytest.mark.parametrize("url", ["/", "/luu-tru/", "/van-ban/", "/nhan-vat/", "/su-kien/"])
def test_other_reader_pages_are_replayed(reader, published_issue, url):
    client = logged_in(reader)
    assert not replayed(client, url)[1]
    assert replayed(client, url)[1]


def test_a_phone_coming_back_gets_a_304_from_the_replay(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    etag = client.get(url)["ETag"]
    response, was_replayed = replayed(client, url, HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, was_replayed) == (304, True)


def test_an_edit_is_read_at_the_next_visit(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    section = published_issue.sections.first()
    section.heading = "Tiêu đề đã sửa sau khi đăng"
    section.save()
    response, was_replayed = replayed(client, url)
    assert not was_replayed
    assert "Tiêu đề đã sửa sau khi đăng" in response.content.decode()


def test_a_bulk_write_without_signals_is_read_too(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    assert "bell-count" not in client.get(url).content.decode()
    Notice.objects.bulk_create(
        [Notice(recipient=reader, issue=published_issue, kind="published", text="Số mới")]
    )
    assert "bell-count" in client.get(url).content.decode()


def test_a_withdrawn_issue_is_closed_at_once(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    Issue.objects.filter(pk=published_issue.pk).update(status=Issue.Status.WITHDRAWN)
    assert client.get(url).status_code == 404


def test_a_reader_who_left_the_cell_no_longer_gets_the_page(reader, board, published_issue):
    published_issue.audience = Issue.Audience.ORGANISATIONS
    published_issue.save()
    published_issue.audience_organisations.set([reader.organisations.get()])
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    assert client.get(url).status_code == 200
    reader.organisations.clear()
    assert client.get(url).status_code == 404


def test_a_logged_out_session_cookie_gets_nothing(reader, published_issue):
    """A copy of the cookie taken before the logout (a shared computer) opens nothing."""
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    copy = Client()
    copy.cookies = client.cookies.__class__(client.cookies)
    assert copy.get(url).status_code == 200  # the same session, still open
    client.post(reverse("logout"))
    response = copy.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deactivated_account_is_shut_out(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    reader.is_active = False
    reader.save()
    assert client.get(url).status_code == 302


def test_a_page_is_never_replayed_to_another_session(reader, cell, published_issue):
    other = make_user("bithu_khac", groups=[roles.SECRETARY])
    other.organisations.set([cell])
    ReadConfirmation.objects.create(issue=published_issue, reader=other)
    url = published_issue.get_absolute_url()
    mine = logged_in(reader)
    mine.get(url)
    assert replayed(mine, url)[1]
    response, was_replayed = replayed(logged_in(other), url)
    assert not was_replayed
    assert "Bạn đã xác nhận đọc tài liệu này lúc" in response.content.decode()


def test_my_read_confirmation_shows_at_once_and_others_keep_their_replays(
    reader, cell, published_issue
):
    other = make_user("bithu_khac", groups=[roles.SECRETARY])
    other.organisations.set([cell])
    url = published_issue.get_absolute_url()
    mine, theirs = logged_in(reader), logged_in(other)
    mine.get(url), theirs.get(url)
    confirm = reverse("bulletins:confirm_read", args=[published_issue.pk])
    mine.post(confirm, HTTP_ACCEPT="application/json")
    again, was_replayed = replayed(mine, url)
    assert not was_replayed
    assert "Bạn đã xác nhận đọc tài liệu này lúc" in again.content.decode()
    # Another account's confirmation changes nothing of theirs: still a replay.
    assert replayed(theirs, url)[1]


def test_a_message_is_shown_once_and_not_replayed(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    confirm = reverse("bulletins:confirm_read", args=[published_issue.pk])
    thanks = "Cảm ơn đồng chí: việc đọc tài liệu đã được ghi nhận."
    assert thanks in client.post(confirm, follow=True).content.decode()
    assert thanks not in client.get(url).content.decode()


def test_a_new_notice_reaches_the_bell(reader, published_issue):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    before = client.get(url).content.decode()
    Notice.objects.create(recipient=reader, issue=published_issue, kind="published", text="Mới")
    response, was_replayed = replayed(client, url)
    assert not was_replayed
    assert response.content.decode() != before


def test_the_idle_refresh_is_not_skipped(reader, published_issue, monkeypatch, settings):
    """A replay ends when the session is due for its refresh, so an active reader's session
    is kept alive by replayed pages as by rendered ones."""
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    assert replayed(client, url)[1]
    later = time.time() + settings.SESSION_REFRESH_SECONDS + 1
    monkeypatch.setattr(time, "time", lambda: later)
    response, was_replayed = replayed(client, url)
    assert not was_replayed
    assert client.session[IdleSessionMiddleware.KEY] == int(later)
    assert settings.SESSION_COOKIE_NAME in response.cookies  # the refreshed expiry


def test_a_replay_ends_when_a_scheduled_issue_falls_due(
    reader, board, published_issue, monkeypatch
):
    due = make_issue(board, 11)
    due.status = Issue.Status.SCHEDULED
    due.published_at = timezone.now() + datetime.timedelta(minutes=2)
    due.save()
    client = logged_in(reader)
    client.get("/")
    assert replayed(client, "/")[1]
    later = time.time() + 150  # after the issue falls due, before the session's refresh
    monkeypatch.setattr(time, "time", lambda: later)
    assert not replayed(client, "/")[1]


def test_what_moves_which_version(reader):
    site = replay.SITE_VERSION
    assert replay._written_version('SELECT "bulletins_issue"."id" FROM "bulletins_issue"') is None
    assert replay._written_version('(SELECT "a"."id" FROM "a") UNION (SELECT 1)') is None
    assert replay._written_version('INSERT INTO "auditlog_logentry" ("action") VALUES (%s)') is None
    assert replay._written_version('UPDATE "django_session" SET "expire_date" = %s') is None
    delivered = 'UPDATE "notices_delivery" SET "status" = %s WHERE "notices_delivery"."id" = %s'
    assert replay._written_version(delivered) is None
    last_login = 'UPDATE "accounts_user" SET "last_login" = %s WHERE "accounts_user"."id" = %s'
    assert replay._written_version(last_login) is None
    assert replay._written_version('UPDATE "accounts_user" SET "is_active" = %s') == site
    assert replay._written_version('INSERT INTO "bulletins_section" ("heading")') == site
    assert replay._written_version('TRUNCATE "bulletins_issue"') == site
    confirmation = 'INSERT INTO "bulletins_readconfirmation" ("reader_id") VALUES (%s)'
    assert replay._written_version(confirmation) == site
    with replay._writing_own(reader, frozenset({"bulletins_readconfirmation"})):
        assert replay._written_version(confirmation) == replay.user_version(reader.pk)
        assert replay._written_version('INSERT INTO "bulletins_issue" ("year")') == site


def test_logins_and_openings_end_nobody_s_replays(reader, published_issue):
    """What happens on every visit (a login's timestamp, the session, the audit of an
    opening) is shown on no reader's page: the hour when most secretaries log in does not
    end everyone's replays."""
    reader.set_password(PASSWORD)
    reader.save()
    replay._move_uncommitted()
    before = cache.get(replay.SITE_VERSION)
    client = Client()
    form = {"username": reader.username, "password": PASSWORD}
    assert client.post(reverse("login"), form).status_code == 302
    client.get(published_issue.get_absolute_url())
    replay._move_uncommitted()
    assert cache.get(replay.SITE_VERSION) == before
    reader.refresh_from_db()
    assert reader.last_login is not None


def test_a_pdf_download_is_replayed_with_its_own_time(
    reader, published_issue, needs_pango, monkeypatch
):
    """The stored file with the reader's line written anew: the time of this download."""
    client = logged_in(reader)
    url = reverse("bulletins:issue_pdf", args=[published_issue.pk])
    first, first_replayed = replayed(client, url)
    later = timezone.now() + datetime.timedelta(minutes=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    second, second_replayed = replayed(client, url)
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first_replayed, second_replayed) == (False, True)
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert len(second.content) == int(second["Content-Length"]) == len(first.content)
    assert second.content != first.content
    assert second.content == pdf.ReaderCopy.of(published_issue, reader).content(later)
    openings = LogEntry.objects.get_for_object(published_issue)
    assert openings.filter(action=LogEntry.Action.ACCESS, actor=reader).count() == 2


def test_a_pdf_whose_file_was_replaced_is_made_again(reader, published_issue, needs_pango):
    client = logged_in(reader)
    url = reverse("bulletins:issue_pdf", args=[published_issue.pk])
    client.get(url)
    assert replayed(client, url)[1]
    pdf.remove_stored(published_issue.pk)
    response, was_replayed = replayed(client, url)
    assert (response.status_code, was_replayed) == (200, False)
    openings = LogEntry.objects.get_for_object(published_issue)
    assert openings.filter(action=LogEntry.Action.ACCESS).count() == 3  # once each


def test_a_new_secret_key_ends_every_replay(reader, published_issue, settings):
    """Rotating SECRET_KEY logs everybody out: a replay does not outlive it."""
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    assert replayed(client, url)[1]
    settings.SECRET_KEY = "khoa-moi-" + get_random_string(50)
    response, was_replayed = replayed(client, url)
    assert (response.status_code, was_replayed) == (302, False)


@pytest.mark.django_db(transaction=True)
def test_a_write_that_cannot_retire_the_replays_changes_nothing(
    committed_db, reader, published_issue, monkeypatch
):
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)

    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis không trả lời")

    with monkeypatch.context() as patch:
        patch.setattr(type(caches["default"]), "set_many", unreachable)
        with pytest.raises(ConnectionError):
            Issue.objects.filter(pk=published_issue.pk).update(status=Issue.Status.WITHDRAWN)
    assert Issue.objects.get(pk=published_issue.pk).status == Issue.Status.PUBLISHED


def test_a_lost_version_brings_no_old_page_back(reader, published_issue):
    """A version the cache lost (a restart, an eviction) starts anew instead of matching what
    was stored while it was missing before."""
    cache.delete(replay.SITE_VERSION)
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    assert client.get(url).status_code == 200
    Issue.objects.filter(pk=published_issue.pk).update(status=Issue.Status.WITHDRAWN)
    replay._move_uncommitted()
    cache.delete(replay.SITE_VERSION)
    assert client.get(url).status_code == 404


def test_a_page_rendered_across_a_publication_is_not_replayed_after_it(
    reader, board, published_issue, monkeypatch
):
    """Rendered just before a scheduled issue fell due, stored just after: not replayed."""
    due_at = time.time() + 60
    due = make_issue(board, 11)
    due.status = Issue.Status.SCHEDULED
    due.published_at = datetime.datetime.fromtimestamp(due_at, datetime.UTC)
    due.save()
    clock = {"now": due_at - 1}
    monkeypatch.setattr(time, "time", lambda: clock["now"])
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime.fromtimestamp(clock["now"], datetime.UTC)
    )
    home = issue_views.render

    def slow(*args, **kwargs):
        response = home(*args, **kwargs)
        clock["now"] = due_at + 0.01  # the rendering took the time across the due moment
        return response

    client = logged_in(reader)
    monkeypatch.setattr(issue_views, "render", slow)
    assert due.get_absolute_url() not in client.get("/").content.decode()
    monkeypatch.setattr(issue_views, "render", home)
    clock["now"] = due_at + 30
    assert due.get_absolute_url() in client.get("/").content.decode()


def test_the_audit_of_a_replayed_opening_names_the_reader(reader, published_issue):
    reader.email = "bithu5@chibo.example.vn"
    reader.save()
    client = logged_in(reader)
    url = published_issue.get_absolute_url()
    client.get(url)
    assert replayed(client, url)[1]
    openings = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert list(openings.values_list("actor_email", flat=True)) == [reader.email] * 2


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_ends_every_replay(committed_db, reader, board, tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_PASSPHRASE", "mat-khau-sao-luu-2026")
    issue = make_issue(board, 10)
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.WITHDRAWN)
    backups = tmp_path / "sao-luu"
    call_command("backup", "--output", str(backups), stdout=io.StringIO())
    (folder,) = backups.iterdir()
    Issue.objects.filter(pk=issue.pk).update(status=Issue.Status.PUBLISHED)
    client = logged_in(reader)
    url = issue.get_absolute_url()
    client.get(url)
    assert replayed(client, url)[1]
    call_command("restore", str(folder), "--yes", stdout=io.StringIO())
    assert client.get(url).status_code in (302, 404)  # the restored sessions, the withdrawal
