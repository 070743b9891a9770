"""`python manage.py send_reminders` (cron, e.g. every 15 minutes): make the reminders due
today and send every notice waiting, retrying those that failed before. Safe to repeat."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy

from notices.reminders import create_reminders
from notices.sending import deliver_pending


class Command(BaseCommand):
    help = gettext_lazy("Make the reminders due today and send the notices waiting.")

    def handle(self, *args, **options):
        made = create_reminders()
        sent, failed = deliver_pending()
        self.stdout.write(f"reminders: {made}, sent: {sent}, failed: {failed}")
