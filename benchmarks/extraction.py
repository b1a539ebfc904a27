"""Benchmark the Sanad extractor against dateparser on sentences of the seed articles.

Why: the extractor runs on every sentence of every ingested article, so its throughput bounds
ingestion. dateparser is the obvious off-the-shelf alternative for the date half; the target
is to be at least 20x faster than `dateparser.search.search_dates` on the same sentences
while doing more (numbers, ranges and identifiers as well as dates). This is a benchmark,
not a test: it never fails the build, it prints figures and writes `docs/bench.md`.

    .venv/bin/python -m benchmarks.extraction [--sentences 10000] [--dateparser-sample 1000]

dateparser is slow, so it is timed on an evenly spread sample of the sentences and its rate
is extrapolated; the output says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import json
import os
import platform
import re
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
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SEEDS_DIR = REPO_ROOT / "fixtures" / "seeds"
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "bench.md"
DEFAULT_EXTRACTOR = "corpus.extraction.extraction:extract"
TARGET_RATIO = 20.0

# The fallback splitter, used only while `corpus.domain.segmentation` does not exist yet:
# sentence ends (. ؟ ? ! and the Arabic full stop ۔) and line breaks.
_FALLBACK_SPLIT = re.compile(r"(?<=[.؟?!۔])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    language: str


def load_seed_sentences() -> tuple[list[Sentence], str]:
    """The seed articles' sentences (NFC) and the name of the splitter that produced them."""
    metadata_path = SEEDS_DIR / "metadata.json"
    metadata: dict[str, Any] = json.loads(metadata_path.read_text(encoding="utf-8")) if metadata_path.exists() else {}
    split, splitter = _splitter()
    out: list[Sentence] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        language = (metadata.get(path.name) or {}).get("language") or "ar"
        out.extend(Sentence(s, language) for s in split(text) if s.strip())
    return out, splitter


def _splitter() -> tuple[Callable[[str], list[str]], str]:
    """`corpus.domain.segmentation.sentences` if it exists, else the simple fallback."""
    try:
        segmentation = importlib.import_module("corpus.domain.segmentation")
        sentences = segmentation.sentences
    except (ImportError, AttributeError):
        return (lambda text: [s.strip() for s in _FALLBACK_SPLIT.split(text)]), "fallback split on . ؟ ! and newlines"
    return (lambda text: [span.text for span in sentences(text)]), "corpus.domain.segmentation.sentences"


