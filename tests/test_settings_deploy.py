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


def test_secret_key_is_required_when_debug_is_off(tmp_path) -> None:
    result = _manage("check", SANAD_SECRET_KEY_FILE=str(tmp_path / "no-key-here"))

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


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
