"""Response headers that hold for the whole site: the Content-Security-Policy (Django's own,
with the admin's allowance for CKEditor 5), the Permissions-Policy, and private caching of
everything shown to a logged-in account."""

from django.conf import settings
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.urls import reverse
from django.utils.cache import patch_cache_control


class SecurityHeadersMiddleware(ContentSecurityPolicyMiddleware):
    def process_response(self, request, response):
        if request.path.startswith(reverse("admin:index")) and not hasattr(response, "_csp_config"):
            response._csp_config = settings.SECURE_CSP_ADMIN
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Internal pages never go to a shared cache (a proxy, a shared computer's disk).
            patch_cache_control(response, private=True)
        return response
