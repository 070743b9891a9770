"""A cell secretary reads this month's material in a real browser (headless Debian chromium)."""

import pytest
from django.utils import timezone

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import User
from bulletins.models import Issue
from portal.reading import current_issue

from .support import ARTIFACTS, run_worker

# A live server's database is emptied after each test: the serialized rollback puts back
# what the migrations wrote (document types, roles) for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_demo_secretary_logs_in_and_reads_the_latest_issue(live_demo, live_server, browser):
    secretary = next(account for account in DEMO_ACCOUNTS if account.role == "secretary")
    # What the home page offers: this month's issue (December's, published early, waits).
    readable = Issue.objects.visible_to(User.objects.get(username=secretary.username))
    latest = current_issue(readable, timezone.localdate())
    first_section = latest.sections.filter(level=1).first()

    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    assert "/tai-khoan/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill(secretary.username)
    page.get_by_label("Mật khẩu").fill(secretary.password)
    page.get_by_role("button", name="Đăng nhập").click()

    page.get_by_role("link", name="Đọc tài liệu").click()
    page.wait_for_url(f"**{latest.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == latest.title.upper()
    assert page.get_by_text("SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG").first.is_visible()
    page.get_by_role("link", name=first_section.heading).first.click()
    assert page.url.endswith(f"#{first_section.anchor}")
    assert page.locator(f"#{first_section.anchor}").is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "issue-phone.png", full_page=False)
    page.close()


def test_the_secretary_sees_the_bell_and_the_notice_of_a_new_issue(
    live_demo, live_server, browser, settings
):
    from django.core import mail

    from accounts.models import User
    from bulletins import workflow
    from bulletins.models import Section

    secretary = next(account for account in DEMO_ACCOUNTS if account.role == "secretary")
    User.objects.filter(username=secretary.username).update(email="bithu@example.org")
    approver = User.objects.get(username="pheduyet")
    # the approver's own board's latest issue (the demo also holds the central board's)
    latest = (
        Issue.objects.published()
        .filter(publisher__members=approver)
        .order_by("-year", "-month")
        .first()
    )
    issue = Issue.objects.create(publisher=latest.publisher, year=latest.year + 1, month=1)
    Section.objects.create(issue=issue, position=10, heading="Nội dung học tập tháng 1")
    workflow.apply(issue, "publish", approver)  # commits: the notice is made, its e-mail queued
    run_worker()
    assert [message.to for message in mail.outbox] == [["bithu@example.org"]]

    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(secretary.username)
    page.get_by_label("Mật khẩu").fill(secretary.password)
    page.get_by_role("button", name="Đăng nhập").click()

    bell = page.get_by_role("link", name="Thông báo 1 chưa đọc")
    bell.click()
    page.wait_for_url("**/thong-bao/")
    page.get_by_role("button", name=f"Số tài liệu mới cho chi bộ: {issue.title}").click()
    page.wait_for_url(f"**{issue.get_absolute_url()}")
    assert page.get_by_role("link", name="Thông báo", exact=True).is_visible()  # read: no count
    page.close()
