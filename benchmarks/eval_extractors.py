"""Score the Sanad extractor (and dateparser) on data nobody on the project wrote.

Why: the extractor's own unit tests are written by the people who wrote the rules, so they
share their blind spots. Two measures here are not:

* the external suites in `../shared/external-tests/` (Microsoft Recognizers-Text, Duckling,
  NeMo, Humanizer, persian-tools, num2words, num2fawords, dateparser), each case mapped to one
  uniform `Case` (`benchmarks.evaluation.suites`) and split into a development half and a frozen
  test half by a fixed hash (`benchmarks.evaluation.halves`);
* the real-news development set (`benchmarks/devset`: index and labels in git, the article
  texts only where someone fetched them), scored per language and half
  (`benchmarks.evaluation.devset`).

`docs/eval.md` reports the suites' test half and both halves of the real-news set in aggregate.
Work on the extractor with the development halves only:

    .venv/bin/python -m benchmarks.eval_extractors --half dev --show-failures 20 [--suite NAME]
    .venv/bin/python -m benchmarks.eval_extractors --devset-failures 30

It is an evaluation, not a test: `make test` never needs the suites or the texts, and nothing
here imports Django.
"""

from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.evaluation import devset as devset_module
from benchmarks.evaluation import halves
from benchmarks.evaluation.cases import REPO_ROOT, Case
from benchmarks.evaluation.report import (
    HEADER,
    failure_categories,
    load_extractor,
    md_table,
    print_failures,
    render_markdown,
    run,
    summarize,
    table,
)
from benchmarks.evaluation.suites import LOADERS

# `../shared/external-tests` beside the repository (or beside the folder of worktrees).
DEFAULT_SUITES_DIR = next(
    (p / "shared" / "external-tests" for p in REPO_ROOT.parents if (p / "shared" / "external-tests").is_dir()),
    REPO_ROOT.parent / "shared" / "external-tests",
)
DEFAULT_OUTPUT = REPO_ROOT / "docs" / "eval.md"
DEFAULT_EXTRACTOR = "corpus.extraction.extraction:extract"
DEFAULT_ANALYZER = "corpus.extraction.article:analyze_article"


