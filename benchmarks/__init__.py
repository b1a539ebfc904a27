"""Measurement and development tools that live outside the apps and are never imported by them.

Benchmarks (API, conflict scan, import, load, extraction), the extractor's evaluation on
third-party suites and on the real-news development set (`devset/`), API fuzzing, and the
builder of the curated fixture. Each module runs as `python -m benchmarks.<name>`; those that
need Django call `setup_django()` before importing the apps.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    """Configure Django for a standalone run (idempotent); the apps are imported after this."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()
