"""Backup and restore: what was readable before is readable after, byte for byte, and a
damaged or wrongly unlocked backup changes nothing."""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from bulletins.models import Attachment, Issue, SectionImage
from operations import backup, encryption

from .factories import make_issue

PASSPHRASE = "mật khẩu sao lưu của Ban 2026"
# What differs on every response by design: the CSRF token and the CSP nonce.
PER_RESPONSE = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|nonce="[^"]+"')
committed = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    return settings.MEDIA_ROOT


@pytest.fixture
def site_content(committed_db, media, board):
    """Issues with sections, an embedded image and an attachment, files on disk."""
    issues = [make_issue(board, month, sections=count) for month, count in [(3, 4), (7, 9)]]
    image = media / "images" / "hoi-nghi.png"
    image.parent.mkdir()
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(3000))
    section = issues[0].sections.first()
    section.body += '<figure class="image"><img src="/media/images/hoi-nghi.png"></figure>'
    section.save()
    SectionImage.objects.get_or_create(section=section, path="images/hoi-nghi.png")
    Attachment.objects.create(
        issue=issues[1],
        title="Bản ký số",
        file=SimpleUploadedFile("ban-ky-so.pdf", b"%PDF-1.7\n" + os.urandom(200_000)),
    )
    make_issue(board, 11, published=False)
    return issues


def snapshot(client, media):
    """Every issue page and every media file, as a reader or the staff gets them."""
    pages = {}
    for issue in Issue.objects.order_by("pk"):
        url = issue.get_absolute_url() if issue.status == Issue.Status.PUBLISHED else None
        url = url or reverse("bulletins:issue_preview", args=[issue.pk])
        response = client.get(url)
        assert response.status_code == 200
        pages[url] = PER_RESPONSE.sub(b"", response.content)
    files = {}
    for path in sorted(media.rglob("*")):
        if path.is_file():
            name = str(path.relative_to(media))
            files[name] = path.read_bytes()
            if not name.startswith("pdf/"):
                assert b"".join(client.get(f"/media/{name}").streaming_content) == files[name]
    return pages, files


def drop_everything(media):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        else:
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in connection.introspection.table_names(cursor):
                cursor.execute(f'DROP TABLE "{table}"')
            cursor.execute("PRAGMA foreign_keys = ON")
    shutil.rmtree(media)


@pytest.fixture
def backups(tmp_path, monkeypatch):
    monkeypatch.setenv("BACKUP_PASSPHRASE", PASSPHRASE)
    return tmp_path / "backups"


def make_backup(backups):
    out = io.StringIO()
    call_command("backup", "--output", str(backups), stdout=out)
    [folder] = backups.iterdir()
    assert str(folder) in out.getvalue()
    return folder


@committed
def test_backup_drop_restore_gives_back_every_page_and_file(
    site_content, media, backups, client, superuser
):
    if connection.vendor != "postgresql" and os.environ.get("CI"):
        pytest.fail("CI must run the backup round trip on PostgreSQL (pg_dump, pg_restore)")
    client.force_login(superuser)
    before = snapshot(client, media)
    assert len(before[0]) == 3 and len(before[1]) == 2

    folder = make_backup(backups)
    manifest = backup.read_manifest(folder)
    assert manifest["encrypted"] is True
    assert manifest["database"] == connection.vendor
    assert set(manifest["files"]) == {
        "media.tar.enc",
        "database.dump.enc" if connection.vendor == "postgresql" else "database.sqlite3.enc",
    }
    # Encrypted means no readable text of the issues or the files inside.
    for name in manifest["files"]:
        content = (folder / name).read_bytes()
        assert "Nội dung số".encode() not in content and b"%PDF-1.7" not in content

    drop_everything(media)
    out = io.StringIO()
    call_command("restore", str(folder), "--yes", stdout=out)
    assert "newer" not in out.getvalue() and "SECRET_KEY" not in out.getvalue()

    client.force_login(superuser)
    after = snapshot(client, media)
    assert after[0].keys() == before[0].keys()
    for url, page in before[0].items():
        assert after[0][url] == page, url
    assert after[1] == before[1]


