"""Content per type of cell: a reader gets the common sections and those for their cell's
type, on screen, in the PDF, in the search and in "cited in"; subsections go with their
section; staff get everything, marked, and preview the issue as a cell of one type."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bulletins import audience
from bulletins.models import Section
from people.models import CellType, Organisation
from portal import pdf

from .factories import make_issue, make_user
from .forms import form_data, inline_index
from .support import pdf_text

pytestmark = pytest.mark.django_db

ENTERPRISE_ONLY = "Sản xuất kinh doanh an toàn trong doanh nghiệp"
RESIDENTIAL_ONLY = "Giữ gìn trật tự khu phố"
UNDER_ENTERPRISE = "Tổ dân phố góp ý cho doanh nghiệp"


def cell_type(slug):
    return CellType.objects.get(slug=slug)


@pytest.fixture
def enterprise(city):
    return Organisation.objects.create(
        name="Chi bộ Công ty Cấp nước",
        kind=Organisation.Kind.CELL,
        parent=city,
        cell_type=cell_type("doanh-nghiep"),
    )


@pytest.fixture
def residential(cell):
    cell.cell_type = cell_type("khu-dan-cu-do-thi")
    cell.save()
    return cell


@pytest.fixture
def worker(enterprise):
    user = make_user("bithu_dn", first_name="Hoa", last_name="Nông Thị")
    user.organisations.set([enterprise])
    return user


@pytest.fixture
def resident(residential):
    user = make_user("bithu_kdc", first_name="Tùng", last_name="Hoàng Văn")
    user.organisations.set([residential])
    return user


@pytest.fixture
def issue(board, directive):
    """1. 1.1. 1.2.(residential) 1.2.1. 2.(enterprise) 2.1.(residential, under 2.) 3."""
    issue = make_issue(board, 8, sections=7)
    sections = {section.number: section for section in issue.sections.all()}
    marked = {
        "1.2.": (RESIDENTIAL_ONLY, "khu-dan-cu-do-thi"),
        "2.": (ENTERPRISE_ONLY, "doanh-nghiep"),
        "2.1.": (UNDER_ENTERPRISE, "khu-dan-cu-do-thi"),
    }
    for number, (heading, slug) in marked.items():
        section = sections[number]
        section.heading = heading
        section.body = f"<p>{heading}: thực hiện nghiêm túc.</p>"
        if number == "2.":
            section.presented_document = directive
        section.save()
        section.cell_types.set([cell_type(slug)])
    issue.refresh_from_db()
    return issue


def numbers(sections):
    return [section.number for section in sections.order_by("position")]


def test_a_reader_gets_common_sections_and_their_types_and_subsections_go_with_theirs(issue):
    enterprise = {cell_type("doanh-nghiep").pk}
    residential = {cell_type("khu-dan-cu-do-thi").pk}
    sections = issue.sections.all()
    assert numbers(sections.for_cell_types(enterprise)) == ["1.", "1.1.", "2.", "3."]
    # 2.1. is for residential cells but lies under 2., for enterprises only: hidden with it.
    assert numbers(sections.for_cell_types(residential)) == ["1.", "1.1.", "1.2.", "1.2.1.", "3."]
    assert numbers(sections.for_cell_types(set())) == ["1.", "1.1.", "3."]
    both = enterprise | residential
    assert numbers(sections.for_cell_types(both)) == numbers(sections)


def test_readers_of_two_cell_types_see_their_own_sections_with_the_issues_numbers(
    client, issue, worker, resident
):
    client.force_login(worker)
    page = client.get(issue.get_absolute_url()).content.decode()
    assert ENTERPRISE_ONLY in page and RESIDENTIAL_ONLY not in page
    assert UNDER_ENTERPRISE not in page
    assert "Chi bộ doanh nghiệp" in page  # the section's mark

    client.force_login(resident)  # the first reader's text is cached: not served to this one
    page = client.get(issue.get_absolute_url()).content.decode()
    assert RESIDENTIAL_ONLY in page and ENTERPRISE_ONLY not in page
    assert UNDER_ENTERPRISE not in page
    # The issue's numbers are kept: the residential copy goes from 1.2.1. to 3.
    assert '<span class="number">3.</span>' in page
    assert '<span class="number">2.</span>' not in page


def test_a_reader_without_a_cell_type_and_a_visitor_get_the_common_sections(client, issue, reader):
    client.force_login(reader)  # the cell has no type
    page = client.get(issue.get_absolute_url()).content.decode()
    assert "Nội dung số 7 tháng 8" in page
    assert ENTERPRISE_ONLY not in page and RESIDENTIAL_ONLY not in page


def test_the_publishers_staff_read_every_section_marked_with_its_types(client, issue, editor):
    client.force_login(editor)
    page = client.get(issue.get_absolute_url()).content.decode()
    for heading in (ENTERPRISE_ONLY, RESIDENTIAL_ONLY, UNDER_ENTERPRISE):
        assert heading in page
    assert page.count('class="cell-types"') == 3


def test_another_boards_staff_read_as_readers(client, issue, boards):
    _a, b = boards
    client.force_login(b.editor)
    page = client.get(issue.get_absolute_url()).content.decode()
    assert ENTERPRISE_ONLY not in page and RESIDENTIAL_ONLY not in page


def test_changing_a_sections_types_reaches_the_cached_text(client, issue, resident):
    client.force_login(resident)
    assert ENTERPRISE_ONLY not in client.get(issue.get_absolute_url()).content.decode()
    section = issue.sections.get(number="2.")
    section.cell_types.add(cell_type("khu-dan-cu-do-thi"))
    page = client.get(issue.get_absolute_url()).content.decode()
    assert ENTERPRISE_ONLY in page and UNDER_ENTERPRISE in page


def test_readers_sharing_sections_share_one_cached_text(client, issue, worker, enterprise):
    colleague = make_user("bithu_dn2")
    colleague.organisations.set([enterprise])
    client.force_login(worker)
    client.get(issue.get_absolute_url())
    client.force_login(colleague)
    with CaptureQueriesContext(connection) as queries:
        client.get(issue.get_absolute_url())
    # the colleague's page is served from the worker's copy: no footnotes read to render it
    assert not [q["sql"] for q in queries.captured_queries if "bulletins_footnote" in q["sql"]]


def test_the_pdf_follows_the_readers_cell_type(needs_pango, client, issue, worker, resident):
    url = reverse("bulletins:issue_pdf", args=[issue.pk])
    client.force_login(worker)
    text = pdf_text(client.get(url).content)
    assert ENTERPRISE_ONLY in text and RESIDENTIAL_ONLY not in text
    assert str(worker) in text
    client.force_login(resident)
    text = pdf_text(client.get(url).content)
    assert RESIDENTIAL_ONLY in text and ENTERPRISE_ONLY not in text
    assert UNDER_ENTERPRISE not in text
    stored = sorted(path.name for path in pdf.stored_path(issue).parent.glob("*.pdf"))
    assert len(stored) == 2  # one per audience of this state


def test_one_pdf_is_rendered_ahead_for_each_audience_of_one_cell_type(issue):
    enterprise, residential = cell_type("doanh-nghiep").pk, cell_type("khu-dan-cu-do-thi").pk
    assert audience.variants(issue) == {
        frozenset(),
        frozenset([enterprise]),
        frozenset([residential]),
    }
    plain = make_issue(issue.publisher, 9)
    assert audience.variants(plain) == {audience.EVERY_SECTION}


def test_search_finds_no_section_for_another_cell_type(client, issue, worker, resident):
    url = reverse("search")
    client.force_login(resident)
    response = client.get(url, {"q": "kinh doanh an toàn"})
    assert response.context["total"] == 0
    assert ENTERPRISE_ONLY not in response.content.decode()
    response = client.get(url, {"q": "góp ý cho doanh nghiệp"})
    assert response.context["total"] == 0  # under a section for enterprises
    client.force_login(worker)
    response = client.get(url, {"q": "kinh doanh an toàn"})
    assert response.context["total"] == 1
    assert ENTERPRISE_ONLY in response.content.decode()


def test_cited_in_lists_no_section_for_another_cell_type(
    client, issue, directive, worker, resident
):
    url = directive.get_absolute_url()
    client.force_login(resident)
    page = client.get(url).content.decode()
    assert ENTERPRISE_ONLY not in page and issue.title not in page
    client.force_login(worker)
    page = client.get(url).content.decode()
    assert ENTERPRISE_ONLY in page


def test_staff_preview_the_issue_as_a_cell_of_one_type(client, issue, editor):
    client.force_login(editor)
    url = reverse("bulletins:issue_preview", args=[issue.pk])
    page = client.get(url).content.decode()
    assert ENTERPRISE_ONLY in page and RESIDENTIAL_ONLY in page
    page = client.get(url, {"seen_as": "khu-dan-cu-do-thi"}).content.decode()
    assert RESIDENTIAL_ONLY in page and ENTERPRISE_ONLY not in page
    assert UNDER_ENTERPRISE not in page
    page = client.get(url, {"seen_as": "chung"}).content.decode()
    assert RESIDENTIAL_ONLY not in page and ENTERPRISE_ONLY not in page
    assert "Nội dung số 7 tháng 8" in page


def test_the_section_model_rule_applies_to_readers_everywhere(issue, worker, resident):
    """``Section.objects.visible_to`` is the reader's rule, cell types included."""
    assert ENTERPRISE_ONLY in Section.objects.visible_to(worker).values_list("heading", flat=True)
    assert ENTERPRISE_ONLY not in Section.objects.visible_to(resident).values_list(
        "heading", flat=True
    )


