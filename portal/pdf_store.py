"""Issue PDFs rendered ahead of time by the task worker, so a download does not wait for
WeasyPrint inside the web worker's time limit.

One file per issue version, under MEDIA_ROOT/pdf/<issue>/<fingerprint>.pdf: any save of the
issue or of one of its sections changes the fingerprint, so an outdated file is never served,
and the task removes the older ones. The stored rendering carries no reader's name; each
download stamps the footer line naming the reader and the time onto every page, which takes
a fraction of a full rendering. Files under pdf/ are never served by /media/.
"""

import hashlib
import io
import json
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string

from bulletins.models import Issue

from . import pdf

FOLDER = "pdf"
# States in which readers may download the PDF (a scheduled issue, from its time on).
READABLE = {Issue.Status.PUBLISHED, Issue.Status.SCHEDULED}


def fingerprint(issue):
    """Changes with every save of the issue or a section, and when a section goes. The
    creation time keeps a file from a former database (same ids) from ever matching."""
    sections = list(issue.sections.order_by("pk").values_list("pk", "version"))
    raw = json.dumps([issue.pk, issue.created_at.isoformat(), issue.version, sections])
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def _folder(issue_pk):
    return Path(settings.MEDIA_ROOT) / FOLDER / str(issue_pk)


def stored_path(issue):
    """The rendering of the issue as it is now, or None while there is none."""
    path = _folder(issue.pk) / f"{fingerprint(issue)}.pdf"
    return path if path.is_file() else None


def render(issue_pk, build_context):
    """Store the rendering of the issue's current version and drop older ones.

    A withdrawn or unpublished issue keeps no file. Returns what the task reports.
    """
    issue = Issue.objects.select_related("publisher").get(pk=issue_pk)
    folder = _folder(issue.pk)
    if issue.status not in READABLE:
        removed = _remove_all_but(folder, keep=None)
        return {"issue": issue.pk, "stored": None, "removed": removed}
    name = f"{fingerprint(issue)}.pdf"
    reused = (folder / name).is_file()
    if not reused:
        content = pdf.render_issue(None, build_context(issue) | {"download_note": ""})
        _write_atomically(folder / name, content)
    removed = _remove_all_but(folder, keep=name)
    return {
        "issue": issue.pk,
        "stored": f"{FOLDER}/{issue.pk}/{name}",
        "bytes": (folder / name).stat().st_size,
        "reused": reused,
        "removed": removed,
    }


def _write_atomically(path, content):
    """A reader never sees half a file: write beside it, then rename over."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_all_but(folder, keep):
    if not folder.is_dir():
        return 0
    old = [path for path in folder.iterdir() if path.name != keep]
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


def stamped(path, note):
    """The stored PDF with the reader's line in the footer of every page; None if a newer
    rendering replaced the file meanwhile."""
    from pypdf import PdfReader, PdfWriter

    try:
        base = PdfReader(io.BytesIO(path.read_bytes()))
    except FileNotFoundError:
        return None
    weasyprint = pdf._weasyprint()
    html = render_to_string("portal/pdf_stamp.html", {"download_note": note})
    fetcher = pdf._fetcher_class(weasyprint)(media_paths=set())
    overlay = weasyprint.HTML(string=html, base_url=pdf.BASE_URL, url_fetcher=fetcher).write_pdf()
    stamp = PdfReader(io.BytesIO(overlay)).pages[0]
    writer = PdfWriter(clone_from=base)
    for page in writer.pages:
        page.merge_page(stamp)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
