"""Legacy Word files (.doc): converted by LibreOffice when it is installed, else refused with
a message asking for a .docx; nothing is written either way until the editor confirms."""

import subprocess

import pytest
from django.utils import translation

from bulletins.importing import BulletinImportError, legacy, read_bytes

from .import_corpus import by_name, to_docx
from .test_import_corpus import check


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def as_doc(docx_bytes, tmp_path):
    """What Word 97-2003 would save, made by LibreOffice from the .docx."""
    (tmp_path / "in.docx").write_bytes(docx_bytes)
    subprocess.run(  # noqa: S603 - the test's own file
        [legacy.converter(), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
         "--convert-to", "doc", "--outdir", str(tmp_path), str(tmp_path / "in.docx")],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    return (tmp_path / "in.doc").read_bytes()


@pytest.mark.parametrize("auto", [False, True], ids=["typed", "automatic"])
def test_a_doc_is_converted_and_gives_the_outline_of_its_docx(needs_libreoffice, tmp_path, auto):
    spec = by_name("regular")
    data = as_doc(to_docx(spec, auto=auto), tmp_path)
    assert data.startswith(legacy.OLE_SIGNATURE)
    check(spec, read_bytes(data, "thang-9.doc"))


def test_without_libreoffice_a_doc_is_refused_with_how_to_save_it(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BulletinImportError, match=r"save it as \.docx"):
        read_bytes(legacy.OLE_SIGNATURE + b"\0" * 600, "cu.doc")


def test_what_is_not_a_word_97_file_is_refused_before_running_anything(needs_libreoffice):
    with pytest.raises(BulletinImportError, match="damaged or not what its name says"):
        read_bytes(b"PK\x03\x04 a zip, not a .doc", "gia.doc")


def test_a_conversion_over_its_time_limit_is_stopped(needs_libreoffice, monkeypatch, tmp_path):
    monkeypatch.setattr(legacy, "CONVERT_SECONDS", 0.01)
    data = as_doc(to_docx(by_name("regular")), tmp_path)
    with pytest.raises(BulletinImportError):
        read_bytes(data, "cham.doc")
