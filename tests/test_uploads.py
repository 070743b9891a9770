"""Images uploaded through the editor: staff only, real images only, size-limited."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("ck_editor_5_upload_file")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def png(name="Ảnh hội nghị.png", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_editor_uploads_an_image_under_an_unguessable_name(client, editor, media_root):
    client.force_login(editor)
    response = client.post(UPLOAD_URL, {"upload": png()})
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/images/")
    assert url.endswith(".png")
    assert "hội" not in url
    assert len(list((media_root / "images").iterdir())) == 1


def test_readers_and_visitors_cannot_upload(client, reader, media_root):
    assert client.post(UPLOAD_URL, {"upload": png()}).status_code in {302, 403}
    client.force_login(reader)
    assert client.post(UPLOAD_URL, {"upload": png()}).status_code == 403
    assert not (media_root / "images").exists()


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("script.png", b"<script>alert(1)</script>", content_type="image/png"),
        SimpleUploadedFile("bieu-do.svg", b"<svg onload='alert(1)'/>", content_type="image/svg"),
    ],
    ids=["not-an-image", "svg"],
)
def test_only_raster_images_are_accepted(client, editor, media_root, upload):
    client.force_login(editor)
    response = client.post(UPLOAD_URL, {"upload": upload})
    assert response.status_code == 400
    assert response.json()["error"]["message"]
    assert not (media_root / "images").exists()


def test_images_over_the_size_limit_are_refused(client, editor, settings, media_root):
    side = 1500  # random noise does not compress: about 6.7 MB as PNG, over the 5 MB limit
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG", compress_level=0)
    assert buffer.tell() > settings.CKEDITOR_5_MAX_FILE_SIZE * 1024 * 1024
    client.force_login(editor)
    upload = SimpleUploadedFile("anh-lon.png", buffer.getvalue(), content_type="image/png")
    response = client.post(UPLOAD_URL, {"upload": upload})
    assert response.status_code == 400
    assert "5" in response.json()["error"]["message"]
    assert not (media_root / "images").exists()
