"""Where a request comes from, for lock-out and the audit log."""

from django.conf import settings
from django.contrib.auth import get_user_model


def client_ip(request):
    """The address the last trusted proxy saw connecting, or the connection's own.

    Each proxy appends the address it saw to X-Forwarded-For, so only the last
    ``TRUSTED_PROXY_COUNT`` entries were written by proxies we run; whatever stands to their
    left came from the client and could be anything (rotating it would dodge the lock-out
    and forge the audit log).
    """
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [address for address in forwarded if address]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def login_username(request, credentials=None):
    """The username a login attempt names, as the lock-out records it: cut to the longest
    username there can be, so that a very long one is just a failed login, not an error."""
    source = credentials if credentials is not None else request.POST
    limit = get_user_model()._meta.get_field("username").max_length
    return str(source.get("username") or "")[:limit]
