"""Feedback in a real browser: a secretary reports her cell's meeting, the board answers in the
admin, and the secretary reads the answer (headless Debian chromium)."""

import pytest

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import User
from bulletins.models import Issue
from feedback.models import Feedback

# A live server's database is emptied after each test: the serialized rollback puts back
# what the migrations wrote (document types, roles) for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, base_url, role, path="/"):
    account = next(account for account in DEMO_ACCOUNTS if account.role == role)
    page.goto(f"{base_url}{path}")
    page.get_by_label("Tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(account.password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_secretary_sends_feedback_and_reads_the_boards_answer(live_demo, live_server, browser):
    # an issue of the demo editor's board that the demo secretary reads
    editor = next(account for account in DEMO_ACCOUNTS if account.role == "editor")
    secretary_account = next(account for account in DEMO_ACCOUNTS if account.role == "secretary")
    issue = (
        Issue.objects.visible_to(User.objects.get(username=secretary_account.username))
        .published()
        .filter(publisher__members__username=editor.username)
        .first()
    )

    secretary = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
    log_in(secretary, live_server.url, "secretary", issue.get_absolute_url())
    secretary.wait_for_url(f"**{issue.get_absolute_url()}")
    secretary.get_by_role("link", name="Góp ý sau sinh hoạt").click()
    secretary.get_by_label("Số đảng viên có mặt").fill("14")
    secretary.get_by_label("Tổng số đảng viên của chi bộ").fill("16")
    secretary.get_by_role("radio", name="4").check()
    secretary.get_by_label("Ý kiến, kiến nghị của đảng viên").fill(
        "Đảng viên đề nghị Ban cho biết lịch tập huấn nghiệp vụ công tác đảng năm tới."
    )
    secretary.get_by_role("button", name="Lưu góp ý").click()
    assert secretary.get_by_text("Cảm ơn: góp ý của chi bộ đã được ghi nhận.").is_visible()
    feedback = Feedback.objects.get()
    assert (feedback.issue, feedback.present, feedback.total, feedback.rating) == (issue, 14, 16, 4)

    board = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(board, live_server.url, "editor", "/quan-tri/feedback/feedback/")
    board.get_by_role("link", name=feedback.cell.name).click()
    board.get_by_role("textbox", name="Trả lời của Ban").fill(
        "Lịch tập huấn sẽ gửi các chi bộ vào tháng 12."
    )
    board.get_by_role("button", name="Lưu lại", exact=True).click()
    board.wait_for_url("**/quan-tri/feedback/feedback/")
    feedback.refresh_from_db()
    assert feedback.answer == "Lịch tập huấn sẽ gửi các chi bộ vào tháng 12."

    secretary.get_by_role("link", name="Góp ý của chi bộ và trả lời của Ban").click()
    assert secretary.get_by_text("Lịch tập huấn sẽ gửi các chi bộ vào tháng 12.").is_visible()
    secretary.context.close()
    board.context.close()
