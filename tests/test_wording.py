"""Vietnamese that reads right: the terms, plurals and labels a new user met wrong."""

import pytest
from django.urls import reverse

from accounts.models import User
from bulletins.models import Issue, Review

from .conftest import PASSWORD


@pytest.fixture
def reviewed_issue(draft_issue, approver):
    Review.objects.create(
        issue=draft_issue,
        actor=approver,
        from_status=Issue.Status.SUBMITTED,
        to_status=Issue.Status.DRAFT,
        comment="Bổ sung số liệu mục 2.",
    )
    return draft_issue


def test_issue_pages_use_the_glossary_terms(client, superuser, reviewed_issue):
    client.force_login(superuser)
    changelist = client.get(reverse("admin:bulletins_issue_changelist")).content.decode()
    change = client.get(reverse("admin:bulletins_issue_change", args=[reviewed_issue.pk]))
    change = change.content.decode()

    assert "Thêm số tài liệu" in changelist
    assert "Thêm vào" not in changelist
    assert "1 số tài liệu" in changelist
    assert "các các" not in changelist.lower()
    assert "Xóa các số tài liệu đã chọn" in changelist
    assert "Lịch sử" in change
    assert "Bản ghi nhớ" not in change
    # The review table heads statuses as statuses, not as dates.
    assert "Trạng thái trước" in change
    assert "Từ ngày" not in change


def test_an_editor_reads_a_published_issue_as_text_without_form_leftovers(
    client, editor, published_issue
):
    client.force_login(editor)
    page = client.get(reverse("admin:bulletins_issue_change", args=[published_issue.pk]))
    html = page.content.decode()

    assert "<p>Đoạn văn của mục 1, số tháng 10.</p>" in html
    assert "&lt;p&gt;" not in html
    assert "None" not in html
    assert "correction_note" not in html


def test_a_new_account_is_asked_for_its_one_time_password(client, cell):
    newcomer = User.objects.create_user("moi2026", password=PASSWORD, must_change_password=True)
    client.force_login(newcomer)

    page = client.get(reverse("password_change")).content.decode()

    assert "Mật khẩu dùng một lần" in page
    assert "Mật khẩu cũ" not in page


def test_a_reader_changing_the_password_is_asked_for_the_old_one(client, reader):
    client.force_login(reader)
    page = client.get(reverse("password_change")).content.decode()
    assert "Mật khẩu cũ" in page


def test_the_group_picker_speaks_vietnamese(client, superuser):
    """The two-list picker of roles and permissions is built by the admin's JavaScript."""
    client.force_login(superuser)
    catalogue = client.get("/quan-tri/jsi18n/").content.decode()
    assert "Ch\\u1ecdn t\\u1ea5t c\\u1ea3 %s" in catalogue or "Chọn tất cả %s" in catalogue


def test_permissions_are_named_in_vietnamese(client, superuser, reader):
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_user_change", args=[reader.pk])).content.decode()
    assert "Can add" not in page
    assert "thêm số tài liệu" in page
    # The cell comes before the long permission list.
    assert page.index('name="organisations"') < page.index('name="user_permissions"')
