"""Every admin URL, for the editors and approvers of two publishers: who may open what.

The URLs come from the admin site itself (every registered ModelAdmin with the views django-
reversion and reversion-compare add, and the custom ones), so a new admin view fails here until
it is classified. Each is opened by every staff role (GET); then every object URL of publisher
A's material is posted to by publisher B's staff, and the database must not have moved.

The issue and section pages follow the table below; for the other models Django's model
permissions are the ground truth, and only wrongful allows count.
"""

import pytest
import reversion
from axes.models import AccessFailureLog
from django.contrib import admin
from django.urls import reverse
from reversion.models import Version

from bulletins.models import ImportJob, Issue, PublisherSettings, Section
from bulletins.tasks import publish_due_issues
from documents.models import Document, DocumentRelation
from feedback.models import Feedback
from people.models import Event, Person, Position

from .attack import snapshot
from .factories import PASSWORD, make_issue
from .forms import form_data

pytestmark = pytest.mark.django_db

# What a URL does with its object, by the end of its name.
OBJECT_VIEWS = {
    "change": "view",
    "history": "view",
    "compare": "view",
    "read_report": "view",
    "workflow": "view",
    "word": "view",
    "delete": "delete",
    "revision": "revert",
    "recover": "recover",
    "import_warnings": "change",
    "import_status": "import",  # an import in progress: for those who import for its publisher
    "take": "take",  # taking sections from a higher issue into this one: drafts only
    "upstream": "change",  # deciding on a corrected source of a taken section
    "password_change": "change",
    "issue": "view",  # the feedback on an issue (feedback_feedback_issue)
    "insert_qa": "change",
}
# URLs without an object: lists and forms of one's own material, checked for leaks instead.
LIST_VIEWS = {"changelist", "add", "recoverlist", "import", "start_next", "reorganise", "report"}
SITE_VIEWS = {"index", "login", "logout", "password_change", "password_change_done",
              "autocomplete", "jsi18n", "view_on_site", "app_list"}  # fmt: skip
POLICY_MODELS = {"bulletins.Issue", "bulletins.Section"}
# A cell's feedback on A's issue: A's staff read and answer it; nobody deletes it.
FEEDBACK = "feedback.Feedback"
FEEDBACK_ALLOWED = {"editor": {"view", "change"}, "approver": {"view", "change"}}

# Publisher A's own staff, on A's material (B's staff are refused everything of A's).
ALLOWED = {
    ("editor", "draft"): {"view", "change", "delete", "revert", "recover", "import", "take"},
    ("editor", "published"): {"view"},
    # Approvers create nothing, so they neither delete nor recover.
    ("approver", "draft"): {"view", "change", "revert", "take"},
    ("approver", "published"): {"view", "change", "revert"},
}


def admin_patterns():
    """(model label or None, URL name, pattern, kind) for every named admin URL."""
    for model, model_admin in admin.site._registry.items():
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            if pattern.name:
                yield model._meta.label, pattern.name, _kind(pattern.name, prefix)
    for pattern in admin.site.get_urls():
        if getattr(pattern, "name", None) in SITE_VIEWS:
            yield None, pattern.name, "site"


def _kind(name, prefix):
    short = name.removeprefix(prefix).removeprefix("auth_user_")
    if short in OBJECT_VIEWS:
        return short
    if short in LIST_VIEWS:
        return "list"
    return None


