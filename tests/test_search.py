"""Search: accent-insensitive words and phrases, document codes as people say them, names,
and never a hit from an issue the user may not read."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import User
from bulletins.dataset import add_large_issue
from bulletins.models import Issue, Section
from bulletins.search import SectionQuery, search
from documents.models import Document, DocumentType
from documents.search import parse
from people.models import Organisation, Person
from people.search import fold

from .factories import make_issue, make_user
from .support import demo_loaded

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the PostgreSQL search path (stored vector, exact-accent ranking); CI runs it",
)


def add_section(issue, heading, body, position=100):
    return Section.objects.create(
        issue=issue, position=position, level=1, heading=heading, body=f"<p>{body}</p>"
    )


def section_hits(user, text, **options):
    return [hit for hit in search(user, text, **options) if hit.kind == "section"]


def headings(user, text, **options):
    return [hit.heading for hit in section_hits(user, text, **options)]


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Chuyển đổi số", "chuyen doi so"),
        ("ĐẢNG VIÊN", "dang vien"),
        ("Nông Thị Thanh Vân", "nong thi thanh van"),
        ("Ủy ban, Hội đồng", "uy ban, hoi dong"),
    ],
)
def test_folding_drops_case_and_accents_and_keeps_length(typed, folded):
    assert fold(typed) == folded
    assert len(fold(typed)) == len(typed)


@pytest.mark.parametrize(
    "typed", ["26-CT/TW", "26 CT/TW", "26 -CT/TW", "CT 26", "Chỉ thị 26", "chi thi so 26"]
)
def test_spoken_forms_of_a_code_name_the_document(db, typed):
    parsed = parse(typed)
    directive = DocumentType.objects.get(name="Chỉ thị")
    assert [reference.number for reference in parsed.references] == [26]
    assert directive.pk in parsed.references[0].type_ids
    assert parsed.rest == ""


def test_numbers_that_are_not_codes_stay_words(db):
    parsed = parse("năm 2026 có 26 đảng viên")
    assert not parsed.names_documents
    assert parsed.rest == "nam 2026 co 26 dang vien"


@pytest.fixture
def library(board, superuser):
    """Two issues with sections written for these tests."""
    september, october = make_issue(board, 9, sections=1), make_issue(board, 10, sections=1)
    return {
        "phrase": add_section(
            october,
            "Đẩy mạnh chuyển đổi số trong cơ quan đảng",
            "Mỗi chi bộ xây dựng kế hoạch chuyển đổi số, số hóa hồ sơ đảng viên.",
        ),
        "apart": add_section(
            october,
            "Kết quả công tác tháng 9",
            "Số đảng viên mới tăng; đổi mới sinh hoạt; chuyển sinh hoạt đảng cho 12 đồng chí.",
            position=110,
        ),
        "unrelated": add_section(
            september, "Tết Trung thu cho thiếu nhi", "Tổ chức vui Tết Trung thu ở tổ dân phố."
        ),
        "september": september,
        "october": october,
        "user": superuser,
    }


@pytest.mark.parametrize("typed", ["chuyen doi so", "Chuyển đổi số", "CHUYỂN ĐỔI SỐ"])
def test_words_are_found_with_or_without_accents_and_the_phrase_ranks_first(library, typed):
    found = headings(library["user"], typed)
    assert found[:2] == [library["phrase"].heading, library["apart"].heading]
    assert library["unrelated"].heading not in found


def test_a_word_missing_from_a_section_excludes_it(library):
    assert headings(library["user"], "chuyen doi so trung thu") == []


@postgresql_only
def test_a_query_typed_with_accents_ranks_exact_accents_first(library):
    issue = library["october"]
    add_section(issue, "Thăm gia đình chính sách", "Bà Vân, thương binh, ở tổ 3.", position=200)
    add_section(issue, "Hội nghị văn nghệ", "Văn nghệ quần chúng ở tổ 3.", position=210)
    assert headings(library["user"], "Vân tổ 3")[0] == "Thăm gia đình chính sách"
    assert headings(library["user"], "Văn tổ 3")[0] == "Hội nghị văn nghệ"


def test_snippets_mark_the_matched_words(library):
    (hit, *_rest) = section_hits(library["user"], "chuyen doi so")
    assert "<mark>chuyển</mark>" in hit.snippet.lower()
    assert hit.url.endswith(f"#muc-{library['phrase'].pk}")
    assert hit.issue == library["october"].title


@pytest.fixture
def cited(board, city, superuser):
    """Two documents sharing the code 26-CT/TW (2018 and 2023) and a section citing one."""
    directive = DocumentType.objects.get(name="Chỉ thị")
    central = Organisation.objects.create(name="Ban Bí thư", kind="central", citation_code="TW")
    old, new = (
        Document.objects.create(
            document_type=directive,
            number=26,
            code="26-CT/TW",
            issuer=central,
            issued_on=issued_on,
            subject=subject,
        )
        for issued_on, subject in [
            (datetime.date(2018, 11, 9), "về nâng cao hiệu quả công tác bảo vệ chính trị nội bộ"),
            (datetime.date(2023, 11, 23), "về việc tổ chức tết Giáp Thìn năm 2024"),
        ]
    )
    issue = make_issue(board, 1, sections=1)
    citing = add_section(
        issue,
        "Tổ chức đón Tết vui tươi, lành mạnh, an toàn",
        "Thực hiện Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư, các chi bộ ...",
    )
    add_section(issue, "Số liệu", "Có 26 chi bộ hoàn thành; CT là viết tắt.", position=120)
    return {"old": old, "new": new, "citing": citing, "user": superuser}


@pytest.mark.parametrize(
    "typed", ["26-CT/TW", "26 CT/TW", "CT 26", "Chỉ thị 26", "chi thi so 26", "chỉ thị số 26"]
)
def test_a_code_finds_the_documents_and_the_sections_citing_them(cited, typed):
    hits = search(cited["user"], typed)
    documents = {hit.url for hit in hits if hit.kind == "document"}
    assert documents == {cited["old"].get_absolute_url(), cited["new"].get_absolute_url()}
    assert headings(cited["user"], typed) == [cited["citing"].heading]


def test_a_code_with_words_narrows_to_sections_about_them(cited):
    assert headings(cited["user"], "CT 26 tết") == [cited["citing"].heading]
    assert headings(cited["user"], "CT 26 trung thu") == []


def test_people_by_name_without_accents_and_by_short_form(superuser):
    for name in ["Nông Thị Thanh Vân", "Lục Văn Khánh", "Hoàng Văn Thạch", "Đinh Thị Vấn"]:
        Person.objects.create(full_name=name)
    people = [hit.title for hit in search(superuser, "nong thi thanh van") if hit.kind == "person"]
    assert people == ["Nông Thị Thanh Vân"]
    short = [hit.title for hit in search(superuser, "Đ/c Vân") if hit.kind == "person"]
    assert short[0] == "Nông Thị Thanh Vân"
    assert "Đinh Thị Vấn" in short
    assert "vận" not in " ".join(short).lower()


def test_names_of_one_or_two_letter_words_are_found_whole(superuser):
    for name in ["Hà Thị Vi", "Hà Văn Vinh", "Vi Văn Hà", "Lò Thị Hải"]:
        Person.objects.create(full_name=name)
    found = [hit.title for hit in search(superuser, "Hà Vi") if hit.kind == "person"]
    assert sorted(found) == ["Hà Thị Vi", "Vi Văn Hà"]
    assert [hit.title for hit in search(superuser, "lo") if hit.kind == "person"] == ["Lò Thị Hải"]


@pytest.fixture
def restricted(board, cell, city):
    """A matching issue for another ward only, a matching draft, and two readers."""
    other_ward = Organisation.objects.create(
        name="Đảng ủy phường Đề Thám", kind="ward", parent=city
    )
    other_cell = Organisation.objects.create(name="Chi bộ Tổ 2", kind="cell", parent=other_ward)
    for_other_ward = make_issue(board, 6, sections=1)
    for_other_ward.audience = Issue.Audience.ORGANISATIONS
    for_other_ward.save()
    for_other_ward.audience_organisations.set([other_ward])
    add_section(for_other_ward, "Phòng chống sạt lở đất mùa mưa bão", "Di dời hộ dân vùng sạt lở.")
    draft = make_issue(board, 12, published=False, sections=1)
    add_section(draft, "Dự thảo về sạt lở đất", "Bản nháp chưa duyệt về sạt lở.")
    ours = make_user("bithu_to5", groups=[roles.SECRETARY])
    ours.organisations.set([cell])
    theirs = make_user("bithu_to2", groups=[roles.SECRETARY])
    theirs.organisations.set([other_cell])
    return {"ours": ours, "theirs": theirs, "issue": for_other_ward, "draft": draft}


def test_search_never_returns_sections_of_issues_the_reader_may_not_read(restricted):
    assert headings(restricted["ours"], "sat lo") == []
    assert headings(restricted["theirs"], "sat lo") == ["Phòng chống sạt lở đất mùa mưa bão"]


def test_staff_search_adds_drafts_of_their_own_publisher_only(restricted, editor, city):
    assert "Dự thảo về sạt lở đất" not in headings(editor, "sat lo")
    assert "Dự thảo về sạt lở đất" in headings(editor, "sat lo", staff=True)
    stranger = make_user("bientap_khac", groups=[roles.EDITOR], is_staff=True)
    stranger.organisations.set([city])
    assert "Dự thảo về sạt lở đất" not in headings(stranger, "sat lo", staff=True)


def test_search_counts_only_visible_issues(restricted):
    visible = Section.objects.filter(issue__in=Issue.objects.visible_to(restricted["ours"]))
    assert SectionQuery("sat lo").matching(visible).count() == 0


def test_command_prints_json_hits_in_rank_order_for_a_user(restricted):
    def run(*args):
        out = StringIO()
        call_command("search", "sạt lở", "--json", *args, stdout=out)
        return json.loads(out.getvalue())

    theirs = run("--user", "bithu_to2")
    assert [hit["heading"] for hit in theirs] == ["Phòng chống sạt lở đất mùa mưa bão"]
    assert set(theirs[0]) == {
        "kind",
        "issue",
        "section_number",
        "heading",
        "snippet",
        "url",
        "rank",
    }
    assert theirs[0]["url"].startswith(restricted["issue"].get_absolute_url())
    assert run("--user", "bithu_to5") == []
    assert len(run()) == 1
    assert {hit["heading"] for hit in run("--all")} == {
        "Phòng chống sạt lở đất mùa mưa bão",
        "Dự thảo về sạt lở đất",
    }


def test_command_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="bithu_khong_co"):
        call_command("search", "sạt lở", "--user", "bithu_khong_co")


@postgresql_only
def test_the_vector_follows_bulk_inserts_and_updates(board):
    issue = make_issue(board, 3, sections=1)
    Section.objects.bulk_create(
        [Section(issue=issue, position=500, heading="Tin ngắn", body="<p>Hội thi tuyên truyền</p>")]
    )

    def count(text):
        return SectionQuery(text).matching(Section.objects.all()).count()

    assert count("hoi thi") == 1
    Section.objects.filter(heading="Tin ngắn").update(body="<p>Giải bóng chuyền</p>")
    assert count("hoi thi") == 0
    assert count("bong chuyen") == 1


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once for the class that reads it."""
    with demo_loaded(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield


class TestDemo:
    """The queries of issue #11 on the demo data, as the demo secretary."""

    @pytest.fixture
    def secretary(self, demo, db):
        return User.objects.get(username="bithu")

    def test_unaccented_phrase(self, secretary):
        hits = section_hits(secretary, "chuyen doi so")
        assert hits
        assert all(
            "chuyển đổi số" in hit.snippet.replace("<mark>", "").replace("</mark>", "").lower()
            or "chuyển đổi số" in hit.heading.lower()
            for hit in hits[:2]
        )

    @pytest.mark.parametrize("typed", ["Chỉ thị 09", "CT 09", "09-CT/TU", "chi thi so 9"])
    def test_directive_09(self, secretary, typed):
        hits = search(secretary, typed)
        assert hits[0].kind == "document"
        assert hits[0].title.startswith("Chỉ thị số 09-CT/TU")
        sections = [hit for hit in hits if hit.kind == "section"]
        citing = Section.objects.filter(citations__document__code="09-CT/TU").distinct()
        assert sections
        assert {hit.heading for hit in sections} <= {section.heading for section in citing}

    def test_name_without_accents(self, secretary):
        hits = search(secretary, "nong thi thanh van")
        assert [hit.title for hit in hits if hit.kind == "person"] == ["Nông Thị Thanh Vân"]
        first = next(hit for hit in hits if hit.kind == "section")
        text = Section.objects.get(pk=int(first.url.rsplit("muc-", 1)[1]))
        assert "Nông Thị Thanh Vân" in text.heading + text.body


def test_admin_section_search_uses_the_index_within_the_staffs_publishers(
    client, restricted, editor
):
    other_board = Organisation.objects.create(name="Ban Tuyên giáo Tỉnh ủy", kind="board")
    elsewhere = make_issue(other_board, 5, published=False, sections=1)
    add_section(elsewhere, "Sạt lở ở huyện khác", "Không thuộc ban của biên tập viên này.")
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("admin:bulletins_section_changelist"), {"q": "sat lo"})
    listed = {section.heading for section in response.context["cl"].result_list}
    assert listed == {"Phòng chống sạt lở đất mùa mưa bão", "Dự thảo về sạt lở đất"}
    if connection.vendor == "postgresql":
        body_likes = [q["sql"] for q in queries if "LIKE" in q["sql"] and '"body"' in q["sql"]]
        assert body_likes == []


