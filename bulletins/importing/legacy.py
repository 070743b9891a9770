"""Legacy Word files (.doc), converted to .docx by LibreOffice when it is installed.

The converter runs headless on a copy of the upload in a temporary folder, with a profile of
its own, killed with everything it started after CONVERT_SECONDS, and (where the kernel allows
an unprivileged network namespace) without any network. Without LibreOffice the file is refused
with a message asking for a .docx. Debian package: libreoffice-writer-nogui.
"""

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .errors import BulletinImportError

MAX_DOC = 20 * 1024 * 1024
CONVERT_SECONDS = 60
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # every Word 97-2003 document starts so

SAVE_AS_DOCX = _(
    "Old Word files (.doc) are not read: open the file in Word or LibreOffice and "
    "save it as .docx (Word Document), then import that file."
)


def converter():
    """The LibreOffice program on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_docx(data: bytes) -> bytes:
    """The .docx LibreOffice makes of a .doc; a BulletinImportError when it cannot."""
    program = converter()
    if program is None:
        raise BulletinImportError(SAVE_AS_DOCX)
    if len(data) > MAX_DOC:
        raise BulletinImportError(
            _("An old Word file (.doc) is converted only up to %(megabytes)s MB."),
            megabytes=MAX_DOC // (1024 * 1024),
        )
    if not data.startswith(OLE_SIGNATURE):
        raise BulletinImportError(
            _("The file could not be read: it is damaged or not what its name says.")
        )
    with tempfile.TemporaryDirectory(prefix="doc-import-") as folder:
        folder = Path(folder)
        source = folder / "bulletin.doc"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        _run([*_offline(), *command], folder)
        result = folder / "out" / "bulletin.docx"
        if not result.is_file():
            raise BulletinImportError(
                _(
                    "The old Word file (.doc) could not be converted: save it as .docx and try "
                    "again."
                )
            )
        return result.read_bytes()


def _run(command, folder):
    environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(folder)}
    process = subprocess.Popen(  # noqa: S603 - a fixed program; the file is only a path
        command,
        cwd=folder,
        env=environment,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, killed as a whole
    )
    try:
        process.wait(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired as error:
        raise BulletinImportError(
            _(
                "Converting the old Word file (.doc) took more than %(seconds)s seconds: it was "
                "stopped."
            ),
            seconds=CONVERT_SECONDS,
        ) from error
    finally:  # also when the task's own time limit interrupts the wait
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@functools.cache
def _offline():
    """`unshare` into an empty network namespace when the kernel lets this user do it."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    try:
        probe = subprocess.run([unshare, "-rn", "true"], capture_output=True, timeout=10)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired):
        return []
    return [unshare, "-rn"] if probe.returncode == 0 else []
