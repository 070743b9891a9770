"""Sending notices, run by the task worker (django.tasks, `manage.py db_worker`)."""

from django.tasks import task

from .sending import deliver_pending


@task()
def send_notices():
    """Send the deliveries due; what fails waits for its next attempt (send_reminders)."""
    sent, failed = deliver_pending()
    return {"sent": sent, "failed": failed}
