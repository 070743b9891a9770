"""Offline reading in a real browser (headless Debian chromium): the worker in static/js/sw.js
keeps a logged-in reader's latest issues, queues "Đã đọc" without a network, and keeps
nothing after logout, for a visitor, or of an issue the reader may no longer open."""

import time

import pytest
from playwright.sync_api import Error as PlaywrightError

from bulletins.models import Issue, ReadConfirmation

from .factories import PASSWORD, make_issue

# A live server's database is emptied after each test: the serialized rollback puts back
# what the migrations wrote (document types, roles) for the tests that follow.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ALL_CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return urls;
}"""


def internal(urls, server):
    """The cached URLs that are not the site's public static files."""
    return [url for url in urls if not url.startswith(f"{server.url}/static/")]


def eventually(check, seconds=60):
    """The worker's work is asynchronous: wait for it, generously on a loaded CI machine."""
    deadline = time.monotonic() + seconds
    while not (result := check()):
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)
    return result


def log_in(page, server, username):
    page.goto(f"{server.url}/tai-khoan/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{server.url}/")


def kept(page, server, path):
    """Wait until the worker holds the page (it fills its cache after the page has loaded)."""
    url = f"{server.url}{path}"
    eventually(lambda: url in page.evaluate(ALL_CACHED_URLS))


def network_is_gone(page, server):
    """Offline for the worker too: a page it has not kept cannot be fetched."""
    script = "url => fetch(url).then(() => 'online', () => 'offline')"
    return page.evaluate(script, f"{server.url}/van-ban/") == "offline"


@pytest.fixture
def context(browser):
    context = browser.new_context(service_workers="allow")
    yield context
    context.close()


@pytest.fixture
def issues(board):
    """September's, with a photo, and October's.

    The photo is a static file: a live server answers /media/ itself, without the portal's
    view, so uploaded images are checked without a browser (tests/test_offline.py).
    """
    september = make_issue(board, 9)
    section = september.sections.first()
    section.body += (
        '<figure class="image"><img src="/static/icons/icon-192.png" alt="Ảnh hội nghị"></figure>'
    )
    section.save()
    return [september, make_issue(board, 10)]


def images_shown(page):
    return page.evaluate("[...document.images].map(i => i.complete && i.naturalWidth > 0)")


def test_a_secretary_reads_offline_and_her_copies_leave_with_her(
    live_server, context, reader, issues
):
    issue = issues[-1]
    page = context.new_page()
    log_in(page, live_server, reader.username)
    kept(page, live_server, issue.get_absolute_url())  # after one visit of the home page
    kept(page, live_server, issues[0].get_absolute_url())
    page.goto(f"{live_server.url}{issue.get_absolute_url()}")

    context.set_offline(True)
    assert network_is_gone(page, live_server)
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text().upper() == issue.title.upper()
    # September's was never opened: kept from the home page's list, with its images
    page.goto(f"{live_server.url}{issues[0].get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text().upper() == issues[0].title.upper()
    assert images_shown(page) == [True]
    page.go_back()
    page.get_by_role("button", name="Đã đọc").click()
    page.get_by_text("Chưa có mạng: xác nhận của đồng chí sẽ được gửi").wait_for()
    assert not ReadConfirmation.objects.exists()

    context.set_offline(False)
    page.goto(f"{live_server.url}/")  # back online: the next page sends what waited
    eventually(lambda: ReadConfirmation.objects.filter(issue=issue, reader=reader).exists())

    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/tai-khoan/login/**")
    assert internal(page.evaluate(ALL_CACHED_URLS), live_server) == []
    context.set_offline(True)
    with pytest.raises(PlaywrightError):
        page.goto(f"{live_server.url}{issue.get_absolute_url()}")


def test_an_issue_whose_audience_changed_leaves_the_cache_once_online(
    live_server, context, reader, issues, city
):
    issue = issues[-1]
    page = context.new_page()
    log_in(page, live_server, reader.username)
    kept(page, live_server, issue.get_absolute_url())

    issue.audience = Issue.Audience.ORGANISATIONS
    issue.save()
    other_ward = city.__class__.objects.create(
        name="Đảng ủy xã Chu Trinh", kind="ward", parent=city
    )
    issue.audience_organisations.set([other_ward])
    page.goto(f"{live_server.url}/")  # any page online: the worker's list no longer has it
    eventually(
        lambda: not any(f"/tai-lieu/{issue.pk}/" in url for url in page.evaluate(ALL_CACHED_URLS))
    )
    kept(page, live_server, issues[0].get_absolute_url())  # the others stay

    context.set_offline(True)
    with pytest.raises(PlaywrightError):
        page.goto(f"{live_server.url}{issue.get_absolute_url()}")


def test_a_visitor_gets_nothing_internal_cached(live_server, context, issues):
    public = issues[-1]
    public.audience = Issue.Audience.PUBLIC
    public.save()
    page = context.new_page()
    page.goto(f"{live_server.url}{public.get_absolute_url()}")
    assert page.evaluate("navigator.serviceWorker.getRegistration()") is None

    # Even with the worker installed (left by an earlier session), nothing of hers is kept.
    page.evaluate("navigator.serviceWorker.register('/sw.js').then(() => true)")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    for path in (public.get_absolute_url(), "/", issues[0].get_absolute_url(), "/ngoai-tuyen/"):
        page.goto(f"{live_server.url}{path}")
    page.wait_for_timeout(500)
    assert internal(page.evaluate(ALL_CACHED_URLS), live_server) == []


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_da_doc_keeps_the_readers_place_in_the_text(live_server, browser, reader, board, script):
    issue = make_issue(board, 10, sections=14)
    context = browser.new_context(
        java_script_enabled=script, viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    log_in(page, live_server, reader.username)
    url = f"{live_server.url}{issue.get_absolute_url()}"
    page.goto(url)
    button = page.get_by_role("button", name="Đã đọc")
    button.scroll_into_view_if_needed()
    place = page.evaluate("scrollY")
    assert place > 1000  # far down the text
    button.click()
    page.get_by_text("Bạn đã xác nhận đọc tài liệu này lúc").wait_for()
    if script:  # updated in place
        assert page.url == url
        assert page.evaluate("scrollY") == place
    else:  # back at the confirmation block
        assert page.url == f"{url}#xac-nhan-doc"
        assert page.evaluate("scrollY") > 1000
    assert page.get_by_text("Bạn đã xác nhận đọc tài liệu này lúc").is_visible()
    assert ReadConfirmation.objects.filter(issue=issue, reader=reader).count() == 1
    context.close()
