"""Issues of any size open and save: the issue page shows the outline and one page of
sections, so its queries and fields do not grow with the issue."""

import datetime
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from bulletins.admin.outline import SECTIONS_PER_PAGE
from bulletins.models import Issue, ReadConfirmation, Section
from bulletins.numbering import move, possible_moves
from documents.models import Citation
from people.models import Organisation

from .factories import make_issue
from .forms import form_data, inline_index

pytestmark = pytest.mark.django_db


def make_large_issue(publisher, month, count):
    """``count`` sections in a regular outline (1., 1.1., 1.1.1., 1.2., 2. ...)."""
    issue = Issue.objects.create(publisher=publisher, year=2027, month=month)
    pattern = [1, 2, 3, 2, 3, 3, 2]
    Section.objects.bulk_create(
        Section(
            issue=issue,
            position=index * 10,
            level=pattern[(index - 1) % len(pattern)],
            heading=f"Mục thứ {index} của số tháng {month}",
            body=f"<p>Nội dung mục {index}: quán triệt nghị quyết, liên hệ thực tiễn chi bộ.</p>",
        )
        for index in range(1, count + 1)
    )
    issue.renumber_sections()
    return issue


def issue_url(issue, query=""):
    return reverse("admin:bulletins_issue_change", args=[issue.pk]) + query


def count_queries(client, url):
    client.get(url)  # the session and the content types are loaded once
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def posted_fields(data):
    return sum(len(value) if isinstance(value, list) else 1 for value in data.values())


class TestIssuePage:
    def test_queries_do_not_grow_with_the_number_of_sections(
        self, client, editor, board, directive
    ):
        small = make_large_issue(board, 1, SECTIONS_PER_PAGE + 5)
        large = make_large_issue(board, 2, 1000)
        # every section of the large issue presents and cites a document: no query per form
        large.sections.update(presented_document=directive)
        Section.cited_documents.through.objects.bulk_create(
            Section.cited_documents.through(section_id=pk, document_id=directive.pk)
            for pk in large.sections.values_list("pk", flat=True)
        )
        client.force_login(editor)
        small_count, _page = count_queries(client, issue_url(small))
        large_count, page = count_queries(client, issue_url(large))
        assert large_count == small_count
        assert large_count <= 25
        selected = f'<option value="{directive.pk}" selected>{directive}</option>'
        assert page.count(selected) == 2 * SECTIONS_PER_PAGE  # presented and cited
        # the whole outline is listed; one page of sections is editable
        assert page.count('name="_move"') > 2000
        assert "Mục thứ 1000 của số tháng 2" in page
        assert f'name="sections-{SECTIONS_PER_PAGE}-heading"' not in page
        assert f'href="?muc={1000 - SECTIONS_PER_PAGE + 1}"' in page

    def test_a_thousand_sections_save_under_the_field_limit(self, client, editor, board):
        issue = make_large_issue(board, 3, 1000)
        client.force_login(editor)
        url = issue_url(issue, f"?muc={SECTIONS_PER_PAGE + 1}")
        data = form_data(client.get(url).content.decode(), "issue_form")
        assert posted_fields(data) < settings.DATA_UPLOAD_MAX_NUMBER_FIELDS / 2
        target = issue.sections.order_by("position")[SECTIONS_PER_PAGE]
        index = inline_index(data, target)
        data[f"sections-{index}-heading"] = "Mục 21 sửa từ trang thứ hai"
        data["title_override"] = "Số đặc biệt nghìn mục"
        assert client.post(url, data).status_code == 302
        target.refresh_from_db()
        issue.refresh_from_db()
        assert target.heading == "Mục 21 sửa từ trang thứ hai"
        assert issue.title_override == "Số đặc biệt nghìn mục"
        assert issue.sections.count() == 1000

    def test_move_buttons_only_where_the_move_does_something(self, client, editor, draft_issue):
        # outline: 1. / 1.1. / 1.2. / 1.2.1. / 2.
        client.force_login(editor)
        page = client.get(issue_url(draft_issue)).content.decode()
        moves = {
            section.number: set(re.findall(rf'value="{section.pk}:(\w+)"', page))
            for section in draft_issue.sections.all()
        }
        assert moves == {
            "1.": {"down"},
            "1.1.": {"down", "out"},
            "1.2.": {"up", "in", "out"},
            "1.2.1.": {"out"},
            "2.": {"up", "in"},
        }

    def test_the_outline_escapes_headings_and_links_each_section(self, client, editor, draft_issue):
        section = draft_issue.sections.get(number="1.2.")
        section.heading = "Tin <b>nổi bật</b> & ảnh"
        section.save()
        client.force_login(editor)
        page = client.get(issue_url(draft_issue)).content.decode()
        change = reverse("admin:bulletins_section_change", args=[section.pk])
        add = reverse("admin:bulletins_section_add")
        assert (
            f'<tr><td>1.2.</td><td>\u2003<a href="{change}">'
            "Tin &lt;b&gt;nổi bật&lt;/b&gt; &amp; ảnh</a></td>"
            f'<td><button type="submit" name="_move" value="{section.pk}:up"'
        ) in page
        assert (
            f'<td><a href="{add}?issue={draft_issue.pk}&amp;position={section.position + 1}'
            '&amp;level=2">'
        ) in page
        assert "<b>nổi bật</b>" not in page

    def test_a_move_of_a_section_no_longer_in_the_issue_moves_nothing(
        self, client, editor, draft_issue, board
    ):
        """A page opened before a colleague deleted the section (or a forged pk of another
        issue's section): the save goes through, nothing moves, no error page."""
        other = make_issue(board, 10, published=False, sections=2).sections.first()
        client.force_login(editor)
        numbers = dict(draft_issue.sections.values_list("pk", "number"))
        data = form_data(client.get(issue_url(draft_issue)).content.decode(), "issue_form")
        response = client.post(issue_url(draft_issue), {**data, "_move": f"{other.pk}:up"})
        assert response.status_code == 302
        assert dict(draft_issue.sections.values_list("pk", "number")) == numbers
        other.refresh_from_db()
        assert other.number == "1."

    def test_a_move_from_the_outline_of_a_large_issue(self, client, editor, board):
        issue = make_large_issue(board, 4, 300)
        client.force_login(editor)
        last_main = issue.sections.filter(level=1).order_by("position").last()
        data = form_data(client.get(issue_url(issue)).content.decode(), "issue_form")
        response = client.post(issue_url(issue), {**data, "_move": f"{last_main.pk}:up"})
        assert response.status_code == 302
        last_main.refresh_from_db()
        assert last_main.number == f"{issue.sections.filter(level=1).count() - 1}."


