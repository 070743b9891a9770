import time

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .security import client_ip


class AuditMiddleware(AuditlogMiddleware):
    """Audit entries record the same client address as the lock-out does."""

    _get_remote_addr = staticmethod(client_ip)


class PasswordChangeRequiredMiddleware:
    """Send a user whose password was set by an administrator to change it first."""

    ALLOWED = ("password_change", "password_change_done", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.must_change_password:
            allowed = [reverse(name) for name in self.ALLOWED]
            if request.path not in allowed and not request.path.startswith("/static/"):
                messages.warning(request, _("Please choose a new password before continuing."))
                return redirect("password_change")
        return self.get_response(request)


class IdleSessionMiddleware:
    """Sessions end after SESSION_COOKIE_AGE of inactivity, without a write on every request.

    Saving the session on each request would push its expiry forward exactly, at the price of
    a database (or cache) write per page view. Instead the session is saved only when it was
    last refreshed more than SESSION_REFRESH_SECONDS ago, so it ends between
    SESSION_COOKIE_AGE - SESSION_REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request.
    """

    KEY = "_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        refreshed_at = session.get(self.KEY, 0)  # loads it: an expired key becomes None
        now = int(time.time())
        if session.session_key and now - refreshed_at >= settings.SESSION_REFRESH_SECONDS:
            session[self.KEY] = now  # marks the session modified: saved with a new expiry
        return response