@pytest.fixture
def material(boards, city, cell, directive, reader, client):
    """A's published issue and draft, their sections, deleted ones to recover, and one object
    of every other admin model."""
    a, b = boards
    section = {"draft": a.draft.sections.first(), "published": a.published.sections.first()}
    for each in [*section.values(), a.draft, a.published]:  # two versions each, to compare
        with reversion.create_revision():
            reversion.add_to_revision(each)
    doomed = a.draft.sections.last()
    with reversion.create_revision():
        reversion.add_to_revision(doomed)
    doomed_version = Version.objects.get_for_object(doomed).first()
    doomed.delete()
    gone = make_issue(a.org, 12, published=False)
    with reversion.create_revision():
        reversion.add_to_revision(gone)
    gone_version = Version.objects.get_for_object(gone).first()
    gone.delete()
    person = Person.objects.create(full_name="Đàm Văn Thử")
    Position.objects.create(person=person, organisation=city, title="Bí thư")
    Event.objects.create(title="Hội nghị thử", start="2026-07-10T08:00+07:00")
    client.post(reverse("login"), {"username": reader.username, "password": PASSWORD})
    client.logout()  # an access log; then a failed attempt, kept
    client.post(reverse("login"), {"username": reader.username, "password": "sai"})
    AccessFailureLog.objects.create(username=reader.username, ip_address="127.0.0.1")
    publish_due_issues.enqueue()  # a background task result (django-tasks-db's admin)
    # A's editor's import, read and waiting for the confirmation (its page posts it).
    ImportJob.objects.create(
        publisher=a.org,
        created_by=a.editor,
        filename="thang-12.md",
        source_hash="0" * 64,
        status=ImportJob.Status.READY,
        preview={"outline": [{"number": "1.", "heading": "Tin bí mật của A"}]},
    )
    PublisherSettings.objects.create(publisher=a.org, meeting_day=4)  # A's calendar
    DocumentRelation.objects.create(
        source=directive,
        target=Document.objects.create(
            document_type=directive.document_type, number=9, code="9-KH/TU", issuer=directive.issuer
        ),
        kind=DocumentRelation.Kind.IMPLEMENTS,
    )
    feedback = Feedback.objects.create(
        issue=a.published,
        cell=cell,
        present=12,
        total=15,
        rating=4,
        questions="Câu hỏi bí mật của chi bộ",
        answer="Trả lời",
        publish_as_qa=True,
    )
    return {
        "a": a,
        "b": b,
        "feedback": feedback,
        "issue": {"draft": a.draft, "published": a.published},
        "section": section,
        "deleted": {"bulletins.Issue": gone_version, "bulletins.Section": doomed_version},
    }


def object_urls(material):
    """(label, url name, kind, url, status of A's object or None) for every object URL."""
    for label, name, kind in admin_patterns():
        assert kind is not None, f"admin URL {name} is not classified in this test"
        if kind in ("list", "site"):
            continue
        if label == FEEDBACK:
            feedback = material["feedback"]
            pk = feedback.issue_id if kind == "issue" else feedback.pk
            yield label, name, kind, reverse(f"admin:{name}", args=[pk]), "feedback"
            continue
        if label in POLICY_MODELS:
            key = "issue" if label == "bulletins.Issue" else "section"
            if kind == "recover":
                version = material["deleted"][label]
                yield label, name, kind, reverse(f"admin:{name}", args=[version.pk]), "draft"
                continue
            if (
                kind in ("read_report", "workflow", "import_status", "take", "word")
                and key != "issue"
            ):
                continue
            if kind == "import_status":
                job = ImportJob.objects.get(publisher=material["a"].org)
                yield label, name, kind, reverse(f"admin:{name}", args=[job.pk]), "draft"
                continue
            for status, obj in material[key].items():
                versions = Version.objects.get_for_object(obj).order_by("pk")
                if kind == "revision":
                    url = reverse(f"admin:{name}", args=[obj.pk, versions.first().pk])
                elif kind == "compare":
                    url = reverse(f"admin:{name}", args=[obj.pk]) + (
                        f"?version_id1={versions.first().pk}&version_id2={versions.last().pk}"
                    )
                else:
                    url = reverse(f"admin:{name}", args=[obj.pk])
                yield label, name, kind, url, status
        else:
            model = next(m for m in admin.site._registry if m._meta.label == label)
            obj = model._default_manager.order_by("pk").first()
            assert obj is not None, f"no {label} to open {name} with"
            yield label, name, kind, reverse(f"admin:{name}", args=[obj.pk]), None


def model_allows(user, label, action):
    app, model = label.split(".")
    model = model.lower()
    if action == "view":
        return user.has_perm(f"{app}.view_{model}") or user.has_perm(f"{app}.change_{model}")
    return user.has_perm(f"{app}.{action}_{model}")


