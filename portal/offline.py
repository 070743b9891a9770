"""What a reader's phone keeps for reading without a network (README, "Offline reading").

The service worker (static/js/sw.js) stores a response only if the server marks it with
``X-Offline: allow``, and the server marks only what it sends to a logged-in reader: the home
page, the issue pages, their images and the reader's PDF. What the worker keeps ahead of a
visit is the list below, asked for on every page view; anything cached that is no longer on
it is deleted, so an issue whose audience changed is gone once the phone is online again.
"""

import re

from django.urls import reverse
from django.utils import timezone

from bulletins import audience
from bulletins.models import Issue

from . import pdf, reading, text

HEADER = "X-Offline"
# The issues of the home page a cell may need at its meeting: this month's and the two before.
KEPT_ISSUES = 3
_LOCAL_SRC = re.compile(r'\ssrc="(/(?:media|static)/[^"?#]+)"')


def allow(request, response):
    """Mark a page or file shown to a logged-in reader as one the worker may keep."""
    if request.user.is_authenticated and response.status_code in {200, 304}:
        response[HEADER] = "allow"
    return response


def kept_issues(user):
    """The home page's issue and the newest others the user may read, newest first."""
    issues = Issue.objects.visible_to(user).with_publisher()
    latest = reading.current_issue(issues, timezone.localdate())
    if latest is None:
        return []
    return [latest, *issues.exclude(pk=latest.pk)[: KEPT_ISSUES - 1]]


def kept_urls(user):
    """Every URL the worker keeps for the user: the home page, and of each kept issue its page,
    the images its text shows and, where PDFs are made, the reader's copy."""
    urls = [reverse("bulletins:home")]
    for issue in kept_issues(user):
        urls.append(issue.get_absolute_url())
        html = text.reading_text(issue, audience.audience(user, issue))
        urls += dict.fromkeys(_LOCAL_SRC.findall(html))
        if pdf.available():
            urls.append(reverse("bulletins:issue_pdf", args=[issue.pk]))
    return urls
