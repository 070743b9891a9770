"""The demo dataset: idempotent loading, what it must contain, and the demo accounts."""

import io
from itertools import pairwise

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS
from bulletins import demo
from bulletins.html import ALLOWED_TAGS
from bulletins.models import Footnote, Issue, Section
from documents.models import Document, DocumentRelation
from people.models import Event, Organisation, Participation, Person, Position

NEWS_HEADING = "Tin hoạt động của Thành phố"


def row_counts():
    counts = {key: model.objects.count() for key, model in demo.MODELS.items()}
    counts["users"] = get_user_model().objects.count()
    return counts


def load_demo():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(db):
    load_demo()


def city():
    return Organisation.objects.get(name="Thành ủy Cao Bằng", parent__name="Tỉnh ủy Cao Bằng")


def publisher():
    return Organisation.objects.get(name="Ban Tuyên giáo Thành ủy", parent=city())


def demo_issues():
    return Issue.objects.filter(publisher=publisher(), year=2026)


def outline(issue):
    return list(issue.sections.order_by("position"))


def subsections(sections, parent):
    """The sections under `parent` in a flat outline: those after it, until the same level."""
    index = sections.index(parent)
    children = []
    for section in sections[index + 1 :]:
        if section.level <= parent.level:
            break
        children.append(section)
    return children


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = demo.load()
    counts = row_counts()
    stamps = dict(Issue.objects.values_list("pk", "updated_at"))
    bodies = dict(Section.objects.values_list("pk", "body"))

    second = demo.load()

    assert second == first
    assert row_counts() == counts
    assert dict(Issue.objects.values_list("pk", "updated_at")) == stamps
    assert dict(Section.objects.values_list("pk", "body")) == bodies


@pytest.mark.django_db
def test_command_twice_gives_the_same_rows():
    out = load_demo()
    counts = row_counts()
    assert load_demo() == out
    assert row_counts() == counts
    for key, count in demo.load().items():
        assert count == counts[key] > 0
        assert f": {count}\n" in out
    for account in DEMO_ACCOUNTS:
        assert account.username in out
        assert account.password in out


@pytest.mark.django_db
def test_counts_match_the_database_on_an_empty_database():
    counts = demo.load()
    assert counts == {key: model.objects.count() for key, model in demo.MODELS.items()}
    assert counts["organisations"] >= 25
    assert counts["documents"] >= 20
    assert counts["people"] >= 12
    assert counts["events"] >= 5


@pytest.mark.django_db
def test_removed_sections_and_footnotes_are_deleted_on_reload():
    demo.load()
    issue = demo_issues().get(month=9)
    section = issue.sections.order_by("position").first()
    Section.objects.create(issue=issue, position=999, heading="Không có trong nội dung")
    Footnote.objects.create(section=section, position=99, marker="9", text="Thừa")
    counts = row_counts()

    demo.load()

    assert not issue.sections.filter(position=999).exists()
    assert not section.footnotes.filter(position=99).exists()
    assert row_counts()["sections"] == counts["sections"] - 1
    assert row_counts()["footnotes"] == counts["footnotes"] - 1


def test_organisation_tree(loaded):
    kinds = Organisation.Kind
    central = Organisation.objects.filter(kind=kinds.CENTRAL, citation_code="TW")
    assert {"Ban Chấp hành Trung ương Đảng", "Bộ Chính trị", "Ban Bí thư"} <= set(
        central.values_list("name", flat=True)
    )
    assert Organisation.objects.get(name="Văn phòng Trung ương Đảng").citation_code == "VPTW"
    assert Organisation.objects.get(name="Chính phủ", kind=kinds.STATE).citation_code == "CP"

    province = Organisation.objects.get(name="Tỉnh ủy Cao Bằng")
    assert province.kind == kinds.PROVINCE and province.citation_code == "TU"
    assert province.children.filter(kind=kinds.STATE, citation_code="UBND").exists()

    thanh_uy = city()
    assert thanh_uy.kind == kinds.CITY and thanh_uy.citation_code == "TU"
    boards = set(thanh_uy.children.filter(kind=kinds.BOARD).values_list("name", flat=True))
    assert {
        "Ban Tuyên giáo Thành ủy",
        "Ban Tổ chức Thành ủy",
        "Ban Dân vận Thành ủy",
        "Ủy ban Kiểm tra Thành ủy",
    } <= boards
    assert thanh_uy.children.filter(kind=kinds.STATE).count() >= 2  # HĐND, UBND

    wards = thanh_uy.children.filter(kind=kinds.WARD)
    communes = thanh_uy.children.filter(kind=kinds.COMMUNE)
    assert wards.count() >= 3
    assert communes.count() >= 1
    for committee in [*wards, *communes]:
        assert committee.children.filter(kind=kinds.CELL).count() >= 2, committee
    cells = Organisation.objects.filter(kind=kinds.CELL, parent__parent=thanh_uy)
    assert cells.count() >= 6


