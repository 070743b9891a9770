"""What an uploaded file really is, read from its first bytes, and how it may be served.

A bulletin needs PDF, Word and raster images; nothing else is accepted, and nothing an editor
uploads is ever served as HTML or SVG: the type sent is the one found in the content, never
the one the name suggests.
"""

import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
IMAGES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
DOCUMENTS = {PDF, DOCX, DOC}
# The name's ending must agree with the content, so a download opens in the right program.
EXTENSIONS = {
    PDF: {".pdf"},
    DOCX: {".docx"},
    DOC: {".doc"},
    "image/png": {".png"},
    "image/jpeg": {".jpg", ".jpeg"},
    "image/gif": {".gif"},
    "image/webp": {".webp"},
}
MAX_BYTES = 20 * 1024 * 1024


def sniff(stream):
    """The type of a file-like object by its content, or None; leaves it at the start."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "image/png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "image/jpeg"
    elif head[:6] in (b"GIF87a", b"GIF89a"):
        kind = "image/gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        kind = "image/webp"
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: Word 97-2003
        kind = DOC
    elif head.startswith(b"PK\x03\x04") and _is_word(stream):
        kind = DOCX
    stream.seek(0)
    return kind


def _is_word(stream):
    try:
        with zipfile.ZipFile(stream) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def sniff_path(path):
    try:
        with open(path, "rb") as stream:
            return sniff(stream)
    except OSError:
        return None


def validate_upload(upload, allowed, message):
    """Refuse a file whose content is not one of ``allowed`` or whose name says otherwise."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."), code="too_large")
    kind = sniff(upload)
    name = upload.name.lower()
    if kind not in allowed or not name.endswith(tuple(EXTENSIONS[kind])):
        raise ValidationError(message, code="file_type")
    return kind


def validate_registry_file(upload):
    """A registry document's file: the document itself (PDF, Word) or a scan of it."""
    validate_upload(
        upload,
        DOCUMENTS | IMAGES,
        _("Upload a PDF, a Word file (.docx, .doc) or an image (PNG, JPEG, GIF, WebP)."),
    )


def downloaded(kind):
    """Images show in the page; every other file is downloaded, never opened by the browser."""
    return kind not in IMAGES
