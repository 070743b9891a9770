"""`python manage.py send_reminders` (cron, e.g. every 15 minutes): make the reminders due
today and send every notice waiting, retrying those that failed before. Safe to repeat.

It runs the worker's task (notices.tasks.send_reminders) in this process, under the same
limits."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from notices.tasks import send_reminders


class Command(BaseCommand):
    help = _("Make the reminders due today and send the notices waiting.")

    def handle(self, *args, **options):
        done = send_reminders.call()
        self.stdout.write(
            f"reminders: {done['reminders']}, sent: {done['sent']}, failed: {done['failed']}"
        )
