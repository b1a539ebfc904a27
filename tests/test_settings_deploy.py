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


def test_secret_key_is_required_when_debug_is_off() -> None:
    result = _manage("check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr
