"""Every admin page staff use loads and saves."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from bulletins.models import Issue, PublisherSettings, Section
from documents.models import Document, DocumentRelation, DocumentType
from people.models import Event, Participation, Person, Position

from .forms import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(published_issue, directive, city, superuser):
    """One object of every registered model."""
    person = Person.objects.create(full_name="Bế Văn Hùng")
    Position.objects.create(person=person, organisation=city, title="Phó Bí thư")
    event = Event.objects.create(title="Hội nghị sơ kết", start=timezone.now())
    Participation.objects.create(event=event, person=person, role=Participation.Role.CHAIRED)
    older = Document.objects.create(
        document_type=DocumentType.objects.get(name="Chỉ thị"),
        number=24,
        code="24-CT/TU",
        issued_on=datetime.date(2023, 5, 19),
        subject="về công tác phát triển đảng viên",
    )
    DocumentRelation.objects.create(
        source=directive, kind=DocumentRelation.Kind.IMPLEMENTS, target=older
    )
    section = published_issue.sections.first()
    section.cited_documents.add(directive)
    section.presented_document = directive
    section.event = event
    section.save()
    PublisherSettings.objects.create(publisher=published_issue.publisher)
    return admin.site._registry


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def all_models():
    return list(admin.site._registry)


OUR_APPS = {"accounts", "people", "documents", "bulletins"}


@pytest.mark.parametrize("model", all_models(), ids=lambda m: m._meta.label)
def test_changelist_add_and_change_pages_load_and_save(client, rf, superuser, registry, model):
    """Every page an admin can open loads; every change form saves unchanged.

    Read-only admins of libraries (lock-out records, the audit log) are checked as far as
    they allow.
    """
    client.force_login(superuser)
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser
    assert client.get(admin_url(model, "changelist")).status_code == 200
    assert client.get(admin_url(model, "changelist"), {"q": "Cao Bằng"}).status_code == 200
    if model_admin.has_add_permission(request):
        assert client.get(admin_url(model, "add")).status_code == 200

    obj = model._default_manager.order_by("pk").first()
    if obj is None:
        assert model._meta.app_label not in OUR_APPS, "the registry fixture lacks this model"
        return
    url = admin_url(model, "change", obj.pk)
    page = client.get(url)
    assert page.status_code == 200
    if not model_admin.has_change_permission(request, obj):
        return
    data = form_data(page.content.decode(), f"{model._meta.model_name}_form")
    if model._meta.label == "accounts.User":
        data.pop("password", None)
    if "correction_note" in data:
        data["correction_note"] = "Sửa lỗi chính tả ở mục 1."
    response = client.post(url, {**data, "_save": "Lưu"})
    errors = response.context and [
        response.context["adminform"].form.errors,
        *[formset.formset.errors for formset in response.context["inline_admin_formsets"]],
    ]
    assert response.status_code == 302, errors


def test_editor_writes_an_issue_with_sections_inline(client, editor, board):
    client.force_login(editor)
    url = admin_url(Issue, "add")
    data = form_data(client.get(url).content.decode(), "issue_form")
    data.update(
        {
            "publisher": board.pk,
            "month": 12,
            "year": 2026,
            "sections-TOTAL_FORMS": 3,
            "sections-0-position": 1,
            "sections-0-level": 1,
            "sections-0-heading": "Kế hoạch số 415-KH/TU về công tác dân vận",
            "sections-0-body": '<p onmouseover="x()">Nội dung <script>x()</script>chính</p>',
            "sections-1-position": 2,
            "sections-1-level": 2,
            "sections-1-heading": "Mục tiêu",
            "sections-1-body": "<p>Mục tiêu chung</p>",
            "sections-2-position": 3,
            "sections-2-level": 1,
            "sections-2-heading": "Tin hoạt động",
            "sections-2-body": "",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    issue = Issue.objects.get(month=12)
    assert issue.created_by == editor
    assert issue.status == Issue.Status.DRAFT
    assert [(s.number, s.heading) for s in issue.sections.all()] == [
        ("1.", "Kế hoạch số 415-KH/TU về công tác dân vận"),
        ("1.1.", "Mục tiêu"),
        ("2.", "Tin hoạt động"),
    ]
    assert issue.sections.first().body == "<p>Nội dung chính</p>"


def test_an_outline_that_skips_a_level_is_refused_with_a_message(client, editor, draft_issue):
    client.force_login(editor)
    url = admin_url(Issue, "change", draft_issue.pk)
    data = form_data(client.get(url).content.decode(), "issue_form")
    data["sections-1-level"] = "3"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "không thể thấp hơn mục liền trước quá một cấp" in response.content.decode()
    assert list(draft_issue.sections.values_list("level", flat=True)) == [1, 2, 2, 3, 1]


def test_readers_cannot_open_the_admin(client, reader):
    client.force_login(reader)
    response = client.get(admin_url(Issue, "changelist"))
    assert response.status_code == 302
    assert "/quan-tri/login/" in response.url


def test_editor_sees_section_change_form_with_footnotes(client, editor, published_issue):
    client.force_login(editor)
    section = Section.objects.filter(issue=published_issue).first()
    response = client.get(admin_url(Section, "change", section.pk))
    assert response.status_code == 200
    assert "Chú thích của mục 1" in response.content.decode()
