"""Reminders before the cells' meeting: to each secretary whose cell has not confirmed reading
the month's regular issue, from ``reminder_days`` before the meeting day to the day itself.

Made by ``manage.py send_reminders`` (cron). Each is keyed by the meeting day, and the issue's
row is locked while its reminders are made, so runs repeated or at once make each one once.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from bulletins import deadlines
from bulletins.models import Issue, ReadConfirmation

from .models import Kind
from .receivers import readers_of
from .sending import notify


def meeting_for(issue):
    return deadlines.meeting_date(issue.year, issue.month, deadlines.settings_for(issue.publisher))


def due_issues(today):
    """Published regular issues whose cells meet within their reminder window today."""
    months = {(today.year, today.month)}
    following = today.replace(day=1) + datetime.timedelta(days=32)
    months.add((following.year, following.month))
    candidates = (
        Issue.objects.published()
        .filter(kind=Issue.Kind.REGULAR, year__in={y for y, _m in months})
        .select_related("publisher__publishing")
    )
    for issue in candidates:
        if (issue.year, issue.month) not in months:
            continue
        meeting = meeting_for(issue)
        days = deadlines.settings_for(issue.publisher).reminder_days
        if meeting - datetime.timedelta(days=days) <= today <= meeting:
            yield issue, meeting


def unconfirmed_readers(issue):
    """Readers of the issue none of whose cells' members has confirmed reading it."""
    confirmed = ReadConfirmation.objects.filter(issue=issue)
    cells = confirmed.filter(reader__organisations__isnull=False).values("reader__organisations")
    return (
        readers_of(issue)
        .exclude(organisations__in=cells)
        .exclude(pk__in=confirmed.values("reader_id"))
    )


def create_reminders(today=None):
    """Make the reminders due today; returns how many were made."""
    today = today or timezone.localdate()
    made = 0
    for issue, meeting in due_issues(today):
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            # Runs at once wait here; the second then finds the first one's reminders.
            locked = Issue.objects.select_for_update().filter(pk=issue.pk).first()
            if locked is None:
                continue
            made += len(
                notify(
                    unconfirmed_readers(issue),
                    Kind.REMINDER,
                    issue=issue,
                    link=issue.get_absolute_url(),
                    key=f"meeting:{meeting.isoformat()}",
                    text=_(
                        "Your cell has not yet confirmed reading “%(title)s”; "
                        "the meeting is on %(date)s."
                    )
                    % {"title": issue.title, "date": formats.date_format(meeting, "d/m/Y")},
                )
            )
    return made
