"""The portal in a real browser on the demo data: axe-core finds no serious or critical
accessibility violation, the issue page is photographed at phone and desktop widths, and a
citation shows its preview on a tap."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import User
from bulletins.models import Issue, Section
from documents.models import Document
from notices import notify
from notices.models import Kind

from .support import ARTIFACTS

AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# A live server's database is emptied after each test: the serialized rollback puts back
# what the migrations wrote (document types, roles) for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail("axe-core is not installed: .ci/run runs npm ci --no-audit --no-fund")
        pytest.skip("axe-core is not installed (npm ci --no-audit --no-fund)")
    return AXE.read_text()


@pytest.fixture
def demo_pages(live_demo):
    """The pages to check on the demo data: path by name."""
    published = Issue.objects.published()
    reported = Section.objects.filter(issue__in=published, body__contains="<img").first().event
    # The bell with a count and the notice list with an unread notice are checked too.
    accounts = User.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS])
    latest = published.first()
    notify(accounts, Kind.NEW_ISSUE, issue=latest, text=latest.title, link="/")
    return {
        "home": reverse("bulletins:home"),
        "archive": reverse("bulletins:archive"),
        "issue": published.first().get_absolute_url(),
        "document": Document.objects.filter(relations_to__isnull=False)[0].get_absolute_url(),
        "person": reverse("people:person", args=[reported.participants.first().pk]),
        "event": reverse("people:event", args=[reported.pk]),
        "search": reverse("search") + "?q=chuyen+doi+so",
        "notices": reverse("notices:list"),
        "notice settings": reverse("notices:settings"),
    }


@pytest.fixture
def secretary(browser, live_server, demo_pages):
    """A browser context logged in as the demo secretary (the session cookie of a login)."""
    username = next(account.username for account in DEMO_ACCOUNTS if account.role == "secretary")
    client = Client()
    client.force_login(User.objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    def open_context(**options):
        # axe-core is injected as an inline script, which the site's CSP rightly refuses.
        context = browser.new_context(locale="vi-VN", bypass_csp=True, **options)
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        return context

    return open_context


def serious_violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def test_the_demo_portal_in_a_browser(live_server, demo_pages, secretary, axe_source):
    """One test, to load the demo once."""
    check_accessibility(live_server.url, demo_pages, secretary, axe_source)
    photograph_issue_page(live_server.url + demo_pages["issue"], secretary)
    check_contents_and_citation_preview(live_server.url + demo_pages["issue"], secretary)
    search_from_the_header(live_server.url + demo_pages["home"], secretary)


def check_accessibility(server, pages, secretary, axe_source):
    context = secretary(viewport=PHONE)
    page = context.new_page()
    found = {}
    for name, path in pages.items():
        page.goto(server + path)
        assert page.url == server + path, f"{name} did not open: {page.url}"
        if violations := serious_violations(page, axe_source):
            found[name] = violations
    context.close()
    assert not found, found


def photograph_issue_page(url, secretary):
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        context = secretary(viewport=viewport)
        page = context.new_page()
        page.goto(url)
        page.evaluate("document.fonts.ready")
        page.screenshot(path=ARTIFACTS / f"issue-{name}.png")
        context.close()


def search_from_the_header(url, secretary):
    """On a phone and a desktop: the header's box finds a phrase typed without accents and
    the hit leads to its section in the issue."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        context = secretary(viewport=viewport)
        page = context.new_page()
        page.goto(url)
        page.get_by_role("searchbox").first.fill("chuyen doi so")
        page.get_by_role("searchbox").first.press("Enter")
        page.wait_for_url("**/tim-kiem/?q=chuyen+doi+so")
        results = page.locator(".search-results")
        results.wait_for()
        assert "<mark>chuyển</mark>" in results.inner_html().lower(), results.inner_text()[:300]
        page.screenshot(path=ARTIFACTS / f"search-{name}.png")
        results.locator("li a").first.click()
        page.wait_for_url("**/tai-lieu/*/#muc-*")
        context.close()


def check_contents_and_citation_preview(url, secretary):
    """On a phone: the contents are reachable far down the page and close once a section is
    chosen; a tap on a citation shows its preview instead of leaving the page."""
    context = secretary(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(url)
    last = Issue.objects.published().first().sections.filter(level=1).last()

    page.mouse.wheel(0, 4000)
    page.locator(".reading-bar summary").tap()
    page.locator(".reading-bar").get_by_role("link", name=last.heading).tap()
    page.wait_for_url(f"**#{last.anchor}")
    assert not page.locator(".reading-bar details").evaluate("details => details.open")

    citation = page.locator("a.citation").first
    citation.scroll_into_view_if_needed()
    citation.tap()
    preview = page.locator(".citation-preview")
    assert preview.is_visible()
    target = preview.get_by_role("link").get_attribute("href")
    assert target.endswith(citation.get_attribute("href"))
    assert citation.get_attribute("title") in preview.inner_text()
    context.close()
