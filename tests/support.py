"""What tests need from outside the project: the shared samples, chromium, an artifacts folder,
and reading the text of a PDF."""

import io
import os
import shutil
from pathlib import Path

import pytest
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
