"""The development half and the frozen test half of every external suite.

Why: a suite the extractor's authors read while writing rules measures how well they read it,
not how the extractor does on text it has not seen. So every case belongs to one half, fixed by
a hash of its suite and text (the same rule as the real-news set's, `benchmarks/devset/README.md`):

    half = "test" if int(sha256(f"{suite}\\n{text}".encode()).hexdigest()[:8], 16) % 2 else "dev"

The same text in two groups of a suite lands in the same half. Cases whose text was copied into
a unit test (found by matching the suites' texts against every string in `tests/unit/`) belong
to the development half whatever their hash: they were read. Development looks at the `dev`
half only (`--half dev --show-failures N`); `docs/eval.md` reports the `test` half, and never
lists its cases.
"""

from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from benchmarks.evaluation.cases import REPO_ROOT, Case, clean

UNIT_TESTS = REPO_ROOT / "tests" / "unit"
DEV, TEST = "dev", "test"
# A text counts as copied when it equals a unit-test string and has this many letters (`واحد`,
# not `1`: a bare figure says nothing of the rules), or when one of the two holds the other and
# the shorter has this many letters and this share of the longer's length: most of a suite's
# sentence in a test (`الأسبوع الماضي` alone is a phrase anyone would test, not a copy).
_MIN_LETTERS = 3
_MIN_COPIED_LETTERS = 12
_MIN_COPIED_SHARE = 0.6
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def hashed_half(suite: str, text: str) -> str:
    """The half a case falls in by the hash of its suite and text."""
    digest = hashlib.sha256(f"{suite}\n{text}".encode()).hexdigest()
    return TEST if int(digest[:8], 16) % 2 else DEV


@cache
def unit_test_strings(root: Path = UNIT_TESTS) -> frozenset[str]:
    """Every string literal of the unit tests, cleaned as the loaders clean suite texts."""
    found: set[str] = set()
    for path in sorted(root.glob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                found.add(clean(node.value))
    return frozenset(found)


def copied_into_tests(text: str, strings: Iterable[str]) -> bool:
    """Whether a suite's text was copied into a unit test: equal, or one holds the other."""
    text = clean(text)
    if text in strings:
        return len(_NOT_LETTERS.sub("", text)) >= _MIN_LETTERS
    for s in strings:
        shorter, longer = (s, text) if len(s) <= len(text) else (text, s)
        if (
            shorter in longer
            and len(_NOT_LETTERS.sub("", shorter)) >= _MIN_COPIED_LETTERS
            and len(shorter) >= _MIN_COPIED_SHARE * len(longer)
        ):
            return True
    return False


def copied_texts(cases: Iterable[Case], strings: frozenset[str] | None = None) -> frozenset[str]:
    """The texts of the cases that were copied into a unit test."""
    strings = unit_test_strings() if strings is None else strings
    return frozenset(text for text in {c.text for c in cases} if copied_into_tests(text, strings))


def assign(cases: Iterable[Case], copied: frozenset[str] | None = None) -> dict[Case, str]:
    """The half of every case: `dev` when its text is in a unit test, else its hashed half."""
    cases = list(cases)
    copied = copied_texts(cases) if copied is None else copied
    return {case: DEV if case.text in copied else hashed_half(case.suite, case.text) for case in cases}
