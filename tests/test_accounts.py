"""Accounts run by admins without a shell; logins protected; everything sensitive audited."""

import csv
import io

import pytest
from auditlog.models import LogEntry
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from bulletins.confirmations import read_report
from bulletins.models import Issue, ReadConfirmation
from people.models import Organisation

from .factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:accounts_user_import")


def csv_file(rows, header=True):
    lines = ["Họ và tên,Tên đăng nhập,Email hoặc điện thoại,Chi bộ,Vai trò"] if header else []
    lines += [",".join(row) for row in rows]
    return SimpleUploadedFile("tai-khoan.csv", "\n".join(lines).encode("utf-8-sig"))


class TestCsvImport:
    def test_a_good_file_is_previewed_then_imported_with_one_time_passwords(
        self, client, superuser, cell, board
    ):
        client.force_login(superuser)
        rows = [
            ("Nông Thị Lan", "ntlan", "lan@example.org", "Chi bộ Tổ dân phố 5", "Bí thư chi bộ"),
            ("Hoàng Văn Tú", "hvtu", "0912 345 678", "Chi bộ Tổ dân phố 5", "secretary"),
            ("Bế Thị Hoa", "bthoa", "hoa@example.org", "Ban Tuyên giáo Thành ủy", "Biên tập viên"),
        ]
        preview = client.post(IMPORT_URL, {"file": csv_file(rows)})
        assert "3 tài khoản sẵn sàng để tạo" in preview.content.decode()
        assert not User.objects.filter(username="ntlan").exists()

        result = client.post(IMPORT_URL, {"confirm": "1"})
        content = result.content.decode()
        lan = User.objects.get(username="ntlan")
        assert (lan.last_name, lan.first_name, lan.email) == ("Nông Thị", "Lan", "lan@example.org")
        assert list(lan.organisations.all()) == [cell]
        assert list(lan.groups.values_list("name", flat=True)) == ["Bí thư chi bộ"]
        assert lan.must_change_password and not lan.is_staff
        assert User.objects.get(username="hvtu").phone == "0912 345 678"
        hoa = User.objects.get(username="bthoa")
        assert hoa.is_staff and list(hoa.organisations.all()) == [board]
        password = content.split("ntlan</td><td><code>")[1].split("</code>")[0]
        assert lan.check_password(password)

    def test_a_file_with_a_bad_row_imports_nothing_and_reports_every_row(
        self, client, superuser, cell, reader
    ):
        client.force_login(superuser)
        rows = [
            ("Nông Thị Lan", "ntlan", "lan@example.org", "Chi bộ Tổ dân phố 5", "Bí thư chi bộ"),
            ("Lục Văn A", reader.username, "abc", "Chi bộ Không Có", "Trưởng ban"),
            ("Lục Văn B", "ntlan", "0912345678", "Chi bộ Tổ dân phố 5", "Bí thư chi bộ"),
            ("Thiếu cột", "thieu"),
        ]
        response = client.post(IMPORT_URL, {"file": csv_file(rows)})
        content = response.content.decode()
        assert "Không có tài khoản nào được nhập" in content
        for message in [
            f"Tên đăng nhập “{reader.username}” đã có người dùng.",
            "“abc” không phải email hay số điện thoại.",
            "Không có tổ chức nào tên “Chi bộ Không Có”.",
            "Vai trò “Trưởng ban” không hợp lệ",
            "Tên đăng nhập này đã có ở dòng 2.",
            "Cần 5 cột",
        ]:
            assert message in content
        assert 'name="confirm"' not in content
        assert client.post(IMPORT_URL, {"confirm": "1"}).status_code == 200
        assert not User.objects.filter(username="ntlan").exists()

    def test_two_cells_with_one_name_must_be_told_apart(self, client, superuser, cell, city):
        ward = Organisation.objects.create(name="Đảng ủy phường Đề Thám", kind="ward", parent=city)
        Organisation.objects.create(name=cell.name, kind="cell", parent=ward)
        client.force_login(superuser)
        row = ("Nông Thị Lan", "ntlan", "lan@example.org", cell.name, "Bí thư chi bộ")
        content = client.post(IMPORT_URL, {"file": csv_file([row])}).content.decode()
        assert "Có nhiều chi bộ tên" in content
        exact = (*row[:3], f"{cell.name} / Đảng ủy phường Đề Thám", row[4])
        client.post(IMPORT_URL, {"file": csv_file([exact])})
        client.post(IMPORT_URL, {"confirm": "1"})
        assert User.objects.get(username="ntlan").organisations.get().parent == ward

    def test_a_file_that_is_not_utf8_is_refused(self, client, superuser):
        client.force_login(superuser)
        upload = SimpleUploadedFile("a.csv", "Nông Thị Lan,ntlan".encode("utf-16"))
        content = client.post(IMPORT_URL, {"file": upload}).content.decode()
        assert "UTF-8" in content

    def test_editors_cannot_import_accounts(self, client, editor, cell):
        client.force_login(editor)
        response = client.post(IMPORT_URL, {"file": csv_file([])})
        assert response.status_code == 403


