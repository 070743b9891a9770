"""What tests need from outside the project: the shared samples, chromium, an artifacts folder,
and reading the text of a PDF."""

import contextlib
import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pypdf import PdfReader

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"

# The real bulletins are not part of the repository: they sit in ../shared/samples beside it.
SAMPLES_DIR = Path(
    os.environ.get("SAMPLES_DIR", Path(__file__).resolve().parents[2] / "shared" / "samples")
)


def sample_path(name):
    """A shared sample bulletin; skipped on a developer machine without it, required in CI."""
    path = SAMPLES_DIR / name
    if not path.is_file():
        message = f"bulletin samples not found at {SAMPLES_DIR}; set SAMPLES_DIR"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@contextlib.contextmanager
def demo_loaded(django_db_blocker, media_root):
    """The demo loaded once for several tests that only read it (a module's or a class's
    fixture): inside a transaction rolled back at the end, each test in a savepoint of it.
    Yields the command's output."""
    out = io.StringIO()
    settings = override_settings(MEDIA_ROOT=media_root, DEBUG=True)
    with django_db_blocker.unblock(), settings, transaction.atomic():
        call_command("load_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def run_worker():
    """Run the task worker over what is queued, in this process (`db_worker --batch`).

    The worker closes database connections it deems old, which on PostgreSQL closes a test's
    own connection inside its transaction: tests that run it use `committed_db`.
    """
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def add_notes_part(document, kind, xml):
    """Give a python-docx document its footnotes or endnotes part (``kind``), as Word does."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    part = Part(
        PackURI(f"/word/{kind}.xml"),
        f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml",
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(part, getattr(RELATIONSHIP_TYPE, kind.upper()))