class TestAddingSections:
    def test_add_after_a_section_prefills_the_issue_and_the_place(
        self, client, editor, draft_issue
    ):
        client.force_login(editor)
        after = draft_issue.sections.get(number="1.1.")
        page = client.get(issue_url(draft_issue)).content.decode()
        link = (
            re.search(rf'href="([^"]+position={after.position + 1}[^"]*)"', page)
            .group(1)
            .replace("&amp;", "&")
        )
        form = form_data(client.get(link).content.decode(), "section_form")
        assert form["issue"] == str(draft_issue.pk)
        assert form["level"] == "2"
        form.update(heading="Mục mới chen vào sau 1.1.", body="<p>Nội dung bổ sung.</p>")
        add = reverse("admin:bulletins_section_add")
        assert client.post(add, form).status_code == 302
        numbers = [(s.number, s.heading) for s in draft_issue.sections.all()]
        assert numbers[1] == ("1.1.", after.heading)
        assert numbers[2] == ("1.2.", "Mục mới chen vào sau 1.1.")
        assert [n for n, _h in numbers] == ["1.", "1.1.", "1.2.", "1.3.", "1.3.1.", "2."]


class TestSectionPage:
    def test_citations_load_in_a_fixed_number_of_queries(
        self, client, editor, draft_issue, directive
    ):
        few, many = draft_issue.sections.order_by("position")[:2]
        for section, count in ((few, 3), (many, 400)):
            Citation.objects.bulk_create(
                Citation(
                    section=section,
                    document=directive,
                    code=directive.code,
                    text=f"Kế hoạch số {directive.code} (lần {index})",
                    start=index * 20,
                    end=index * 20 + 15,
                )
                for index in range(count)
            )
        client.force_login(editor)
        url = "admin:bulletins_section_change"
        few_count, _page = count_queries(client, reverse(url, args=[few.pk]))
        many_count, page = count_queries(client, reverse(url, args=[many.pk]))
        assert many_count == few_count
        assert "(lần 399)" in page

    def test_the_citations_table_escapes_and_links_each_row(
        self, client, editor, draft_issue, directive
    ):
        section = draft_issue.sections.first()
        rows = [
            ("<b>Kế hoạch 412</b> & co", "412-KH/TU", directive, datetime.date(2026, 8, 14), True),
            ("Chỉ thị số 9-CT/TU", "9-CT/TU", None, None, False),
        ]
        Citation.objects.bulk_create(
            Citation(section=section, document=document, code=code, text=text,
                     cited_date=cited, ambiguous=ambiguous, start=index, end=index + 5)
            for index, (text, code, document, cited, ambiguous) in enumerate(rows)
        )  # fmt: skip
        client.force_login(editor)
        url = reverse("admin:bulletins_section_change", args=[section.pk])
        page = client.get(url).content.decode()
        link = reverse("admin:documents_document_change", args=[directive.pk])
        assert (
            "<tr><td>&lt;b&gt;Kế hoạch 412&lt;/b&gt; &amp; co</td><td>412-KH/TU</td>"
            f'<td>14/08/2026</td><td><a href="{link}">{directive}</a></td><td>'  # then "ambiguous"
        ) in page
        assert (
            "<tr><td>Chỉ thị số 9-CT/TU</td><td>9-CT/TU</td><td></td><td>—</td><td></td></tr>"
            in page
        )


