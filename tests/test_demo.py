"""The demo: data files loaded through the importer and the workflow, idempotently; what it
must contain (the 2025 two-level model, cell types, an archive readable through succession);
the demo accounts.

The demo is loaded once for the module (it takes a few seconds) inside a transaction rolled
back at the end; each test runs in a savepoint of it, so what one test changes is undone.
"""

import datetime
import io
import json
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.demo import DEMO_ACCOUNTS
from bulletins.html import ALLOWED_TAGS
from bulletins.models import Footnote, Issue, Review, Section
from demo import loading
from documents.models import Citation, Document, DocumentRelation
from people.models import (
    Event,
    Organisation,
    OrganisationName,
    Participation,
    Person,
    Position,
    Succession,
    Transfer,
)

from .factories import make_user
from .support import demo_loaded

NEWS_HEADING = "Tin hoạt động trong tỉnh"
TW = ("Ban Chấp hành Trung ương Đảng",)
PROVINCE = ("Tỉnh ủy Hòa Sơn", *TW)
CITY = ("Thành ủy Hòa Sơn", *PROVINCE)
TWO_LEVELS = datetime.date(2025, 7, 1)
ROOT = Path(__file__).resolve().parent.parent


def organisation(*names):
    return Organisation.objects.get_by_natural_key(*names)


def board():
    return organisation("Ban Tuyên giáo và Dân vận Tỉnh ủy Hòa Sơn", *PROVINCE)


def monthly_issues():
    """The province board's monthly issues of 2026."""
    return Issue.objects.filter(publisher=board(), year=2026)


