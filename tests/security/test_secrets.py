"""No tracked file holds a secret that is not in the audited baseline (detect-secrets).

The scanner is Yelp's detect-secrets (pinned in requirements-dev.txt). `.secrets.baseline` at
the repository root records its plugins, its filters (content hashes such as `"sha256": "…"`
are excluded) and the findings a person has audited as harmless (test-only passwords and
keys, marked `"is_secret": false`). A finding that is not in the baseline fails the test.

After adding a test-only value on purpose: `make secrets-baseline`, then review the new entry
(`detect-secrets audit .secrets.baseline`) and commit the baseline with the change.

The synthetic positives below are assembled at run time, so this file holds none of them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePosixPath

import pytest
from detect_secrets.core import baseline
from detect_secrets.core.secrets_collection import SecretsCollection
from detect_secrets.settings import default_settings

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / ".secrets.baseline"


def new_secrets(root: Path, files: list[str], baseline_file: Path) -> list[str]:
    """`file:line: type` of every secret in `files` (relative to `root`) that the baseline lacks.

    The baseline's plugins and filters configure the scan (inside `default_settings`, which
    restores detect-secrets' process-wide settings afterwards); files are scanned in parallel.
    """
    # Findings compare by file name, and the baseline's are relative: scan from `root`. The
    # baseline's own name, relative to `root` too, keeps the baseline file out of its own scan.
    relative = os.path.relpath(baseline_file.resolve(), root)
    with default_settings(), contextlib.chdir(root):
        known = baseline.load(baseline.load_from_file(relative), relative)
        found = SecretsCollection()
        found.scan_files(*files)
        fresh = found - known
    return sorted(f"{name}:{secret.line_number}: {secret.type}" for name, secret in fresh)


def tracked_files(root: Path) -> list[str] | None:
    """The files git tracks under `root` (those present in the work tree), or None outside git."""
    git = shutil.which("git")
    if git is None:
        return None
    inside = subprocess.run(
        [git, "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, check=False
    )
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    listed = subprocess.run([git, "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
    names = [name for name in listed.stdout.decode("utf-8").split("\0") if name]
    return [name for name in names if (root / name).is_file() and not (root / name).is_symlink()]


# Files that hold secrets by what they are, whatever their content looks like to a scanner
# (`make serve` writes its generated key to var/secret-key as one bare token).
_SECRET_FILE_NAMES = frozenset({".env", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".netrc", ".pypirc"})
_SECRET_SUFFIXES = (".pem", ".key", ".p12", ".pfx")


def secret_path(path: str) -> bool:
    pure = PurePosixPath(path)
    return (pure.parts[:1] == ("var",)) or pure.name in _SECRET_FILE_NAMES or pure.name.endswith(_SECRET_SUFFIXES)


@pytest.fixture(scope="module")
def repository_files() -> list[str]:
    files = tracked_files(ROOT)
    if files is None:
        pytest.skip(f"{ROOT} is not a git checkout (or git is missing): no list of tracked files to scan")
    return files


class TestRepository:
    def test_no_tracked_file_holds_a_secret_outside_the_baseline(self, repository_files) -> None:
        findings = new_secrets(ROOT, repository_files, BASELINE)

        assert findings == [], "secrets not in .secrets.baseline:\n" + "\n".join(findings)

    def test_every_baseline_entry_was_audited_as_harmless(self) -> None:
        results = baseline.load_from_file(str(BASELINE))["results"]

        unaudited = [
            f"{name}:{r['line_number']}"
            for name, rows in results.items()
            for r in rows
            if r.get("is_secret") is not False
        ]

        assert unaudited == [], "audit these with `detect-secrets audit .secrets.baseline`"

    def test_no_tracked_file_is_a_secret_by_its_name(self, repository_files) -> None:
        assert [path for path in repository_files if secret_path(path)] == []


# Synthetic secrets, assembled here so that this file does not hold them.
_RANDOM = "q8Jf3LzN0vXr6TbW2yHc" + "Kp4sD9"
SYNTHETIC_POSITIVES = [
    ("config.ini", "[aws]\naws_access_key_id = " + "AKIA" + "Q7ZK2M4X9WJ3P5RT" + "\n", 2, "AWS Access Key"),
    ("deploy/key.txt", "header\n-----BEGIN RSA " + "PRIVATE KEY-----\nMIIEow\n", 2, "Private Key"),
    ("project/local.py", f'\n\nSECRET_KEY = "{_RANDOM}"\n', 3, "Secret Keyword"),
    ("app.py", 'GITHUB = "ghp' + "_" + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"\n', 1, "GitHub Token"),
    (
        "README.md",
        "DATABASE_URL=postgres://sanad:" + "Zr9mQ2pX" + "@db.internal:5432/sanad\n",
        1,
        "Basic Auth Credentials",
    ),
]


class TestScanner:
    """The check can fail: a secret written into a scanned file is reported with file, line and type."""

    @pytest.mark.parametrize(
        ("path", "content", "line", "kind"), SYNTHETIC_POSITIVES, ids=[row[3] for row in SYNTHETIC_POSITIVES]
    )
    def test_a_new_secret_is_reported(self, tmp_path, path, content, line, kind) -> None:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, encoding="utf-8")

        findings = new_secrets(tmp_path, [path], BASELINE)

        assert f"{path}:{line}: {kind}" in findings

    def test_a_secret_in_the_baseline_is_not_reported_again(self, tmp_path) -> None:
        path = "project/local.py"
        (tmp_path / "project").mkdir()
        (tmp_path / path).write_text(f'SECRET_KEY = "{_RANDOM}"\n', encoding="utf-8")
        subprocess.run(
            [sys.executable, "-m", "detect_secrets", "scan", path],
            cwd=tmp_path,
            stdout=(tmp_path / "baseline.json").open("w"),
            check=True,
        )

        assert new_secrets(tmp_path, [path], tmp_path / "baseline.json") == []

    def test_a_content_hash_is_not_a_secret(self, tmp_path) -> None:
        digest = hashlib.sha256(b"an article").hexdigest()
        (tmp_path / "index.jsonl").write_text(f'{{"text_sha256": "{digest}"}}\n', encoding="utf-8")

        assert new_secrets(tmp_path, ["index.jsonl"], BASELINE) == []

    @pytest.mark.parametrize(
        ("path", "flagged"),
        [(".env", True), ("var/secret-key", True), ("certs/server.pem", True), ("docs/env.md", False)],
    )
    def test_files_that_hold_secrets_by_their_name_are_flagged(self, path, flagged) -> None:
        assert secret_path(path) is flagged
