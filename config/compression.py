"""Gzip for pages, not for files that are compressed already.

Django's GZipMiddleware compresses every response; a PDF or a photo gains nothing and costs
CPU on each download. Static files are compressed ahead of time by whitenoise.

BREACH (compression revealing a secret reflected next to attacker-chosen text): the CSRF
token in a page is masked differently in every response, Django pads the gzip header with
random bytes ("Heal the Breach"), the session id is only in a cookie, and the portal's pages
do not echo request text next to a secret. See README, "Compression and caching".
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
