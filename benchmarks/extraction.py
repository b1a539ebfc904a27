"""Benchmark the Sanad extractor against dateparser's `search_dates` on the same sentences.

Why: the extractor runs on every sentence of every article, so its throughput bounds ingestion.
dateparser is the obvious off-the-shelf alternative for the date half; the target is to be at
least 50x faster than `dateparser.search.search_dates` in process, on the same sentences, while
doing more (figures, ranges, identifiers and times as well as dates). This is a benchmark, not a
test: it never fails the build, it prints figures and writes `docs/bench.md`.

    .venv/bin/python -m benchmarks.extraction [--rounds 5] [--seconds 1.0]

How it is fair: both tools read exactly the same sentences (every sentence of the seed articles,
as the ingest pipeline segments them, each with its article's language). The two are timed in
alternating rounds (Sanad, then dateparser, then Sanad again, ...), so a slow spell of the
machine falls on both; in a round each reads the whole list of sentences as many times as fits
in `--seconds` (at least once), and its rate is sentences read per second. The report gives the
median of the rounds and their spread (lowest and highest), for each tool and for the ratio of
the two within a round. Both are warmed up first (imports, compiled patterns, dateparser's
language data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import statistics
import sys
import time
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "fixtures" / "seeds"
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "bench.md"
DEFAULT_EXTRACTOR = "corpus.extraction.extraction:extract"
TARGET_RATIO = 50.0


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    language: str


def load_seed_sentences() -> list[Sentence]:
    """The seed articles' sentences (NFC), as `corpus.domain.segmentation` cuts them."""
    from corpus.domain.segmentation import sentences

    metadata_path = SEEDS_DIR / "metadata.json"
    metadata: dict[str, Any] = json.loads(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    out: list[Sentence] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        language = (metadata.get(path.name) or {}).get("language") or "ar"
        out.extend(Sentence(span.text, language) for span in sentences(text) if span.text.strip())
    return out


def load_extractor(spec: str) -> Callable[..., list[Any]]:
    """`module:function` (a stand-in extractor may be passed for testing)."""
    target, _, func = spec.rpartition(":")
    return getattr(importlib.import_module(target), func)


def sanad_pass(extract: Callable[..., list[Any]], sentences: list[Sentence]) -> Counter[str]:
    found: Counter[str] = Counter()
    for s in sentences:
        for mention in extract(s.text, s.language):
            found[str(mention.kind)] += 1
    return found


def dateparser_pass(sentences: list[Sentence]) -> Counter[str]:
    from dateparser.search import search_dates

    found: Counter[str] = Counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for s in sentences:
            found["date"] += len(search_dates(s.text, languages=[s.language]) or [])
    return found


def timed(one_pass: Callable[[], Counter[str]], sentences: int, seconds: float) -> float:
    """Sentences per second over as many whole passes as fit in `seconds` (at least one)."""
    passes = 0
    started = time.perf_counter()
    while True:
        one_pass()
        passes += 1
        elapsed = time.perf_counter() - started
        if elapsed >= seconds:
            return passes * sentences / elapsed


def spread(values: list[float]) -> tuple[float, float, float]:
    """Median, lowest and highest."""
    return statistics.median(values), min(values), max(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (at least 3)")
    parser.add_argument("--seconds", type=float, default=1.0, help="time each tool gets in a round")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Markdown report path")
    parser.add_argument("--no-write", action="store_true", help="do not write the Markdown report")
    args = parser.parse_args(argv)
    rounds = max(args.rounds, 3)

    sentences = load_seed_sentences()
    if not sentences:
        print(f"error: no sentences found in {SEEDS_DIR}", file=sys.stderr)
        return 2
    extract = load_extractor(args.extractor)
    sanad_found = sanad_pass(extract, sentences)  # warm-up, and what each finds
    dateparser_found = dateparser_pass(sentences)
    n = len(sentences)
    chars = sum(len(s.text) for s in sentences) / n
    languages = Counter(s.language for s in sentences)
    print(f"{n} seed sentences (mean {chars:.0f} characters; {dict(languages)}), {rounds} alternating rounds")

    sanad_rates: list[float] = []
    dateparser_rates: list[float] = []
    for r in range(rounds):
        sanad_rates.append(timed(lambda: sanad_pass(extract, sentences), n, args.seconds))
        dateparser_rates.append(timed(lambda: dateparser_pass(sentences), n, args.seconds))
        print(
            f"  round {r + 1}: Sanad {sanad_rates[-1]:,.0f}/s, dateparser {dateparser_rates[-1]:,.0f}/s, "
            f"ratio {sanad_rates[-1] / dateparser_rates[-1]:,.1f}x"
        )
    ratios = [s / d for s, d in zip(sanad_rates, dateparser_rates, strict=True)]
    s_med, s_lo, s_hi = spread(sanad_rates)
    d_med, d_lo, d_hi = spread(dateparser_rates)
    r_med, r_lo, r_hi = spread(ratios)
    verdict = "meets" if r_med >= TARGET_RATIO else "BELOW"
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(sanad_found.items()))
    print(f"Sanad: median {s_med:,.0f} sentences/s (from {s_lo:,.0f} to {s_hi:,.0f}); finds {kinds}")
    print(
        f"dateparser: median {d_med:,.0f} sentences/s (from {d_lo:,.0f} to {d_hi:,.0f}); finds {dateparser_found['date']} dates"
    )
    print(f"ratio: median {r_med:,.1f}x (from {r_lo:,.1f}x to {r_hi:,.1f}x); target >= {TARGET_RATIO:.0f}x: {verdict}")

    if not args.no_write:
        command = "python -m benchmarks.extraction " + " ".join(argv if argv is not None else sys.argv[1:])
        machine = f"{os.cpu_count()} CPUs (nproc), {platform.machine()}, {platform.system()} {platform.release()}"
        if hasattr(os, "getloadavg"):  # a busy machine slows both tools; the ratio is what compares
            machine += f", load average {os.getloadavg()[0]:.1f} at the end"
        lines = [
            "# Extractor benchmark",
            "",
            f"Run on {dt.date.today().isoformat()} with `{command.strip()}` (`make bench`).",
            "",
            f"- Machine: {machine}; Python {platform.python_version()}; one process.",
            f"- Input: the {n} sentences of the five seed articles (`fixtures/seeds/*.txt`, NFC, cut by "
            f"`corpus.domain.segmentation`, mean {chars:.0f} characters; "
            f"{', '.join(f'{k} {v}' for k, v in sorted(languages.items()))}), each with its article's language. "
            "**Both tools read exactly these sentences.**",
            f"- {rounds} alternating rounds: in each, Sanad's `extract()` and then dateparser's `search_dates()` "
            f"read the whole list as many times as fits in {args.seconds:g} s; a rate is sentences per second "
            "(`time.perf_counter()`), a ratio is Sanad's rate over dateparser's in the same round. Both warmed up first.",
            "",
            "| | median | lowest | highest |",
            "|---|---:|---:|---:|",
            f"| Sanad `extract()`, sentences/s | {s_med:,.0f} | {s_lo:,.0f} | {s_hi:,.0f} |",
            f"| dateparser `search_dates()`, sentences/s | {d_med:,.0f} | {d_lo:,.0f} | {d_hi:,.0f} |",
            f"| ratio Sanad / dateparser | **{r_med:,.1f}x** | {r_lo:,.1f}x | {r_hi:,.1f}x |",
            "",
            f"On these {n} sentences Sanad finds {kinds}; dateparser finds {dateparser_found['date']} dates.",
            "",
            f"**Median ratio {r_med:,.1f}x** (target ≥ {TARGET_RATIO:.0f}x: {verdict}).",
            "",
        ]
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text("\n".join(lines), encoding="utf-8")
        print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