def load_extractor(spec: str) -> Callable[..., list[Any]]:
    """`module:function` or `path/to/file.py:function` (a stand-in extractor for testing)."""
    target, _, func = spec.rpartition(":")
    if target.endswith(".py"):
        module_spec = importlib.util.spec_from_file_location("_bench_stand_in", target)
        if module_spec is None or module_spec.loader is None:
            raise SystemExit(f"cannot load {target}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    return getattr(module, func)


@dataclass(slots=True)
class Timing:
    sentences: int
    seconds: float
    mentions: int
    by_kind: Counter[str]

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds if self.seconds else float("inf")

    @property
    def mentions_per_1000(self) -> float:
        return 1000 * self.mentions / self.sentences if self.sentences else 0.0


def time_sanad(extract: Callable[..., list[Any]], sentences: list[Sentence]) -> Timing:
    by_kind: Counter[str] = Counter()
    started = time.perf_counter()
    for s in sentences:
        for mention in extract(s.text, s.language):
            by_kind[str(mention.kind)] += 1
    seconds = time.perf_counter() - started
    return Timing(len(sentences), seconds, sum(by_kind.values()), by_kind)


def time_dateparser(sentences: list[Sentence]) -> Timing:
    from dateparser.search import search_dates

    found = 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        started = time.perf_counter()
        for s in sentences:
            found += len(search_dates(s.text, languages=[s.language]) or [])
        seconds = time.perf_counter() - started
    return Timing(len(sentences), seconds, found, Counter(date=found))


def spread_sample(items: list[Sentence], n: int) -> list[Sentence]:
    """`n` items taken at even strides, so the sample keeps the mix of articles and lengths."""
    if n >= len(items):
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=10_000, help="sentences to time Sanad on (default 10000)")
    parser.add_argument(
        "--dateparser-sample", type=int, default=1000, help="sentences to time dateparser on (default 1000)"
    )
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function or file.py:function")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="Markdown report path")
    parser.add_argument("--no-write", action="store_true", help="do not write the Markdown report")
    args = parser.parse_args(argv)

    unique, splitter = load_seed_sentences()
    if not unique:
        print(f"error: no sentences found in {SEEDS_DIR}", file=sys.stderr)
        return 2
    # Warm-up: one pass over the unique sentences for each, so imports, lazily compiled patterns
    # and dateparser's per-language data are loaded before the clock starts.
    try:
        extract = load_extractor(args.extractor)
        for s in unique:
            extract(s.text, s.language)
    except ImportError as exc:
        print(f"error: the extractor cannot run yet: {exc}", file=sys.stderr)
        return 3
    time_dateparser(unique)

    total = max(args.sentences, 1)
    corpus = [unique[i % len(unique)] for i in range(total)]
    sample = spread_sample(corpus, max(args.dateparser_sample, 1))
    chars = sum(len(s.text) for s in corpus) / len(corpus)
    languages = Counter(s.language for s in unique)

    print(f"seed sentences: {len(unique)} unique ({splitter}); languages {dict(languages)}")
    print(f"timing Sanad extract() on {len(corpus)} sentences (mean {chars:.0f} characters) ...")
    sanad = time_sanad(extract, corpus)
    print(f"timing dateparser search_dates() on a sample of {len(sample)} sentences ...")
    dateparser_timing = time_dateparser(sample)
    ratio = sanad.rate / dateparser_timing.rate if dateparser_timing.rate else float("inf")
    verdict = "meets" if ratio >= TARGET_RATIO else "BELOW"

    rows = [
        ["Sanad `extract()`", f"{sanad.sentences}", f"{sanad.seconds:.2f}", f"{sanad.rate:,.0f}"],
        [
            f"dateparser `search_dates()` (sample of {dateparser_timing.sentences}, extrapolated)",
            f"{dateparser_timing.sentences}",
            f"{dateparser_timing.seconds:.2f}",
            f"{dateparser_timing.rate:,.0f}",
        ],
    ]
    rows[0].append(f"{sanad.mentions_per_1000:,.0f}")
    rows[1].append(f"{dateparser_timing.mentions_per_1000:,.0f}")
    header = ["extractor", "sentences timed", "seconds", "sentences/s", "mentions per 1,000 sentences"]
    kinds = ", ".join(f"{k} {1000 * n / sanad.sentences:,.0f}" for k, n in sorted(sanad.by_kind.items()))

    print()
    for row in [header, *rows]:
        print(f"  {row[0]:<62} {row[1]:>15} {row[2]:>9} {row[3]:>12} {row[4]:>12}")
    print(f"\nSanad mentions per 1,000 sentences by kind: {kinds or 'none'}")
    print("dateparser's rate is measured on a sample and extrapolated; its mentions are dates only.")
    print(f"ratio Sanad/dateparser: {ratio:,.1f}x (target >= {TARGET_RATIO:.0f}x: {verdict})")

    if not args.no_write:
        command = ".venv/bin/python -m benchmarks.extraction " + " ".join(argv if argv is not None else sys.argv[1:])
        machine = f"{os.cpu_count()} CPUs (nproc), {platform.machine()}, {platform.system()} {platform.release()}"
        lines = [
            "# Extractor benchmark",
            "",
            f"Run on {dt.date.today().isoformat()} with `{command.strip()}`.",
            "",
            f"- Machine: {machine}; Python {platform.python_version()}.",
            f"- Input: the {len(unique)} sentences of the five seed articles (`fixtures/seeds/*.txt`, NFC, split by "
            f"{splitter}), repeated to {len(corpus)} sentences (mean {chars:.0f} characters); languages "
            f"{', '.join(f'{k} {v}' for k, v in sorted(languages.items()))} (unique sentences).",
            "- Both extractors were warmed up with one pass over the unique sentences; times are `time.perf_counter()` wall clock, single process.",
            f"- dateparser's rate is **measured on an evenly spread sample of {dateparser_timing.sentences} "
            "sentences and extrapolated**; it finds dates only, Sanad also finds quantities and identifiers.",
            "",
            "| " + " | ".join(header) + " |",
            "|---|---:|---:|---:|---:|",
            *("| " + " | ".join(row) + " |" for row in rows),
            "",
            f"Sanad mentions per 1,000 sentences by kind: {kinds or 'none'}.",
            "",
            f"**Ratio Sanad/dateparser: {ratio:,.1f}x** (target ≥ {TARGET_RATIO:.0f}x: {verdict}).",
            "",
        ]
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text("\n".join(lines), encoding="utf-8")
        print(f"\nwrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
