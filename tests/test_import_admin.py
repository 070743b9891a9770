"""The import page with files the importer has doubts about: what the editor sees before
confirming, what the draft keeps, and the pending upload on failures. Tasks run at once here
(TASKS_BACKEND=immediate): each request's redirect lands on the step's result; the worker's
part is in test_import_tasks.py."""

import errno

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from accounts import roles
from bulletins.importing import read_bytes
from bulletins.models import ImportJob, Issue, Section

from .factories import make_user
from .import_corpus import by_name, to_markdown, to_pdf

IMPORT_URL = "admin:bulletins_issue_import"
STATUS_URL = "admin:bulletins_issue_import_status"


@pytest.fixture(autouse=True)
def english(immediate_tasks):
    with translation.override("en"):
        yield


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    return client


def upload(client, board, content, name, **options):
    """The page the upload ends on: the import's status page, or the form with its error."""
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    form = {"file": file, "publisher": board.pk, **options}
    return client.post(reverse(IMPORT_URL), form, follow=True)


def confirm(client, page):
    return client.post(reverse(STATUS_URL, args=[page.context["job"].pk]), follow=True)


def draft_of(page):
    """The issue an import's result page links to."""
    job = page.context["job"]
    assert job.status == ImportJob.Status.DONE, job.error
    assert reverse("admin:bulletins_issue_change", args=[job.issue_id]) in page.content.decode()
    return job.issue


# A header line the importer does not know, and a section 4 whose heading is missing.
DOUBTFUL = to_markdown(by_name("missing-heading")).replace(
    b"SINH HO\xe1\xba\xa0T CHI B\xe1\xbb\x98\n", "SINH HOẠT CHI BỘ\nSố 07-TL/BTGDV\n".encode(), 1
)


@pytest.mark.django_db
def test_preview_lists_warnings_and_unplaced_then_the_draft_keeps_them(editor_client, board):
    preview = upload(editor_client, board, DOUBTFUL, "thang-11.md")
    assert preview.redirect_chain[0][0].endswith(f"/nhap/{preview.context['job'].pk}/")
    shown = preview.context["preview"]
    assert [fragment["text"] for fragment in shown["unplaced"]] == ["Số 07-TL/BTGDV"]
    assert [warning["kind"] for warning in shown["warnings"]] == ["implicit_section"]
    page = preview.content.decode()
    assert "Số 07-TL/BTGDV" in page and escape(shown["warnings"][0]["text"]) in page
    assert 'http-equiv="refresh"' not in page  # nothing left to wait for
    assert Issue.objects.count() == 0

    issue = draft_of(confirm(editor_client, preview))
    kinds = [item["kind"] for item in issue.import_warnings]
    assert kinds == ["implicit_section", "unplaced"]
    assert "Số 07-TL/BTGDV" in issue.import_warnings[1]["message"]
    assert issue.sections.get(number="4.").heading == ""

    change = editor_client.get(reverse("admin:bulletins_issue_change", args=[issue.pk]))
    for item in issue.import_warnings:
        assert escape(item["message"]) in change.content.decode()
    assert default_storage.listdir("imports")[1] == []  # the pending upload is gone


@pytest.mark.django_db
def test_a_pdf_is_imported_through_the_page(editor_client, board):
    preview = upload(editor_client, board, to_pdf(by_name("gap")), "thang-10.pdf")
    assert preview.status_code == 200 and preview.context["preview"]
    assert [w["kind"] for w in preview.context["preview"]["warnings"]] == ["numbering_gap"]
    issue = draft_of(confirm(editor_client, preview))
    numbers = list(issue.sections.values_list("number", flat=True))
    assert numbers[-6:] == ["4.", "4.1.", "4.2.", "4.3.", "4.4.", "4.5."]  # renumbered outline
    assert Section.objects.filter(heading="Tin hoạt động").exists()


@pytest.mark.django_db
def test_confirming_twice_imports_once(editor_client, board):
    preview = upload(editor_client, board, to_markdown(by_name("regular")), "thang-9.md")
    draft_of(confirm(editor_client, preview))
    again = confirm(editor_client, preview)
    assert [message.level_tag for message in again.context["messages"]] == ["warning"]
    assert Issue.objects.count() == 1


@pytest.mark.django_db
def test_a_broken_pending_file_fails_the_import_and_the_same_file_imports_again(
    editor_client, board
):
    content = to_markdown(by_name("regular"))
    preview = upload(editor_client, board, content, "thang-9.md")
    job = preview.context["job"]
    name = f"imports/{job.pk}.md"
    with open(default_storage.path(name), "r+b") as stored:
        stored.truncate(100)
    failed = confirm(editor_client, preview)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert "hãy tải lên lại" in job.error and escape(job.error) in failed.content.decode()
    assert not default_storage.exists(name)
    assert Issue.objects.count() == 0
    # uploading the same file again works at once
    assert draft_of(confirm(editor_client, upload(editor_client, board, content, "a.md")))


@pytest.mark.django_db
def test_a_disk_error_while_storing_gives_a_message_and_no_file(editor_client, board, monkeypatch):
    storage = type(default_storage._wrapped)
    real_save = storage._save

    def full_disk(self, name, content):
        real_save(self, name, ContentFile(b"half a file"))  # what a full disk leaves
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage, "_save", full_disk)
    response = upload(editor_client, board, to_markdown(by_name("regular")), "thang-9.md")
    with translation.override("vi"):
        [message] = response.context["form"].non_field_errors()
    assert "không lưu được" in message
    assert not default_storage.listdir("imports")[1]
    assert Issue.objects.count() == 0 and ImportJob.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ["entities", "deep nesting", "zip bomb"])
def test_a_hostile_upload_gets_a_message_not_a_server_error(editor_client, board, attack):
    from .test_import_hostile import attacks

    response = upload(editor_client, board, attacks()[attack], "thang-9.docx")
    assert response.status_code == 200
    job = response.context["job"]
    assert job.status == ImportJob.Status.FAILED and job.error
    assert 'class="errornote"' in response.content.decode()
    assert Issue.objects.count() == 0
    assert not default_storage.exists("imports") or default_storage.listdir("imports")[1] == []


@pytest.mark.django_db
def test_the_editor_ticks_off_warnings_and_others_may_not(editor_client, board, client):
    issue = draft_of(confirm(editor_client, upload(editor_client, board, DOUBTFUL, "t.md")))
    version = issue.version
    url = reverse("admin:bulletins_issue_import_warnings", args=[issue.pk])
    page = editor_client.get(url)
    keys = [key for key, _message in page.context["warnings"]]
    assert len(keys) == 2
    editor_client.post(url, {"done": keys[:1]})
    editor_client.post(url, {"done": keys[:1]})  # ticked twice (two editors): still one off
    issue.refresh_from_db()
    assert [w["kind"] for w in issue.import_warnings] == ["unplaced"]
    assert issue.version == version  # an editor on the issue form is not refused for it

    stranger = make_user("khac", groups=[roles.EDITOR], is_staff=True)  # another publisher
    client.force_login(stranger)
    assert client.post(url, {"done": keys}).status_code == 403
    issue.refresh_from_db()
    assert len(issue.import_warnings) == 1


@pytest.mark.django_db
def test_the_month_written_in_the_file_wins_over_the_forms(editor_client, board):
    preview = upload(editor_client, board, DOUBTFUL, "thang.md", month=3, year=2020)
    written = read_bytes(DOUBTFUL, "thang.md").header
    assert written.month and written.month != 3
    job = preview.context["job"]
    assert (job.month, job.year) == (written.month, written.year)
    assert draft_of(confirm(editor_client, preview)).month == written.month
