import pytest
from django.db import connection
from django.urls import reverse

from .factories import make_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.mark.parametrize("name", ["bulletins:home", "bulletins:archive"])
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_anonymous_visitor_cannot_open_an_issue(client, published_issue):
    response = client.get(published_issue.get_absolute_url())
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={published_issue.get_absolute_url()}"


def test_home_shows_latest_issue_and_its_orientation(reader_client, published_issue, draft_issue):
    response = reader_client.get(reverse("bulletins:home"))
    content = response.content.decode()
    assert response.status_code == 200
    assert published_issue.title in content
    assert draft_issue.title not in content
    assert "Nội dung số 1 tháng 10" in content
    assert "Nội dung số 5 tháng 10" in content
    assert "Nội dung số 2 tháng 10" not in content  # a subsection is not in the orientation


def test_issue_page_shows_header_marking_and_numbered_sections(reader_client, published_issue):
    response = reader_client.get(published_issue.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "SỬ DỤNG VÀ BẢO QUẢN TRONG NỘI BỘ CỦA ĐẢNG" in content
    assert "Ban Tuyên giáo Thành ủy" in content
    assert '<span class="number">1.2.1.</span> Nội dung số 4 tháng 10' in content
    assert "Chú thích của mục 3" in content
    first = published_issue.sections.first()
    assert f'href="#{first.anchor}"' in content
    assert f'id="{first.anchor}"' in content


def test_drafts_are_invisible_to_readers(reader_client, draft_issue):
    assert reader_client.get(draft_issue.get_absolute_url()).status_code == 404
    archive = reader_client.get(reverse("bulletins:archive")).content.decode()
    assert draft_issue.title not in archive


def test_archive_groups_published_issues_by_year(reader_client, board, published_issue):
    older = make_issue(board, 9)
    content = reader_client.get(reverse("bulletins:archive")).content.decode()
    assert "Năm 2026" in content
    assert content.index(published_issue.title) < content.index(older.title)


@pytest.mark.parametrize("sections", [3, 40])
def test_issue_page_query_count_does_not_grow_with_sections(
    reader_client, board, sections, django_assert_max_num_queries
):
    issue = make_issue(board, 8, sections=sections)
    # session, user, issue, publisher's former names, audit entry in its own transaction
    # (3, 4 on PostgreSQL), the text on its first view (sections, footnotes, citations,
    # attachments), previous and next readable issue (2), read confirmation, the session
    # refreshed (3: savepoint, update, release), the reading scope worked out on a first
    # request (4: tree, cells, successions, transfers), the people named in the text, the
    # bell's unread count, which sections the issue marks for cell types
    with django_assert_max_num_queries(24 + (connection.vendor == "postgresql")):
        response = reader_client.get(issue.get_absolute_url())
    assert response.content.decode().count('class="section level-') == sections


def test_home_query_count_is_fixed(reader_client, board, django_assert_max_num_queries):
    for month in range(1, 9):
        make_issue(board, month)
    # session, user, latest issue and the five before it with their publishers' former
    # names (4), guidance sections, the session refreshed (3), the reading scope (4), the
    # bell's unread count
    with django_assert_max_num_queries(15):
        reader_client.get(reverse("bulletins:home"))
    with django_assert_max_num_queries(10):
        reader_client.get(reverse("bulletins:archive"))
