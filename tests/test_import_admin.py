"""The import page with files the importer has doubts about: what the editor sees before
confirming, what the draft keeps, and the pending upload on failures."""

import errno
import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from bulletins.importing import read_bytes
from bulletins.models import Issue, Section

from .factories import make_user
from .import_corpus import by_name, to_markdown, to_pdf

IMPORT_URL = "admin:bulletins_issue_import"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(editor)
    return client


def upload(client, board, content, name):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse(IMPORT_URL), {"file": file, "publisher": board.pk})


def confirm(client, preview):
    form = preview.context["confirm"]
    data = {field.name: field.value() for field in form}
    return client.post(
        reverse(IMPORT_URL), {k: v for k, v in data.items() if v not in (None, False)}
    )


# A header line the importer does not know, and a section 4 whose heading is missing.
DOUBTFUL = to_markdown(by_name("missing-heading")).replace(
    b"SINH HO\xe1\xba\xa0T CHI B\xe1\xbb\x98\n", "SINH HOẠT CHI BỘ\nSố 07-TL/BTGDV\n".encode(), 1
)


@pytest.mark.django_db
def test_preview_lists_warnings_and_unplaced_then_the_draft_keeps_them(editor_client, board):
    preview = upload(editor_client, board, DOUBTFUL, "thang-11.md")
    shown = preview.context["preview"]
    assert [fragment.text for fragment in shown["unplaced"]] == ["Số 07-TL/BTGDV"]
    assert [warning.kind for warning in shown["warnings"]] == ["implicit_section"]
    page = preview.content.decode()
    assert "Số 07-TL/BTGDV" in page and escape(shown["warnings"][0].text) in page
    assert Issue.objects.count() == 0

    done = confirm(editor_client, preview)
    assert done.status_code == 302
    issue = Issue.objects.get()
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
    assert preview.status_code == 200 and preview.context["preview"] is not None
    assert [w.kind for w in preview.context["preview"]["warnings"]] == ["numbering_gap"]
    confirm(editor_client, preview)
    numbers = list(Issue.objects.get().sections.values_list("number", flat=True))
    assert numbers[-6:] == ["4.", "4.1.", "4.2.", "4.3.", "4.4.", "4.5."]  # renumbered outline
    assert Section.objects.filter(heading="Tin hoạt động").exists()


@pytest.mark.django_db
def test_a_truncated_pending_file_does_not_block_the_same_file(editor_client, board):
    content = to_markdown(by_name("regular"))
    token = hashlib.sha256(content).hexdigest()
    default_storage.save(f"imports/{token}.md", ContentFile(content[:100]))
    preview = upload(editor_client, board, content, "thang-9.md")
    assert confirm(editor_client, preview).status_code == 302
    assert Issue.objects.count() == 1


@pytest.mark.django_db
def test_a_broken_pending_file_is_removed_when_the_confirmation_fails(editor_client, board):
    content = to_markdown(by_name("regular"))
    preview = upload(editor_client, board, content, "thang-9.md")
    token = preview.context["confirm"]["token"].value()
    path = default_storage.path(f"imports/{token}.md")
    with open(path, "r+b") as stored:
        stored.truncate(100)
    response = confirm(editor_client, preview)
    assert response.status_code == 200 and response.context["confirm"].non_field_errors()
    assert not default_storage.exists(f"imports/{token}.md")
    assert Issue.objects.count() == 0
    # uploading the same file again works at once
    assert confirm(editor_client, upload(editor_client, board, content, "a.md")).status_code == 302


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
    assert Issue.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("attack", ["entities", "deep nesting", "zip bomb"])
def test_a_hostile_upload_gets_a_message_not_a_server_error(editor_client, board, attack):
    from .test_import_hostile import attacks

    response = upload(editor_client, board, attacks()[attack], "thang-9.docx")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Issue.objects.count() == 0
    assert not default_storage.exists("imports") or default_storage.listdir("imports")[1] == []


@pytest.mark.django_db
def test_the_editor_ticks_off_warnings_and_others_may_not(editor_client, board, client):
    preview = upload(editor_client, board, DOUBTFUL, "thang-11.md")
    confirm(editor_client, preview)
    issue = Issue.objects.get()
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

    stranger = make_user("khac", groups=["Biên tập viên"], is_staff=True)  # another publisher
    client.force_login(stranger)
    assert client.post(url, {"done": keys}).status_code == 403
    issue.refresh_from_db()
    assert len(issue.import_warnings) == 1


@pytest.mark.django_db
def test_the_month_written_in_the_file_wins_over_the_forms(editor_client, board):
    file = SimpleUploadedFile("thang.md", DOUBTFUL, content_type="application/octet-stream")
    form = {"file": file, "publisher": board.pk, "month": 3, "year": 2020}
    preview = editor_client.post(reverse(IMPORT_URL), form)
    written = read_bytes(DOUBTFUL, "thang.md").header
    assert written.month and written.month != 3
    assert (preview.context["preview"]["month"], preview.context["preview"]["year"]) == (
        written.month,
        written.year,
    )
