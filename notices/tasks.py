"""Notices work run by the task worker (django.tasks, `manage.py db_worker`)."""

from django.conf import settings
from django.tasks import task

from bulletins.models import Issue
from operations.limits import task_limits

from .sending import deliver_pending


@task()
def send_notices():
    """Send the deliveries due; what fails waits for its next attempt (send_reminders)."""
    with task_limits(settings.TASK_TIME_LIMIT):
        sent, failed = deliver_pending()
    return {"sent": sent, "failed": failed}


@task()
def send_reminders():
    """The reminders due today, then every delivery waiting: the `send_reminders` command,
    for a worker-driven schedule instead of cron. Safe to repeat."""
    from .reminders import create_reminders  # reminders -> receivers -> tasks

    with task_limits(settings.TASK_TIME_LIMIT):
        made = create_reminders()
        sent, failed = deliver_pending()
    return {"reminders": made, "sent": sent, "failed": failed}


@task()
def tell_readers(issue_pk):
    """The new-issue notices, made off the approver's request: an issue for every cell
    reaches tens of thousands of readers."""
    from .receivers import tell_readers as make_notices

    with task_limits(settings.TASK_TIME_LIMIT):
        issue = Issue.objects.published().filter(pk=issue_pk).first()
        if issue is None:  # withdrawn before the worker came to it: nothing to announce
            return {"issue": issue_pk, "notices": 0}
        return {"issue": issue_pk, "notices": len(make_notices(issue))}
