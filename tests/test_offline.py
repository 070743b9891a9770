"""Read marks and dates on the lists, "Đã đọc" keeping the reader's place, and what the server
tells the offline worker (static/js/sw.js) it may keep. The worker itself runs in a real
browser in tests/test_browser_offline.py."""

import datetime
import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Issue, ReadConfirmation

from .factories import make_issue, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def other_ward(city):
    return city.__class__.objects.create(name="Đảng ủy xã Chu Trinh", kind="ward", parent=city)


def read_marks(content):
    return content.count('class="read-mark"')


# --- read marks and publication dates ---------------------------------------------------


@pytest.mark.parametrize("name", ["bulletins:home", "bulletins:archive"])
def test_lists_show_publication_dates_and_only_the_readers_own_marks(
    client, reader, board, cell, name
):
    august, september = make_issue(board, 8), make_issue(board, 9)
    Issue.objects.filter(pk=august.pk).update(
        published_at=datetime.datetime(2026, 8, 28, 8, tzinfo=datetime.UTC)
    )
    ReadConfirmation.objects.create(issue=august, reader=reader)
    deputy = make_user("phobithu5")
    deputy.organisations.set([cell])
    ReadConfirmation.objects.create(issue=september, reader=deputy)  # not hers

    client.force_login(reader)
    content = client.get(reverse(name)).content.decode()
    assert "phát hành 28/08/2026" in content
    assert '<time datetime="2026-08-28T' in content
    assert read_marks(content) == 1
    after_august = content[content.index(august.title) :]
    assert after_august.index('class="read-mark"') < after_august.index("</li>")

    client.force_login(deputy)
    content = client.get(reverse(name)).content.decode()
    assert read_marks(content) == 1
    assert content.index(september.title) < content.index('class="read-mark"')


def make_archive(board, years):
    """Published issues of every month of the given years, in one insert."""
    published = timezone.now() - datetime.timedelta(days=1)
    Issue.objects.bulk_create(
        Issue(
            publisher=board,
            year=year,
            month=month,
            status=Issue.Status.PUBLISHED,
            published_at=published,
        )
        for year in years
        for month in range(1, 13)
    )
    return Issue.objects.filter(publisher=board)


EVEN = [2, 4, 6, 8, 10, 12]


@pytest.mark.parametrize("years", [1, 12])
def test_read_marks_cost_no_query_per_issue(
    reader_client, reader, board, years, django_assert_max_num_queries
):
    issues = make_archive(board, range(2026 - years + 1, 2027))
    ReadConfirmation.objects.bulk_create(
        ReadConfirmation(issue=issue, reader=reader) for issue in issues.filter(month__in=EVEN)
    )
    # as tests/test_portal.py counts them (and which sections the latest issue marks for
    # cell types): the read marks are a subquery of the issue query
    with django_assert_max_num_queries(15):
        home = reader_client.get(reverse("bulletins:home")).content.decode()
    with django_assert_max_num_queries(10):
        archive = reader_client.get(reverse("bulletins:archive")).content.decode()
    # November 2026 with December, October, September, August and July: three read
    assert read_marks(home) == 3
    assert read_marks(archive) == 6  # one year a page


# --- "Đã đọc" keeps the reader's place --------------------------------------------------


def test_confirming_without_script_comes_back_to_the_confirmation_block(
    reader_client, reader, published_issue
):
    url = reverse("bulletins:confirm_read", args=[published_issue.pk])
    response = reader_client.post(url)
    assert response.status_code == 302
    assert response.url == f"{published_issue.get_absolute_url()}#xac-nhan-doc"
    page = reader_client.get(published_issue.get_absolute_url()).content.decode()
    assert 'id="xac-nhan-doc"' in page
    assert "Bạn đã xác nhận đọc tài liệu này lúc" in page
    assert ReadConfirmation.objects.filter(issue=published_issue, reader=reader).count() == 1


def test_the_page_script_gets_the_confirmation_text_to_show_in_place(
    reader_client, reader, published_issue
):
    url = reverse("bulletins:confirm_read", args=[published_issue.pk])
    response = reader_client.post(url, headers={"accept": "application/json"})
    data = response.json()
    confirmed = ReadConfirmation.objects.get(issue=published_issue, reader=reader)
    time = timezone.localtime(confirmed.confirmed_at).strftime("%H:%M %d/%m/%Y")
    assert data == {
        "text": f"Bạn đã xác nhận đọc tài liệu này lúc {time}.",
        "issue": published_issue.get_absolute_url(),
    }
    again = reader_client.post(url, headers={"accept": "application/json"})
    assert again.json() == data  # sent twice (a queue replayed), recorded once
    assert ReadConfirmation.objects.filter(issue=published_issue).count() == 1