def test_deactivated_accounts_can_no_longer_log_in(client, superuser, reader):
    client.force_login(superuser)
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [reader.pk, superuser.pk]},
    )
    reader.refresh_from_db()
    superuser.refresh_from_db()
    assert not reader.is_active
    assert superuser.is_active  # an administrator cannot lock themselves out
    client.logout()
    client.post(reverse("login"), {"username": reader.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_an_account_made_by_an_admin_must_change_its_password_first(client, cell):
    user = make_user("moi", groups=["Bí thư chi bộ"])
    user.must_change_password = True
    user.save()
    client.post(reverse("login"), {"username": "moi", "password": PASSWORD})
    response = client.get(reverse("bulletins:home"))
    assert response.url == reverse("password_change")
    new = "Hoa-ban-no-trang-rung-2026"
    client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    user.refresh_from_db()
    assert not user.must_change_password
    assert client.get(reverse("bulletins:home")).status_code == 200


def test_a_password_set_by_an_administrator_must_be_replaced(client, superuser, reader):
    client.force_login(superuser)
    chosen = "Do-quan-tri-dat-2026"
    response = client.post(
        reverse("admin:auth_user_password_change", args=[reader.pk]),
        {"usable_password": "true", "password1": chosen, "password2": chosen},
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert reader.check_password(chosen)
    assert reader.must_change_password


def test_a_password_set_from_a_reset_link_is_the_readers_own(client, reader):
    reader.email = "bithu5@example.org"
    reader.must_change_password = True
    reader.save()
    client.post(reverse("password_reset"), {"email": "bithu5@example.org"})
    link = next(line for line in mail.outbox[0].body.splitlines() if "/tai-khoan/reset/" in line)
    form_url = client.get(link.strip()[link.index("/tai-khoan/") :]).url
    new = "Suoi-Lenin-xanh-2026"
    client.post(form_url, {"new_password1": new, "new_password2": new})
    reader.refresh_from_db()
    assert reader.check_password(new)
    assert not reader.must_change_password


def test_setting_a_password_in_code_leaves_the_flag_alone(reader):
    reader.must_change_password = True
    reader.set_password("Mot-mat-khau-khac-2026")
    assert reader.must_change_password


def test_password_reset_by_email(client, reader):
    reader.email = "bithu5@example.org"
    reader.save()
    client.post(reverse("password_reset"), {"email": "bithu5@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["bithu5@example.org"]
    assert "/tai-khoan/reset/" in mail.outbox[0].body


class TestLockOut:
    def test_repeated_failures_lock_the_account_with_a_clear_message(self, client, reader):
        for _ in range(5):
            client.post(reverse("login"), {"username": reader.username, "password": "sai"})
        response = client.post(
            reverse("login"), {"username": reader.username, "password": PASSWORD}
        )
        assert response.status_code == 429
        assert "Đăng nhập tạm thời bị khóa" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_a_success_before_the_limit_resets_the_count(self, client, reader):
        for _ in range(4):
            client.post(reverse("login"), {"username": reader.username, "password": "sai"})
        client.post(reverse("login"), {"username": reader.username, "password": PASSWORD})
        assert "_auth_user_id" in client.session


def test_sessions_expire_after_an_hour_of_inactivity(settings):
    # Pushed forward at most every few minutes (tests/test_performance.py shows both).
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_REFRESH_SECONDS == 5 * 60


class TestAudit:
    def test_account_and_role_changes_are_recorded_with_who_and_where(
        self, client, superuser, reader
    ):
        client.force_login(superuser)
        url = reverse("admin:accounts_user_change", args=[reader.pk])
        data = {
            "username": reader.username,
            "first_name": "Thư",
            "last_name": "Lục Văn",
            "email": "thu@example.org",
            "is_active": "on",
            "groups": [Group.objects.get(name="Biên tập viên").pk],
            "organisations": [o.pk for o in reader.organisations.all()],
            "date_joined_0": "01/01/2026",
            "date_joined_1": "08:00:00",
        }
        response = client.post(url, data, REMOTE_ADDR="10.1.2.3")
        assert response.status_code == 302
        entries = LogEntry.objects.get_for_object(reader).filter(actor=superuser)
        assert entries.exists()
        assert {entry.remote_addr for entry in entries} == {"10.1.2.3"}
        changed = " ".join(str(entry.changes) for entry in entries)
        assert "email" in changed
        assert "groups" in changed
        assert "password" not in changed

    def test_opening_an_internal_issue_is_recorded(self, client, reader, published_issue):
        client.force_login(reader)
        client.get(published_issue.get_absolute_url(), REMOTE_ADDR="10.9.8.7")
        entry = LogEntry.objects.get_for_object(published_issue).get(action=LogEntry.Action.ACCESS)
        assert (entry.actor, entry.remote_addr) == (reader, "10.9.8.7")

    def test_opening_a_public_issue_is_not(self, client, published_issue):
        published_issue.audience = Issue.Audience.PUBLIC
        published_issue.save()
        client.get(published_issue.get_absolute_url())
        accesses = LogEntry.objects.get_for_object(published_issue)
        assert not accesses.filter(action=LogEntry.Action.ACCESS).exists()

    def test_a_forwarded_address_counts_only_behind_a_trusted_proxy(
        self, client, reader, published_issue, settings
    ):
        client.force_login(reader)
        client.get(published_issue.get_absolute_url(), HTTP_X_FORWARDED_FOR="1.2.3.4")
        settings.TRUSTED_PROXY_COUNT = 1
        # The client wrote 5.6.7.8; our proxy appended the address it saw.
        client.get(published_issue.get_absolute_url(), HTTP_X_FORWARDED_FOR="5.6.7.8, 10.0.0.1")
        accesses = LogEntry.objects.get_for_object(published_issue).filter(
            action=LogEntry.Action.ACCESS
        )
        addresses = accesses.values_list("remote_addr", flat=True)
        assert sorted(addresses) == ["10.0.0.1", "127.0.0.1"]

    def test_admins_filter_the_audit_log(self, client, superuser, reader, published_issue):
        client.force_login(reader)
        client.get(published_issue.get_absolute_url())
        client.force_login(superuser)
        response = client.get(
            reverse("admin:auditlog_logentry_changelist"), {"action": LogEntry.Action.ACCESS}
        )
        assert response.status_code == 200
        assert published_issue.title in response.content.decode()


class TestReadConfirmation:
    def test_a_secretary_confirms_once(self, client, reader, published_issue):
        client.force_login(reader)
        url = reverse("bulletins:confirm_read", args=[published_issue.pk])
        assert "Đã đọc" in client.get(published_issue.get_absolute_url()).content.decode()
        client.post(url)
        client.post(url)
        assert ReadConfirmation.objects.filter(issue=published_issue, reader=reader).count() == 1
        page = client.get(published_issue.get_absolute_url()).content.decode()
        assert "Bạn đã xác nhận đọc tài liệu này lúc" in page

    def test_confirmations_are_counted_per_cell(self, published_issue, reader, cell, city):
        ward = cell.parent
        second = Organisation.objects.create(name="Chi bộ Tổ dân phố 6", kind="cell", parent=ward)
        other_ward = Organisation.objects.create(
            name="Đảng ủy xã Chu Trinh", kind="commune", parent=city
        )
        third = Organisation.objects.create(name="Chi bộ xóm Nà Mè", kind="cell", parent=other_ward)
        deputy = make_user("phobithu5")
        deputy.organisations.set([cell])
        ReadConfirmation.objects.create(issue=published_issue, reader=reader)
        ReadConfirmation.objects.create(issue=published_issue, reader=deputy)

        report = {row.cell: row for row in read_report(published_issue, names=True)}
        assert set(report) == {cell, second, third}
        assert report[cell].confirmed and report[cell].count == 2
        assert [name for name, _when in report[cell].readers] == ["Lục Văn Thư", "phobithu5"]
        assert not report[second].confirmed and not report[third].confirmed

        published_issue.audience = Issue.Audience.ORGANISATIONS
        published_issue.save()
        published_issue.audience_organisations.set([ward])
        assert {row.cell for row in read_report(published_issue)} == {cell, second}

    def test_the_board_sees_and_exports_the_report(self, client, editor, reader, published_issue):
        ReadConfirmation.objects.create(issue=published_issue, reader=reader)
        client.force_login(editor)
        url = reverse("admin:bulletins_issue_read_report", args=[published_issue.pk])
        page = client.get(url).content.decode()
        assert "1 trên 1 chi bộ đã xác nhận đọc" in page
        exported = client.get(url, {"format": "csv"})
        assert exported["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(exported.content.decode())))
        assert rows[0][0] == "Chi bộ"
        assert rows[1][:3] == ["Chi bộ Tổ dân phố 5", "Đảng ủy phường Hợp Giang", "x"]

    def test_editors_of_another_publisher_cannot_see_the_report(
        self, client, published_issue, city
    ):
        other = Organisation.objects.create(name="Ban Tổ chức Thành ủy", kind="board", parent=city)
        outsider = make_user("bientap_tc", groups=["Biên tập viên"], is_staff=True)
        outsider.organisations.set([other])
        client.force_login(outsider)
        url = reverse("admin:bulletins_issue_read_report", args=[published_issue.pk])
        response = client.get(url)
        assert response.status_code == 403  # refused, without naming the issue
        assert published_issue.title not in response.content.decode()
        changelist = client.get(reverse("admin:bulletins_issue_changelist")).content.decode()
        assert published_issue.title not in changelist
