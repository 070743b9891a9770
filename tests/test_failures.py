"""When the server is at fault (full disk, database restarting), the user is told so plainly,
nothing is half-saved, and no partial file stays on disk."""

import contextlib
import os
import resource
import signal

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.urls import reverse

from bulletins.models import Attachment, Issue

from .forms import form_data

pytestmark = pytest.mark.django_db
FULL = "không ghi được"  # part of the Vietnamese message for a full or read-only disk


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@contextlib.contextmanager
def disk_full_after(limit):
    """The kernel refuses (EFBIG) any write past `limit` bytes of a file, as a full disk
    refuses the rest of an upload: a real failed write, half-way through the file."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def files_under(folder):
    return [path for path in folder.rglob("*") if path.is_file()] if folder.exists() else []


def test_a_full_disk_during_an_admin_save_saves_nothing(client, editor, draft_issue, media_root):
    client.force_login(editor)
    url = reverse("admin:bulletins_issue_change", args=[draft_issue.pk])
    data = form_data(client.get(url).content.decode(), "issue_form")
    data.update(
        {
            "title_override": "Tiêu đề mới không được lưu",
            "attachments-TOTAL_FORMS": "1",
            "attachments-0-title": "Bản ký số",
            "attachments-0-file": SimpleUploadedFile(
                "ban-ky-so.pdf", b"%PDF-1.7\n" + os.urandom(300_000), "application/pdf"
            ),
        }
    )

    with disk_full_after(64 * 1024):
        response = client.post(url, data)

    assert response.status_code == 507
    assert FULL in response.content.decode()
    assert not Attachment.objects.exists()
    assert Issue.objects.get(pk=draft_issue.pk).title_override == ""
    assert files_under(media_root) == []  # the partial file was removed


def test_a_full_disk_during_an_editor_image_upload_answers_the_editor(client, editor, media_root):
    client.force_login(editor)
    image = SimpleUploadedFile("anh.png", _noisy_png(), content_type="image/png")
    with disk_full_after(16 * 1024):
        response = client.post(reverse("ck_editor_5_upload_file"), {"upload": image})
    assert response.status_code == 507
    assert FULL in response.json()["error"]["message"]
    assert files_under(media_root) == []


def _noisy_png():
    """A real PNG that does not compress below the disk limit."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.frombytes("RGB", (120, 120), os.urandom(120 * 120 * 3)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_session_save_failing_during_a_database_restart_is_a_temporary_error(
    client, reader, monkeypatch
):
    client.force_login(reader)

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    # Only the session's write fails, as it does while PostgreSQL restarts.
    monkeypatch.setattr(Session, "save", connection_lost)
    response = client.get(reverse("bulletins:home"))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "thử lại" in page
    assert "deleted" not in page
