"""`python manage.py load_demo`: the demo data and the demo accounts, idempotently."""

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.demo import DEMO_ACCOUNTS
from bulletins.importing import BulletinImportError
from demo import loading


def role_label(role):
    labels = {
        "admin": _("Administrator"),
        "editor": _("Editor"),
        "approver": _("Approver"),
        "secretary": _("Cell secretary"),
    }
    return labels.get(role, role)


class Command(BaseCommand):
    help = _(
        "Load the demo data (organisations, documents, people, events, issues imported from "
        "their files) and create the demo accounts. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        try:
            loaded = loading.load()
        except (BulletinImportError, ValidationError) as error:
            # A demo file changed after its issue was published, or a publication date in the
            # future (a wrong clock): say so, nothing was loaded.
            raise CommandError("; ".join(getattr(error, "messages", [str(error)]))) from error

        self.stdout.write(self.style.SUCCESS(_("Demo data loaded:")))
        for label, count in loaded.rows.items():
            model = apps.get_model(label)
            self.stdout.write(f"  {capfirst(model._meta.verbose_name_plural)}: {count}")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Demo issues (imported from demo/issues/):")))
        for issue in loaded.issues:
            self.stdout.write(f"  {issue.title} — {issue.publisher} ({issue.get_status_display()})")

        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(_("Demo accounts:")))
        header = (_("Username"), _("Password"), _("Role"))
        rows = [
            (account.username, account.password, role_label(account.role))
            for account in DEMO_ACCOUNTS
        ]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, tuple("-" * width for width in widths), *rows]:
            self.stdout.write(
                ("  " + "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True))).rstrip()
            )
        self.stdout.write(
            self.style.WARNING(
                _(
                    "These passwords are public: they only work while DEBUG is on. "
                    "Never use them on a production site."
                )
            )
        )
