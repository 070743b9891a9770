"""What keeps pages fast as data grows: the cached issue text, flat query counts on a large
data shape, sessions not written on every page, revalidation, PDFs rendered once."""

import gzip
import io
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.middleware import IdleSessionMiddleware
from accounts.models import User
from bulletins.models import Footnote, Issue, Section
from documents.models import Document
from people.models import CellType, Organisation
from portal import pdf, stamp

from .factories import PASSWORD, make_issue
from .support import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def queries(client, url, **headers):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return len(captured), response


# --- the issue text is rendered once per saved state ---------------------------------------


def test_the_issue_text_is_rendered_once_then_served_from_the_cache(reader_client, board):
    issue = make_issue(board, 8, sections=12)
    first, _page = queries(reader_client, issue.get_absolute_url())
    second, again = queries(reader_client, issue.get_absolute_url())
    # The sections, footnotes, citations and attachments are not queried again.
    assert second <= first - 4
    assert "Nội dung số 12 tháng 8" in again.content.decode()


def test_every_change_to_the_text_reaches_readers_at_once(reader_client, board, directive):
    issue = make_issue(board, 8, sections=5)
    url = issue.get_absolute_url()
    reader_client.get(url)  # cached

    section = issue.sections.get(position=30)
    section.heading = "Tiêu đề đã sửa sau khi phát hành"
    section.save()
    assert "Tiêu đề đã sửa sau khi phát hành" in reader_client.get(url).content.decode()

    Footnote.objects.create(section=section, position=9, marker="*", text="Chú thích bổ sung")
    assert "Chú thích bổ sung" in reader_client.get(url).content.decode()

    section.body += "<p>Thực hiện Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>"
    section.save()
    assert directive.get_absolute_url() in reader_client.get(url).content.decode()
    directive.subject = "về một trích yếu đã được sửa"
    directive.save()
    assert "về một trích yếu đã được sửa" in reader_client.get(url).content.decode()

    first, *_middle, last = issue.sections.order_by("position")
    issue.move_section(first.pk, "down")  # with its subsections, after the last main section
    content = reader_client.get(url).content.decode()
    assert content.index(f'id="muc-{first.pk}"') > content.index(f'id="muc-{last.pk}"')

    Section.objects.filter(pk=section.pk).delete()
    assert "Tiêu đề đã sửa sau khi phát hành" not in reader_client.get(url).content.decode()


def test_the_readers_own_parts_are_not_cached_for_others(client, reader, board, cell):
    issue = make_issue(board, 8)
    other = User.objects.create_user(
        "bithu9", password=PASSWORD, last_name="Hà Thị", first_name="Lan"
    )
    other.organisations.set([cell])
    client.force_login(reader)
    client.post(reverse("bulletins:confirm_read", args=[issue.pk]))
    assert "Bạn đã xác nhận đọc" in client.get(issue.get_absolute_url()).content.decode()
    client.force_login(other)
    content = client.get(issue.get_absolute_url()).content.decode()
    assert "Bạn đã xác nhận đọc" not in content
    assert reverse("bulletins:confirm_read", args=[issue.pk]) in content


# --- a phone coming back gets a 304 --------------------------------------------------------


def test_a_revisit_of_an_unchanged_issue_gets_not_modified(reader_client, board):
    issue = make_issue(board, 8)
    url = issue.get_absolute_url()
    response = reader_client.get(url)
    assert "private" in response["Cache-Control"] and "no-cache" in response["Cache-Control"]
    etag = response["ETag"]
    again = reader_client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""

    reader_client.post(reverse("bulletins:confirm_read", args=[issue.pk]))
    reader_client.get(url)  # shows the thank-you message once
    assert reader_client.get(url, headers={"if-none-match": etag}).status_code == 200

    etag = reader_client.get(url)["ETag"]
    section = issue.sections.first()
    section.heading = "Mục đã sửa"
    section.save()
    assert reader_client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_another_reader_never_gets_a_304_for_someone_elses_copy(client, reader, board, cell):
    issue = make_issue(board, 8)
    client.force_login(reader)
    etag = client.get(issue.get_absolute_url())["ETag"]
    other = User.objects.create_user("bithu9", password=PASSWORD)
    other.organisations.set([cell])
    client.force_login(other)
    assert client.get(issue.get_absolute_url(), headers={"if-none-match": etag}).status_code == 200


