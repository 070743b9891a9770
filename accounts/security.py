"""Where a request comes from, for lock-out and the audit log."""

from django.conf import settings


def client_ip(request):
    """The client's address; X-Forwarded-For counts only behind a proxy that sets it."""
    if settings.TRUST_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR")
