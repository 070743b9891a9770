"""The installable app: its manifest, its service worker and the list of what it keeps offline."""

import functools

from django.contrib.auth.decorators import login_not_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .. import offline
from ..replay import replayable


@login_not_required
def manifest(request):
    """Name, colours and icons of the app added to a phone's home screen."""
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons += [{**icon, "purpose": "maskable"} for icon in icons]
    data = {
        "name": _("Party-cell study materials"),
        "short_name": _("Cell study"),
        "lang": "vi",
        "start_url": reverse("bulletins:home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#a3150f",
        "icons": icons,
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response.charset = "utf-8"
    return response


@functools.cache
def _worker_source():
    # The source file in development, the collected copy where only that is deployed.
    path = finders.find("js/sw.js") or staticfiles_storage.path("js/sw.js")
    with open(path, "rb") as source:
        return source.read()


@login_not_required
def service_worker(request):
    """The worker from the site's root, so that its scope is the whole site; never cached long,
    so a new version reaches phones at their next visit."""
    response = HttpResponse(_worker_source(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    patch_cache_control(response, no_cache=True)
    return response


@replayable
def kept(request):
    """What the reader's worker keeps: only for an account, never stored by a browser's or a
    proxy's cache."""
    response = JsonResponse({"urls": offline.kept_urls(request.user)})
    patch_cache_control(response, private=True, no_store=True)
    return response
