"""Production settings: `check --deploy` is clean and the secret key is required."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    url = base.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        # `check` connects to read the server version (the GeneratedField checks ask for it);
        # the configured database may not exist yet, the server's maintenance database does.
        base["DATABASE_URL"] = url.rsplit("/", 1)[0] + "/postgres"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_with_production_settings() -> None:
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-production-like-test-secret-" + "x7Qp" * 12,
        DJANGO_ALLOWED_HOSTS="sanad.example.org",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_secret_key_is_required_when_debug_is_off_and_no_key_file_can_be_written(tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")  # its "subfolder" can never be created

    result = _manage("check", SANAD_SECRET_KEY_FILE=str(blocker / "secret-key"))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_a_fresh_checkout_generates_its_key_once_and_every_command_runs(tmp_path) -> None:
    """No `make run`, no DJANGO_* variables: `manage.py check` works, debug off, one key kept."""
    key_file = tmp_path / "var" / "secret-key"

    first = _manage("check", SANAD_SECRET_KEY_FILE=str(key_file))
    key = key_file.read_text(encoding="utf-8")
    second = _manage("check", SANAD_SECRET_KEY_FILE=str(key_file))

    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert len(key.strip()) >= 50
    assert key_file.read_text(encoding="utf-8") == key
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_the_key_make_run_wrote_lets_every_command_run_with_debug_off(tmp_path) -> None:
    """After `make run`, `manage.py …` in a fresh shell (no DJANGO_* variables) works, debug off."""
    key_file = tmp_path / "secret-key"
    key_file.write_text("a-generated-local-key-" + "Zq8r" * 12 + "\n", encoding="utf-8")

    result = _manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, len(settings.SECRET_KEY))",
        SANAD_SECRET_KEY_FILE=str(key_file),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["False", "70"]
