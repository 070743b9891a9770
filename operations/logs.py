"""Log lines an operator can follow: which request, which user, and errors reported once.

Every request gets an id (the proxy's X-Request-ID when it sends a sane one), returned in the
response header of the same name, so a user's screenshot of an error page or a proxy log line
leads to the server's log lines for that request.
"""

import contextvars
import logging
import re
import uuid

_request = contextvars.ContextVar("request", default=None)
_SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request.id = offered if _SANE_ID.fullmatch(offered) else uuid.uuid4().hex
        token = _request.set(request)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        response["X-Request-ID"] = request.id
        return response


class RequestContextFilter(logging.Filter):
    """Adds request_id and user_id to each record ("-" outside a request)."""

    def filter(self, record):
        request = _request.get()
        record.request_id = getattr(request, "id", "-")
        # Only a user the request has already loaded: a log call must never query the
        # database, which may be the very thing that is failing.
        user = getattr(request, "_cached_user", None)
        record.user_id = user.pk if getattr(user, "is_authenticated", False) else "-"
        return True


def init_error_reporting(dsn):
    """Send unhandled errors to Sentry: no personal data, the request id as a tag."""
    import sentry_sdk

    def tag_request(event, hint):
        request = _request.get()
        if request is not None:
            event.setdefault("tags", {})["request_id"] = request.id
        return event

    sentry_sdk.init(
        dsn=dsn,
        send_default_pii=False,  # no cookies, user details or client addresses
        max_request_body_size="never",  # form data may hold passwords or unpublished text
        before_send=tag_request,
    )
