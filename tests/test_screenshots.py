"""The main pages at phone and desktop width: nothing wider than the screen, one-line menu.

`make screenshots` runs this file alone; the pictures go to test-artifacts/screenshots/.
"""

import pytest
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS
from bulletins.models import Issue
from people.models import Organisation

from .support import ARTIFACTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = {"phone": 360, "desktop": 1280}
SHOTS = ARTIFACTS / "screenshots"


def log_in(browser, live_server, role, width):
    account = next(account for account in DEMO_ACCOUNTS if account.role == role)
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(f"{live_server.url}{reverse('login')}")
    page.get_by_label("Tên đăng nhập").fill(account.username)
    page.get_by_label("Mật khẩu").fill(account.password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def reader_pages():
    latest = Issue.objects.published().first()
    return {
        "home": reverse("bulletins:home"),
        "issue": latest.get_absolute_url(),
        "archive": reverse("bulletins:archive"),
        "documents": reverse("documents:list"),
        "people": reverse("people:person_list"),
        "events": reverse("people:event_list"),
    }


def editor_pages():
    editor = next(account.username for account in DEMO_ACCOUNTS if account.role == "editor")
    boards = Organisation.objects.filter(members__username=editor)
    issue = Issue.objects.published().filter(publisher__in=boards).first()
    return {
        "admin": reverse("admin:index"),
        "admin-issues": reverse("admin:bulletins_issue_changelist"),
        "admin-issue": reverse("admin:bulletins_issue_change", args=[issue.pk]),
        "admin-review": reverse("admin:bulletins_issue_workflow", args=[issue.pk]),
    }


@pytest.mark.parametrize("device", WIDTHS)
def test_reader_pages_fit_the_screen(live_demo, live_server, browser, device):
    width = WIDTHS[device]
    page = log_in(browser, live_server, "secretary", width)
    SHOTS.mkdir(parents=True, exist_ok=True)
    too_wide, menu_lines = {}, {}
    for name, path in reader_pages().items():
        page.goto(f"{live_server.url}{path}")
        page.screenshot(path=SHOTS / f"{name}-{device}.png", full_page=True)
        page_width = page.evaluate("document.documentElement.scrollWidth")
        if page_width > width:
            too_wide[name] = page_width
        tops = page.eval_on_selector_all(
            ".site-header nav li", "items => new Set(items.map(li => li.offsetTop)).size"
        )
        if tops != 1:
            menu_lines[name] = tops
    page.close()
    assert not too_wide, f"wider than {width} px: {too_wide}"
    assert not menu_lines, f"menu on several lines: {menu_lines}"


def test_table_cells_keep_words_whole_on_a_phone(live_demo, live_server, browser):
    """A number or a word in a table cell is never split over two lines."""
    page = log_in(browser, live_server, "secretary", WIDTHS["phone"])
    issue = Issue.objects.published().filter(sections__body__contains="<table").first()
    page.goto(f"{live_server.url}{issue.get_absolute_url()}")
    broken = page.eval_on_selector_all(
        ".body td, .body th",
        """cells => cells.filter(cell => {
            const range = document.createRange();
            return [...cell.childNodes].some(node => {
                if (node.nodeType !== 3) return false;
                let lines = new Set(), words = node.textContent.split(/(\\s+)/), offset = 0;
                for (const word of words) {
                    if (word.trim()) {
                        range.setStart(node, offset);
                        range.setEnd(node, offset + word.length);
                        if (range.getClientRects().length > 1) return true;
                    }
                    offset += word.length;
                }
                return false;
            });
        }).map(cell => cell.textContent)""",
    )
    page.close()
    assert not broken


@pytest.mark.parametrize("device", WIDTHS)
def test_editor_pages_are_captured(live_demo, live_server, browser, device):
    page = log_in(browser, live_server, "editor", WIDTHS[device])
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in editor_pages().items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, name
        page.screenshot(path=SHOTS / f"{name}-{device}.png", full_page=True)
    page.close()