# --- sessions are not written on every page ------------------------------------------------


def test_pages_do_not_write_the_session_until_the_refresh_interval(reader_client, board, settings):
    issue = make_issue(board, 8)
    reader_client.get(issue.get_absolute_url())
    key = reader_client.session.session_key
    expiry = Session.objects.get(session_key=key).expire_date
    reader_client.get(issue.get_absolute_url())
    assert Session.objects.get(session_key=key).expire_date == expiry

    session = reader_client.session
    session[IdleSessionMiddleware.KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    expiry = Session.objects.get(session_key=key).expire_date
    time.sleep(0.01)
    reader_client.get(issue.get_absolute_url())
    assert Session.objects.get(session_key=key).expire_date > expiry


def test_an_idle_session_ends(reader_client, board):
    issue = make_issue(board, 8)
    Session.objects.update(expire_date="2000-01-01T00:00:00Z")
    cache.clear()  # with cached sessions (REDIS_URL) the cached copy expires at the same time
    response = reader_client.get(issue.get_absolute_url())
    assert response.status_code == 302 and reverse("login") in response["Location"]


# --- flat pages ----------------------------------------------------------------------------


def test_the_archive_shows_one_year_with_links_to_the_others(reader_client, board):
    older = Issue.objects.create(
        publisher=board, year=2019, month=3, status="published", published_at="2019-03-01T00:00Z"
    )
    recent = make_issue(board, 8)
    content = reader_client.get(reverse("bulletins:archive")).content.decode()
    assert recent.title in content and older.title not in content
    assert reverse("bulletins:archive_year", args=[2019]) in content
    content = reader_client.get(reverse("bulletins:archive_year", args=[2019])).content.decode()
    assert older.title in content and recent.title not in content
    assert reader_client.get(reverse("bulletins:archive_year", args=[2001])).status_code == 404


def test_cited_in_lists_each_way_of_citing_once_and_pages(reader_client, board, directive):
    issue = make_issue(board, 8, sections=7)
    sections = list(issue.sections.order_by("position"))
    sections[0].body += "<p>Thực hiện Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>"
    sections[0].save()
    sections[1].cited_documents.add(directive)
    sections[2].presented_document = directive
    sections[2].body += "<p>Thực hiện Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>"
    sections[2].save()
    reader = User.objects.get(username="bithu5")
    assert list(Section.objects.visible_to(reader).citing(directive)) == sections[:3]

    for month in range(1, 13):
        if month != 8:
            for cited in make_issue(board, month, sections=3).sections.all():
                cited.cited_documents.add(directive)
    # 3 sections in August and 3 in each of the 11 other months: 36, 30 a page.
    first = reader_client.get(directive.get_absolute_url()).content.decode()
    assert first.count('href="/tai-lieu/') == 30
    assert "tháng 12 năm 2026" in first and "tháng 1 năm 2026" not in first  # newest first
    second = reader_client.get(directive.get_absolute_url() + "?page=2").content.decode()
    assert second.count('href="/tai-lieu/') == 6
    assert "tháng 1 năm 2026" in second and "tháng 12 năm 2026" not in second


# --- the same queries whatever the size of the data ----------------------------------------

PAGES = [
    ("home", lambda: reverse("bulletins:home")),
    ("archive", lambda: reverse("bulletins:archive")),
    ("issue", lambda: Issue.objects.filter(audience="internal").first().get_absolute_url()),
    ("documents", lambda: reverse("documents:list")),
    ("most cited", lambda: most_cited().get_absolute_url()),
    ("people", lambda: reverse("people:person_list")),
    ("events", lambda: reverse("people:event_list")),
]


def most_cited():
    from django.db.models import Count

    return Document.objects.annotate(n=Count("citations")).order_by("-n").first()


@pytest.mark.parametrize("sections", [200, 2000])
def test_page_queries_do_not_grow_with_issues_sections_and_accounts(client, sections, rendered):
    call_command("generate_dataset", sections=sections, years=2, stdout=io.StringIO())
    reader = User.objects.get(username="bithu_thu_00001")
    mark_sections_for_cell_types(reader)
    client.force_login(reader)
    counts = {}
    for name, url in PAGES:
        client.get(url())  # the issue text is cached by the first view
        counts[name] = queries(client, url())[0]
    # With cached sessions (REDIS_URL) the session is read from the cache, not the database.
    session = 0 if settings.SESSION_ENGINE.endswith("cached_db") else 1
    bell = 1
    assert counts == {page: count + session + bell for page, count in EXPECTED_QUERIES.items()}


def mark_sections_for_cell_types(reader):
    """Every third section of the latest issues for one type of cell, the reader's cell of
    one of them: reading costs the same queries whichever sections a cell gets."""
    types = list(CellType.objects.all())
    latest = list(Section.objects.order_by("-issue_id", "position").values_list("pk", flat=True))
    Through = Section.cell_types.through
    Through.objects.bulk_create(
        Through(section_id=pk, celltype=types[index % len(types)])
        for index, pk in enumerate(latest[:600:3])
    )
    Organisation.objects.filter(members=reader).update(cell_type=types[0])


# Every logged-in page: the user (and the session, above), and the bell's unread count (one
# count, taken into the issue page's ETag); a publisher's former names come with every list of
# issues (1). The rest, per page:
EXPECTED_QUERIES = {
    # the latest issue and the five before it (2 each), its guidance sections, and which of
    # them are written for some types of cell (bulletins.audience)
    "home": 7,
    "archive": 5,  # the years, the count and one page of the latest year
    # the issue, the audit entry (one statement, portal.audit), the neighbours (1), the
    # confirmation, the sections written for some types of cell (bulletins.audience)
    "issue": 7,
    # the unverified entries the reader's sections cite (bulletins.models.documents_visible_to),
    # the filter's choices (2), the count, one page
    "documents": 6,
    # the unverified entries cited, the document, its relations (2), the implementing chain,
    # the count and one page of citing sections
    "most cited": 8,
    "people": 5,  # the count, one page, its positions (1), the organisation filter's choices
    "events": 3,  # the count, one page
}


# --- PDFs: rendered once per saved state, stamped per download -----------------------------


def test_the_stamp_writes_the_readers_line_on_every_page_of_any_pdf():
    from pypdf import PdfReader, PdfWriter

    blank = PdfWriter()
    for _ in range(3):
        blank.add_blank_page(width=595, height=842)
    original = io.BytesIO()
    blank.write(original)

    prepared = stamp.prepare(original.getvalue())
    assert prepared.startswith(original.getvalue())  # an incremental update: bytes kept as they are
    assert all(page.extract_text() == "" for page in PdfReader(io.BytesIO(prepared)).pages)

    note = "Tải về bởi Nguyễn Thị Ánh Tuyết lúc 07:45 03/12/2026"
    stamped = stamp.fill(prepared, note)
    assert len(stamped) == len(prepared)  # written in place: no offset moved
    pages = PdfReader(io.BytesIO(stamped), strict=True).pages
    assert len(pages) == 3
    assert all(note in page.extract_text() for page in pages)
    other = "Tải về bởi Lục Văn Thư lúc 08:00 03/12/2026"
    assert other in PdfReader(io.BytesIO(stamp.fill(prepared, other))).pages[2].extract_text()


def test_a_pdf_stored_before_the_slot_existed_is_still_stamped_and_a_long_line_is_cut():
    from pypdf import PdfReader, PdfWriter

    blank = PdfWriter()
    blank.add_blank_page(width=595, height=842)
    original = io.BytesIO()
    blank.write(original)
    note = "Tải về bởi " + "Nguyễn Thị Ánh Tuyết " * 40
    text = PdfReader(io.BytesIO(stamp.fill(original.getvalue(), note))).pages[0].extract_text()
    assert text == note[: stamp.SLOT_GLYPHS]


def test_a_letter_missing_from_the_font_falls_back_to_its_base_letter():
    font = stamp.stamp_font()
    assert stamp.glyph_ids("Ǹ", font) == stamp.glyph_ids("N", font)
    assert stamp.glyph_ids("漢", font) == stamp.glyph_ids("?", font)


def test_the_pdf_is_rendered_once_per_saved_state(
    needs_pango, client, reader, board, cell, monkeypatch
):
    issue = make_issue(board, 8)
    renders = []
    render = pdf.render_issue
    monkeypatch.setattr(
        pdf, "render_issue", lambda issue, *rest: renders.append(issue.pk) or render(issue, *rest)
    )
    other = User.objects.create_user(
        "bithu9", password=PASSWORD, last_name="Hà Thị", first_name="Lan"
    )
    other.organisations.set([cell])
    url = reverse("bulletins:issue_pdf", args=[issue.pk])

    client.force_login(reader)
    first = pdf_text(client.get(url).content)
    client.force_login(other)
    second = pdf_text(client.get(url).content)
    assert renders == [issue.pk]
    assert "Lục Văn Thư" in first and "Hà Thị" not in first
    assert "Hà Thị" in second and "Lục Văn Thư" not in second

    section = issue.sections.first()
    section.heading = "Mục đã đính chính"
    section.save()
    assert "Mục đã đính chính" in pdf_text(client.get(url).content)
    assert renders == [issue.pk, issue.pk]
    stored = list(pdf.stored_path(issue).parent.glob(f"{issue.pk}-*.pdf"))
    assert stored == [pdf.stored_path(Issue.objects.get(pk=issue.pk))]  # the old one is gone


# --- compression ---------------------------------------------------------------------------


def test_pages_are_gzipped_and_pdfs_are_not(needs_pango, reader_client, board):
    issue = make_issue(board, 8, sections=12)
    page = reader_client.get(issue.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in page["Vary"]
    assert gzip.decompress(page.content).decode().count("Nội dung số") >= 12
    url = reverse("bulletins:issue_pdf", args=[issue.pk])
    document = reader_client.get(url, headers={"accept-encoding": "gzip"})
    assert not document.has_header("Content-Encoding")
    assert document.content.startswith(b"%PDF-")


# --- who reads what: worked out once per user and organisation-tree version ----------------


def test_the_reading_scope_is_cached_until_the_tree_or_a_membership_changes(
    reader, cell, city, board
):
    ward_issue = make_issue(board, 8)
    ward_issue.audience = Issue.Audience.ORGANISATIONS
    ward_issue.save()
    other_ward = Organisation.objects.create(
        name="Đảng ủy phường Tân Giang", kind="ward", parent=city
    )

    ward_issue.audience_organisations.set([other_ward])

    assert ward_issue not in Issue.objects.visible_to(reader)
    again = User.objects.get(pk=reader.pk)  # a new request: a fresh user object
    with CaptureQueriesContext(connection) as captured:
        again.reading_scope()
    assert len(captured) == 0  # from the cache

    new_cell = Organisation.objects.create(name="Chi bộ Tổ 3", kind="cell", parent=other_ward)
    reader.organisations.add(new_cell)
    assert ward_issue in Issue.objects.visible_to(User.objects.get(pk=reader.pk))

    new_cell.parent = cell.parent  # moved out of the ward the issue is for
    new_cell.save()
    assert ward_issue not in Issue.objects.visible_to(User.objects.get(pk=reader.pk))


def test_while_one_request_renders_a_pdf_the_others_are_asked_to_retry(
    reader_client, board, monkeypatch
):
    issue = make_issue(board, 8)
    monkeypatch.setattr(pdf, "available", lambda: True)
    cache.add(f"portal:pdf-rendering:{pdf.stored_path(issue).name}", 1, 60)  # another worker
    response = reader_client.get(reverse("bulletins:issue_pdf", args=[issue.pk]))
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Bản PDF đang được chuẩn bị" in response.content.decode()
    assert not pdf.stored_path(issue).exists()


@pytest.mark.skipif(not settings.REDIS_URL, reason="needs REDIS_URL (set by .ci/run)")
def test_the_redis_cache_keeps_one_client_for_every_call():
    """Django would build a Redis client for every call; ours shares one per pool, and it
    still writes, reads and deletes."""
    client = cache._cache.get_client(write=True)
    cache.set("performance:shared-client", "một", 30)
    assert cache.get("performance:shared-client") == "một"
    assert cache.get_many(["performance:shared-client"]) == {"performance:shared-client": "một"}
    cache.delete("performance:shared-client")
    assert cache.get("performance:shared-client") is None
    assert cache._cache.get_client() is client
    assert cache._cache.get_client(write=True) is client
