"""Score proposed claims on the real-news development set (`benchmarks/devset/`).

Why: Sanad is judged on news it has never seen. This ingests every article of the set that has
its text and labels into a scratch SQLite database, exactly as a user would (`document_ingest`
with the index's language and date as metadata, then `propose`), and compares the proposed
claims with the hand labels, per language and per half (`dev` is read while developing, `test`
is frozen and measures unseen news):

* **property**: the share of labelled figures (those with a gold property) that get a proposed
  claim with that property on an overlapping span;
* **subject**: the share that also get the right subject: a country by its code, an
  organization, person or place by any of the names the label lists, an event by its type and
  one of its places (country code or place name);
* **precision**: the share of proposed claims with a property whose span overlaps a label with
  that property (a proposal on a span labelled with another property, with none, or on no label
  at all is wrong).

    .venv/bin/python -m benchmarks.eval_proposals [--record before|after] [--show dev] [--keep PATH]

`SANAD_DEVSET` points at another copy of the set (its texts are local, never in git).

`--record` writes the tables into docs/proposals-eval.md (its own section); `--show dev` prints
each dev-half miss and wrong proposal (never the test half's). It reads only public surfaces
(`document_ingest`, `document_propose`, the models), so the same script scores older code.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEVSET = Path(os.environ.get("SANAD_DEVSET") or REPO_ROOT / "benchmarks" / "devset")
REPORT = REPO_ROOT / "docs" / "proposals-eval.md"
LANGUAGES = ("ar", "fa", "en")
HALVES = ("dev", "test")


@dataclass
class Score:
    """Counts for one language and half."""

    figures: int = 0
    right_property: int = 0
    right_subject: int = 0
    proposed: int = 0
    correct: int = 0

    def add(self, other: Score) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def row(self, label: str) -> str:
        def pct(n: int, d: int) -> str:
            return f"{100 * n / d:.0f} % ({n}/{d})" if d else "–"

        return (
            f"| {label} | {self.figures} | {pct(self.right_property, self.figures)} | "
            f"{pct(self.right_subject, self.figures)} | {pct(self.correct, self.proposed)} |"
        )


@dataclass
class Article:
    meta: dict[str, Any]
    text: str
    labels: list[dict[str, Any]] = field(default_factory=list)


def load_articles() -> tuple[list[Article], int]:
    """Articles of the index that have a text and labels (and how many lack them)."""
    index = DEVSET / "index.jsonl"
    if not index.is_file():
        raise SystemExit(f"{index} is missing: nothing to score")
    articles, missing = [], 0
    for line in index.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        meta = json.loads(line)
        text_path, label_path = DEVSET / "texts" / f"{meta['id']}.txt", DEVSET / "labels" / f"{meta['id']}.jsonl"
        if not text_path.is_file() or not label_path.is_file():
            missing += 1
            continue
        labels, seen = [], set()
        for row in label_path.read_text(encoding="utf-8").splitlines():
            if row.strip():
                label = json.loads(row)
                if (label["start"], label["end"]) not in seen:  # a label written twice counts once
                    seen.add((label["start"], label["end"]))
                    labels.append(label)
        articles.append(Article(meta, text_path.read_text(encoding="utf-8"), labels))
    return articles, missing


def folded(name: str) -> str:
    from corpus.domain.text import fold

    return " ".join(fold(name).split())


def country_names(code: str) -> set[str]:
    """CLDR names of a territory (older code's entities carry no country code)."""
    try:
        from babel import Locale
    except ImportError:  # pragma: no cover - babel is a dev requirement
        return set()
    names = set()
    for locale in ("en", "ar", "fa", "fa_AF"):
        name = Locale.parse(locale).territories.get(code)
        if name:
            names.add(folded(name))
    return names


def subject_right(gold: dict[str, Any] | None, entity: Any) -> bool:
    """Whether a proposed subject is the labelled one (see the module docstring)."""
    if not gold or entity is None:
        return False
    aliases = {folded(a.name) for a in entity.aliases.all()} | {folded(entity.name)}
    kind = gold.get("kind")
    if kind == "country":
        if entity.kind != "country":
            return False
        code = getattr(entity, "country_code", "")
        return code == gold.get("code") if code else bool(aliases & country_names(gold.get("code", "")))
    if kind == "event":
        if entity.kind != "event" or getattr(entity, "event_type", "") != gold.get("event_type"):
            return False
        places = gold.get("place") or []
        if not places:
            return True
        place = getattr(entity, "place", None)
        seen = set()
        while place is not None and place.pk not in seen:
            seen.add(place.pk)
            if getattr(place, "country_code", "") in places or place.name in places:
                return True
            place = place.place
        return False
    names = {folded(n) for n in gold.get("names", [])}
    return bool(names & aliases)


def ingest(article: Article) -> Any:
    """Store the article as `manage.py ingest` would, with the index's metadata."""
    from corpus.models import DateBasis, Document
    from corpus.services import DocumentMetadata, document_ingest

    meta = article.meta
    names = {f.name for f in fields(DocumentMetadata)}
    given: dict[str, Any] = {"language": meta["language"], "title": meta.get("title") or "", "url": meta["url"]}
    given["source"] = meta.get("source") or ""
    stated = meta.get("published_on")
    if stated and "published_on" in names:
        given["published_on"] = stated
        given["published_precision"] = meta.get("published_precision") or "day"
    result = document_ingest(
        raw=article.text.encode("utf-8"),
        file_name=f"{meta['id']}.txt",
        metadata=DocumentMetadata(**{k: v for k, v in given.items() if k in names}),
    )
    document = result.document
    if stated and "published_on" not in names:  # older code: the same date, set as `stated`
        Document.objects.filter(pk=document.pk).update(
            published_on=dt.date.fromisoformat(stated),
            published_precision=meta.get("published_precision") or "day",
            published_basis=DateBasis.STATED,
        )
        document.refresh_from_db()
    return document


def propose(document: Any) -> None:
    try:
        from claims.proposals import document_propose
    except ImportError:  # older code proposed from claims.services
        from claims.services import document_propose
    document_propose(document=document, via="command")


def score(article: Article, document: Any, show: bool) -> Score:
    from claims.models import Claim, Entity

    related = ["property", "subject"]
    if any(f.name == "place" for f in Entity._meta.get_fields()):
        related += ["subject__place", "subject__place__place"]
    claims = list(
        Claim.objects.filter(document=document, property__isnull=False)
        .select_related(*related)
        .prefetch_related("evidence", "subject__aliases")
    )
    spans = [(e.start, e.end, c) for c in claims for e in c.evidence.all()]
    result = Score()
    for label in article.labels:
        if not label.get("property"):
            continue
        result.figures += 1
        over = [c for s, e, c in spans if s < label["end"] and label["start"] < e]
        good = [c for c in over if c.property.slug == label["property"]]
        if good:
            result.right_property += 1
            if any(subject_right(label.get("subject"), c.subject) for c in good):
                result.right_subject += 1
            elif show:
                print(f"  subject {label['property']} {label['text']!r}: gold {label.get('subject')} got "
                      f"{[c.subject.slug if c.subject else None for c in good]}")  # fmt: skip
        elif show:
            print(f"  missed {label['property']} {label['text']!r}: got {[c.property.slug for c in over]}")
    for start, end, claim in spans:
        result.proposed += 1
        over = [lb for lb in article.labels if lb["start"] < end and start < lb["end"]]
        if any(lb.get("property") == claim.property.slug for lb in over):
            result.correct += 1
        elif show:
            print(f"  wrong {claim.property.slug} {article.text[start:end]!r} (cue {claim.cue!r}): "
                  f"labels {[lb.get('property') for lb in over]}")  # fmt: skip
    return result


def _load_seed_pack() -> None:
    """The seed topic's vocabulary, where the code has packs (older code had it built in)."""
    try:
        from claims.domain.packs import read_pack
        from claims.vocabulary.packs import pack_load
    except ImportError:
        return
    pack_load(pack=read_pack("seed"), via="command")


def run(show_dev: bool) -> tuple[dict[tuple[str, str], Score], int, int]:
    articles, missing = load_articles()
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    from django.db import transaction

    for article in articles:
        with transaction.atomic():
            document = ingest(article)
            propose(document)
        show = show_dev and article.meta["half"] == "dev"
        if show:
            print(f"{article.meta['id']}:")
        scores[(article.meta["language"], article.meta["half"])].add(score(article, document, show))
    return scores, len(articles), missing


def table(scores: dict[tuple[str, str], Score], half: str) -> list[str]:
    lines = [
        "| language | labelled figures | right property | right subject too | property precision |",
        "|---|---|---|---|---|",
    ]
    total = Score()
    for language in LANGUAGES:
        score = scores.get((language, half), Score())
        total.add(score)
        lines.append(score.row(language))
    lines.append(total.row("**all**"))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", choices=("before", "after"), help="write the tables into docs/proposals-eval.md")
    parser.add_argument("--show", choices=("dev",), help="print the dev half's misses and wrong proposals")
    parser.add_argument("--keep", type=Path, help="keep the scratch database at this path")
    parser.add_argument("--label", default="", help="what was measured (a commit), for the report")
    parser.add_argument(
        "--seed-pack",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="load the seed topic's pack as `make run` does (older code had its lexicon built in)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        database = args.keep or Path(tmp) / "eval.sqlite3"
        database.unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
        os.environ.setdefault("DJANGO_DEBUG", "1")
        if str(REPO_ROOT) not in sys.path:
            sys.path.insert(0, str(REPO_ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        if args.seed_pack:
            _load_seed_pack()
        scores, count, missing = run(args.show == "dev")
    lines = [f"{count} articles scored" + (f", {missing} without text or labels skipped" if missing else "")]
    for half in HALVES:
        lines += ["", f"**{half} half**" + (" (frozen: measures unseen news)" if half == "test" else ""), ""]
        lines += table(scores, half)
    print("\n".join(lines))
    if args.record:
        from benchmarks.reporting import replace_section

        title = {"before": "Before (main before issue 11)", "after": "After"}[args.record]
        when = dt.date.today().isoformat()
        body = [f"### {title}", "", f"Measured {when}{' on ' + args.label if args.label else ''}.", "", *lines]
        header = (
            "# Proposals on unseen news (`make eval-proposals`)\n\n"
            "`python -m benchmarks.eval_proposals` ingests every article of the real-news development set "
            "(benchmarks/devset/) into a scratch database, proposes claims and scores them against the hand "
            "labels. See the script's docstring for the three measures.\n"
        )
        replace_section(REPORT, f"eval-proposals:{args.record}", body, header=header)


if __name__ == "__main__":
    main()
