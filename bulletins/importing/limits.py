"""Bounds on what one import may cost, checked before the costly work.

A .docx is a zip archive of XML: its declared sizes, member count and compression ratio are
checked before anything is inflated, and XML carrying a document type (the way to declare
entities) is refused, since Word never writes one. Reading and parsing a file stops after
READ_SECONDS, checked at each paragraph or page.
"""

import contextvars
import time
import zipfile
from contextlib import contextmanager

from django.utils.translation import gettext_lazy as _

from .errors import BulletinImportError

MAX_FILE = 50 * 1024 * 1024  # the file itself (the admin page takes 10 MB)
MAX_UNPACKED = 100 * 1024 * 1024  # all members of a .docx, inflated
MAX_MEMBERS = 2000
MAX_RATIO = 100  # inflated size / compressed size of one member
RATIO_FLOOR = 1024 * 1024  # members smaller than this inflate as they like
READ_SECONDS = 30

_deadline = contextvars.ContextVar("import_deadline", default=None)


@contextmanager
def time_limit(seconds=None):
    seconds = READ_SECONDS if seconds is None else seconds
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_deadline():
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() > deadline:
        raise BulletinImportError(
            _("Reading the file took more than %(seconds)s seconds: it was stopped."),
            seconds=READ_SECONDS,
        )


def check_size(size):
    if size > MAX_FILE:
        raise BulletinImportError(
            _("The file is larger than %(megabytes)s MB."), megabytes=MAX_FILE // (1024 * 1024)
        )


def check_archive(archive: zipfile.ZipFile):
    """Refuse a zip bomb from its directory, before inflating any member."""
    members = archive.infolist()
    too_large = _("The Word document is too large once unpacked.")
    if len(members) > MAX_MEMBERS:
        raise BulletinImportError(too_large)
    if sum(member.file_size for member in members) > MAX_UNPACKED:
        raise BulletinImportError(too_large)
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise BulletinImportError(too_large)


def check_xml(archive: zipfile.ZipFile):
    """Refuse XML parts that declare a document type (entities); sizes were checked before."""
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        with archive.open(member) as stream:
            read = 0
            head = b""
            while chunk := stream.read(1024 * 1024):
                read += len(chunk)
                if read > member.file_size + 1024:  # the directory lied about the size
                    raise BulletinImportError(_("The Word document is too large once unpacked."))
                if b"<!DOCTYPE" in head[-16:] + chunk or b"<!ENTITY" in head[-16:] + chunk:
                    raise BulletinImportError(
                        _("The Word document contains XML declarations Word never writes.")
                    )
                head = chunk
