"""Backups an operator can trust: the database and the media files taken together, with a
manifest of checksums, optionally encrypted, and a restore that checks everything first.

A backup is a folder `tailieu-<time>/` holding:

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3`;
- `media.tar` (every uploaded file, and the stored PDFs);
- `manifest.json`: when, which database, the applied migrations, a fingerprint of SECRET_KEY
  (not the key) and the SHA-256 and size of each file as stored.

With BACKUP_PASSPHRASE set, both files are encrypted (`.enc`, operations.encryption). The
folder is written as `<name>.partial` and renamed when complete, so a folder without that
suffix is a whole backup.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from . import encryption

MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar"
PASSPHRASE_VARIABLE = "BACKUP_PASSPHRASE"  # noqa: S105  (the name, not a secret)


class BackupError(Exception):
    pass


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def secret_key_fingerprint():
    return hashlib.sha256(("backup-manifest:" + settings.SECRET_KEY).encode()).hexdigest()[:16]


def _pg_environment(database):
    """libpq variables for pg_dump and pg_restore: no password on a command line."""
    environment = dict(os.environ)
    for variable, key in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        if database.get(key):
            environment[variable] = str(database[key])
    return environment


def _run(command, database):
    try:
        subprocess.run(  # noqa: S603  (fixed programs, arguments from settings)
            command,
            env=_pg_environment(database),
            check=True,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError as error:
        raise BackupError(f"{command[0]} is not installed (postgresql-client)") from error
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{command[0]} failed: {error.stderr.strip()}") from error


def _dump_database(folder):
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        target = folder / "database.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(target)], database)
    elif connection.vendor == "sqlite":
        target = folder / "database.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)  # a consistent copy while the site runs
        copy.close()
    else:
        raise BackupError(f"no backup method for {connection.vendor}")
    return target


def _archive_media(folder):
    target = folder / MEDIA_ARCHIVE
    media = Path(settings.MEDIA_ROOT)
    with tarfile.open(target, "w") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                if path.is_file() and not path.name.startswith(".healthz-"):
                    archive.add(path, arcname=str(path.relative_to(media)), recursive=False)
    return target


def create(destination, passphrase=None):
    """Write a complete backup folder under destination and return its path."""
    destination = Path(destination)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    final = destination / f"tailieu-{stamp}"
    partial = destination / f"tailieu-{stamp}.partial"
    partial.mkdir(parents=True)
    try:
        files = [_dump_database(partial), _archive_media(partial)]
        if passphrase:
            sealed = []
            for path in files:
                encryption.encrypt_file(path, path.with_name(path.name + ".enc"), passphrase)
                path.unlink()
                sealed.append(path.with_name(path.name + ".enc"))
            files = sealed
        manifest = {
            "format": 1,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
            "encrypted": bool(passphrase),
            "secret_key_fingerprint": secret_key_fingerprint(),
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "files": {
                path.name: {"sha256": _sha256(path), "bytes": path.stat().st_size} for path in files
            },
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def prune(destination, keep):
    """Keep the newest `keep` complete backups in destination; return the removed folders."""
    backups = sorted(Path(destination).glob("tailieu-*[0-9]"))
    removed = backups[:-keep] if keep else []
    for folder in removed:
        shutil.rmtree(folder)
    return removed


def read_manifest(folder):
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder} has no {MANIFEST}: not a complete backup")
    return json.loads(path.read_text())


def verify(folder, passphrase=None, workdir=None):
    """Check every file against the manifest; decrypt into workdir when encrypted.

    Returns {"database": path, "media": path} of the plain files, ready to restore.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"{name} is missing or does not match its checksum")
    plain = {}
    for name in manifest["files"]:
        kind = "media" if name.startswith(MEDIA_ARCHIVE) else "database"
        path = folder / name
        if manifest["encrypted"]:
            if not passphrase:
                raise BackupError(f"the backup is encrypted: set {PASSPHRASE_VARIABLE}")
            target = Path(workdir) / name.removesuffix(".enc")
            try:
                encryption.decrypt_file(path, target, passphrase)
            except encryption.DecryptionError as error:
                raise BackupError(f"{name}: {error}") from error
            path = target
        plain[kind] = path
    with tarfile.open(plain["media"]) as archive:
        archive.getmembers()  # reads the whole archive: a damaged one fails here
    return plain


def restore(folder, passphrase=None):
    """Replace the database and the media files with the backup's, after checking it all."""
    manifest = read_manifest(folder)
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"the backup is of a {manifest['database']} database, this site uses "
            f"{connection.vendor}"
        )
    with tempfile.TemporaryDirectory(prefix="restore-") as workdir:
        plain = verify(folder, passphrase, workdir)
        _restore_database(plain["database"], workdir)
        _restore_media(plain["media"])
    # Nothing cached describes the restored database: lists, texts, replayed pages.
    cache.clear()
    return manifest


def _restore_database(dump, workdir):
    database = connection.settings_dict
    if connection.vendor == "postgresql":
        # The dump as SQL first, then in one transaction with dropping the old schema: the
        # old data goes only if the whole dump loads.
        script = Path(workdir) / "database.sql"
        _run(["pg_restore", "--no-owner", "--no-privileges", f"-f{script}", str(dump)], database)
        connections.close_all()
        _run(
            [
                "psql",
                "--quiet",
                "--no-psqlrc",
                "--set=ON_ERROR_STOP=1",
                "--single-transaction",
                "--command=DROP SCHEMA public CASCADE",
                "--command=CREATE SCHEMA public",
                f"--file={script}",
            ],
            database,
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(dump) as source:
            source.backup(connection.connection)
        source.close()


def _restore_media(archive_path):
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    # The media folder may be a mounted volume: empty it rather than replace it.
    for path in media.iterdir():
        shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    with tarfile.open(archive_path) as archive:
        archive.extractall(media, filter="data")  # no paths outside, no devices or links out
