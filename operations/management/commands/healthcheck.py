"""The /healthz checks from the command line, for containers that serve no HTTP (the worker)."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations.health import healthy, run_checks


class Command(BaseCommand):
    help = _("Check the database, cache, media directory and task queue.")

    def handle(self, *args, **options):
        results = run_checks()
        self.stdout.write(json.dumps(results))
        if not healthy(results):
            raise CommandError("unhealthy")