STAFF = ["editor", "approver", "other_editor", "other_approver"]


def staff(material):
    a, b = material["a"], material["b"]
    return {
        "editor": a.editor,
        "approver": a.approver,
        "other_editor": b.editor,
        "other_approver": b.approver,
    }


def test_every_admin_url_for_every_staff_role(client, material):
    wrongful_allows, wrongful_refusals, checked = [], [], 0
    secrets = [
        material["a"].published.title,
        material["a"].draft.title,
        "thang-12.md",
        material["feedback"].questions,
    ]
    for role, user in staff(material).items():
        client.force_login(user)
        for label, _name, kind, url, status in object_urls(material):
            response = client.get(url)
            allowed = response.status_code == 200
            action = OBJECT_VIEWS[kind]
            if label in POLICY_MODELS:
                expected = action in ALLOWED.get((role, status), set())
            elif label == FEEDBACK:
                expected = action in FEEDBACK_ALLOWED.get(role, set())
            else:
                expected = model_allows(user, label, action)
            checked += 1
            if allowed and not expected:
                wrongful_allows.append((role, url, response.status_code))
            if (label in POLICY_MODELS or label == FEEDBACK) and expected and not allowed:
                wrongful_refusals.append((role, url, response.status_code))
        if role.startswith("other_"):
            for _label, name, kind in admin_patterns():
                if kind == "list":
                    text = client.get(reverse(f"admin:{name}", args=_list_args(name))).content
                    for secret in secrets:
                        assert secret not in text.decode(), (role, name)
    print(f"admin matrix: {checked} requests, {len(wrongful_allows)} wrongful allows")
    assert checked > 150
    assert wrongful_allows == []
    assert wrongful_refusals == [], wrongful_refusals


def _list_args(name):
    return ["merge"] if name.endswith("_reorganise") else []


def test_posting_to_another_publishers_material_writes_nothing(client, material):
    for role in ("other_editor", "other_approver"):
        client.force_login(staff(material)[role])
        before = snapshot()
        for label, _name, _kind, url, _status in object_urls(material):
            if label not in POLICY_MODELS and label != FEEDBACK:
                continue
            data = {"post": "yes", "transition": "publish", "answer": "Trả lời trộm"}
            data["draft"] = material["b"].draft.pk  # their own draft, for "Hỏi – đáp"
            response = client.post(url, data)
            assert response.status_code in (302, 403, 404), (role, url)
            assert snapshot() == before, (role, url)
    assert Issue.objects.filter(pk=material["a"].draft.pk, status=Issue.Status.DRAFT).exists()
    assert not Section.objects.filter(pk=material["deleted"]["bulletins.Section"].object_id)


def test_a_publishers_settings_are_its_own_staffs_only(client, material):
    """Settings are no issue material, but the staff policy scopes them: B's staff open and
    change none of A's (the same refusal as for a missing row); A's approver changes them."""
    a = material["a"]
    names = ["change", "history", "delete"]
    urls = [reverse(f"admin:bulletins_publishersettings_{name}", args=[a.org.pk]) for name in names]
    data = {"meeting_day": "20", "thematic_days": "7", "reminder_days": "2", "post": "yes"}
    for role in ("other_editor", "other_approver", "editor"):
        client.force_login(staff(material)[role])
        before = snapshot()
        for url in urls:
            if role != "editor":  # A's editor sees A's settings; changes nothing
                assert client.get(url).status_code == 403, (role, url)
            if not url.endswith("/history/"):
                assert client.post(url, data).status_code == 403, (role, url)
            assert snapshot() == before, (role, url)
    client.force_login(a.approver)
    page = client.get(urls[0])
    assert page.status_code == 200
    opened = form_data(page.content.decode(), "publishersettings_form")  # with its version
    assert client.post(urls[0], {**opened, **data}).status_code == 302
    assert PublisherSettings.objects.get(pk=a.org.pk).meeting_day == 20