def test_admin_issue_search_finds_issues_by_their_sections(client, restricted, editor):
    client.force_login(editor)
    response = client.get(reverse("admin:bulletins_issue_changelist"), {"q": "du thao sat lo"})
    assert list(response.context["cl"].result_list) == [restricted["draft"]]


def test_admin_document_search_understands_spoken_codes(client, cited, superuser):
    client.force_login(superuser)
    response = client.get(reverse("admin:documents_document_changelist"), {"q": "chi thi so 26"})
    assert set(response.context["cl"].result_list) == {cited["old"], cited["new"]}


@postgresql_only
def test_a_section_moved_to_an_unreadable_issue_leaves_the_readers_results(restricted):
    readable = make_issue(Issue.objects.first().publisher, 4, sections=1)
    moved = add_section(readable, "Mô hình dân vận khéo", "Nhân rộng mô hình dân vận khéo.")
    assert headings(restricted["ours"], "dan van kheo") == ["Mô hình dân vận khéo"]
    Section.objects.filter(pk=moved.pk).update(issue=restricted["issue"])
    assert headings(restricted["ours"], "dan van kheo") == []
    assert headings(restricted["theirs"], "dan van kheo") == ["Mô hình dân vận khéo"]


@pytest.mark.parametrize("typed", ["Chỉ thị 26", "CT 26", "26 CT/TW", "giap thin"])
def test_the_registry_list_filter_understands_spoken_codes(client, cited, typed):
    client.force_login(cited["user"])
    response = client.get(reverse("documents:list"), {"q": typed})
    found = set(response.context["page"])
    assert cited["new"] in found
    assert (cited["old"] in found) == (typed != "giap thin")