def run_load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo, loaded once by the command on the empty test database; its output."""
    media = tmp_path_factory.mktemp("demo-media")
    with demo_loaded(django_db_blocker, media) as output:
        yield {"output": output, "media": media}


@pytest.fixture
def demo(loaded, db, settings):
    settings.MEDIA_ROOT = loaded["media"]  # where the command copied the photos
    return loaded


def snapshot():
    """Every demo row, as values: what a second load must leave as it was."""
    models = [Organisation, OrganisationName, Succession, Transfer, Document, DocumentRelation,
              Person, Position, Event, Participation, Issue, Section, Footnote, Review, Citation,
              LogEntry]  # fmt: skip
    rows = {model.__name__: sorted(model.objects.values_list(), key=str) for model in models}
    rows["users"] = sorted(get_user_model().objects.values_list(), key=str)
    rows["cell types of sections"] = sorted(Section.cell_types.through.objects.values_list())
    return rows


def test_loading_again_changes_nothing(demo):
    before = snapshot()
    assert run_load_demo() == demo["output"]
    assert snapshot() == before


def test_the_summary_counts_what_the_files_hold(demo):
    output = demo["output"]
    for model, count in [(Organisation, 46), (Document, 25), (Person, 17), (Event, 12)]:
        assert model.objects.count() == count
        assert f"{model._meta.verbose_name_plural.capitalize()}: {count}\n" in output
    assert Issue.objects.count() == len(loading.manifest()["issues"]) == 10
    for account in DEMO_ACCOUNTS:
        assert f"{account.username}  " in output and account.password in output


def test_every_issue_came_through_the_importer(demo):
    manifest = loading.manifest()["issues"]
    assert Issue.objects.count() == len(manifest) == len(list((ROOT / "demo/issues").glob("*.md")))
    for entry in manifest:
        source = (ROOT / "demo/issues" / entry["file"]).read_bytes()
        issue = Issue.objects.get(
            source_hash=loading.read_bulletin(io.BytesIO(source), "x.md").source_hash
        )
        assert issue.publisher.natural_key() == tuple(entry["publisher"])
        assert issue.import_warnings == [], (entry["file"], issue.import_warnings)
        if entry.get("published_at"):
            when = datetime.datetime.fromisoformat(entry["published_at"])
            assert (issue.status, issue.published_at) == (Issue.Status.PUBLISHED, when)
            # through the workflow, once: the review log says so
            step = issue.reviews.get()
            assert (step.transition, step.from_status) == ("record_publication", "draft")
        else:
            assert issue.status == Issue.Status.DRAFT and not issue.reviews.exists()


def test_a_published_issue_is_not_published_twice(demo):
    issue = monthly_issues().get(month=8)
    with pytest.raises(ValidationError):
        loading.workflow.record_publication(issue, issue.published_at)
    assert issue.reviews.count() == 1
    draft = monthly_issues().get(month=11)
    with pytest.raises(ValidationError):  # a date to come is a schedule, not a record
        loading.workflow.record_publication(draft, timezone.now() + datetime.timedelta(days=1))
    draft.refresh_from_db()
    assert draft.status == Issue.Status.DRAFT and not draft.reviews.exists()


def test_the_2026_issues_come_from_bodies_of_the_two_level_model(demo):
    for issue in Issue.objects.filter(year=2026).select_related("publisher"):
        publisher = issue.publisher
        assert publisher.existed_until is None, issue
        assert publisher.kind != Organisation.Kind.CITY
    publishers = {issue.publisher.name for issue in Issue.objects.filter(year=2026)}
    assert publishers == {
        "Ban Tuyên giáo và Dân vận Trung ương",
        "Ban Tuyên giáo và Dân vận Tỉnh ủy Hòa Sơn",
        "Đảng ủy phường Tân Giang",
        "Đảng ủy xã Lũng Mây",
    }
    central = organisation("Ban Tuyên giáo và Dân vận Trung ương", *TW)
    assert central.issues.filter(year=2026, month=12, kind=Issue.Kind.REGULAR).exists()
    thematic = central.issues.get(kind=Issue.Kind.THEMATIC)
    assert thematic.month % 3 == 0 and thematic.topic


def test_the_former_city_ended_with_its_successors(demo):
    city = organisation(*CITY)
    assert city.kind == Organisation.Kind.CITY
    assert city.existed_until == TWO_LEVELS - datetime.timedelta(days=1)
    old_board = organisation("Ban Tuyên giáo Thành ủy Hòa Sơn", *CITY)
    assert old_board.existed_until == city.existed_until
    assert Succession.objects.filter(predecessor=old_board, successor=board()).get().date == (
        TWO_LEVELS
    )
    # its issues stay its own, in the style of the time
    archive = Issue.objects.filter(publisher=old_board)
    assert archive.exists() and all(issue.year == 2025 for issue in archive)
    # its wards were merged into the new ones and their cells moved
    tan_giang = organisation("Đảng ủy phường Tân Giang", *PROVINCE)
    merged = Succession.objects.filter(successor=tan_giang).values_list(
        "predecessor__name", flat=True
    )
    assert set(merged) == {"Đảng ủy phường Bình Minh", "Đảng ủy phường Hòa Chung"}
    assert tan_giang.existed_from == TWO_LEVELS
    assert Transfer.objects.filter(to_parent=tan_giang, date=TWO_LEVELS).count() >= 3
    assert not Organisation.objects.current().filter(parent=city).exists()


def test_cells_of_several_types(demo):
    cells = Organisation.objects.current().filter(kind=Organisation.Kind.CELL)
    types = set(cells.exclude(cell_type=None).values_list("cell_type__slug", flat=True))
    assert {"nong-thon", "khu-dan-cu-do-thi", "doanh-nghiep", "co-quan", "truong-hoc"} <= types
    assert not cells.filter(cell_type=None).exists()
    typed = Section.objects.exclude(cell_types=None)
    assert set(typed.values_list("cell_types__slug", flat=True)) >= {
        "doanh-nghiep",
        "khu-dan-cu-do-thi",
        "nong-thon",
    }
    assert typed.filter(issue__publisher=board()).exists()


def test_secretaries_read_through_succession(demo):
    User = get_user_model()
    residential, enterprise = (
        User.objects.get(username="bithu"),
        User.objects.get(username="bithu2"),
    )
    ward_only = Issue.objects.get(publisher__name="Đảng ủy phường Bình Minh")
    city_issue = Issue.objects.get(publisher__name="Ban Tuyên giáo Thành ủy Hòa Sơn")
    tan_giang_issue = Issue.objects.get(publisher__name="Đảng ủy phường Tân Giang")
    commune_issue = Issue.objects.get(publisher__name="Đảng ủy xã Lũng Mây")

    # A cell of the former ward Bình Minh, now in Tân Giang, keeps the ward's archive, and so
    # does every cell of Tân Giang, the ward Bình Minh merged into; and the city's issue.
    for secretary in (residential, enterprise):
        readable = set(Issue.objects.visible_to(secretary))
        assert {ward_only, city_issue, tan_giang_issue} <= readable
        assert commune_issue not in readable
    # A cell of another former ward of the city reads the city's issue, not Bình Minh's.
    elsewhere = make_user("bithu_song_may", groups=[roles.SECRETARY])
    elsewhere.organisations.set(
        [organisation("Chi bộ Tổ dân phố 1", "Đảng ủy phường Sông Mây", *PROVINCE)]
    )
    readable = set(Issue.objects.visible_to(elsewhere))
    assert city_issue in readable
    assert ward_only not in readable and tan_giang_issue not in readable


def test_organisation_tree(demo):
    kinds = Organisation.Kind
    central = Organisation.objects.filter(kind=kinds.CENTRAL, citation_code="TW")
    assert {"Ban Chấp hành Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư"} <= set(
        central.values_list("name", flat=True)
    )
    assert Organisation.objects.get(name="Chính phủ", kind=kinds.STATE).citation_code == "CP"
    province = organisation(*PROVINCE)
    assert province.kind == kinds.PROVINCE and province.citation_code == "TU"
    committees = Organisation.objects.current().filter(parent=province)
    assert committees.filter(kind=kinds.WARD).count() >= 3
    assert committees.filter(kind=kinds.COMMUNE).exists()
    for committee in committees.filter(kind__in=[kinds.WARD, kinds.COMMUNE]):
        assert committee.children.filter(kind=kinds.CELL).count() >= 2, committee
    assert board().former_names.get().name == "Ban Tuyên giáo Tỉnh ủy Hòa Sơn"


def test_documents(demo):
    documents = Document.objects.all()
    assert documents.values("document_type").distinct().count() >= 5
    assert {Organisation.Kind.CENTRAL, Organisation.Kind.PROVINCE, Organisation.Kind.STATE} <= set(
        documents.values_list("issuer__kind", flat=True)
    )
    assert documents.filter(code__endswith="NĐ-CP").exists()
    reused = documents.values("code").annotate(n=Count("pk")).filter(n__gte=2)
    assert reused.exists()
    for row in reused:
        years = {d.issued_on.year for d in documents.filter(code=row["code"])}
        assert len(years) == row["n"], row["code"]


def test_document_relations(demo):
    relations = DocumentRelation.objects.confirmed()
    kinds = DocumentRelation.Kind
    # A province plan implements a provincial directive, which implements a central resolution.
    plan = relations.get(source__code="412-KH/TU", kind=kinds.IMPLEMENTS)
    assert plan.source.issuer.kind == Organisation.Kind.PROVINCE
    assert plan.target.document_type.name == "Chỉ thị"
    assert relations.filter(
        source=plan.target, kind=kinds.IMPLEMENTS, target__issuer__kind=Organisation.Kind.CENTRAL
    ).exists()
    for relation in relations.filter(kind=kinds.REPLACES):
        assert relation.target.status == Document.Status.REPLACED
        assert relation.source.status == Document.Status.IN_FORCE


def test_people_and_events(demo):
    secretary = Position.objects.get(title="Bí thư Tỉnh ủy", end_date=None).person
    assert secretary.positions.filter(end_date=None).count() == 2
    concurrent = [p for p in Person.objects.all() if p.positions.filter(end_date=None).count() >= 2]
    assert len(concurrent) >= 5
    # Positions in bodies that ended end with them at the latest.
    ended = Position.objects.exclude(organisation__existed_until=None).select_related(
        "organisation"
    )
    assert ended.count() >= 10
    for position in ended:
        assert position.end_date and position.end_date <= position.organisation.existed_until
    assert Event.objects.annotate(n=Count("participations")).filter(n__gte=2).count() >= 5
    roles = set(Participation.objects.values_list("role", flat=True))
    assert {"chaired", "spoke", "attended"} <= roles


def test_monthly_issues(demo):
    issues = monthly_issues()
    published = issues.filter(status=Issue.Status.PUBLISHED)
    assert set(published.values_list("month", flat=True)) == {8, 9, 10}
    assert set(Issue.objects.published().filter(pk__in=published)) == set(published)
    assert issues.get(status=Issue.Status.DRAFT).month == 11

    for issue in issues:
        sections = list(issue.sections.order_by("position"))
        assert len(sections) >= 5
        assert sections[0].number == "1." and sections[0].level == 1
        for before, after in pairwise(sections):
            assert after.level <= before.level + 1
        presenting = [s for s in sections if s.presented_document_id]
        assert presenting, issue
        for section in presenting:
            assert section.level == 1
            assert section.presented_document.code in section.heading
        news = [s for s in sections if s.level == 1][-1]
        assert news.heading == NEWS_HEADING
        items = [s for s in sections if s.position > news.position]
        assert 3 <= len(items) <= 5
        for item in items:
            assert item.level == 2 and item.event is not None, item
            for person in item.event.participants.distinct():
                assert person.full_name in item.body, (item, person)

    assert Section.objects.filter(issue__in=issues, level=3).exists()
    assert Footnote.objects.filter(section__issue__in=published).count() >= 3


def test_section_bodies(demo):
    bodies = " ".join(Section.objects.values_list("body", flat=True))
    assert "<table>" in bodies and "<strong>" in bodies and "<em>" in bodies
    assert "<sup>1</sup>" in bodies
    used = {tag for tag in ALLOWED_TAGS if f"<{tag}>" in bodies or f"<{tag} " in bodies}
    assert {"p", "ul", "table", "figure", "img", "figcaption"} <= used
    for issue in monthly_issues().filter(status=Issue.Status.PUBLISHED):
        sections = list(issue.sections.order_by("position"))
        tops = [s for s in sections if s.level == 1]
        for main, following in zip(tops, [*tops[1:], None], strict=True):
            if main.heading == NEWS_HEADING:
                continue
            end = following.position if following else float("inf")
            text = " ".join(s.body for s in sections if main.position <= s.position < end)
            assert 250 <= len(text.split()) <= 1100, main.heading


def test_photos_are_media_served_to_the_issues_readers(demo, client):
    assert not (ROOT / "static" / "demo").exists()
    photos = sorted(path.name for path in (ROOT / "demo" / "media").iterdir())
    shown = Section.objects.filter(body__contains='<img src="/media/images/demo/')
    assert shown.count() == len(photos) == 5
    for name in photos:
        assert default_storage.exists(f"images/demo/{name}")
    section = shown.select_related("issue").first()
    url = f"{django_settings.MEDIA_URL}images/demo/" + section.images.get().path.rsplit("/", 1)[1]
    assert client.get(url).status_code in (302, 403, 404)  # not for anonymous visitors
    client.force_login(get_user_model().objects.get(username="bithu"))
    assert section.issue in Issue.objects.visible_to(get_user_model().objects.get(username="bithu"))
    response = client.get(url)
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content) == (ROOT / "demo/media" / Path(url).name).read_bytes()
    )


def test_manifest_names_only_what_exists(demo):
    for entry in loading.manifest()["issues"]:
        assert (ROOT / "demo/issues" / entry["file"]).exists()
        for row in entry.get("sections", []):
            assert set(row) <= {"number", "event", "photo", "cell_types"}
    fixtures = [json.loads(p.read_text()) for p in (ROOT / "demo/fixtures").glob("*.json")]
    assert all("pk" not in row for rows in fixtures for row in rows)  # natural keys only


def test_demo_accounts(demo):
    User = get_user_model()
    admin = User.objects.get(username="quantri")
    assert admin.is_staff and admin.is_superuser
    assert (admin.last_name, admin.first_name) == ("Nông Văn", "Quản")

    for username, group in [("bientap", roles.EDITOR), ("pheduyet", roles.APPROVER)]:
        user = User.objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert list(user.organisations.all()) == [board()]
    assert User.objects.get(username="pheduyet").has_perm("bulletins.publish_issue")

    cells = {}
    for username in ("bithu", "bithu2"):
        secretary = User.objects.get(username=username)
        assert not secretary.is_staff and not secretary.must_change_password
        assert list(secretary.groups.values_list("name", flat=True)) == [roles.SECRETARY]
        cells[username] = secretary.organisations.get()
    assert cells["bithu"].cell_type.slug == "khu-dan-cu-do-thi"
    assert cells["bithu2"].cell_type.slug == "doanh-nghiep"


def log_in(account):
    """Through the login page, as a person does (lock-out and backends included)."""
    client = Client()
    client.post(reverse("login"), {"username": account.username, "password": account.password})
    return client.get(reverse("bulletins:home")).status_code == 200


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_demo_accounts_log_in_only_with_debug(demo, settings, account):
    settings.DEBUG = True
    assert log_in(account)

    settings.DEBUG = False
    assert not log_in(account)


def test_a_changed_file_of_a_published_issue_is_refused_and_nothing_changes(
    demo, tmp_path, monkeypatch
):
    issues = tmp_path / "issues"
    shutil.copytree(ROOT / "demo/issues", issues)
    changed = issues / "2026-08-ban-tuyen-giao-va-dan-van-tinh-uy.md"
    changed.write_text(changed.read_text().replace("Tân Trào", "Tân Trào (Sơn Dương)"))
    monkeypatch.setattr(loading, "ISSUES", issues)
    before = snapshot()
    with pytest.raises(CommandError, match="không bao giờ thay thế số đã phát hành"):
        call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before


def test_a_changed_file_of_a_draft_refills_it(demo, tmp_path, monkeypatch):
    issues = tmp_path / "issues"
    shutil.copytree(ROOT / "demo/issues", issues)
    changed = issues / "2026-11-ban-tuyen-giao-va-dan-van-tinh-uy.md"
    changed.write_text(changed.read_text().replace("3.3. ", "3.3. (Bổ sung) "))
    monkeypatch.setattr(loading, "ISSUES", issues)
    draft = monthly_issues().get(month=11)
    call_command("load_demo", stdout=io.StringIO())
    assert Issue.objects.get(pk=draft.pk).sections.filter(heading__startswith="(Bổ sung)").exists()
    assert monthly_issues().count() == 4
