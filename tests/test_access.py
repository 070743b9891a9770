"""Who may open what: every portal and media URL, for every role, another cell and a visitor.

The matrix is the specification. It walks the URL patterns themselves, so a new portal page
without a line here fails the test instead of going unchecked.
"""

import io
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from PIL import Image

from accounts import roles
from bulletins.models import Issue, PublisherSettings, Section
from documents.models import Document
from notices.models import Kind, Notice
from people.models import CellType, Event, Organisation, Participation, Person, Succession
from portal import pdf

from .factories import make_issue, make_user
from .support import pdf_text

pytestmark = pytest.mark.django_db

# URL prefixes outside the portal: the admin, login pages and the editor's upload endpoint
# have their own tests (test_admin, test_accounts, test_uploads).
NOT_PORTAL = ("quan-tri/", "tai-khoan/", "ckeditor5/")

# "successor": a cell of the ward that ward A merged into today, after A's issues came out.
ROLES = ["anonymous", "reader", "other_cell", "successor", "editor", "approver", "admin"]
EVERYONE_LOGGED_IN = {"reader", "other_cell", "successor", "editor", "approver", "admin"}
BOARD = {"editor", "approver", "admin"}
SECRETARIES = {
    "reader",
    "other_cell",
    "successor",
}  # cells report on what they read; staff have no cell


def portal_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(NOT_PORTAL):
            continue
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, sub_route in portal_patterns(entry, route):
                yield namespace + name, sub_route
        elif isinstance(entry, URLPattern):
            yield entry.name, route


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def world(settings, tmp_path, board, cell, city, directive):
    """Issues for each audience, each showing its own image, and a registry file."""
    settings.MEDIA_ROOT = tmp_path
    ward_a = cell.parent
    ward_b = ward_a.__class__.objects.create(
        name="Đảng ủy phường Sông Hiến", kind="ward", parent=city
    )
    other_cell = ward_b.__class__.objects.create(name="Chi bộ Tổ 9", kind="cell", parent=ward_b)
    merged_ward = Organisation.objects.create(name="Phường Thục Phán", kind="ward", parent=city)
    merged_cell = Organisation.objects.create(name="Chi bộ Tổ 1", kind="cell", parent=merged_ward)
    Succession.objects.create(
        predecessor=ward_a,
        successor=merged_ward,
        kind=Succession.Kind.MERGED,
        date=timezone.localdate(),
    )

    issues = {
        "internal": make_issue(board, 7),
        "ward_a": make_issue(board, 8),
        "public": make_issue(board, 9),
        "draft": make_issue(board, 10, published=False),
    }
    issues["ward_a"].audience = Issue.Audience.ORGANISATIONS
    issues["ward_a"].save()
    issues["ward_a"].audience_organisations.set([ward_a])
    issues["public"].audience = Issue.Audience.PUBLIC
    issues["public"].save()
    images = {}
    for key, issue in issues.items():
        images[key] = f"images/{key}.png"
        (tmp_path / "images").mkdir(exist_ok=True)
        (tmp_path / images[key]).write_bytes(png_bytes())
        section = issue.sections.first()
        section.body += f'<figure class="image"><img src="/media/{images[key]}" alt=""></figure>'
        section.save()
    directive.file.save("ke-hoach-412.pdf", ContentFile(b"%PDF-1.4 thu nghiem"))
    PublisherSettings.objects.create(publisher=board, readers_download_word=True)

    users = {
        "reader": make_user("bithu_a", groups=[roles.SECRETARY]),
        "other_cell": make_user("bithu_b", groups=[roles.SECRETARY]),
        "successor": make_user("bithu_c", groups=[roles.SECRETARY]),
        "editor": make_user("bientap_tg", groups=[roles.EDITOR], is_staff=True),
        "approver": make_user("pheduyet_tg", groups=[roles.APPROVER], is_staff=True),
        "admin": make_user("quantri_ht", is_staff=True, is_superuser=True),
    }
    users["reader"].organisations.set([cell])
    users["other_cell"].organisations.set([other_cell])
    users["successor"].organisations.set([merged_cell])
    users["editor"].organisations.set([board])
    users["approver"].organisations.set([board])
    return {"issues": issues, "images": images, "users": users, "document": directive}