def test_a_revalidated_issue_page_never_shows_a_stale_read_mark(reader_client, published_issue):
    url = published_issue.get_absolute_url()
    etag = reader_client.get(url)["ETag"]
    reader_client.post(
        reverse("bulletins:confirm_read", args=[published_issue.pk]),
        headers={"accept": "application/json"},  # no message waits: only the ETag decides
    )
    response = reader_client.get(url, headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Bạn đã xác nhận đọc" in response.content.decode()
    assert reader_client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_confirmation_is_refused_to_whoever_may_not_read_the_issue(client, reader, board, city):
    issue = make_issue(board, 8)
    issue.audience = Issue.Audience.ORGANISATIONS
    issue.save()
    issue.audience_organisations.set([other_ward(city)])
    client.force_login(reader)
    url = reverse("bulletins:confirm_read", args=[issue.pk])
    assert client.post(url, headers={"accept": "application/json"}).status_code == 404
    assert not ReadConfirmation.objects.exists()


# --- what the offline worker may keep ---------------------------------------------------


def kept(client):
    response = client.get(reverse("offline_urls"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    return response.json()["urls"]


def test_the_kept_list_is_the_home_page_and_the_three_newest_readable_issues(
    reader_client, board, city, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    issues = {month: make_issue(board, month) for month in range(5, 10)}
    section = issues[9].sections.first()
    section.body += '<figure class="image"><img src="/media/images/anh-9.png" alt=""></figure>'
    section.save()
    hidden = issues[8]
    hidden.audience = Issue.Audience.ORGANISATIONS
    hidden.save()
    hidden.audience_organisations.set([other_ward(city)])

    urls = kept(reader_client)
    pages = [url for url in urls if url.startswith("/tai-lieu/") and "/pdf/" not in url]
    assert urls[0] == reverse("bulletins:home")
    assert pages == [issues[month].get_absolute_url() for month in (9, 7, 6)]
    assert "/media/images/anh-9.png" in urls
    assert not any(f"/tai-lieu/{hidden.pk}/" in url for url in urls)


def test_the_kept_list_costs_a_fixed_number_of_queries(
    reader_client, board, django_assert_max_num_queries, rendered
):
    make_archive(board, range(2020, 2027))
    # session, user, the reading scope (3), the home page's issue and the two newest others
    # with their publishers' former names (4), each kept issue's text on a cold cache (3 × 3:
    # sections, people named, attachments), which sections each marks for cell types (3),
    # the session refreshed (3)
    with django_assert_max_num_queries(24):
        urls = kept(reader_client)
    assert len([url for url in urls if url.startswith("/tai-lieu/") and "pdf" not in url]) == 3


def test_only_a_logged_in_readers_pages_and_images_are_marked_for_keeping(
    client, reader, board, settings, tmp_path
):
    public = make_issue(board, 9)
    public.audience = Issue.Audience.PUBLIC
    public.save()
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "anh.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 32)
    section = public.sections.first()
    section.body += '<figure class="image"><img src="/media/images/anh.png" alt=""></figure>'
    section.save()

    visitor_page = client.get(public.get_absolute_url())
    assert visitor_page.status_code == 200
    assert "X-Offline" not in visitor_page
    assert "X-Offline" not in client.get("/media/images/anh.png")

    client.force_login(reader)
    for url in (reverse("bulletins:home"), public.get_absolute_url(), "/media/images/anh.png"):
        response = client.get(url)
        assert response["X-Offline"] == "allow", url
        assert "private" in response["Cache-Control"], url  # never in a shared cache
    for url in (reverse("bulletins:archive"), reverse("documents:list")):
        assert "X-Offline" not in client.get(url), url


def test_every_logout_tells_the_browser_to_wipe_the_sites_copies(client, reader, superuser):
    client.force_login(reader)
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "storage"'
    client.force_login(superuser)
    assert client.post(reverse("admin:logout"))["Clear-Site-Data"] == '"cache", "storage"'
    assert "Clear-Site-Data" not in client.get(reverse("login"))


def test_the_worker_is_served_from_the_root_and_revalidated(client):
    response = client.get("/sw.js")
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert b'"X-Offline"' in response.content


def test_the_manifest_names_the_app_in_vietnamese_with_its_icons(client):
    response = client.get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Tài liệu sinh hoạt chi bộ"
    assert manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/"))
