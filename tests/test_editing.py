"""Two editors on one issue: no edit is lost, whatever the order of their saves."""

import pytest
from django.urls import reverse

from bulletins.models import Section

from .forms import form_data, inline_index

pytestmark = pytest.mark.django_db


def issue_url(issue):
    return reverse("admin:bulletins_issue_change", args=[issue.pk])


def section_url(section):
    return reverse("admin:bulletins_section_change", args=[section.pk])


def open_issue(client, issue):
    return form_data(client.get(issue_url(issue)).content.decode(), "issue_form")


def save_section(browser, section, **changes):
    data = form_data(browser.get(section_url(section)).content.decode(), "section_form")
    data.update(changes)
    response = browser.post(section_url(section), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def sections(draft_issue):
    """X and Y of the bug reports: the last and the first main section of the draft (either
    can be deleted without leaving a subsection without its parent)."""
    ordered = list(draft_issue.sections.order_by("position"))
    return ordered[-1], ordered[0]


class TestLostEdits:
    def test_a_colleagues_section_edit_survives_a_save_of_the_issue_page(
        self, client, editor, colleague, draft_issue, sections
    ):
        x, y = sections
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        save_section(colleague, x, heading="Mục X do đồng chí Hai sửa")

        mine[f"sections-{inline_index(mine, y)}-heading"] = "Mục Y do tôi sửa"
        assert client.post(issue_url(draft_issue), mine).status_code == 302

        x.refresh_from_db()
        y.refresh_from_db()
        assert x.heading == "Mục X do đồng chí Hai sửa"
        assert y.heading == "Mục Y do tôi sửa"

    def test_saving_again_after_a_conflict_merges_only_what_this_editor_changed(
        self, client, editor, colleague, draft_issue, sections
    ):
        x, y = sections
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        save_section(colleague, x, heading="Mục X do đồng chí Hai sửa")

        mine[f"sections-{inline_index(mine, x)}-body"] = "<p>Thân bài X do tôi viết lại.</p>"
        mine[f"sections-{inline_index(mine, y)}-heading"] = "Mục Y do tôi sửa"
        response = client.post(issue_url(draft_issue), mine)
        page = response.content.decode()
        assert response.status_code == 200
        assert "bientap_hai" in page and "Mục X do đồng chí Hai sửa" in page  # who, and which
        x.refresh_from_db()
        y.refresh_from_db()
        assert x.body != "<p>Thân bài X do tôi viết lại.</p>"  # nothing saved
        assert y.heading != "Mục Y do tôi sửa"

        again = form_data(page, "issue_form")
        assert client.post(issue_url(draft_issue), again).status_code == 302
        x.refresh_from_db()
        y.refresh_from_db()
        assert x.heading == "Mục X do đồng chí Hai sửa"  # the colleague's edit is kept
        assert x.body == "<p>Thân bài X do tôi viết lại.</p>"  # and so is mine
        assert y.heading == "Mục Y do tôi sửa"

    def test_a_field_both_changed_shows_the_other_version_beside_mine(
        self, client, editor, colleague, draft_issue, sections
    ):
        x, _y = sections
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        save_section(colleague, x, heading="Tiêu đề của đồng chí Hai")

        mine[f"sections-{inline_index(mine, x)}-heading"] = "Tiêu đề của tôi"
        page = client.post(issue_url(draft_issue), mine).content.decode()
        assert "Tiêu đề của đồng chí Hai" in page and "Tiêu đề của tôi" in page
        x.refresh_from_db()
        assert x.heading == "Tiêu đề của đồng chí Hai"

        again = form_data(page, "issue_form")
        assert again[f"sections-{inline_index(again, x)}-heading"] == "Tiêu đề của tôi"
        assert client.post(issue_url(draft_issue), again).status_code == 302
        x.refresh_from_db()
        assert x.heading == "Tiêu đề của tôi"  # chosen after seeing both

    def test_every_conflicting_section_is_named(
        self, client, editor, colleague, draft_issue, sections
    ):
        x, y = sections
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        save_section(colleague, x, body="<p>Bản của đồng chí Hai cho X.</p>")
        save_section(colleague, y, body="<p>Bản của đồng chí Hai cho Y.</p>")
        for section in (x, y):
            mine[f"sections-{inline_index(mine, section)}-heading"] = f"Sửa {section.pk}"
        page = client.post(issue_url(draft_issue), mine).content.decode()
        x.refresh_from_db()
        y.refresh_from_db()
        summary = page[page.index("errornote") :]
        assert str(x) in summary and str(y) in summary
        assert x.heading != f"Sửa {x.pk}" and y.heading != f"Sửa {y.pk}"

    def test_issue_fields_merge_like_sections(self, client, editor, colleague, draft_issue):
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        theirs = form_data(colleague.get(issue_url(draft_issue)).content.decode(), "issue_form")
        theirs["title_override"] = "Số chuyên đề 80 năm Quốc khánh"
        assert colleague.post(issue_url(draft_issue), theirs).status_code == 302

        mine["marking"] = "Tài liệu nội bộ"
        response = client.post(issue_url(draft_issue), mine)
        assert response.status_code == 200
        again = form_data(response.content.decode(), "issue_form")
        assert again["title_override"] == "Số chuyên đề 80 năm Quốc khánh"
        assert client.post(issue_url(draft_issue), again).status_code == 302
        draft_issue.refresh_from_db()
        assert draft_issue.title_override == "Số chuyên đề 80 năm Quốc khánh"
        assert draft_issue.marking == "Tài liệu nội bộ"


class TestDeletion:
    def test_deleting_a_section_a_colleague_just_changed_is_refused(
        self, client, editor, colleague, draft_issue, sections
    ):
        x, _y = sections
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        save_section(colleague, x, body="<p>Nội dung mới của đồng chí Hai.</p>")

        mine[f"sections-{inline_index(mine, x)}-DELETE"] = "on"
        response = client.post(issue_url(draft_issue), mine)
        page = response.content.decode()
        assert response.status_code == 200
        assert Section.objects.filter(
            pk=x.pk, body="<p>Nội dung mới của đồng chí Hai.</p>"
        ).exists()
        assert "bientap_hai" in page and x.heading in page
        again = form_data(page, "issue_form")
        delete = f"sections-{inline_index(again, x)}-DELETE"
        assert delete not in again  # to delete, the editor ticks it again, having seen the text
        assert "Nội dung mới của đồng chí Hai." in again[f"sections-{inline_index(again, x)}-body"]

        again[delete] = "on"
        assert client.post(issue_url(draft_issue), again).status_code == 302
        assert not Section.objects.filter(pk=x.pk).exists()

    def test_deleting_an_unchanged_section_needs_no_second_look(
        self, client, editor, colleague, draft_issue, sections
    ):
        x, y = sections
        client.force_login(editor)
        mine = open_issue(client, draft_issue)
        save_section(colleague, y, heading="Chỉ mục Y đổi")
        mine[f"sections-{inline_index(mine, x)}-DELETE"] = "on"
        assert client.post(issue_url(draft_issue), mine).status_code == 302
        assert not Section.objects.filter(pk=x.pk).exists()
        y.refresh_from_db()
        assert y.heading == "Chỉ mục Y đổi"


class TestSectionPage:
    def test_two_editors_on_one_section_page_merge_field_by_field(
        self, client, editor, colleague, sections
    ):
        x, _y = sections
        client.force_login(editor)
        mine = form_data(client.get(section_url(x)).content.decode(), "section_form")
        save_section(colleague, x, heading="Tiêu đề mới của đồng chí Hai")

        mine["body"] = "<p>Phần tóm tắt do tôi viết.</p>"
        response = client.post(section_url(x), mine)
        assert response.status_code == 200
        x.refresh_from_db()
        assert x.body != "<p>Phần tóm tắt do tôi viết.</p>"
        again = form_data(response.content.decode(), "section_form")
        assert again["heading"] == "Tiêu đề mới của đồng chí Hai"
        assert client.post(section_url(x), again).status_code == 302
        x.refresh_from_db()
        assert (x.heading, x.body) == (
            "Tiêu đề mới của đồng chí Hai",
            "<p>Phần tóm tắt do tôi viết.</p>",
        )