def _devset_section(args: argparse.Namespace, with_dateparser: bool) -> tuple[list[str], str]:
    """The real-news set's Markdown section and its console table (or why there is none)."""
    loaded = devset_module.load(args.devset_dir)
    title = ["## Real news: the development set", ""]
    if loaded is None:
        note = f"No index at {args.devset_dir}: the real-news set was not scored."
        return [*title, note, ""], note
    if not loaded.articles:
        note = (
            f"The texts of the {loaded.indexed} indexed articles are not present in {args.devset_dir}/texts "
            "(they stay out of git; see benchmarks/devset/README.md): the real-news set was not scored."
        )
        return [*title, note, ""], note
    analyze = load_extractor(args.analyzer)
    scores = devset_module.evaluate(loaded, analyze, with_dateparser=with_dateparser)
    rows = devset_module.rows(scores)
    missing = f" ({len(loaded.missing)} indexed articles without their text were left out)" if loaded.missing else ""
    section = [
        *title,
        f"{len(loaded.articles)} articles{missing}, real news nobody on the project wrote, every figure and "
        "date labelled by hand (`benchmarks/devset/README.md`). The whole-article pipeline runs on each "
        "(`analyze_article`: chrome, sentences, the article's date, mentions), with the index's date of the "
        "article as reference when it has one. A label counts as found *with the right value* when a mention "
        "of its kind overlaps it and states its value (a figure's nominal; a date's first and last day, or "
        "its nominal), *with the right modifier* when that mention's modifier is the label's too; "
        "*precision* is the share of Sanad's figure and date mentions that overlap a labelled figure or date. "
        "dateparser's `search_dates` reads the same sentences (the article's date as its relative base); a "
        "date label counts for it when one of its hits overlaps the label and falls in the label's days. "
        "The `test` half is the measure of unseen news: its articles are never read while developing.",
        "",
        md_table(devset_module.HEADER, rows),
        "",
    ]
    return section, table(devset_module.HEADER, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--suites-dir", type=Path, default=DEFAULT_SUITES_DIR, help="external test suites folder")
    parser.add_argument("--suite", action="append", choices=sorted(LOADERS), help="run only this suite (repeatable)")
    parser.add_argument(
        "--half", choices=[halves.DEV, halves.TEST], default=None, help="score one half of the suites only"
    )
    parser.add_argument(
        "--show-failures", type=int, default=0, metavar="N", help="print the first N failures per suite (dev half)"
    )
    parser.add_argument("--no-dateparser", action="store_true", help="skip the (slow) dateparser columns")
    parser.add_argument("--extractor", default=DEFAULT_EXTRACTOR, help="module:function or file.py:function")
    parser.add_argument("--analyzer", default=DEFAULT_ANALYZER, help="the whole-article pipeline, module:function")
    parser.add_argument("--devset-dir", type=Path, default=devset_module.DEVSET_DIR, help="the real-news set")
    parser.add_argument("--no-devset", action="store_true", help="do not score the real-news set")
    parser.add_argument(
        "--devset-failures", type=int, default=0, metavar="N", help="print up to N problems per dev-half article"
    )
    parser.add_argument("--output", type=Path, default=None, help=f"Markdown report (default {DEFAULT_OUTPUT})")
    parser.add_argument("--no-write", action="store_true", help="do not write the Markdown report")
    parser.add_argument("--list-cases", action="store_true", help="print the development half's cases and exit")
    args = parser.parse_args(argv)

    if args.show_failures and args.half != halves.DEV:
        parser.error("--show-failures lists cases: only with --half dev (the test half is never read case by case)")
    if args.devset_failures:
        loaded = devset_module.load(args.devset_dir)
        if loaded is None or not loaded.articles:
            print(f"error: no real-news texts under {args.devset_dir}", file=sys.stderr)
            return 2
        print("\n".join(devset_module.failures(loaded, load_extractor(args.analyzer), args.devset_failures)))
        return 0

    suites_dir: Path = args.suites_dir
    if not suites_dir.is_dir():
        print(
            f"error: external test suites not found at {suites_dir}\n"
            "They are not part of the repository; pass --suites-dir to point at a copy.",
            file=sys.stderr,
        )
        return 2

    cases: list[Case] = []
    for name in args.suite or list(LOADERS):
        loaded_cases = LOADERS[name](suites_dir)
        cases.extend(loaded_cases)
        kinds = collections.Counter(c.kind for c in loaded_cases)
        print(f"loaded {name}: {len(loaded_cases)} cases ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))})")
    copied = halves.copied_texts(cases)
    half_of = halves.assign(cases, copied)
    counts = collections.Counter(half_of.values())
    forced = sum(c.text in copied for c in cases)
    print(f"halves: dev {counts[halves.DEV]} ({forced} copied into unit tests), test {counts[halves.TEST]}")
    if args.list_cases:
        for c in cases:
            if half_of[c] == halves.DEV:
                print(f"{c.suite}\t{c.group}\t{c.kind}\t{c.language}\t{c.text}\t{c.tag}")
        return 0

    extract: Any
    unavailable: str | None = None
    try:
        extract = load_extractor(args.extractor)
    except ImportError as exc:
        extract, unavailable = None, f"extractor not importable yet: {exc}"

    started = time.perf_counter()
    report_half = args.half or halves.TEST
    outcomes_by_half = {}
    for half in [args.half] if args.half else [halves.DEV, halves.TEST]:
        chosen = [c for c in cases if half_of[c] == half]
        outcomes, run_unavailable = run(chosen, extract, with_dateparser=not args.no_dateparser)
        unavailable = unavailable or run_unavailable
        outcomes_by_half[half] = outcomes
        detail, per_suite, totals = summarize(outcomes)
        print(f"\n== {half} half: {len(chosen)} cases ==")
        print(table(HEADER, [r.cells() for r in sorted(per_suite, key=lambda r: (r.suite, r.kind))]))
        print(table(HEADER, [r.cells() for r in totals]))
        if half == halves.DEV:
            categories = failure_categories(detail)
            print("\nMost common Sanad failures in the development half (kind: reason [case tag] — count):")
            for suite in sorted(categories):
                print(f"  {suite}")
                for key, n, _ in categories[suite]:
                    print(f"    {n:4d}  {key}")
            if args.show_failures:
                print_failures(detail, args.show_failures)
    elapsed_suites = time.perf_counter() - started
    if unavailable:
        print(f"\nwarning: Sanad not scored — {unavailable}", file=sys.stderr)

    devset_section: list[str] = []
    if not args.no_devset and not args.suite:
        devset_section, console = _devset_section(args, with_dateparser=not args.no_dateparser)
        print("\n== real-news development set ==")
        print(console)
    elapsed = time.perf_counter() - started

    output: Path | None = args.output
    if output is None and not args.suite and not args.half and not args.no_devset:
        output = DEFAULT_OUTPUT
    if output is not None and not args.no_write:
        _, per_suite, totals = summarize(outcomes_by_half[report_half])
        command = "python -m benchmarks.eval_extractors " + " ".join(argv if argv is not None else sys.argv[1:])
        markdown = render_markdown(
            per_suite,
            totals,
            halves=dict(counts),
            forced=forced,
            devset_section=devset_section,
            command=command.strip(),
            unavailable=unavailable,
            elapsed=elapsed,
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(markdown, encoding="utf-8")
        print(f"\nwrote {output} (suites {elapsed_suites:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
