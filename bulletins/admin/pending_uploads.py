"""Uploads waiting for the editor's confirmation on the import page.

An upload waits under MEDIA_ROOT/imports/, named by its SHA-256 (never served: the media view
only serves images/, attachments/ and documents/); it is read back only when whole, and
removed after a day if never confirmed.
"""

import hashlib
import re
from datetime import timedelta
from pathlib import Path

from django import forms
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PENDING = "imports"
PENDING_LIFETIME = timedelta(days=1)


def _name(token, filename):
    return f"{PENDING}/{token}{Path(filename).suffix.lower()}"


def keep(content, filename):
    """Store the upload until it is confirmed; the fingerprint is its name.

    A file left by an earlier failure (cut short by a full disk) is replaced, and a failed
    write leaves nothing behind.
    """
    _forget_stale()
    token = hashlib.sha256(content).hexdigest()
    name = _name(token, filename)
    if _stored(name, token) is not None:
        return token
    default_storage.delete(name)
    try:
        saved = default_storage.save(name, ContentFile(content))
    except OSError as error:
        default_storage.delete(name)
        raise forms.ValidationError(STORAGE_ERROR) from error
    if saved != name or _stored(name, token) is None:
        default_storage.delete(saved)
        raise forms.ValidationError(STORAGE_ERROR)
    return token


STORAGE_ERROR = _(
    "The file could not be stored on the server (the disk may be full): nothing was "
    "imported. Try again later or tell the administrator."
)


def forget(token, filename):
    default_storage.delete(_name(token, filename))


def _stored(name, token):
    """The pending file's content when it is there whole, else None."""
    try:
        with default_storage.open(name, "rb") as stored:
            content = stored.read()
    except OSError:
        return None
    return content if hashlib.sha256(content).hexdigest() == token else None


def read(token, filename):
    """The waiting upload, whole; a clear message when it is gone."""
    name = _name(token, filename)
    found = _stored(name, token) if re.fullmatch(r"[0-9a-f]{64}", token) else None
    if found is None:
        raise forms.ValidationError(_("The uploaded file is no longer available: upload it again."))
    return found


def _forget_stale():
    """Uploads never confirmed are removed after a day."""
    try:
        _, names = default_storage.listdir(PENDING)
    except FileNotFoundError:
        return
    limit = timezone.now() - PENDING_LIFETIME
    for name in names:
        path = f"{PENDING}/{name}"
        if default_storage.get_modified_time(path) < limit:
            default_storage.delete(path)
