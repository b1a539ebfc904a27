"""Running the cases and reporting: per-suite rows, failure categories, the Markdown report."""

from __future__ import annotations

import collections
import datetime as dt
import importlib
import importlib.util
import platform
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from benchmarks.evaluation.cases import (
    Case,
    fmt_dec,
)
from benchmarks.evaluation.scoring import Outcome, score_dateparser, score_sanad


def load_extractor(spec: str) -> Callable[..., list[Any]]:
    """`module:function` or `path/to/file.py:function` (a stand-in extractor for testing)."""
    target, _, func = spec.rpartition(":")
    if not target:
        raise SystemExit(f"--extractor must look like module:function, got {spec!r}")
    if target.endswith(".py"):
        module_spec = importlib.util.spec_from_file_location("_eval_stand_in", target)
        if module_spec is None or module_spec.loader is None:
            raise SystemExit(f"cannot load {target}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
    else:
        module = importlib.import_module(target)
    return getattr(module, func)


def run(
    cases: list[Case],
    extract: Callable[..., list[Any]] | None,
    with_dateparser: bool,
) -> tuple[list[Outcome], str | None]:
    """Score every case; returns outcomes and, if the extractor could not run, why."""
    outcomes: list[Outcome] = []
    unavailable: str | None = None
    for case in cases:
        outcome = Outcome(case, sanad_pass=None)
        if extract is not None and unavailable is None:
            try:
                mentions = extract(case.text, case.language, case.reference_date)
            except ImportError as exc:
                unavailable = f"extractor not importable yet: {exc}"
            else:
                outcome.sanad_pass, outcome.sanad_got, outcome.sanad_reason = score_sanad(case, mentions)
        if with_dateparser and case.kind == "date":
            outcome.dateparser_pass, outcome.dateparser_got = score_dateparser(case)
        outcomes.append(outcome)
    return outcomes, unavailable


def _pct(passed: int, total: int) -> str:
    return f"{100 * passed / total:.1f}" if total else "–"


@dataclass(slots=True)
class Row:
    suite: str
    group: str
    kind: str
    cases: int = 0
    sanad_passed: int = 0
    sanad_scored: int = 0
    dp_passed: int = 0
    dp_scored: int = 0
    failures: list[Outcome] = field(default_factory=list)

    def add(self, outcome: Outcome) -> None:
        self.cases += 1
        if outcome.sanad_pass is not None:
            self.sanad_scored += 1
            self.sanad_passed += int(outcome.sanad_pass)
            if not outcome.sanad_pass:
                self.failures.append(outcome)
        if outcome.dateparser_pass is not None:
            self.dp_scored += 1
            self.dp_passed += int(outcome.dateparser_pass)

    def cells(self) -> list[str]:
        sanad = _pct(self.sanad_passed, self.sanad_scored) if self.sanad_scored else "–"
        if self.kind == "all":
            dp = "(dates only, above)" if self.dp_scored else "n/a"
        elif self.kind == "date" or self.dp_scored:
            dp = _pct(self.dp_passed, self.dp_scored) if self.dp_scored else "not run"
        else:
            dp = "n/a"
        return [self.suite, self.group, self.kind, str(self.cases), sanad, dp]


def summarize(outcomes: list[Outcome]) -> tuple[list[Row], list[Row], list[Row]]:
    """Rows per (suite, group, kind), per (suite, kind), and totals per kind and overall."""
    detail: dict[tuple[str, str, str], Row] = {}
    per_suite: dict[tuple[str, str], Row] = {}
    totals: dict[str, Row] = {}
    for o in outcomes:
        c = o.case
        detail.setdefault((c.suite, c.group, c.kind), Row(c.suite, c.group, c.kind)).add(o)
        per_suite.setdefault((c.suite, c.kind), Row(c.suite, "(all)", c.kind)).add(o)
        totals.setdefault(c.kind, Row("all suites", "(all)", c.kind)).add(o)
        totals.setdefault("all", Row("all suites", "(all)", "all")).add(o)
    ordered = [totals[k] for k in ("number", "range", "date", "all") if k in totals]
    return list(detail.values()), list(per_suite.values()), ordered


def failure_categories(rows: Iterable[Row], top: int = 6) -> dict[str, list[tuple[str, int, Outcome]]]:
    """Per suite: the most common (case tag, failure reason) pairs with one example each."""
    by_suite: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    example: dict[tuple[str, str], Outcome] = {}
    for row in rows:
        for o in row.failures:
            key = f"{o.case.kind}: {o.sanad_reason} [{o.case.tag}]"
            by_suite[row.suite][key] += 1
            example.setdefault((row.suite, key), o)
    return {
        suite: [(key, n, example[(suite, key)]) for key, n in counter.most_common(top)]
        for suite, counter in by_suite.items()
    }


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows)
    return "\n".join(lines)


