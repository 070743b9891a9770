"""The smaller holes of the audit (issue #13, item 8), each performed and checked."""

import csv
import datetime
import io
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roles
from bulletins.confirmations import read_report, write_report_csv
from bulletins.models import EditorUpload, ReadConfirmation
from portal import pdf

from .factories import PASSWORD, make_user
from .forms import form_data
from .test_hostile_uploads import png

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]
)
def test_read_report_cells_never_become_formulas(published_issue, reader, cell, name):
    reader.first_name, reader.last_name = name, ""
    reader.save()
    ReadConfirmation.objects.create(issue=published_issue, reader=reader)
    cell.name = name
    cell.save()
    stream = io.StringIO()
    write_report_csv(read_report(published_issue), stream, ["a", "b", "c", "d", "e"])
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    cells = [value for row in rows[1:] for value in row if value]
    assert cells, rows
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in cells)
    assert f"'{name}" in cells  # still readable, as text


@pytest.mark.parametrize(
    "url",
    [
        "/media/images/../../secret.txt",
        "/media/images/%2e%2e/%2e%2e/secret.txt",
        "/media/images/%2E%2E/%2E%2E/secret.txt",
        "/static/../secret.txt",
    ],
)
def test_the_pdf_takes_no_file_from_outside_media_root(settings, tmp_path, url):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("SECRET_KEY=...")
    # The section's body recorded the path as shown (record_images keeps what src says).
    recorded = {"images/../../secret.txt"}
    from urllib.parse import unquote, urlsplit

    assert pdf._local_file(unquote(urlsplit(url).path), recorded) is None


def test_the_pdf_still_takes_the_issues_own_images(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "anh.png").write_bytes(png())
    found = pdf._local_file("/media/images/anh.png", {"images/anh.png"})
    assert Path(found) == (tmp_path / "images" / "anh.png").resolve()


class TestNoServerErrors:
    @pytest.mark.parametrize("url", ["documents:list", "people:event_list"])
    def test_a_huge_year(self, client, reader, url):
        client.force_login(reader)
        response = client.get(reverse(url), {"year": "99999999999999999999"})
        assert response.status_code == 200

    def test_a_very_long_username(self, client, reader):
        response = client.post(reverse("login"), {"username": "x" * 300, "password": "sai"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session

    def test_sorting_issues_by_title(self, client, editor, published_issue, draft_issue):
        client.force_login(editor)
        titles = {}
        for order in ("1", "-1"):
            response = client.get(reverse("admin:bulletins_issue_changelist"), {"o": order})
            assert response.status_code == 200
            titles[order] = [issue.title for issue in response.context["cl"].result_list]
        assert titles["1"] == [published_issue.title, draft_issue.title]  # month 10, then 11
        assert titles["-1"] == titles["1"][::-1]


class TestHeaders:
    def test_internal_pages_are_private_and_under_a_policy(self, client, reader, published_issue):
        client.force_login(reader)
        response = client.get(published_issue.get_absolute_url())
        assert "private" in response["Cache-Control"]
        policy = response["Content-Security-Policy"]
        for directive in ("script-src 'self'", "object-src 'none'", "base-uri 'none'"):
            assert directive in policy
        assert "frame-ancestors 'none'" in policy
        assert "camera=()" in response["Permissions-Policy"]

    def test_the_admin_allows_what_the_editor_needs_and_no_inline_script(self, client, editor):
        client.force_login(editor)
        policy = client.get(reverse("admin:index"))["Content-Security-Policy"]
        assert "script-src 'self';" in policy + ";"
        assert "style-src 'self' 'unsafe-inline'" in policy


class TestClientAddress:
    def login_from(self, client, username, forwarded):
        return client.post(
            reverse("login"),
            {"username": username, "password": "sai"},
            HTTP_X_FORWARDED_FOR=forwarded,
            REMOTE_ADDR="10.0.0.2",
        )

    def test_rotating_the_forwarded_address_does_not_dodge_the_lock_out(
        self, client, settings, reader
    ):
        settings.TRUSTED_PROXY_COUNT = 1
        for n in range(5):
            self.login_from(client, reader.username, f"6.6.6.{n}, 203.0.113.9")
        response = client.post(
            reverse("login"),
            {"username": reader.username, "password": PASSWORD},
            HTTP_X_FORWARDED_FOR="7.7.7.7, 203.0.113.9",
        )
        assert response.status_code == 429
        assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}

    def test_spraying_one_password_over_many_accounts_locks_the_address(self, client, cell):
        for n in range(5):
            make_user(f"bithu_{n}", groups=[roles.SECRETARY])
            client.post(reverse("login"), {"username": f"bithu_{n}", "password": "123456"})
        target = make_user("bithu_that", groups=[roles.SECRETARY])
        response = client.post(
            reverse("login"), {"username": target.username, "password": PASSWORD}
        )
        assert response.status_code == 429


def test_an_unused_upload_stays_with_the_uploaders_publishers(client, settings, tmp_path, boards):
    settings.MEDIA_ROOT = tmp_path
    a, b = boards
    client.force_login(a.editor)
    url = client.post(
        reverse("ck_editor_5_upload_file"), {"upload": SimpleUploadedFile("a.png", png())}
    ).json()["url"]
    assert EditorUpload.objects.get().uploaded_by == a.editor
    assert client.get(url).status_code == 200
    client.force_login(a.approver)  # same publisher
    assert client.get(url).status_code == 200
    for outsider in (b.editor, b.approver):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_dates_are_typed_day_first(client, editor, directive):
    client.force_login(editor)
    url = reverse("admin:documents_document_change", args=[directive.pk])
    data = form_data(client.get(url).content.decode(), "document_form")
    data["issued_on"] = "13/01/2019"
    assert client.post(url, data).status_code == 302
    directive.refresh_from_db()
    assert directive.issued_on == datetime.date(2019, 1, 13)
