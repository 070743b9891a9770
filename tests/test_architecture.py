"""The layering of the apps (README, Architecture): each app imports only the ones below it."""

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent))


def lint_imports(root):
    """Exit code and output of import-linter run on the tree at ``root``."""
    if LINT_IMPORTS is None:
        pytest.fail("import-linter is not installed: run `make install`.")
    result = subprocess.run(  # noqa: S603 - our own tool on our own tree
        [LINT_IMPORTS, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def test_the_project_keeps_its_layers():
    code, output = lint_imports(ROOT)
    assert code == 0, output


@pytest.mark.parametrize(
    ("importer", "imported"),
    [
        ("people", "bulletins"),
        ("documents", "portal"),
        ("bulletins", "portal"),
        ("accounts", "documents"),
    ],
)
def test_an_upward_import_breaks_the_contract(tmp_path, importer, imported):
    """The contract itself, on a small tree with the project's app names and one bad import."""
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = contract["contracts"][0]["layers"]
    assert layers.index(importer) > layers.index(imported)
    for package in contract["root_packages"]:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / importer / "models.py").write_text(f"import {imported}\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    code, output = lint_imports(tmp_path)
    assert code == 1
    assert f"{importer} is not allowed to import {imported}" in output
