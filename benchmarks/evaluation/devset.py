"""Score the extractor on the real-news development set (`benchmarks/devset`, see its README).

The set's articles were written by nobody on the project; every figure and date in them is
labelled by hand. This module runs the whole-article pipeline (`analyze_article`: chrome,
sentences, the article's date, mentions) on each article whose text is present and compares its
figure and date mentions with the labels:

- a label is *found with the right value* when a mention of its kind overlaps its span and
  states its value: for a figure the `nominal` (as a number; a label without one, its bounds);
  for a date the first and last day when the label has them (only the first for `since`, only
  the last for `until`: labellers bound those differently), else the `nominal`. A relative date
  the labeller could not resolve (the article states no date) is right when the mention is a
  relative date too;
- *with the right modifier* when that mention also has the label's modifier;
- *precision* is the share of the extractor's figure and date mentions that overlap a figure or
  date label; one that overlaps only a span labelled as not a figure (an identifier, a clock
  time, an ordinal, a phone number) or nothing counts against it.

The labellers labelled datelines as dates; the pipeline reads a dateline as the article's own
date (`published`), not as a mention, so a date label outside every sentence counts as found
when it is that date. Mentions inside the ` date YYYY-MM-DD` hint some excerpts begin with (the
search tool's, not the article's) are not counted.

dateparser's `search_dates` reads the same sentences (with the article's date as its relative
base when the index has one); a date label counts as found by it when one of its hits overlaps
the label and falls in the label's days. Relative bases and the halves are the index's.

Only the `dev` half's articles may be read case by case (`failures`); the `test` half is
reported in aggregate only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from benchmarks.evaluation.cases import REPO_ROOT

DEVSET_DIR = REPO_ROOT / "benchmarks" / "devset"
FIGURES = ("quantity", "date")
# Some excerpts begin with a ` date YYYY-MM-DD` hint the search tool added: not the article's text.
_HINT_RE = re.compile(r"\s*date \d{4}-\d{2}-\d{2}\s")
LANGUAGES = ("ar", "fa", "en")
HALVES = ("dev", "test")


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    language: str
    half: str
    published_on: dt.date | None
    text: str
    labels: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Devset:
    articles: tuple[Article, ...]
    missing: tuple[str, ...]  # ids whose text is absent or differs from the index's sha256
    indexed: int


def load(root: Path = DEVSET_DIR) -> Devset | None:
    """The articles whose text is present and intact, or None when the set has no index."""
    index = root / "index.jsonl"
    if not index.exists():
        return None
    articles: list[Article] = []
    missing: list[str] = []
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        text_path = root / "texts" / f"{row['id']}.txt"
        labels_path = root / "labels" / f"{row['id']}.jsonl"
        if not text_path.exists() or not labels_path.exists():
            missing.append(row["id"])
            continue
        raw = text_path.read_bytes()
        if row.get("text_sha256") and hashlib.sha256(raw).hexdigest() != row["text_sha256"]:
            missing.append(row["id"])
            continue
        labels = tuple(
            json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()
        )
        published = dt.date.fromisoformat(row["published_on"]) if row.get("published_on") else None
        articles.append(Article(row["id"], row["language"], row["half"], published, raw.decode("utf-8"), labels))
    return Devset(tuple(articles), tuple(missing), len(rows))


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def value_right(mention: Any, label: dict[str, Any]) -> bool:
    """Whether a mention of the label's kind states the label's value (module docstring)."""
    value = mention.value
    if label["kind"] == "quantity":
        nominal = _dec(label.get("nominal"))
        if nominal is not None:
            return value.nominal == nominal
        lower, upper = _dec(label.get("lower")), _dec(label.get("upper"))
        return (lower is None or value.lower == lower) and (upper is None or value.upper == upper)
    lower, upper = _day(label.get("lower")), _day(label.get("upper"))
    modifier = label.get("modifier")
    if lower is not None or upper is not None:
        if modifier == "since":
            return value.lower == lower
        if modifier == "until":
            return value.upper == upper
        return value.lower == lower and value.upper == upper
    if label.get("nominal"):
        return value.nominal == label["nominal"]
    return str(mention.modifier) in ("relative", "since", "until")


def date_hit(day: dt.date, label: dict[str, Any]) -> bool:
    """Whether a day a tool found falls in the label's days."""
    lower, upper = _day(label.get("lower")), _day(label.get("upper"))
    if lower is not None and upper is not None:
        return lower <= day <= upper
    if lower is not None:
        return day == lower
    nominal = label.get("nominal")
    return bool(nominal) and day.isoformat().startswith(str(nominal))


@dataclass(slots=True)
class Score:
    """Counts for one article or a group of them."""

    labels: int = 0
    value: int = 0
    modifier: int = 0
    mentions: int = 0
    on_label: int = 0
    date_labels: int = 0
    sanad_dates: int = 0
    dateparser_dates: int | None = None
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.labels += other.labels
        self.value += other.value
        self.modifier += other.modifier
        self.mentions += other.mentions
        self.on_label += other.on_label
        self.date_labels += other.date_labels
        self.sanad_dates += other.sanad_dates
        if other.dateparser_dates is not None:
            self.dateparser_dates = (self.dateparser_dates or 0) + other.dateparser_dates


def score_article(
    article: Article,
    analyze: Callable[..., Any],
    dateparser_search: Callable[[str, str, dt.date | None], list[tuple[str, dt.date]]] | None = None,
) -> Score:
    """Compare the pipeline's mentions of one article with its labels."""
    analysis = analyze(article.text, language=article.language, reference_date=article.published_on)
    hint = _HINT_RE.match(article.text)
    mentions = [
        sm.mention
        for sm in analysis.mentions
        if str(sm.mention.kind) in FIGURES and not (hint and sm.mention.start < hint.end())
    ]
    published = analysis.published.date
    in_sentences = [(s.start, s.end) for s in analysis.sentences]
    figures = [lab for lab in article.labels if lab["kind"] in FIGURES]
    score = Score(labels=len(figures), mentions=len(mentions))
    for label in figures:
        span = (label["start"], label["end"])
        near = [m for m in mentions if str(m.kind) == label["kind"] and _overlaps((m.start, m.end), span)]
        right = [m for m in near if value_right(m, label)]
        dateline = (
            label["kind"] == "date"
            and published is not None
            and not any(_overlaps(s, span) for s in in_sentences)
            and date_hit(published, label)
            and (_day(label.get("lower")) or published) == (_day(label.get("upper")) or published)
        )
        if dateline:
            score.value += 1
            score.modifier += 1
        elif right:
            score.value += 1
            if any(str(m.modifier) == label.get("modifier") for m in right):
                score.modifier += 1
            else:
                score.misses.append(f"modifier {label['text']!r}: {label.get('modifier')} != {right[0].modifier}")
        else:
            got = "; ".join(f"{m.text!r} {_show(m)}" for m in near) or "nothing"
            score.misses.append(f"value {label['kind']} {label['text']!r} {label.get('nominal')}: got {got}")
        if label["kind"] == "date":
            score.date_labels += 1
            score.sanad_dates += bool(right) or dateline
    for m in mentions:
        if any(_overlaps((m.start, m.end), (lab["start"], lab["end"])) for lab in figures):
            score.on_label += 1
        else:
            score.false_positives.append(f"{m.text!r} {_show(m)}")
    if dateparser_search is not None:
        hits: list[tuple[tuple[int, int], dt.date]] = []
        for sentence in analysis.sentences:
            cursor = 0
            for found, day in dateparser_search(sentence.text, article.language, article.published_on):
                at = sentence.text.find(found, cursor)
                if at < 0:
                    continue
                cursor = at + len(found)
                hits.append(((sentence.start + at, sentence.start + cursor), day))
        score.dateparser_dates = sum(
            any(_overlaps(span, (lab["start"], lab["end"])) and date_hit(day, lab) for span, day in hits)
            for lab in figures
            if lab["kind"] == "date"
        )
    return score


def _show(mention: Any) -> str:
    value = mention.value
    if str(mention.kind) == "date":
        return f"[{mention.modifier} {value.lower}..{value.upper}]"
    return f"[{mention.modifier} {value.nominal}]"


def dateparser_search(text: str, language: str, reference: dt.date | None) -> list[tuple[str, dt.date]]:
    """`search_dates` on one sentence: (the substring it read, the day), a crash counting as nothing."""
    from dateparser.search import search_dates

    settings: dict[str, Any] = {}
    if reference is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(reference, dt.time(12, 0))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(text, languages=[language], settings=settings) or []
        except Exception:  # a third-party parser: a crash is a miss
            found = []
    return [(substring, when.date()) for substring, when in found]


def evaluate(
    devset: Devset, analyze: Callable[..., Any], *, with_dateparser: bool = True
) -> dict[tuple[str, str], tuple[int, Score]]:
    """Scores by (language, half): the number of articles and the summed counts."""
    out: dict[tuple[str, str], tuple[int, Score]] = {}
    for article in devset.articles:
        score = score_article(article, analyze, dateparser_search if with_dateparser else None)
        count, total = out.get((article.language, article.half), (0, Score()))
        total.add(score)
        out[(article.language, article.half)] = (count + 1, total)
    return out


def pct(part: int | None, whole: int) -> str:
    if part is None:
        return "not run"
    return f"{100 * part / whole:.1f}" if whole else "–"


HEADER = [
    "language",
    "half",
    "articles",
    "figures and dates",
    "right value %",
    "right modifier %",
    "precision %",
    "dates",
    "Sanad dates %",
    "dateparser dates %",
]


def rows(scores: dict[tuple[str, str], tuple[int, Score]]) -> list[list[str]]:
    out = []
    for half in HALVES:
        for language in LANGUAGES:
            if (language, half) not in scores:
                continue
            n, s = scores[(language, half)]
            out.append(
                [
                    language,
                    half,
                    str(n),
                    str(s.labels),
                    pct(s.value, s.labels),
                    pct(s.modifier, s.labels),
                    pct(s.on_label, s.mentions),
                    str(s.date_labels),
                    pct(s.sanad_dates, s.date_labels),
                    pct(s.dateparser_dates, s.date_labels),
                ]
            )
    return out


def failures(devset: Devset, analyze: Callable[..., Any], limit: int, ids: Iterable[str] = ()) -> list[str]:
    """The misses and false positives of the `dev` half's articles, to work on the extractor."""
    wanted = set(ids)
    lines: list[str] = []
    for article in devset.articles:
        if article.half != "dev" or (wanted and article.id not in wanted):
            continue
        score = score_article(article, analyze)
        problems = score.misses + [f"false positive {fp}" for fp in score.false_positives]
        if problems:
            lines.append(f"== {article.id} ({article.language}, reference {article.published_on})")
            lines.extend(f"  - {p}" for p in problems[:limit])
    return lines