def readers_of(audience):
    return {
        "internal": EVERYONE_LOGGED_IN,
        "ward_a": {"reader", "successor", "admin"},
        "public": {"anonymous", *EVERYONE_LOGGED_IN},
        "draft": set(),
    }[audience]


def matrix(world):
    """(pattern name, URL, method, roles allowed) for every case."""
    issues, images, document = world["issues"], world["images"], world["document"]
    person = Person.objects.create(full_name="Nông Thị Thanh Vân")
    event = Event.objects.create(title="Hội nghị sơ kết", start="2026-07-10T08:00+07:00")
    Participation.objects.create(event=event, person=person, role=Participation.Role.CHAIRED)
    cases = [
        ("favicon", "/favicon.ico", "get", set(ROLES)),  # the browser icon, for everyone
        # the installable app's worker and manifest hold nothing internal; what it keeps
        # offline is listed only for an account
        ("service_worker", reverse("service_worker"), "get", set(ROLES)),
        ("manifest", reverse("manifest"), "get", set(ROLES)),
        ("offline_urls", reverse("offline_urls"), "get", EVERYONE_LOGGED_IN),
        ("bulletins:home", reverse("bulletins:home"), "get", EVERYONE_LOGGED_IN),
        ("bulletins:archive", reverse("bulletins:archive"), "get", EVERYONE_LOGGED_IN),
        (
            "bulletins:archive_year",
            reverse("bulletins:archive_year", args=[2026]),
            "get",
            EVERYONE_LOGGED_IN,
        ),
        ("documents:list", reverse("documents:list"), "get", EVERYONE_LOGGED_IN),
        ("documents:document", document.get_absolute_url(), "get", EVERYONE_LOGGED_IN),
        ("media", f"/media/{document.file.name}", "get", EVERYONE_LOGGED_IN),
        ("media", "/media/images/khong-co.png", "get", set()),
        ("media", "/media/../config/settings.py", "get", set()),
        ("people:person_list", reverse("people:person_list"), "get", EVERYONE_LOGGED_IN),
        ("people:person", reverse("people:person", args=[person.pk]), "get", EVERYONE_LOGGED_IN),
        ("people:event_list", reverse("people:event_list"), "get", EVERYONE_LOGGED_IN),
        ("people:event", reverse("people:event", args=[event.pk]), "get", EVERYONE_LOGGED_IN),
        # Everyone has a bell and settings of her own; a notice opens for its recipient only.
        ("notices:list", reverse("notices:list"), "get", EVERYONE_LOGGED_IN),
        ("notices:settings", reverse("notices:settings"), "get", EVERYONE_LOGGED_IN),
        ("notices:read_all", reverse("notices:read_all"), "post", EVERYONE_LOGGED_IN),
        ("feedback:list", reverse("feedback:list"), "get", SECRETARIES),
        # the form of another cell is nobody's but its own secretary's
        (
            "feedback:form",
            reverse("feedback:form", args=[issues["internal"].pk])
            + f"?chi-bo={world['users']['reader'].organisations.get().pk}",
            "get",
            {"reader"},
        ),
    ]
    for role in ("reader", "editor"):
        notice = Notice.objects.create(
            recipient=world["users"][role], kind=Kind.ANSWER, text="Trả lời", link="/"
        )
        cases.append(("notices:open", reverse("notices:open", args=[notice.pk]), "post", {role}))
    for audience, issue in issues.items():
        readers = readers_of(audience)
        # the issue's words are searched for: a hit (its section's anchor) only for its readers
        section = issue.sections.first()
        section.body += f"<p>Chuyên đề matran{issue.month}</p>"
        section.save()
        search_url = f"{reverse('search')}?q=chuyen+de+matran{issue.month}#muc-{section.pk}"
        cases += [
            ("search", search_url, "get", readers - {"anonymous"}),
            ("bulletins:issue", issue.get_absolute_url(), "get", readers),
            # Without Pango (a developer machine) nobody gets a PDF: readers get a 503 page.
            (
                "bulletins:issue_pdf",
                reverse("bulletins:issue_pdf", args=[issue.pk]),
                "get",
                readers if pdf.available() else set(),
            ),
            # the board lets its readers download Word (tests/test_word.py: when it does not)
            (
                "bulletins:issue_word",
                reverse("bulletins:issue_word", args=[issue.pk]),
                "get",
                readers,
            ),
            (
                "bulletins:confirm_read",
                reverse("bulletins:confirm_read", args=[issue.pk]),
                "post",
                readers - {"anonymous"},
            ),
            (
                "feedback:form",
                reverse("feedback:form", args=[issue.pk]),
                "get",
                readers & SECRETARIES,
            ),
            # the board's staff also see the images of the material they edit
            ("media", f"/media/{images[audience]}", "get", readers | BOARD),
            # and preview every issue of their publisher, drafts included
            (
                "bulletins:issue_preview",
                reverse("bulletins:issue_preview", args=[issue.pk]),
                "get",
                BOARD,
            ),
        ]
    return cases


