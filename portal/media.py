"""Uploaded files, served only to those who may read what shows them.

Editor images are unguessable names, but a name copied out of a page must still not open
the file for someone outside the issue's audience, so every request is checked here.
Behind nginx or Apache the web server sends the bytes once Django has said yes.
"""

import posixpath

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpResponse
from django.utils.http import content_disposition_header

from bulletins import audience
from bulletins.models import EditorUpload, Issue, SectionImage, documents_visible_to
from bulletins.policy import policy
from documents import files

from . import offline


def may_read_file(user, path):
    if path.startswith("images/"):
        if not SectionImage.objects.filter(path=path).exists():  # uploaded, not yet shown
            uploaders = policy.uploaders_for(user)
            return EditorUpload.objects.filter(path=path, uploaded_by__in=uploaders).exists()
        # The readers of a section showing it (their cell types included), and the staff.
        read = audience.readable_sections(user).filter(images__path=path)
        return read.exists() or policy.issues_for(user).filter(sections__images__path=path).exists()
    if path.startswith("attachments/"):
        return _may_read_issue_file(user, Issue.objects.filter(attachments__file=path))
    if path.startswith("documents/"):
        return user.is_authenticated and documents_visible_to(user).filter(file=path).exists()
    return False


def _may_read_issue_file(user, issues):
    """Readers of an issue that carries the file, and the staff of its publisher."""
    return issues.filter(policy.readable_or_managed(user)).exists()


@login_not_required
def serve_media(request, path):
    path = posixpath.normpath(path).lstrip("/")
    if "\x00" in path or path.startswith("..") or not may_read_file(request.user, path):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise Http404
    response = _send(path)
    # An issue's images are kept with it for reading offline; documents are not.
    return offline.allow(request, response) if path.startswith("images/") else response


def _send(path):
    """The bytes with the type found in them: images inline, every other file as a download,
    anything unrecognised as opaque bytes; the browser never guesses and never runs it."""
    full_path = settings.MEDIA_ROOT / path
    if not full_path.is_file():
        raise Http404
    kind = files.sniff_path(full_path)
    content_type = kind or "application/octet-stream"
    if settings.MEDIA_SERVER == "nginx":
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_PREFIX + path
    elif settings.MEDIA_SERVER == "apache":
        response = HttpResponse(content_type=content_type)
        response["X-Sendfile"] = str(full_path)
    else:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        files.downloaded(kind), posixpath.basename(path)
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
