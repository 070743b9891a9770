"""Hostile files: what an editor uploads is checked by content, and whatever sits under
MEDIA_ROOT is served with the type found in it, never as a page the browser would run."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from documents.models import Document

from .attack import snapshot
from .forms import form_data

pytestmark = pytest.mark.django_db

SCRIPT = b"<html><script>fetch('/quan-tri/')</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>'


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "green").save(buffer, "PNG")
    return buffer.getvalue()


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


HOSTILE = {
    "trang.html": SCRIPT,
    "bieu-do.svg": SVG,
    "trang.xhtml": SCRIPT,
    "x.pdf.html": b"%PDF-1.4\n" + SCRIPT,
    "gia-pdf.pdf": SCRIPT,
    "anh.png.svg": png(),
    "zip-khong-phai-word.docx": b"PK\x03\x04 not really",
    "ten-sai.pdf": png(),  # an image named as a PDF
}
GOOD = {"van-ban.pdf": b"%PDF-1.7\n%%EOF", "van-ban.docx": docx(), "ban-chup.png": png()}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def upload_registry_file(client, document, name, content):
    url = reverse("admin:documents_document_change", args=[document.pk])
    data = form_data(client.get(url).content.decode(), "document_form")
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(url, data)


@pytest.mark.parametrize("name", HOSTILE)
def test_a_registry_file_that_is_not_a_document_is_refused(client, editor, directive, media, name):
    client.force_login(editor)
    before = snapshot()
    response = upload_registry_file(client, directive, name, HOSTILE[name])
    assert response.status_code == 200
    assert "Hãy tải lên tệp PDF, Word (.docx, .doc) hoặc ảnh" in response.content.decode()
    assert snapshot() == before
    assert not list(media.rglob("*.*"))


@pytest.mark.parametrize("name", GOOD)
def test_documents_and_scans_are_accepted(client, editor, directive, media, name):
    client.force_login(editor)
    assert upload_registry_file(client, directive, name, GOOD[name]).status_code == 302
    directive.refresh_from_db()
    assert directive.file.name.endswith(name)


@pytest.mark.parametrize(
    ("name", "content", "served_as", "disposition"),
    [
        ("trang.html", SCRIPT, "application/octet-stream", "attachment"),
        ("bieu-do.svg", SVG, "application/octet-stream", "attachment"),
        ("x.pdf.html", b"%PDF-1.4\n" + SCRIPT, "application/pdf", "attachment"),
        ("van-ban.pdf", b"%PDF-1.7\n", "application/pdf", "attachment"),
        ("van-ban.docx", docx(), "application/vnd.openxmlformats", "attachment"),
        ("ban-chup.png", png(), "image/png", "inline"),
        ("anh-that.html", png(), "image/png", "inline"),
    ],
)
def test_files_are_served_with_the_type_found_in_them(
    client, reader, directive, media, name, content, served_as, disposition
):
    """Files written before the checks existed, or by hand, are served safely too."""
    (media / "documents").mkdir()
    (media / "documents" / name).write_bytes(content)
    Document.objects.filter(pk=directive.pk).update(file=f"documents/{name}")
    client.force_login(reader)
    response = client.get(f"/media/documents/{name}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(served_as)
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "html" not in response["Content-Type"] and "svg" not in response["Content-Type"]


@pytest.mark.parametrize("path", ["/media/images/a%00.png", "/media/documents/%00/../x"])
def test_a_nul_byte_in_a_media_path_is_not_an_error(client, reader, media, path):
    assert client.get(path).status_code == 302  # to the login page
    client.force_login(reader)
    assert client.get(path).status_code == 404