def test_the_matrix_covers_every_portal_url(world):
    covered = {name for name, *_rest in matrix(world)}
    assert {name for name, _route in portal_patterns()} == covered


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    wrong = []
    for name, url, method, allowed in matrix(world):
        response = getattr(client, method)(url)
        granted = response.status_code in {200, 302} and not _is_login_redirect(response)
        if name == "search":
            anchor = url.split("#")[1]
            granted = response.status_code == 200 and f"#{anchor}" in response.content.decode()
        if name == "bulletins:confirm_read":
            granted = response.status_code == 302 and not _is_login_redirect(response)
        if granted != (role in allowed):
            wrong.append(f"{method.upper()} {url}: {response.status_code}")
    assert not wrong, f"{role}: {wrong}"


# A section of the internal issue written for enterprise cells: the other cell is one.
TARGETED_READERS = {"other_cell", "editor", "approver", "admin"}


@pytest.mark.parametrize("role", ROLES)
def test_a_section_for_another_cell_type_reaches_no_one_else(client, world, role, settings):
    """Its text on the page, in the PDF, in the search (hit, snippet and count), in "cited
    in" and among a person's mentions: for cells of its type and the publisher's staff only."""
    enterprise = CellType.objects.get(slug="doanh-nghiep")
    Organisation.objects.filter(members=world["users"]["other_cell"]).update(cell_type=enterprise)
    issue = world["issues"]["internal"]
    person = Person.objects.create(full_name="Nông Thị Thanh Vân")
    section = Section.objects.create(
        issue=issue,
        position=15,
        level=1,
        heading="Matrandn an toàn lao động",
        body="<p>Matrandn: Nông Thị Thanh Vân; thực hiện Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>"
        '<figure class="image"><img src="/media/images/doanh-nghiep.png" alt=""></figure>',
    )
    (Path(settings.MEDIA_ROOT) / "images" / "doanh-nghiep.png").write_bytes(png_bytes())
    section.cell_types.set([enterprise])
    issue.renumber_sections()
    if role != "anonymous":
        client.force_login(world["users"][role])
    seen = {
        "page": client.get(issue.get_absolute_url()).content.decode(),
        "search": client.get(reverse("search"), {"q": "matrandn"}).content.decode(),
        "cited in": client.get(world["document"].get_absolute_url()).content.decode(),
        "mentions": client.get(reverse("people:person", args=[person.pk])).content.decode(),
    }
    response = client.get(reverse("bulletins:issue_pdf", args=[issue.pk]))
    if response["Content-Type"] == "application/pdf":
        seen["pdf"] = pdf_text(response.content)
    shown = {surface for surface, text in seen.items() if "Matrandn" in text}
    if client.get("/media/images/doanh-nghiep.png").status_code == 200:
        shown.add("image")
    expected = {*seen, "image"} if role in TARGETED_READERS else set()
    assert shown == expected, role
    if role == "reader":
        assert client.get(reverse("search"), {"q": "matrandn"}).context["total"] == 0
    if role == "other_cell" and pdf.available():
        assert "pdf" in seen


