"""manage.py import_bulletin PATH: a Word, PDF, Markdown or text bulletin becomes a draft issue.

Warnings (numbering gaps, missing headings ...) go to stderr, so that ``--json`` prints on
stdout only the structure; the passages not placed are in the JSON under ``unplaced``.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bulletins.importing import BulletinImportError, import_bulletin, read_bulletin
from bulletins.models import Issue
from bulletins.policy import policy


class Command(BaseCommand):
    help = "Import a bulletin (.docx, .pdf, .md or .txt) as a draft issue; never publishes."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--publisher",
            help="Organisation name (exact) or id; default: publisher of the latest issue.",
        )
        parser.add_argument("--month", type=int, help="When the file does not say it.")
        parser.add_argument("--year", type=int, help="When the file does not say it.")
        parser.add_argument("--dry-run", action="store_true", help="Parse only, write nothing.")
        parser.add_argument("--json", action="store_true", help="Print the structure as JSON.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Import again a file already imported, or refill the month's draft issue.",
        )

    def handle(self, path, **options):
        try:
            bulletin = read_bulletin(path)
            self._warn(bulletin)
            if options["dry_run"]:
                self._show(bulletin, options["json"])
                return
            issue = import_bulletin(
                bulletin,
                publisher=self._publisher(options["publisher"]),
                month=options["month"],
                year=options["year"],
                replace=options["replace"],
            )
        except BulletinImportError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(
                json.dumps({"issue": issue.pk, **bulletin.as_json()}, ensure_ascii=False)
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Draft issue {issue.pk} “{issue.title}”: {issue.sections.count()} sections, "
                f"{len(bulletin.footnotes)} footnotes, {len(bulletin.captions)} photo captions."
            )
        )

    def _warn(self, bulletin):
        for warning in bulletin.warnings:
            self.stderr.write(self.style.WARNING(warning.text))

    def _publisher(self, value):
        if value is None:
            latest = Issue.objects.order_by("-created_at").select_related("publisher").first()
            if latest is None:
                raise CommandError(
                    _("No issue exists yet to take the publisher from: pass --publisher.")
                )
            return latest.publisher
        publishers = policy.publishers()
        found = publishers.filter(name=value)
        if value.isdigit():
            found = found | publishers.filter(pk=int(value))
        if found.count() != 1:
            raise CommandError(
                _("No single organisation is named or numbered “%(value)s”.") % {"value": value}
            )
        return found.get()

    def _show(self, bulletin, as_json):
        data = bulletin.as_json()
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        header = data["header"]
        self.stdout.write(f"{header['title']} — {header['month']}/{header['year']}")
        self.stdout.write(f"Orientation: {len(data['orientation'])} rows")

        def show(section, depth):
            self.stdout.write(f"{'  ' * depth}{section['number'] or '·'} {section['heading']}")
            for child in section["children"]:
                show(child, depth + 1)

        for section in data["sections"]:
            show(section, 0)
        for fragment in data["unplaced"]:
            self.stdout.write(f"NOT PLACED ({fragment['reason']}): {fragment['text']}")
        self.stdout.write(
            f"{len(data['footnotes'])} footnotes, {len(data['captions'])} photo captions, "
            f"{len(data['unplaced'])} passages not placed. Nothing was written (--dry-run)."
        )
