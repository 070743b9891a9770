"""manage.py on a developer machine: a .env from `make install`, never a weaker production."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, env_file, **environment):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env |= {"ENV_FILE": str(env_file), "DJANGO_SETTINGS_MODULE": "config.settings", **environment}
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_command_runs_with_the_development_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# development\nDEBUG=1\n", encoding="utf-8")
    text = tmp_path / "trich.txt"
    text.write_text("Thực hiện Chỉ thị số 26-CT/TW, ngày 23/11/2023 của Ban Bí thư.", "utf-8")

    result = manage("extract_citations", str(text), env_file=env_file)

    assert result.returncode == 0, result.stderr
    assert "26-CT/TW" in result.stdout


def test_without_the_env_file_a_secret_key_is_required(tmp_path):
    result = manage("check", env_file=tmp_path / "missing.env")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_real_environment_wins_over_the_env_file(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("DEBUG=1\n", encoding="utf-8")
    result = manage("check", env_file=env_file, DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_the_env_file_is_never_deployed():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored
