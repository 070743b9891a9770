"""Publish scheduled issues whose time has come; run it from cron every few minutes.

Readers see a due issue even before this runs (Issue.objects.published() checks the time);
the command makes the status in the admin say so too.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bulletins.workflow import publish_due


class Command(BaseCommand):
    help = _("Publish the scheduled issues whose publication time has come.")

    def handle(self, *args, **options):
        published = publish_due()
        for issue in published:
            self.stdout.write(_("Published: %(issue)s") % {"issue": issue})
        if not published:
            self.stdout.write(_("No scheduled issue is due."))