def _is_login_redirect(response):
    return response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_denied_reader_gets_not_found_and_a_visitor_the_login_page(client, world):
    issue = world["issues"]["ward_a"]
    response = client.get(issue.get_absolute_url())
    assert _is_login_redirect(response)
    client.force_login(world["users"]["other_cell"])
    assert client.get(issue.get_absolute_url()).status_code == 404
    archive = client.get(reverse("bulletins:archive")).content.decode()
    assert issue.title not in archive
    assert world["issues"]["internal"].title in archive


def test_choosing_a_ward_reaches_its_cells_only(world, cell):
    visible = Issue.objects.visible_to(world["users"]["reader"])
    assert world["issues"]["ward_a"] in visible
    assert world["issues"]["ward_a"] not in Issue.objects.visible_to(world["users"]["other_cell"])


def test_search_reveals_no_count_snippet_or_filter_choice_of_an_unreadable_issue(client, world):
    ward_a = world["issues"]["ward_a"]
    ward_a.publisher = world["users"]["editor"].organisations.create(
        name="Ban Tuyên giáo Đảng ủy phường", kind="board"
    )
    ward_a.year = 2019
    ward_a.save()
    section = ward_a.sections.first()
    section.body = "<p>Phòng chống sạt lở đất ở tổ dân phố</p>"
    section.save()
    client.force_login(world["users"]["other_cell"])
    response = client.get(reverse("search"), {"q": "sat lo dat"})
    content = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert "sạt lở" not in content.lower()
    assert "2019" not in content
    assert "Ban Tuyên giáo Đảng ủy phường" not in content
    client.force_login(world["users"]["reader"])
    content = client.get(reverse("search"), {"q": "sat lo dat"}).content.decode()
    assert "<mark>sạt</mark> <mark>lở</mark> <mark>đất</mark>" in content
    assert "Ban Tuyên giáo Đảng ủy phường" in content  # a publisher choice in the filter


def test_registry_backlinks_hide_sections_of_issues_the_reader_may_not_read(client, world):
    document = world["document"]
    for issue in world["issues"].values():
        section = issue.sections.first()
        section.heading = f"Mục trích dẫn {issue.audience} {issue.month}"
        section.body += "<p>Thực hiện Kế hoạch số 412-KH/TU, ngày 14/8/2026.</p>"
        section.save()
    client.force_login(world["users"]["other_cell"])
    content = client.get(document.get_absolute_url()).content.decode()
    assert "Mục trích dẫn internal 7" in content
    assert "Mục trích dẫn organisations 8" not in content
    assert "Mục trích dẫn internal 10" not in content  # the draft


def test_media_served_through_nginx_carries_only_the_internal_redirect(client, world, settings):
    settings.MEDIA_SERVER = "nginx"
    client.force_login(world["users"]["reader"])
    response = client.get(f"/media/{world['images']['internal']}")
    assert response["X-Accel-Redirect"] == "/protected-media/images/internal.png"
    assert response.content == b""
    assert "private" in response["Cache-Control"]


def test_editors_of_another_publisher_do_not_see_restricted_images(client, world, city):
    other_board = city.__class__.objects.create(
        name="Ban Dân vận Thành ủy", kind="board", parent=city
    )
    outsider = make_user("bientap_dv", groups=[roles.APPROVER], is_staff=True)
    outsider.organisations.set([other_board])
    client.force_login(outsider)
    assert client.get(f"/media/{world['images']['ward_a']}").status_code == 404
    assert client.get(f"/media/{world['images']['internal']}").status_code == 200


def test_a_document_file_that_is_not_in_the_registry_is_not_served(client, world, settings):
    (settings.MEDIA_ROOT / "documents").mkdir(exist_ok=True)
    (settings.MEDIA_ROOT / "documents" / "la.pdf").write_bytes(b"%PDF")
    client.force_login(world["users"]["reader"])
    assert client.get("/media/documents/la.pdf").status_code == 404
    assert Document.objects.filter(file="documents/la.pdf").count() == 0
