"""Server-side failures the user can do nothing about, told plainly instead of a bare 500/400.

- The media disk is full or read-only (operations.storage.MediaWriteError): the request's
  database changes were rolled back with it, so the user is told nothing was saved.
- The session could not be saved because the database is restarting: Django would answer
  400 "the session was deleted"; this is a temporary server error, so 503 with a retry.

The pages are standalone templates: rendering them must not need the database.
"""

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .storage import MediaWriteError

# The editor's image upload answers in JSON that CKEditor shows to the editor.
JSON_VIEWS = {"ck_editor_5_upload_file"}


def _failure(request, status, title, message, retry_after=None):
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in JSON_VIEWS:
        response = JsonResponse({"error": {"message": message}}, status=status)
    else:
        html = render_to_string("operations/failure.html", {"title": title, "message": message})
        response = HttpResponse(html, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


class StorageFailureMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MediaWriteError):
            return _failure(
                request,
                507,
                _("The file could not be stored"),
                _(
                    "The server's storage for files is full or cannot be written to. Nothing "
                    "was saved. Please tell the system administrator and try again later."
                ),
            )
        return None


class SessionMiddleware(DjangoSessionMiddleware):
    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, DatabaseError):
            return _failure(
                request,
                503,
                _("Temporarily unavailable"),
                _(
                    "The server could not save your session because its database is "
                    "briefly unavailable. Please wait a moment and try again."
                ),
                retry_after=30,
            )
