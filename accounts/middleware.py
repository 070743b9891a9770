from auditlog.middleware import AuditlogMiddleware
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
