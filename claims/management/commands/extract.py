"""`manage.py extract PATH...`: the ingest pipeline's mentions, printed, nothing stored."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from corpus.extraction.article import analyze_article
from corpus.files import collect_article_files
from corpus.services import DocumentRejected, decode_article


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--reference-date {value!r} is not a YYYY-MM-DD date") from exc


class Command(BaseCommand):
    help = "Extract figures and dates from articles without saving anything."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--reference-date", type=_date, default=None, help="YYYY-MM-DD (default: article date)")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args, paths: list[Path], reference_date: dt.date | None, format: str, **options) -> None:
        results, failed = [], 0
        for item in collect_article_files(paths):
            try:
                if item.error:
                    raise DocumentRejected(item.error)
                text = decode_article(item.path.read_bytes(), file_name=item.path.name)
            except (DocumentRejected, OSError) as exc:
                failed += 1
                self.stderr.write(f"{item.path}: failed: {getattr(exc, 'reason', None) or exc}")
                continue
            language = item.metadata.language if item.metadata and item.metadata.language else None
            analysis = analyze_article(text, language=language, reference_date=reference_date)
            results.append(
                {
                    "file": str(item.path),
                    "language": analysis.language,
                    "published_on": analysis.published.date.isoformat() if analysis.published.date else None,
                    "published_basis": analysis.published.basis,
                    "reference_date": analysis.reference_date.isoformat() if analysis.reference_date else None,
                    "mentions": [m.as_dict() for m in analysis.mentions],
                    "refused": [r.as_dict() for r in analysis.refused],
                }
            )
        if format == "json":
            self.stdout.write(json.dumps(results, ensure_ascii=False, indent=2))
        else:
            for result in results:
                self.stdout.write(f"# {result['file']} [{result['language']}, reference {result['reference_date']}]")
                for m in result["mentions"]:
                    self.stdout.write(
                        f"  s{m['sentence_index']} [{m['start']}, {m['end']}) {m['kind']:<10} "
                        f"{m['modifier']:<9} {_describe(m['value'])}  «{m['text']}»  ({m['rule']})"
                    )
                for r in result["refused"]:
                    self.stdout.write(
                        f"  s{r['sentence_index']} [{r['start']}, {r['end']}) refused    «{r['text']}»  "
                        f"({r['rule']}: {r['reason']})"
                    )
        if failed:
            raise CommandError(f"{failed} file(s) failed", returncode=1)


def _describe(value: dict) -> str:
    lower = value.get("lower")
    upper = value.get("upper")
    unit = value.get("unit") or value.get("calendar") or ""
    return f"{value.get('nominal')} [{lower}, {upper}] {unit}".strip()
