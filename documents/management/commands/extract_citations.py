"""Print the document citations found in a text or HTML file.

Lets an editor check what the extractor sees in a bulletin before importing it, and gives
the extractor a command-line face for debugging.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.citations import extract_citations

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")


class Command(BaseCommand):
    help = _("Print the document citations found in a .txt, .md or .html file.")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("Path of the file to read (UTF-8)."))
        parser.add_argument(
            "--json", action="store_true", help=_("Print the citations as a JSON array.")
        )

    def handle(self, *args, **options):
        path = Path(options["path"])
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise CommandError(
                _("Unsupported file type “%(suffix)s”: expected one of %(supported)s.")
                % {"suffix": path.suffix or path.name, "supported": ", ".join(SUPPORTED_SUFFIXES)}
            )
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CommandError(_("%(path)s is not UTF-8 text.") % {"path": path}) from error
        citations = extract_citations(text)
        if options["json"]:
            self.stdout.write(
                json.dumps([_as_json(c) for c in citations], ensure_ascii=False, indent=2)
            )
        else:
            self.stdout.write(_as_table(citations))


def _as_json(citation):
    """The agreed shape; joint_issuers, alias_of and doubtful_date only where they apply."""
    row = {
        "code": citation.code,
        "type": citation.type,
        "number": citation.number,
        "issuer_code": citation.issuer_code,
        "date": citation.date.isoformat() if citation.date else None,
        "issuer": citation.issuer,
        "start": citation.start,
        "end": citation.end,
        "text": citation.text,
    }
    if citation.joint_issuers:
        row["joint_issuers"] = list(citation.joint_issuers)
    if citation.alias_of:
        row["alias_of"] = citation.alias_of
    if citation.doubtful_date:
        row["doubtful_date"] = citation.doubtful_date
    return row


def _as_table(citations):
    if not citations:
        return _("No citations found.")
    header = (_("Code"), _("Date"), _("Issuer"))
    rows = [
        (c.code, c.date.strftime("%d/%m/%Y") if c.date else "-", c.issuer or "-") for c in citations
    ]
    code_width = max(len(row[0]) for row in [header, *rows])
    date_width = max(len(row[1]) for row in [header, *rows])
    lines = [
        f"{code:<{code_width}}  {day:<{date_width}}  {issuer}"
        for code, day, issuer in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)
