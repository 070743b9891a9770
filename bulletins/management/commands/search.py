"""Search from the command line, as a given user would in the portal (for checks and scripts)."""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bulletins.search import search


class Command(BaseCommand):
    help = _("Print the search hits a user would get, best first.")

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument(
            "--user", help="Search as this account (default: a superuser, published issues)."
        )
        parser.add_argument(
            "--all", action="store_true", help="Add unpublished issues, as staff see them."
        )
        parser.add_argument("--limit", type=int, default=20)
        parser.add_argument("--json", action="store_true", help="Print the hits as JSON.")

    def handle(self, *args, **options):
        user_model = get_user_model()
        if options["user"]:
            try:
                user = user_model.objects.get(username=options["user"])
            except user_model.DoesNotExist:
                raise CommandError(
                    _("No account with the username %(username)s.") % {"username": options["user"]}
                ) from None
        else:
            user = user_model(username="search", is_superuser=True, is_staff=True)
        hits = search(user, options["query"], staff=options["all"], limit=options["limit"])
        if options["json"]:
            self.stdout.write(json.dumps([hit.as_json() for hit in hits], ensure_ascii=False))
            return
        for hit in hits:
            where = f"{hit.issue} — " if hit.issue else ""
            self.stdout.write(f"[{hit.kind}] {where}{hit.title}  {hit.url}")
