"""Response headers that hold for the whole site: the Content-Security-Policy (Django's own,
with the admin's allowance for CKEditor 5), the Permissions-Policy, and private caching of
everything shown to a logged-in account, and the wiping of this site's data from the browser
(the offline copies of issues among it) when an account logs out."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control


def in_admin(request):
    """Whether the request is for the admin (a URL configuration without it has none)."""
    try:
        return request.path.startswith(reverse("admin:index"))
    except NoReverseMatch:
        return False


class SecurityHeadersMiddleware(ContentSecurityPolicyMiddleware):
    def process_response(self, request, response):
        if in_admin(request) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if getattr(request, "logged_out", False):
            response["Clear-Site-Data"] = '"cache", "storage"'
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Internal pages never go to a shared cache (a proxy, a shared computer's disk).
            patch_cache_control(response, private=True)
        return response


@receiver(user_logged_out)
def _mark_logout(sender, request, **kwargs):
    """Any logout, the portal's or the admin's: the response clears the browser's copies."""
    if request is not None:
        request.logged_out = True