def md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows)
    return "\n".join(lines)


HEADER = ["suite", "group", "kind", "cases", "Sanad pass %", "dateparser pass %"]


def render_markdown(
    per_suite: list[Row],
    totals: list[Row],
    *,
    halves: dict[str, int],
    forced: int,
    devset_section: list[str],
    command: str,
    unavailable: str | None,
    elapsed: float,
) -> str:
    """The report: the frozen test half of the external suites, and the real-news set."""
    today = dt.date.today().isoformat()
    parts = [
        "# Evaluation of the extractor on data nobody on the project wrote",
        "",
        f"Run on {today} (Python {platform.python_version()}, {elapsed:.0f} s) with `{command}` (`make eval`).",
        "",
        "## External suites: the frozen test half",
        "",
        "The suites live in `../shared/external-tests/` (Recognizers-Text, Duckling, NeMo, Humanizer, "
        "persian-tools, num2words, num2fawords and dateparser's own tests; each loader's docstring in "
        "`benchmarks/evaluation/` says which cases are used and which are skipped and why). Every case "
        "belongs to one half, fixed by a hash of its suite and text "
        '(`int(sha256(f"{suite}\\n{text}").hexdigest()[:8], 16) % 2`: 1 is the test half); a case whose text '
        "was copied into a unit test belongs to the development half whatever its hash "
        f"({forced} cases, found by matching the suites' texts against every string in `tests/unit/`). The "
        "extractor is developed on the development half only; **this page reports the test half**, "
        f"{halves.get('test', 0)} cases (the development half has {halves.get('dev', 0)}), and lists none of "
        "its cases.",
        "",
        "A number case passes when a quantity mention's `nominal` equals the expected value; a range case "
        "when the mention's bounds equal the stated ones; a date case when a date mention's `lower..upper` "
        "equals the expected interval. dateparser reads the same date cases (it does not parse numbers: "
        "`n/a`) and passes when `search_dates()` or `parse()` returns a day inside an accepted interval: "
        "more lenient than the exact interval asked of Sanad.",
        "",
    ]
    if unavailable:
        parts += [f"**Sanad not scored:** {unavailable}", ""]
    rows = [r.cells() for r in sorted(per_suite, key=_row_key)] + [r.cells() for r in totals]
    parts += [md_table(HEADER, rows), ""]
    parts += devset_section
    return "\n".join(parts).rstrip() + "\n"


def _row_key(row: Row) -> tuple[str, str, str]:
    return row.suite, row.kind, row.group


def _show_expected(case: Case) -> str:
    if case.expected is None:
        return "nothing"
    shown = [str(fmt_dec(w) if isinstance(w, Decimal) else w) for w in case.accepted()]
    return " or ".join(shown)


def print_failures(detail: list[Row], limit: int) -> None:
    """The first `limit` Sanad failures per suite, to work on the extractor."""
    by_suite: dict[str, list[Outcome]] = collections.defaultdict(list)
    for row in sorted(detail, key=_row_key):
        by_suite[row.suite].extend(row.failures)
    for suite, failures in sorted(by_suite.items()):
        print(f"\n== {suite}: {len(failures)} failures (first {min(limit, len(failures))}) ==")
        for o in failures[:limit]:
            c = o.case
            ref = f" ref={c.reference_date}" if c.reference_date else ""
            print(f"- [{c.group}/{c.kind}/{c.tag}] {c.language}{ref} {c.text!r}")
            print(f"    expected {_show_expected(c)}; got {o.sanad_got} ({o.sanad_reason})")