def page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_reading_queries_do_not_grow_with_marked_sections_and_cell_types(
    client, board, issue, worker
):
    many = make_issue(board, 9, sections=30)
    for section in many.sections.all():
        section.cell_types.set(CellType.objects.all()[: 1 + section.position % 7])
    client.force_login(worker)
    client.get(reverse("search"))  # the reader's scopes and issues cached, as on any visit
    first = [
        page_queries(client, url) for url in (issue.get_absolute_url(), many.get_absolute_url())
    ]
    again = [
        page_queries(client, url) for url in (issue.get_absolute_url(), many.get_absolute_url())
    ]
    assert first[0] == first[1]  # rendered: sections, their types, footnotes, citations
    assert again[0] == again[1] < first[0]  # cached


def test_editors_mark_a_section_for_cell_types_on_the_section_and_the_issue_pages(
    client, editor, board
):
    draft = make_issue(board, 11, published=False, sections=3)
    first, second = draft.sections.order_by("position")[:2]
    enterprise = cell_type("doanh-nghiep")
    client.force_login(editor)
    url = reverse("admin:bulletins_section_change", args=[first.pk])
    data = form_data(client.get(url).content.decode(), "section_form")
    assert client.post(url, {**data, "cell_types": [enterprise.pk]}).status_code == 302
    assert list(first.cell_types.all()) == [enterprise]

    url = reverse("admin:bulletins_issue_change", args=[draft.pk])
    page = client.get(url).content.decode()
    assert "Chi bộ doanh nghiệp" in page  # the outline marks the first section
    data = form_data(page, "issue_form")
    index = inline_index(data, second)
    data[f"sections-{index}-cell_types"] = [enterprise.pk, cell_type("truong-hoc").pk]
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert {t.slug for t in second.cell_types.all()} == {"doanh-nghiep", "truong-hoc"}
    assert list(first.cell_types.all()) == [enterprise]  # untouched by the issue page's save


def test_a_section_marked_after_a_search_leaves_other_cells_results(client, board, resident):
    section = make_issue(board, 9, sections=1).sections.get()
    section.heading, section.body = "Bảo hộ lao động", "<p>Bảo hộ lao động trong nhà máy.</p>"
    section.save()
    client.force_login(resident)
    assert client.get(reverse("search"), {"q": "bao ho lao dong"}).context["total"] == 1
    section.cell_types.set([cell_type("doanh-nghiep")])  # the reader's issues are cached
    assert client.get(reverse("search"), {"q": "bao ho lao dong"}).context["total"] == 0
