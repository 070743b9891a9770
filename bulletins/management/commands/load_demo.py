"""`python manage.py load_demo`: the demo dataset and the demo accounts, idempotently."""

from django.core.management.base import BaseCommand
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.demo import DEMO_ACCOUNTS
from bulletins import demo
from bulletins.demo.accounts import ensure_demo_accounts


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
        "Load the demo dataset (organisations, documents, people, events and four issues) "
        "and create the demo accounts. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        counts = demo.load()
        ensure_demo_accounts()

        self.stdout.write(self.style.SUCCESS(_("Demo data loaded:")))
        for key, count in counts.items():
            label = capfirst(demo.MODELS[key]._meta.verbose_name_plural)
            self.stdout.write(f"  {label}: {count}")

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
