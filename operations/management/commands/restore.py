"""Restore a backup made by `manage.py backup`: everything is checked before anything is
replaced (operations.backup)."""

import os
import tempfile

from django.core.management.base import BaseCommand, CommandError
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

from operations import backup


class Command(BaseCommand):
    help = _("Replace the database and the media files with those of a backup, after checking it.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="a backup folder (tailieu-YYYYmmdd-HHMMSS)")
        parser.add_argument(
            "--check", action="store_true", help="only verify checksums and decryption"
        )
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the current data"
        )

    def handle(self, *args, folder, check, yes, **options):
        passphrase = os.environ.get(backup.PASSPHRASE_VARIABLE)
        try:
            manifest = backup.read_manifest(folder)
            if check:
                with tempfile.TemporaryDirectory(prefix="verify-") as workdir:
                    backup.verify(folder, passphrase, workdir)
                message = _("The backup of %(created)s is complete and readable.")
                self.stdout.write(message % manifest)
                return
            if not yes and not self._confirmed(manifest):
                raise CommandError(_("Nothing was changed."))
            backup.restore(folder, passphrase)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(_("Restored the backup of %(created)s.") % manifest)
        if manifest["secret_key_fingerprint"] != backup.secret_key_fingerprint():
            self.stdout.write(
                _("SECRET_KEY differs from the one at backup time: everyone must log in again.")
            )
        known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
        if set(manifest["migrations"]) - known:
            self.stdout.write(_("The backup comes from a newer version of the application."))
        elif known - set(manifest["migrations"]):
            self.stdout.write(_("Run `manage.py migrate`: this version has newer migrations."))

    def _confirmed(self, manifest):
        question = (
            _("Replace ALL current data and files with the backup of %(created)s? Type yes: ")
            % manifest
        )
        return input(question).strip().lower() == "yes"