def test_the_dataset_generator_builds_a_readable_province(db):
    out = StringIO()
    call_command(
        "generate_dataset",
        *("--sections", "60", "--publishers", "3", "--years", "1", "--accounts", "12"),
        *("--documents", "20", "--people", "5"),
        stdout=out,
    )
    assert Section.objects.count() == 60
    assert Issue.objects.count() == 3 * 12
    assert User.objects.filter(username__startswith="bithu_thu_").count() == 12
    assert Section.objects.filter(citations__isnull=False).distinct().count() == 60
    secretary = User.objects.get(username="bithu_thu_00000")
    commune = secretary.organisations.get().parent
    readable = Issue.objects.visible_to(secretary)
    assert set(readable.values_list("publisher__kind", flat=True)) == {"board", "commune"}
    assert set(readable.filter(publisher__kind="commune").values_list("publisher", flat=True)) == {
        commune.pk
    }
    assert "done in" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("generate_dataset", "--sections", "10", stdout=StringIO())
    assert Section.objects.count() == 60


def test_the_admin_bench_adds_its_large_issue_once_to_a_generated_dataset(db):
    call_command("generate_dataset", "--sections", "20", "--years", "1", stdout=StringIO())
    generated = Section.objects.count()
    issue = add_large_issue(sections=30, citations=50, report=lambda line: None)
    assert add_large_issue(sections=30, citations=50, report=lambda line: None) == issue
    assert issue.kind == Issue.Kind.THEMATIC
    assert issue.publisher.kind == "board"
    numbers = list(issue.sections.values_list("number", flat=True))
    assert len(numbers) == 30
    assert numbers[:2] == ["1.", "1.1."]
    first = issue.sections.earliest("position")
    assert first.citations.count() == 51  # the generator's own, and the added 50
    assert Section.objects.count() == generated + 30


