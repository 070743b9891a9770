"""What a reader sees around the text: reading time, neighbouring issues, mentions, photos.

Every query starts from what the user may read (`visible_to`), never from all issues.
"""

import math
import re

from django.db.models import Exists, OuterRef, Q
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from bulletins import audience
from bulletins.models import ISSUE_TITLE_FIELDS, Issue, ReadConfirmation, Section
from bulletins.readable import readable_issues

# Secretaries read study material slowly, to present it; Vietnamese words are syllables.
WORDS_PER_MINUTE = 180
MENTIONS_SHOWN = 20
_FIGURE = re.compile(r'<figure class="image">.*?</figure>', re.DOTALL)


def reading_minutes(sections):
    """Minutes to read the headings, bodies and footnotes of prefetched sections."""
    words = 0
    for section in sections:
        words += len(section.heading.split()) + len(strip_tags(section.body).split())
        words += sum(len(note.text.split()) for note in section.footnotes.all())
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def with_read_marks(issues, user):
    """The issues, each with ``is_read``: whether the user confirmed reading it (no query more)."""
    confirmed = ReadConfirmation.objects.filter(issue=OuterRef("pk"), reader_id=user.pk)
    return issues.annotate(is_read=Exists(confirmed))


def current_issue(issues, today):
    """The issue of this month, else the newest one not dated after it (one published early
    for next month waits its turn), else the newest."""
    up_to_now = Q(year__lt=today.year) | Q(year=today.year, month__lte=today.month)
    return issues.filter(up_to_now).first() or issues.first()


def neighbours(issue, user):
    """The readable issues just before and just after this one, by month (None at the ends):
    found in the reader's cached list (``readable_issues``), fetched in one query."""
    previous, following = readable_issues(user).neighbours(issue)
    ends = [pk for pk in (previous, following) if pk is not None]
    rows = Issue.objects.filter(pk__in=ends).only(*ISSUE_TITLE_FIELDS, "updated_at") if ends else []
    found = {end.pk: end for end in rows}
    return found.get(previous), found.get(following)


def sections_mentioning(person, user):
    """Readable sections reporting an event the person took part in, or naming them, newest
    first. The name match is a plain substring search: cheap, and names are written in full."""
    mentions = audience.readable_sections(user).filter(
        Q(event__participations__person=person) | Q(body__icontains=person.full_name)
    )
    return (
        Section.objects.filter(pk__in=mentions.values("pk"))
        .select_related("issue")
        .order_by("-issue__year", "-issue__month", "position")[:MENTIONS_SHOWN]
    )


def reports_of(event, user):
    """The readable news items reporting the event, newest issue first."""
    return (
        audience.readable_sections(user)
        .filter(event=event)
        .select_related("issue")
        .order_by("-issue__year", "-issue__month", "position")
    )


def photos(section):
    """The captioned images of a section body, as stored (sanitised on save)."""
    return [mark_safe(figure) for figure in _FIGURE.findall(section.body)]  # noqa: S308
