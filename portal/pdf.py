"""The issue as an A4 PDF, made on the server by WeasyPrint from the portal's print styles.

The footer of every page names the reader and the download time, to deter leaks. WeasyPrint
needs the Pango library from the system: without it the portal still runs and the download
answers that no PDF can be made (`available()` is false).
"""

import functools
import mimetypes
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from bulletins.models import SectionImage

# Relative URLs of the page resolve against this address, and the fetcher below answers them
# from local files: rendering never goes to the network.
BASE_URL = "https://tai-lieu.invalid/"


@functools.cache
def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the Pango library is not installed
        return None
    return weasyprint


def available():
    return _weasyprint() is not None


def download_note(user, when):
    """Who downloaded the PDF and when, for the footer of every page."""
    reader = str(user) if user.is_authenticated else None
    return _("Downloaded by %(reader)s at %(time)s") % {
        "reader": reader or _("an anonymous visitor"),
        "time": timezone.localtime(when).strftime("%H:%M %d/%m/%Y"),
    }


def render_issue(request, context):
    """The PDF bytes of portal/issue_pdf.html rendered with this context."""
    weasyprint = _weasyprint()
    issue = context["issue"]
    images = SectionImage.objects.filter(section__issue=issue).values_list("path", flat=True)
    fetcher = _fetcher_class(weasyprint)(media_paths=set(images))
    html = render_to_string("portal/issue_pdf.html", context, request=request)
    return weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).write_pdf()


def _local_file(path, media_paths):
    """The file behind a page URL: static files (styles, fonts, demo photos) and the images
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