def test_documents(loaded):
    documents = Document.objects.all()
    assert documents.count() >= 20
    assert documents.values("document_type").distinct().count() >= 5
    levels = set(documents.values_list("issuer__kind", flat=True))
    assert {
        Organisation.Kind.CENTRAL,
        Organisation.Kind.PROVINCE,
        Organisation.Kind.CITY,
        Organisation.Kind.STATE,
    } <= levels
    assert documents.filter(code__endswith="NĐ-CP").exists()
    assert documents.filter(code__contains="KH-UBND").exists()

    reused = documents.values("code").annotate(n=Count("pk")).filter(n__gte=2)
    assert reused.exists()
    for row in reused:
        years = {d.issued_on.year for d in documents.filter(code=row["code"])}
        assert len(years) == row["n"], row["code"]


def test_document_relations(loaded):
    relations = DocumentRelation.objects.select_related("source", "target")
    kinds = DocumentRelation.Kind

    # A city plan implements a provincial directive, which implements a central resolution.
    chain = [
        (r.source, r.target)
        for r in relations.filter(
            kind=kinds.IMPLEMENTS,
            source__issuer__kind=Organisation.Kind.CITY,
            source__document_type__name="Kế hoạch",
            target__document_type__name="Chỉ thị",
            target__issuer__parent__kind=Organisation.Kind.PROVINCE,
        )
    ]
    assert chain
    _plan, directive = chain[0]
    assert relations.filter(
        kind=kinds.IMPLEMENTS,
        source=directive,
        target__document_type__name="Nghị quyết",
        target__issuer__kind=Organisation.Kind.CENTRAL,
    ).exists()

    replaces = relations.filter(kind=kinds.REPLACES)
    assert replaces.exists()
    for relation in replaces:
        assert relation.target.status == Document.Status.REPLACED
        assert relation.source.status == Document.Status.IN_FORCE
    assert relations.filter(
        kind=kinds.GUIDES,
        source__document_type__name="Hướng dẫn",
        target__document_type__name="Nghị quyết",
    ).exists()


def test_people_and_events(loaded):
    assert Person.objects.count() >= 12
    assert Position.objects.exclude(end_date=None).exists()

    # Someone holds two positions at once: Ủy viên BTV Tỉnh ủy and Bí thư Thành ủy.
    secretary = Position.objects.get(title="Bí thư Thành ủy", end_date=None).person
    assert secretary.positions.filter(title="Ủy viên BTV Tỉnh ủy", end_date=None).exists()
    concurrent = [
        person
        for person in Person.objects.all()
        if person.positions.filter(end_date=None).count() >= 2
    ]
    assert len(concurrent) >= 5

    events = Event.objects.annotate(n=Count("participations")).filter(n__gte=2)
    assert events.count() >= 5
    roles = set(Participation.objects.values_list("role", flat=True))
    assert {"chaired", "spoke", "attended"} <= roles


