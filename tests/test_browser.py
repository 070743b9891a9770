"""A cell secretary reads this month's material in a real browser (headless Debian chromium)."""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_ACCOUNTS
from bulletins.models import Issue

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: .ci/run installs it with apt-get")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; Django's ORM calls in the test are sync.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


def test_demo_secretary_logs_in_and_reads_the_latest_issue(live_server, browser, settings):
    settings.DEBUG = True  # demo passwords only work on a development server
    call_command("load_demo", verbosity=0)
    secretary = next(account for account in DEMO_ACCOUNTS if account.role == "secretary")
    latest = Issue.objects.published().select_related("publisher").first()
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
