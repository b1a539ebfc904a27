"""The extractor's version: a digest of its code and data, recorded on every stored mention.

Why a digest and not a number someone bumps: a stored mention must say which extractor found
it, and a hand-kept number is forgotten on the change that matters. Any edit to a module or a
data file of this package gives a new version, so `manage.py reextract` knows which stored
mentions are out of date without being told.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_SUFFIXES = (".py", ".toml")


def _digest(package: Path = _PACKAGE) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _SUFFIXES and p.is_file()):
        sha.update(path.relative_to(package).as_posix().encode())
        sha.update(b"\0")
        sha.update(path.read_bytes())
        sha.update(b"\0")
    return sha.hexdigest()[:16]


EXTRACTOR_VERSION: str = _digest()
"""16 hex digits of the sha256 of the package's `.py` and `.toml` files, by path."""
