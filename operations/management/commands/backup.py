"""Back up the database and the media files into one checked folder (operations.backup)."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from operations import backup


class Command(BaseCommand):
    help = _(
        "Back up the database and the media files, with checksums; encrypted when "
        "BACKUP_PASSPHRASE is set."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=os.environ.get("BACKUP_DIR", settings.BASE_DIR / "var" / "backups"),
            help="folder that receives the backup (default: BACKUP_DIR or var/backups)",
        )
        parser.add_argument(
            "--keep", type=int, default=0, help="then keep only the newest N backups there"
        )

    def handle(self, *args, output, keep, **options):
        passphrase = os.environ.get(backup.PASSPHRASE_VARIABLE)
        try:
            folder = backup.create(output, passphrase=passphrase)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Backup written to %(folder)s") % {"folder": folder})
        if not passphrase:
            self.stdout.write(_("Not encrypted: keep it where only administrators can read it."))
        for removed in backup.prune(output, keep):
            self.stdout.write(_("Removed the older backup %(folder)s") % {"folder": removed})