def test_the_results_page_filters_by_kind_and_year(client, library, cited):
    Person.objects.create(full_name="Trần Thị Số")
    client.force_login(library["user"])
    page = client.get(reverse("search"), {"q": "số"})
    assert page.context["total"] >= 2
    assert "Trần Thị Số" in page.content.decode()
    people = client.get(reverse("search"), {"q": "số", "kind": "person"}).content.decode()
    assert "Trần Thị Số" in people
    assert library["phrase"].heading not in people
    sections = client.get(reverse("search"), {"q": "chuyen doi so", "kind": "section"})
    assert next(hit.heading for hit in sections.context["page"]) == library["phrase"].heading
    other_year = client.get(reverse("search"), {"q": "chuyen doi so", "year": "2025"})
    assert other_year.context is not None and "page" not in other_year.context


@pytest.mark.parametrize("few_left", [0, 300])  # window after window; the rest at once
def test_counts_stop_at_the_cap_and_the_newest_issues_are_ranked(
    client, reader, board, monkeypatch, few_left
):
    from bulletins import search as engine
    from bulletins.readable import readable_issues
    from bulletins.search import Results
    from portal.views import search as view

    monkeypatch.setattr(engine, "FIRST_WINDOW", 1)  # windows of 1, then 3 issues
    monkeypatch.setattr(engine, "FEW_LEFT", few_left)
    monkeypatch.setattr(engine, "CANDIDATES", 2)
    issues = [make_issue(board, month, sections=1) for month in (3, 4, 5, 6)]
    for issue in issues:
        add_section(issue, "Phòng, chống sạt lở đất", "Di dời các hộ dân khỏi vùng sạt lở.")
    query, ids = SectionQuery("sat lo"), readable_issues(reader)

    results = Results(query, Section.objects.all(), ids)
    assert results.total == 4 and not results.more  # counted across both windows
    ranked = results[:10]
    assert {section.issue_id for section in ranked} == {issues[3].pk, issues[2].pk}

    monkeypatch.setattr(engine, "CANDIDATES", 1)  # the older window is only counted
    counted = Results(query, Section.objects.all(), ids)
    assert counted.total == 4 and [section.issue_id for section in counted[:10]] == [issues[3].pk]

    monkeypatch.setattr(engine, "COUNT_CAP", 2)
    monkeypatch.setattr(view, "COUNT_CAP", 2)
    capped = Results(query, Section.objects.all(), ids)
    assert capped.total == 3 and capped.more  # stopped once past the cap
    client.force_login(reader)
    content = client.get(reverse("search"), {"q": "sạt lở"}).content.decode()
    assert "Hơn 2 mục" in content