def test_issues(loaded):
    issues = demo_issues()
    published = issues.filter(status=Issue.Status.PUBLISHED)
    assert published.count() == 3
    assert set(published.values_list("month", flat=True)) == {8, 9, 10}
    assert all(issue.published_at is not None for issue in published)
    assert set(Issue.objects.published().filter(pk__in=published)) == set(published)
    draft = issues.get(status=Issue.Status.DRAFT)
    assert draft.month == 11 and draft.published_at is None

    for issue in issues:
        sections = outline(issue)
        assert len(sections) >= 5
        assert all(section.number for section in sections)
        assert sections[0].number == "1." and sections[0].level == 1
        # A level never skips one.
        for before, after in pairwise(sections):
            assert after.level <= before.level + 1
        presenting = [s for s in sections if s.presented_document_id]
        assert presenting, issue
        for section in presenting:
            assert section.level == 1
            assert section.presented_document in section.cited_documents.all()
            assert section.heading.startswith(str(section.presented_document.document_type))
            assert section.presented_document.code in section.heading
        assert sections[-1].level == 2  # the news come last
        news = [s for s in sections if s.level == 1][-1]
        assert news.heading == NEWS_HEADING

    assert Section.objects.filter(issue__in=issues, level=3).exists()
    assert Footnote.objects.filter(section__issue__in=published).count() >= 3
    assert set(Footnote.objects.values_list("marker", flat=True)) >= {"1"}


def test_news_sections_report_events_with_people(loaded):
    for issue in demo_issues():
        sections = outline(issue)
        news = next(s for s in sections if s.level == 1 and s.heading == NEWS_HEADING)
        items = subsections(sections, news)
        assert 3 <= len(items) <= 5
        for item in items:
            assert item.level == 2
            assert item.event is not None, item
            participants = item.event.participants.distinct()
            assert participants.exists()
            for person in participants:
                assert person.full_name in item.body, (item, person)


def test_section_bodies(loaded):
    bodies = " ".join(Section.objects.values_list("body", flat=True))
    assert "<table>" in bodies and "<th>" in bodies
    assert '<figure class="image"><img src="/static/demo/' in bodies
    assert "<figcaption>Quang cảnh hội nghị</figcaption>" in bodies
    assert "<strong>" in bodies and "<em>" in bodies and "<li>" in bodies
    assert "<sup>1</sup>" in bodies
    used = set()
    for body in Section.objects.values_list("body", flat=True):
        used |= {tag for tag in ALLOWED_TAGS if f"<{tag}>" in body or f"<{tag} " in body}
    assert {"p", "ul", "ol", "table", "figure", "img"} <= used

    for issue in demo_issues().filter(status=Issue.Status.PUBLISHED):
        sections = outline(issue)
        for main in [s for s in sections if s.level == 1 and s.heading != NEWS_HEADING]:
            text = " ".join(s.body for s in [main, *subsections(sections, main)])
            words = len(text.split())
            assert 250 <= words <= 1100, (main.heading, words)


def test_demo_accounts(loaded):
    User = get_user_model()
    admin = User.objects.get(username="quantri")
    assert admin.is_staff and admin.is_superuser
    assert (admin.last_name, admin.first_name) == ("Nông Văn", "Quản")

    editor = User.objects.get(username="bientap")
    assert editor.is_staff and not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Biên tập viên"]
    assert list(editor.organisations.all()) == [publisher()]

    secretary = User.objects.get(username="bithu")
    assert not secretary.is_staff and not secretary.is_superuser
    assert (secretary.last_name, secretary.first_name) == ("Lục Văn", "Thư")
    assert list(secretary.groups.values_list("name", flat=True)) == ["Bí thư chi bộ"]
    cell = secretary.organisations.get()
    assert cell.kind == Organisation.Kind.CELL

    approver = User.objects.get(username="pheduyet")
    assert approver.is_staff and approver.has_perm("bulletins.publish_issue")
    assert list(approver.organisations.all()) == [publisher()]


def log_in(account):
    """Through the login page, as a person does (lock-out and backends included)."""
    client = Client()
    client.post(reverse("login"), {"username": account.username, "password": account.password})
    return client.get(reverse("bulletins:home")).status_code == 200


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.role)
def test_demo_accounts_log_in_only_with_debug(loaded, settings, account):
    settings.DEBUG = True
    assert log_in(account)

    settings.DEBUG = False
    assert not log_in(account)