class TestAtScale:
    def test_the_section_list_does_not_query_per_row_or_per_issue(self, client, editor, board):
        for month in (5, 6):
            make_large_issue(board, month, 15)
        client.force_login(editor)
        url = reverse("admin:bulletins_section_changelist")
        few, _page = count_queries(client, url)
        for month in (7, 8, 9, 10):
            make_large_issue(board, month, 60)
        many, page = count_queries(client, url)
        assert many == few
        assert "Mục thứ 60 của số tháng 10" in page  # the newest issue first, in outline order
        assert page.index("Mục thứ 1 của số tháng 10") < page.index("Mục thứ 2 của số tháng 10")

    def test_the_publisher_filter_lists_the_publishers_with_sections_one_may_see(
        self, client, editor, superuser, board, city
    ):
        second, foreign, empty = (
            Organisation.objects.create(name=name, kind="board", parent=city)
            for name in ("Ban Dân vận", "Ban Nội chính", "Ban Kinh tế")
        )
        editor.organisations.add(second, empty)
        for publisher in (board, second, foreign):
            make_large_issue(publisher, 5, 3)
        Issue.objects.create(publisher=empty, year=2027, month=5)
        url = reverse("admin:bulletins_section_changelist")

        def choices(user):
            client.force_login(user)
            page = client.get(url).content.decode()
            return set(re.findall(r'issue__publisher__id__exact=(\d+)"', page))

        assert choices(superuser) == {str(board.pk), str(second.pk), str(foreign.pk)}
        assert choices(editor) == {str(board.pk), str(second.pk)}

    def test_the_read_report_is_counted_in_a_fixed_number_of_queries(
        self, client, editor, published_issue, cell
    ):
        def confirm(count, start):
            for index in range(start, start + count):
                reader = User.objects.create(  # no password: hashing would dominate the test
                    username=f"bithu_{index}", first_name=f"Số {index}", last_name="Đảng viên"
                )
                reader.organisations.set([cell])
                ReadConfirmation.objects.create(issue=published_issue, reader=reader)

        client.force_login(editor)
        url = reverse("admin:bulletins_issue_read_report", args=[published_issue.pk])
        confirm(2, 0)
        few, _page = count_queries(client, url)
        confirm(60, 2)
        many, page = count_queries(client, url)
        assert many == few
        assert "<td>62</td>" in page  # how many members confirmed; their names are in the CSV
        exported = client.get(url, {"format": "csv"}).content.decode()
        assert exported.count("Đảng viên Số") == 62

    def test_the_read_report_rows_escape_names_and_show_local_times(
        self, client, editor, published_issue, cell
    ):
        cell.name = "Chi bộ <Khu 1> & 2"
        cell.save()
        reader = User.objects.create(username="bithu_khu_1")
        reader.organisations.set([cell])
        confirmation = ReadConfirmation.objects.create(issue=published_issue, reader=reader)
        ReadConfirmation.objects.filter(pk=confirmation.pk).update(
            confirmed_at=datetime.datetime(2026, 8, 14, 14, 5, tzinfo=datetime.UTC)
        )
        client.force_login(editor)
        url = reverse("admin:bulletins_issue_read_report", args=[published_issue.pk])
        page = client.get(url).content.decode()
        assert (
            "<tr><td>Chi bộ &lt;Khu 1&gt; &amp; 2</td><td>Đảng ủy phường Hợp Giang</td>"
            "<td>1</td><td>21:05 14/08/2026</td></tr>"  # Hanoi time
        ) in page


def outlines(length):
    """Every outline of ``length`` sections that starts at level 1 and never skips a level."""
    if length == 0:
        yield []
        return
    for shorter in outlines(length - 1):
        deepest = shorter[-1] + 1 if shorter else 1
        for level in range(1, min(deepest, Section.MAX_LEVEL) + 1):
            yield [*shorter, level]


def test_the_outline_shows_exactly_the_moves_that_change_something():
    for length in range(1, 7):
        for levels in outlines(length):
            possible = possible_moves(levels, Section.MAX_LEVEL)
            for index in range(length):
                for direction in ("up", "down", "in", "out"):
                    changes = move(levels, index, direction, Section.MAX_LEVEL) != (
                        list(range(length)),
                        levels,
                    )
                    assert changes == (direction in possible[index]), (levels, index, direction)
