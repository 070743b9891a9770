"""When an issue is due: the regular one before the cells' meeting day of its month (the 3rd
by default), the thematic one in the last week of the quarter's third month.

One module owns these dates, so the calendar, the work lists, the reminders and the admin agree.
Each publisher can change the numbers in its `PublisherSettings`.
"""

import calendar
import datetime

from .models import Issue, PublisherSettings

QUARTER_END_MONTHS = (3, 6, 9, 12)


def settings_for(publisher):
    """The publisher's settings, or the defaults (unsaved) when it has none."""
    try:
        return publisher.publishing
    except PublisherSettings.DoesNotExist:
        return PublisherSettings(publisher=publisher)


def meeting_date(year, month, settings):
    """The cells' meeting day in a month."""
    return datetime.date(year, month, settings.meeting_day)


def window(kind, year, month, settings):
    """(first, last) day an issue of this kind for this month should come out.

    Regular: from the 15th of the month before (when the central bulletin is released) to the
    day before the meeting. Thematic: the last `thematic_days` days of a quarter's third month.
    """
    if kind == Issue.Kind.THEMATIC:
        last = datetime.date(year, month, calendar.monthrange(year, month)[1])
        return last - datetime.timedelta(days=settings.thematic_days - 1), last
    before = datetime.date(year, month, 1) - datetime.timedelta(days=1)
    first = before.replace(day=15)
    return first, meeting_date(year, month, settings) - datetime.timedelta(days=1)


def due_date(issue, settings=None):
    """The last day the issue can come out and still be on time."""
    settings = settings or settings_for(issue.publisher)
    return window(issue.kind, issue.year, issue.month, settings)[1]