def test_a_readers_cached_issues_follow_publication_audiences_and_the_clock(
    reader, board, cell, city, monkeypatch
):
    issue = make_issue(board, 7, published=False, sections=1)
    add_section(issue, "Phòng chống sạt lở đất", "Di dời các hộ dân khỏi vùng sạt lở.")
    assert headings(reader, "sat lo") == []  # a draft; the reader's issues are now cached
    issue.status, issue.audience = Issue.Status.PUBLISHED, Issue.Audience.ORGANISATIONS
    issue.published_at = timezone.now() - datetime.timedelta(days=1)
    issue.save()
    issue.audience_organisations.set([cell])
    assert headings(reader, "sat lo") == ["Phòng chống sạt lở đất"]
    other_ward = Organisation.objects.create(
        name="Đảng ủy phường Sông Hiến", kind="ward", parent=city
    )
    issue.audience_organisations.set([other_ward])  # the audience alone changes
    assert headings(reader, "sat lo") == []

    issue.audience_organisations.set([cell])
    issue.status = Issue.Status.SCHEDULED
    issue.published_at = timezone.now() + datetime.timedelta(hours=1)
    issue.save()
    assert headings(reader, "sat lo") == []
    later = timezone.now() + datetime.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)  # due, nothing saved
    assert headings(reader, "sat lo") == ["Phòng chống sạt lở đất"]


def test_search_lists_a_registry_entry_only_where_the_registry_shows_it(client, reader, board):
    """An entry made from a draft's citation is unverified: a reader finds it once a published
    issue she reads cites it, as on the registry pages (bulletins.models.documents_visible_to)."""
    plan = DocumentType.objects.get_or_create(name="Kế hoạch", defaults={"abbreviation": "KH"})[0]
    secret = Document.objects.create(
        document_type=plan,
        number="777",
        code="777-KH/TU",
        subject="Sắp xếp lại tổ dân phố",
        verified=False,
    )
    draft = make_issue(board, 11, published=False, sections=1)
    draft.sections.first().cited_documents.add(secret)
    client.force_login(reader)
    for text in ("sap xep lai to dan pho", "KH 777", "777-KH/TU"):
        content = client.get(reverse("search"), {"q": text}).content.decode()
        assert secret.get_absolute_url() not in content, text
    assert all(hit.kind != "document" for hit in search(reader, "KH 777"))

    published = make_issue(board, 10, sections=1)
    published.sections.first().cited_documents.add(secret)
    content = client.get(reverse("search"), {"q": "sap xep lai to dan pho"}).content.decode()
    assert secret.get_absolute_url() in content
