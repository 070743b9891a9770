"""The issue page as a secretary uses it: contents, neighbours, reading time, PDF, page weight."""

import datetime
import os
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import call_command
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from bulletins.models import Issue
from people.models import Organisation
from portal import pdf, reading

from .factories import make_issue, make_user
from .support import pdf_text

pytestmark = pytest.mark.django_db

MARKING = "SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG"


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


def test_issue_page_links_the_neighbouring_issues_the_reader_may_read(reader_client, board, city):
    august, october = make_issue(board, 8), make_issue(board, 10)
    hidden = make_issue(board, 9)
    hidden.audience = Issue.Audience.ORGANISATIONS
    hidden.save()
    hidden.audience_organisations.set([board])  # not the reader's cell
    make_issue(board, 11, published=False)

    content = reader_client.get(october.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{august.get_absolute_url()}"' in content
    assert 'rel="next"' not in content  # November is a draft
    content = reader_client.get(august.get_absolute_url()).content.decode()
    assert f'rel="next" href="{october.get_absolute_url()}"' in content
    assert 'rel="prev"' not in content


def test_neighbours_of_issues_of_the_same_month_follow_their_order(reader_client, board, city):
    """Two issues of a month (of two publishers the reader reads) come one after the other,
    by id."""
    neighbour = Organisation.objects.create(name="Ban Dân vận Thành ủy", kind="board", parent=city)
    july, regular, september = (make_issue(board, month) for month in (7, 8, 9))
    other = make_issue(neighbour, 8)

    def links(issue):
        content = reader_client.get(issue.get_absolute_url()).content.decode()
        found = re.findall(r'rel="(prev|next)" href="/tai-lieu/(\d+)/"', content)
        return {rel: int(pk) for rel, pk in found}

    assert links(regular) == {"prev": july.pk, "next": other.pk}
    assert links(other) == {"prev": regular.pk, "next": september.pk}
    assert links(july) == {"next": regular.pk}


def test_the_issue_page_follows_each_change_to_what_the_reader_may_read(
    reader_client, reader, board, cell, monkeypatch
):
    """Access comes from the reader's cached list of issues (bulletins.readable): every change
    that decides it reaches the page at once, without waiting for the cache."""
    issue, other = make_issue(board, 8), make_issue(board, 9)
    url = issue.get_absolute_url()
    assert reader_client.get(url).status_code == 200  # the list is now cached

    issue.audience = Issue.Audience.ORGANISATIONS
    issue.save()
    issue.audience_organisations.set([board])  # no longer the reader's cell
    assert reader_client.get(url).status_code == 404
    issue.audience_organisations.set([cell])
    assert reader_client.get(url).status_code == 200

    reader.organisations.clear()  # the reader leaves the cell
    assert reader_client.get(url).status_code == 404
    reader.organisations.set([cell])
    assert reader_client.get(url).status_code == 200

    issue.status = Issue.Status.DRAFT  # withdrawn for a correction
    issue.save()
    assert reader_client.get(url).status_code == 404
    assert 'rel="prev"' not in reader_client.get(other.get_absolute_url()).content.decode()

    issue.status = Issue.Status.SCHEDULED
    issue.published_at = timezone.now() + datetime.timedelta(minutes=1)
    issue.save()
    assert reader_client.get(url).status_code == 404
    later = timezone.now() + datetime.timedelta(minutes=2)
    monkeypatch.setattr(timezone, "now", lambda: later)  # due, nothing saved
    assert reader_client.get(url).status_code == 200
    issue.delete()
    assert reader_client.get(url).status_code == 404


def test_issue_page_has_contents_reading_time_pdf_link_and_printed_marking(
    reader_client, published_issue
):
    content = reader_client.get(published_issue.get_absolute_url()).content.decode()
    start = content.index('class="reading-bar"')
    contents = content[start : content.index("</nav>", start)]
    for section in published_issue.sections.filter(level__lte=2):
        assert f'href="#{section.anchor}">{section.number} {section.heading}' in contents
    assert '<p class="reading-time">' in content
    assert reverse("bulletins:issue_pdf", args=[published_issue.pk]) in content
    assert f'@top-center {{ content: "{MARKING}"; }}' in content


def test_reading_time_counts_headings_bodies_and_footnotes(board):
    issue = make_issue(board, 8, sections=1)
    section = issue.sections.get()
    section.body = "<p>" + "chữ " * 900 + "</p>"
    section.save()
    # 900 words of body, 5 of heading, 4 of footnote: just over five minutes
    assert reading.reading_minutes(issue.sections.prefetch_related("footnotes")) == 6


def test_css_string_cannot_close_the_style_element():
    rendered = Template("{% load reading %}{{ text|css_string }}").render(
        Context({"text": 'Mật" } </style><script>x</script> \\'})
    )
    assert "</style>" not in rendered and "<script>" not in rendered
    assert rendered.startswith('"Mật\\22  } \\3c /style\\3e ')


def test_pdf_carries_the_marking_and_the_readers_name_on_its_pages(
    needs_pango, reader_client, published_issue
):
    response = reader_client.get(reverse("bulletins:issue_pdf", args=[published_issue.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = pdf_text(response.content)
    assert "Nội dung số 4 tháng 10" in text  # Vietnamese diacritics survive the fonts
    assert "Chú thích của mục 3" in text
    assert text.count(MARKING) >= 2  # the page header, the header block and the end
    assert re.search(r"Lục Văn Thư\D+\d\d:\d\d \d\d/\d\d/\d{4}", text)  # family name first


def test_pdf_of_a_public_issue_names_an_anonymous_visitor(needs_pango, client, published_issue):
    published_issue.audience = Issue.Audience.PUBLIC
    published_issue.save()
    response = client.get(reverse("bulletins:issue_pdf", args=[published_issue.pk]))
    assert response.status_code == 200
    assert gettext("an anonymous visitor") in pdf_text(response.content)


def test_without_pango_the_pdf_link_explains_instead_of_crashing(
    reader_client, published_issue, monkeypatch
):
    monkeypatch.setattr(pdf, "available", lambda: False)
    response = reader_client.get(reverse("bulletins:issue_pdf", args=[published_issue.pk]))
    assert response.status_code == 503
    assert gettext("The PDF cannot be made right now") in response.content.decode()


def test_the_pdf_fetches_only_static_files_and_the_issues_own_images(needs_pango):
    fetch = pdf._fetcher_class(pdf._weasyprint())(media_paths={"images/of-this-issue.png"})
    assert fetch(f"{pdf.BASE_URL}static/css/portal.css").read().startswith(b"/*")
    for url in [
        f"{pdf.BASE_URL}media/images/of-another-issue.png",
        f"{pdf.BASE_URL}static/../../config/settings.py",
        "file:///etc/passwd",
        "http://127.0.0.1:8000/",
    ]:
        with pytest.raises((ValueError, SuspiciousFileOperation)):
            fetch(url)


def test_pdf_query_count_does_not_grow_with_sections(needs_pango, reader_client, board):
    short, long = make_issue(board, 8, sections=3), make_issue(board, 9, sections=40)
    reader_client.get(reverse("bulletins:home"))  # the reading scope and the session refreshed
    reader_client.get(reverse("search"))  # and the reader's issues (bulletins.readable)
    counts = []
    for issue in (short, long):
        with CaptureQueriesContext(connection) as queries:
            response = reader_client.get(reverse("bulletins:issue_pdf", args=[issue.pk]))
        assert response.status_code == 200
        counts.append(len(queries))
    # session, user, issue, publisher's former names, audit entry in its own transaction
    # (3, 4 on PostgreSQL), the first rendering (sections and their cell types, cell types of
    # hidden sections, footnotes, citations, the issue's images, the people named in the text)
    assert counts[0] == counts[1] <= 15


def test_issue_page_stays_under_100_kb_without_images(client, settings):
    """HTML, CSS and JS of the largest demo issue: what a phone on a slow network downloads."""
    settings.DEBUG = True  # the demo accounts log in only on a development server
    call_command("load_demo", verbosity=0)
    client.force_login(make_user("bithu_budget"))
    largest = max(
        Issue.objects.published(), key=lambda issue: sum(len(s.body) for s in issue.sections.all())
    )
    html = client.get(largest.get_absolute_url()).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert {b"css/portal.css", b"js/reading.js"} <= set(assets)
    total = len(html) + sum(os.path.getsize(finders.find(a.decode())) for a in assets)
    assert total < 100 * 1024, f"{total} bytes"


def test_what_another_process_cached_before_the_commit_is_retired_by_it(
    reader, board, django_capture_on_commit_callbacks
):
    """A withdrawal moves the version at once and again at its commit: a request of another
    process that read the database in between, the withdrawal not yet committed, cached the
    issue as readable under the first new version; the commit retires that entry too."""
    from django.core.cache import cache
    from django.db import transaction

    from bulletins import readable

    issue = make_issue(board, 8)
    before = readable.readable_issues(reader)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        issue.status = Issue.Status.DRAFT
        issue.save()
        # Another process reads the version now, and the database as it was.
        tree, issues = readable.scope.current_versions(
            readable.scope.VERSION_KEY, readable.ISSUES_VERSION_KEY
        )
        cache.set(readable.cache_key(reader, tree, issues), before)
        assert issue.pk in readable.readable_issues(reader)  # the stale entry, until commit
    assert issue.pk not in readable.readable_issues(reader)


def test_a_withdrawn_issue_is_closed_even_to_a_process_with_an_old_list(
    reader_client, reader, board
):
    """Each process of a deployment without Redis keeps its own cache: one that has not seen
    the withdrawal still lists the issue, but the page asks the issue's own row too."""
    from django.core.cache import cache

    from bulletins import readable

    issue = make_issue(board, 8)
    stale = readable.readable_issues(reader)
    issue.status = Issue.Status.WITHDRAWN
    issue.save()
    tree, issues = readable.scope.current_versions(
        readable.scope.VERSION_KEY, readable.ISSUES_VERSION_KEY
    )
    cache.set(readable.cache_key(reader, tree, issues), stale)  # as elsewhere
    assert issue.pk in readable.readable_issues(reader)
    assert reader_client.get(issue.get_absolute_url()).status_code == 404
    assert reader_client.get(reverse("bulletins:issue_pdf", args=[issue.pk])).status_code == 404


def test_the_issue_before_january_is_last_years_december(reader_client, board):
    december = make_issue(board, 12)
    december.year = 2025
    december.save()
    january = make_issue(board, 1)
    content = reader_client.get(january.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{december.get_absolute_url()}"' in content
    content = reader_client.get(december.get_absolute_url()).content.decode()
    assert f'rel="next" href="{january.get_absolute_url()}"' in content
