"""The issue as an A4 PDF, made on the server by WeasyPrint from the portal's print styles.

The footer of every page names the reader and the download time, to deter leaks. Rendering
takes about a second, so it is done once per saved state of the issue and stored
(`stored_pdf`) with an empty footer line; each download writes its reader's line into it
(portal.stamp), which copies bytes and parses nothing. WeasyPrint needs the Pango library
from the system: without it the portal still runs and the download answers that no PDF can be
made (`available()` is false).
"""

import functools
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from bulletins import audience
from bulletins.models import SectionImage

from . import stamp, text

# Relative URLs of the page resolve against this address, and the fetcher below answers them
# from local files: rendering never goes to the network.
BASE_URL = "https://tai-lieu.invalid/"
# Longer than any rendering; a lock left by a killed worker frees itself after this.
RENDER_LOCK_SECONDS = 120
# Under MEDIA_ROOT, never served as media: portal.media serves only recorded uploads.
STORE = "pdf"


@functools.cache
def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the Pango library is not installed
        return None
    return weasyprint


def available():
    return _weasyprint() is not None


def download_note(reader, when):
    """Who downloaded the PDF (their name; None: a visitor) and when, for every page's foot."""
    return _("Downloaded by %(reader)s at %(time)s") % {
        "reader": reader or _("an anonymous visitor"),
        "time": timezone.localtime(when).strftime("%H:%M %d/%m/%Y"),
    }


def render_issue(issue, cell_types=audience.EVERY_SECTION):
    """The PDF bytes of the issue for an audience (bulletins.audience), without a footer."""
    weasyprint = _weasyprint()
    images = SectionImage.objects.filter(section__issue=issue).values_list("path", flat=True)
    fetcher = _fetcher_class(weasyprint)(media_paths=set(images))
    html = render_to_string("portal/issue_pdf.html", text.issue_text(issue, cell_types))
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def _state(issue):
    return f"{issue.pk}-{issue.updated_at:%Y%m%d%H%M%S%f}"


def stored_path(issue, cell_types=audience.EVERY_SECTION):
    """Where the rendering of this saved state of the issue for an audience is kept: a new
    save, a new name; one file per audience (the sections of some cell types)."""
    return Path(settings.MEDIA_ROOT) / STORE / f"{_state(issue)}-{audience.key(cell_types)}.pdf"


class BeingRendered(Exception):
    """Another request is rendering this state of the issue: come back in a few seconds."""


def stored_pdf(issue, cell_types=audience.EVERY_SECTION):
    """The issue's PDF for its current state and an audience, rendered now if no process has
    stored it yet.

    Meant to run ahead of readers when an issue is published or corrected; otherwise the
    first download renders it. Only one request renders a given state at a time (a lock in
    the cache, shared with REDIS_URL): the others are told to retry instead of each holding
    a worker for a second, so a burst of downloads of a new issue cannot starve the pages.
    The file is replaced whole, so a reader never gets half a file; renderings of older
    states are removed.
    """
    path = stored_path(issue, cell_types)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    lock = f"portal:pdf-rendering:{path.name}"
    if not cache.add(lock, os.getpid(), RENDER_LOCK_SECONDS):
        raise BeingRendered
    try:
        content = stamp.prepare(render_issue(issue, cell_types))
    finally:
        cache.delete(lock)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(content)
    partial.replace(path)
    remove_stored(issue.pk, keep=_state(issue))
    return content


def remove_stored(issue_pk, keep=None):
    """Remove the stored renderings of an issue, but those of the state ``keep`` (every
    audience's); return how many went."""
    old = [
        path
        for path in (Path(settings.MEDIA_ROOT) / STORE).glob(f"{issue_pk}-*.pdf")
        if path.name.split("-")[0] == str(issue_pk)  # not issue 12's for issue 1
        and not (keep and path.name.startswith(f"{keep}-"))
    ]
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)


@dataclass(frozen=True)
class ReaderCopy:
    """A reader's copy: the stored PDF of the reader's audience (rendered now if need be),
    with the reader's name and the time of each download at the foot of every page. A replay
    of the download (portal.replay) makes it again from the same file, at its own time."""

    path: Path
    reader: str | None

    @classmethod
    def of(cls, issue, user):
        cell_types = audience.audience(user, issue)
        stored_pdf(issue, cell_types)
        return cls(stored_path(issue, cell_types), str(user) if user.is_authenticated else None)

    def content(self, when):
        """The copy, or FileNotFoundError once a new state of the issue replaced its file."""
        return stamp.fill(self.path.read_bytes(), download_note(self.reader, when))


def _local_file(path, media_paths):
    """The file behind a page URL: static files (styles, fonts) and the images
    this issue shows; nothing else."""
    if path.startswith(settings.STATIC_URL):
        name = path.removeprefix(settings.STATIC_URL)
        if ".." in PurePosixPath(name).parts or "\x00" in name:
            return None
        # Source files in development, hashed copies after collectstatic.
        if found := finders.find(name):
            return found
        return staticfiles_storage.path(name) if staticfiles_storage.exists(name) else None
    name = path.removeprefix(settings.MEDIA_URL)
    if path.startswith(settings.MEDIA_URL) and name in media_paths:
        return _inside(Path(settings.MEDIA_ROOT), name)
    return None


def _inside(root, name):
    """The file, if after resolving ``..`` and links it is still under ``root``."""
    root = root.resolve()
    candidate = (root / name).resolve()
    return candidate if candidate.is_relative_to(root) and candidate.is_file() else None


@functools.cache
def _fetcher_class(weasyprint):
    """WeasyPrint wants a subclass of its fetcher; it exists only once WeasyPrint imports."""

    class LocalFetcher(weasyprint.urls.URLFetcher):
        def __init__(self, media_paths):
            super().__init__()
            self.media_paths = media_paths

        def fetch(self, url, headers=None):
            path = _local_file(unquote(urlsplit(url).path), self.media_paths)
            if path is None:
                raise ValueError(f"Not a file of this issue: {url}")
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return weasyprint.urls.URLFetcherResponse(
                url, Path(path).read_bytes(), {"Content-Type": content_type}
            )

    return LocalFetcher