@committed
def test_a_damaged_backup_is_refused_before_anything_changes(
    site_content, media, backups, client, superuser
):
    folder = make_backup(backups)
    archive = folder / "media.tar.enc"
    damaged = bytearray(archive.read_bytes())
    damaged[len(damaged) // 2] ^= 0x01
    archive.write_bytes(bytes(damaged))
    issues = Issue.objects.count()
    (media / "images" / "moi-tai-len.png").write_bytes(b"\x89PNG new since the backup")

    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), "--yes", stdout=io.StringIO())
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), "--check", stdout=io.StringIO())

    assert Issue.objects.count() == issues
    assert (media / "images" / "moi-tai-len.png").is_file()


@committed
def test_a_wrong_passphrase_is_refused(site_content, media, backups, monkeypatch):
    folder = make_backup(backups)
    monkeypatch.setenv("BACKUP_PASSPHRASE", "không phải mật khẩu này")
    with pytest.raises(CommandError, match="wrong passphrase"):
        call_command("restore", str(folder), "--check", stdout=io.StringIO())
    monkeypatch.delenv("BACKUP_PASSPHRASE")
    with pytest.raises(CommandError, match="BACKUP_PASSPHRASE"):
        call_command("restore", str(folder), "--check", stdout=io.StringIO())
    monkeypatch.setenv("BACKUP_PASSPHRASE", PASSPHRASE)
    out = io.StringIO()
    call_command("restore", str(folder), "--check", stdout=out)
    assert "complete" in out.getvalue() or "đầy đủ" in out.getvalue()


@committed
def test_keep_removes_the_oldest_backups_only(site_content, backups, monkeypatch):
    monkeypatch.delenv("BACKUP_PASSPHRASE")
    for stamp in ["20260101-020000", "20260102-020000"]:
        (backups / f"tailieu-{stamp}").mkdir(parents=True)
    (backups / "tailieu-20260103-020000.partial").mkdir()
    call_command("backup", "--output", str(backups), "--keep", "2", stdout=io.StringIO())
    names = {path.name for path in backups.iterdir()}
    [newest] = names - {"tailieu-20260102-020000", "tailieu-20260103-020000.partial"}
    assert len(names) == 3  # the oldest went; a partial one is never counted nor removed
    # Unencrypted: the files are plain and still checked.
    newest = Path(backups) / newest
    assert backup.read_manifest(newest)["encrypted"] is False
    call_command("restore", str(newest), "--check", stdout=io.StringIO())


class TestEncryption:
    @pytest.fixture
    def small_chunks(self, monkeypatch):
        monkeypatch.setattr(encryption, "CHUNK", 1000)

    @pytest.mark.parametrize("size", [0, 999, 1000, 3500])
    def test_round_trip_over_several_chunks(self, small_chunks, tmp_path, size):
        plain, sealed, back = tmp_path / "plain", tmp_path / "sealed", tmp_path / "back"
        plain.write_bytes(os.urandom(size))
        encryption.encrypt_file(plain, sealed, PASSPHRASE)
        encryption.decrypt_file(sealed, back, PASSPHRASE)
        assert back.read_bytes() == plain.read_bytes()

    def test_a_file_cut_after_a_chunk_is_refused(self, small_chunks, tmp_path):
        plain, sealed = tmp_path / "plain", tmp_path / "sealed"
        plain.write_bytes(os.urandom(3500))
        encryption.encrypt_file(plain, sealed, PASSPHRASE)
        content = sealed.read_bytes()
        header = len(encryption.MAGIC) + encryption.SALT_BYTES
        first_chunk = 4 + encryption.NONCE_BYTES + int.from_bytes(content[header : header + 4])
        sealed.write_bytes(content[: header + first_chunk])
        with pytest.raises(encryption.DecryptionError):
            encryption.decrypt_file(sealed, tmp_path / "back", PASSPHRASE)
