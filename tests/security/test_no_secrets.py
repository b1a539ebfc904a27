"""Nothing in the repository holds a secret.

Every file `git ls-files` lists is scanned for what must never be committed: private key
blocks, AWS access keys, provider tokens of a known shape, a `SECRET_KEY` given a literal that
is not clearly test-only, a token-like literal assigned to a password/secret/token name, a URL
with a password in it, and files that hold secrets by their name (`.env`, anything under `var/`,
where `make serve` writes the generated key, SSH keys, `.pem`/`.key` files). A finding names the
file and line and masks the value, so the failure report does not repeat the secret.

The scanner is a plain function, tested on synthetic positives written to a temporary file (the
secrets are assembled at run time, so this file does not hold them). Outside a git checkout
there is no list of tracked files and the repository scan is skipped.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pytest

ROOT = Path(__file__).resolve().parents[2]

# A value holding one of these is a stand-in, not a secret (`test-only-secret-key-...`,
# `django-insecure-development-key-not-for-production`, `bench-only`, `fuzz-only`).
TEST_ONLY_MARKERS = (
    "test",
    "dummy",
    "example",
    "fake",
    "placeholder",
    "changeme",
    "change-me",
    "not-for-production",
    "not-used",
    "-only",  # test-only, bench-only, fuzz-only
    "sample",
    "redacted",
    "xxxx",
)


@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    rule: str
    excerpt: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule}: {self.excerpt}"


def _mask(value: str) -> str:
    return value[:4] + "…" if len(value) > 4 else "…"


def _test_only(value: str) -> bool:
    folded = value.casefold()
    return any(marker in folded for marker in TEST_ONLY_MARKERS)


_TEMPLATE_RE = re.compile(r"^[$%<]|\$[{($]|\{[\w.\[\]'\"()]*\}")  # $VAR, ${VAR}, %(name)s, <key>, {name}


def _literal(value: str, *, shortest: int = 8) -> bool:
    """A value written out (not a variable, a template or a stand-in) and long enough to be a key."""
    return (
        len(value) >= shortest
        and re.search(r"[A-Za-z0-9]", value) is not None
        and _TEMPLATE_RE.search(value) is None
        and not _test_only(value)
    )


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


_TOKEN_CHARS_RE = re.compile(r"[A-Za-z0-9_\-+/=.~!@#%^&*]+")


def token_like(value: str) -> bool:
    """A literal that looks generated rather than typed: long, one chunk, mixed or random."""
    if len(value) < 16 or not _TOKEN_CHARS_RE.fullmatch(value) or _test_only(value):
        return False
    classes = sum(bool(re.search(p, value)) for p in ("[a-z]", "[A-Z]", "[0-9]"))
    hex_key = len(value) >= 32 and re.fullmatch(r"[0-9a-fA-F]+", value) is not None
    return classes == 3 or hex_key or (classes >= 2 and len(value) >= 20 and _entropy(value) >= 4.0)


# Secrets with a shape of their own, wherever they stand.
_SHAPED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("private key block", re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")),
    ("AWS access key id", re.compile(r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b")),
    (
        "AWS secret access key",
        re.compile(r"(?i)aws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?(?P<value>[A-Za-z0-9/+=]{40})\b"),
    ),
    ("GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})\b")),
    ("Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("Stripe live key", re.compile(r"\b[rs]k_live_[0-9A-Za-z]{20,}")),
    ("PyPI token", re.compile(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}")),
    ("npm token", re.compile(r"\bnpm_[A-Za-z0-9]{36}\b")),
)
# `SECRET_KEY = "..."` (any language's quoting) and `DJANGO_SECRET_KEY=...` (shell, .env, env lists).
_SECRET_KEY_QUOTED_RE = re.compile(r"(?i)\b\w*SECRET_KEY[\"']?\s*[:=]\s*(?P<q>[\"'])(?P<value>[^\"'\n]*)(?P=q)")
_SECRET_KEY_ENV_RE = re.compile(r"(?i)\b\w*SECRET_KEY=(?P<value>[^\s\"'$][^\s\"',;]*)")
# A quoted literal assigned to a name that says it is secret (`password=`, `API_TOKEN: "..."`).
_SECRET_NAME_RE = re.compile(
    r"(?i)\b(?P<name>[\w.-]*(?:password|passwd|secret|token|api_?key|access_?key|private_?key|auth_?key)[\w.-]*)"
    r"[\"']?\s*[:=]\s*(?P<q>[\"'])(?P<value>[^\"'\s]+)(?P=q)"
)
# scheme://user:password@host
_URL_PASSWORD_RE = re.compile(r"\b[a-z][a-z0-9+.\-]*://[^/\s:@'\"]+:(?P<value>[^/\s@'\"]+)@[\w.\-]+")

_SECRET_FILE_NAMES = frozenset({"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", ".netrc", ".pypirc", ".htpasswd"})
_SECRET_SUFFIXES = (".pem", ".key", ".p12", ".pfx", ".keystore", ".jks")
_ENV_TEMPLATES = frozenset({".env.example", ".env.sample", ".env.template", ".env.dist"})


def secret_path(path: str) -> str | None:
    """Why a tracked file must not be tracked at all, judging by its path; None if it may be."""
    pure = PurePosixPath(path)
    if pure.parts and pure.parts[0] == "var":
        return "file under var/ (local state and the generated secret key)"
    if (pure.name == ".env" or pure.name.startswith(".env.")) and pure.name not in _ENV_TEMPLATES:
        return ".env file"
    if pure.name in _SECRET_FILE_NAMES or pure.name.endswith(_SECRET_SUFFIXES):
        return "key or credentials file"
    return None


def scan_text(path: str, text: str) -> list[Finding]:
    """Every secret in `text` (the content of `path`), one finding per rule and line."""
    findings: list[Finding] = []
    for number, line in enumerate(text.splitlines(), start=1):
        found: dict[str, str] = {}
        for rule, pattern in _SHAPED:
            m = pattern.search(line)
            if m:
                found[rule] = m.groupdict().get("value") or m.group()
        for pattern in (_SECRET_KEY_QUOTED_RE, _SECRET_KEY_ENV_RE):
            for m in pattern.finditer(line):
                value = m.group("value")
                expression = pattern is _SECRET_KEY_ENV_RE and "(" in value  # SECRET_KEY=os.environ.get(...)
                if _literal(value) and not expression:
                    found.setdefault("SECRET_KEY literal", value)
        for m in _SECRET_NAME_RE.finditer(line):
            if token_like(m.group("value")) and "SECRET_KEY literal" not in found:
                found.setdefault(f"token-like value for {m.group('name')}", m.group("value"))
        for m in _URL_PASSWORD_RE.finditer(line):
            value = m.group("value")
            if _literal(value, shortest=1) and value.casefold() not in ("password", "pass"):
                found.setdefault("password in a URL", value)
        findings.extend(Finding(path, number, rule, _mask(value)) for rule, value in found.items())
    return findings


def scan_file(root: Path, path: str) -> list[Finding]:
    """`secret_path` and `scan_text` for one file under `root`; binary files are judged by name only."""
    findings = []
    reason = secret_path(path)
    if reason:
        findings.append(Finding(path, 0, reason, "tracked"))
    full = root / path
    if not full.is_file() or full.is_symlink():
        return findings  # deleted in the work tree, or a link to something the scan covers anyway
    data = full.read_bytes()
    if b"\0" in data[:8192]:
        return findings
    return findings + scan_text(path, data.decode("utf-8", errors="replace"))


def tracked_files(root: Path) -> list[str] | None:
    """The files git tracks under `root`, or None when `root` is not in a git checkout."""
    git = shutil.which("git")
    if git is None:
        return None
    inside = subprocess.run(
        [git, "-C", str(root), "rev-parse", "--is-inside-work-tree"], capture_output=True, text=True, check=False
    )
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return None
    listed = subprocess.run([git, "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
    return [name for name in listed.stdout.decode("utf-8").split("\0") if name]


class TestRepository:
    def test_no_tracked_file_holds_a_secret(self) -> None:
        files = tracked_files(ROOT)
        if files is None:
            pytest.skip(f"{ROOT} is not a git checkout (or git is missing): no list of tracked files to scan")

        findings = [finding for path in files for finding in scan_file(ROOT, path)]

        assert files
        assert findings == [], "secrets in tracked files:\n" + "\n".join(map(str, findings))


# Synthetic secrets, assembled here so that this file does not hold them.
_BEGIN, _KEY = "-----BEGIN ", "PRIVATE KEY-----"
_AWS_ID = "AKIA" + "Q7ZK2M4X9WJ3P5RT"
_RANDOM = "q8Jf3LzN0vXr6TbW2yHc"  # 20 characters, three classes
_GH = "ghp" + "_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
_DJANGO_KEY = "k3$#x(9v" + "@w=2+q!m^z&8*r-_u)p5"  # the characters Django's startproject keys use

SYNTHETIC_POSITIVES = [
    ("deploy/key.txt", f"header\n{_BEGIN}RSA {_KEY}\nMIIEow...\n", 2, "private key block"),
    ("deploy/key.txt", f"{_BEGIN}OPENSSH {_KEY}\n", 1, "private key block"),
    ("deploy/key.txt", f"{_BEGIN}PGP {_KEY[:-5]} BLOCK-----\n", 1, "private key block"),
    ("config.ini", f"[aws]\naws_access_key_id = {_AWS_ID}\n", 2, "AWS access key id"),
    (
        "config.ini",
        "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"[::-1] + "\n",
        1,
        "AWS secret access key",
    ),
    ("project/settings.py", f'DEBUG = False\nSECRET_KEY = "{_RANDOM}"\n', 2, "SECRET_KEY literal"),
    ("project/settings.py", "SECRET_KEY = 'django-insecure-" + _DJANGO_KEY + "'\n", 1, "SECRET_KEY literal"),
    ("deploy.sh", f"export DJANGO_SECRET_KEY={_RANDOM}\n", 1, "SECRET_KEY literal"),
    ("app.py", f'\n\nclient = Client(api_token="{_RANDOM}")\n', 3, "token-like value for api_token"),
    ("app.yaml", f"database:\n  password: '{_RANDOM}'\n", 2, "token-like value for password"),
    ("app.py", f'GITHUB = "{_GH}"\n', 1, "GitHub token"),
    ("README.md", "DATABASE_URL=postgres://sanad:" + "Zr9" + "mQ2pX@db.internal:5432/sanad\n", 1, "password in a URL"),
]


class TestScanner:
    @pytest.mark.parametrize(
        ("path", "content", "line", "rule"),
        SYNTHETIC_POSITIVES,
        ids=[row[3] + ":" + row[0] for row in SYNTHETIC_POSITIVES],
    )
    def test_a_secret_in_a_file_is_found_with_its_file_and_line(self, tmp_path, path, content, line, rule) -> None:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(content, encoding="utf-8")

        findings = scan_file(tmp_path, path)

        assert [(f.path, f.line, f.rule) for f in findings] == [(path, line, rule)]
        assert str(findings[0]).startswith(f"{path}:{line}: {rule}: ")
        assert _RANDOM not in str(findings[0])  # the report masks the value

    @pytest.mark.parametrize(
        "content",
        [
            'SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")',
            "SECRET_KEY=os.environ.get('DJANGO_SECRET_KEY')",
            '# `SECRET_KEY = "..."` in a comment',
            'SECRET_KEY = "{key}".format(key=load())',
            'SECRET_KEY = "%(secret)s"',
            '            "DJANGO_SECRET_KEY": "fuzz-only",',
            'SECRET_KEY = "django-insecure-development-key-not-for-production"  # noqa: S105',
            '    "DJANGO_SECRET_KEY=test-only-secret-key-not-used-anywhere-else-0123456789abcdef",',
            'SERVE_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat var/secret-key)}"',
            'BENCH_API_ENV = DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-bench-only}"',
            'user = User.objects.create_user("alice", password="x-curator-pass-1")',
            'PASSWORD = "browser-test-pass-91"',
            "password = secrets.token_urlsafe(12)",
            'password = f":{quote(db[\'PASSWORD\'])}" if db.get("PASSWORD") else ""',
            "DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_ci",
            "DATABASE_URL=postgres://user:${PGPASSWORD}@127.0.0.1/sanad",
            'token = b64encode(urlencode({"p": str(deep_position)}).encode("ascii")).decode("ascii")',
            '_TOKEN_SPLIT_RE = re.compile(r"[\\s\\u200c\\"\'()\\[\\]]+")',
            "-----BEGIN PUBLIC KEY-----",
        ],
    )
    def test_code_that_names_secrets_without_holding_one_passes(self, content: str) -> None:
        assert scan_text("x", content) == []

    @pytest.mark.parametrize(
        ("path", "flagged"),
        [
            (".env", True),
            ("deploy/.env.production", True),
            ("var/secret-key", True),
            ("var/demo-curator.txt", True),
            ("keys/id_ed25519", True),
            ("certs/server.pem", True),
            (".env.example", False),
            ("docs/env.md", False),
            ("claims/domain/variables.py", False),
            ("scripts/var.py", False),
        ],
    )
    def test_files_that_hold_secrets_by_their_name_are_flagged(self, tmp_path, path, flagged) -> None:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("harmless\n", encoding="utf-8")

        findings = scan_file(tmp_path, path)

        assert bool(findings) is flagged
        assert all((f.path, f.line) == (path, 0) for f in findings)

    def test_a_binary_file_is_judged_by_its_name_only(self, tmp_path) -> None:
        (tmp_path / "blob.bin").write_bytes(b"\0\1" + f"{_BEGIN}RSA {_KEY}".encode())

        assert scan_file(tmp_path, "blob.bin") == []

    def test_outside_a_git_checkout_there_are_no_tracked_files(self, tmp_path) -> None:
        assert tracked_files(tmp_path) is None

    def test_inside_a_git_checkout_the_tracked_files_are_listed(self, tmp_path) -> None:
        git = shutil.which("git")
        if git is None:
            pytest.skip("git is not installed")
        subprocess.run([git, "init", "-q", str(tmp_path)], check=True)
        (tmp_path / ".env").write_text(f"SECRET_KEY={_RANDOM}\n", encoding="utf-8")
        (tmp_path / "untracked.py").write_text("x = 1\n", encoding="utf-8")
        subprocess.run([git, "-C", str(tmp_path), "add", ".env"], check=True)

        files = tracked_files(tmp_path)

        assert files == [".env"]
        assert {f.rule for f in scan_file(tmp_path, ".env")} == {".env file", "SECRET_KEY literal"}
