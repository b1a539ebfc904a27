"""Benchmark `claims_import` against `loaddata` on the same claims (not a test; never fails).

Why: partners send claims by the hundred thousand; the import validates every row against the
stored text and writes claims, evidence and revisions, and must still be far faster than
Django's `loaddata` of the same rows (which validates nothing). Targets: >= 30x on PostgreSQL
(COPY), >= 10x on SQLite (executemany), and 1,000,000 claims in under 60 s on PostgreSQL
(`--skip-loaddata`: the import alone, since `loaddata` of that many would take half an hour).

    .venv/bin/python -m benchmarks.imports [--rows 100000] [--database-url URL] [--batch-size N]
        [--skip-loaddata] [--out docs/import-bench.md]

Without `--database-url` a temporary SQLite file is used. A PostgreSQL URL should name a
scratch database (it is created if missing and emptied of claims): never point it at real data.
Both timings cover the same claims, evidence and facts on the same synthetic documents; the
import also parses the CSV, checks every quote against the document text and writes one
revision per claim, which `loaddata` does not.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

SENTENCES_PER_DOCUMENT = 100
SUBJECTS = 20


def setup(url: str) -> None:
    if url.startswith("postgres"):
        import psycopg

        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def empty_claims() -> None:
    """Remove every claim, evidence, revision and fact: TRUNCATE on PostgreSQL, so no dead rows
    of one run slow down the next (and a million deletes take minutes)."""
    from django.db import connection

    tables = ("claims_evidence", "claims_revision", "claims_claim", "claims_fact")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
            return
        for table in tables:
            cursor.execute(f"DELETE FROM {table}")


def synthetic_corpus(rows: int) -> list[dict]:
    """Documents of numbered sentences, each stating one figure; one import row per sentence."""
    from claims.models import Entity
    from corpus.models import Document, Sentence, Source

    empty_claims()
    Sentence.objects.filter(document__file_name__startswith="bench-").delete()
    Document.objects.filter(file_name__startswith="bench-").delete()
    source, _ = Source.objects.get_or_create(name="Bench source")
    subjects = [
        Entity.objects.get_or_create(slug=f"bench_{i}", defaults={"name": f"Bench {i}", "kind": "organization"})[0]
        for i in range(SUBJECTS)
    ]
    out: list[dict] = []
    documents = (rows + SENTENCES_PER_DOCUMENT - 1) // SENTENCES_PER_DOCUMENT
    for d in range(documents):
        sentences, offset, spans = [], 0, []
        for k in range(SENTENCES_PER_DOCUMENT):
            figure = 10 + (d * SENTENCES_PER_DOCUMENT + k) % 900
            sentence = f"الخبر {d} رقم {k}: ويضم التحالف اليوم {figure} بلداً ومنظمة دولية."
            quote = f"{figure} بلداً"
            start = offset + sentence.index(quote)
            spans.append((offset, offset + len(sentence), sentence, start, start + len(quote), quote, figure))
            sentences.append(sentence)
            offset += len(sentence) + 1
        text = "\n".join(sentences)
        document = Document.objects.create(
            source=source,
            language="ar",
            text=text,
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            file_name=f"bench-{d}.txt",
        )
        Sentence.objects.bulk_create(
            Sentence(document=document, index=i, start=s, end=e, text=t) for i, (s, e, t, *_rest) in enumerate(spans)
        )
        for i, (_s, _e, _t, start, end, quote, figure) in enumerate(spans):
            if len(out) == rows:
                break
            out.append(
                {
                    "document_sha256": document.sha256,
                    "start": start,
                    "end": end,
                    "quote": quote,
                    "subject": subjects[(d + i) % SUBJECTS].slug,
                    "property": "member_count",
                    "nominal": str(figure),
                    "lower": str(figure),
                    "upper": str(figure),
                    "modifier": "exact",
                    "rule": "hedge.exact",
                    "unit": "country",
                    "status": "proposed",
                    "confidence": "0.5",
                }
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--batch-size", type=int, help="rows per batch (default: the import's for the database)")
    parser.add_argument(
        "--skip-loaddata",
        action="store_true",
        help="time the import alone (loaddata of 1,000,000 claims would take half an hour or more)",
    )
    parser.add_argument("--out", type=Path, help="append a Markdown row of results to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        setup(url)
        from django.core import serializers
        from django.core.management import call_command
        from django.db import connection

        from claims.exchange import claims_import, read_rows, write_csv
        from claims.exchange.importing import writer
        from claims.models import Claim, Evidence, Fact

        batch_size = args.batch_size or writer().BATCH_SIZE
        print(f"database: {connection.vendor}; batch {batch_size}; building {args.rows:,} synthetic rows…")
        rows = synthetic_corpus(args.rows)
        csv_path = Path(tmp) / "claims.csv"
        write_csv(csv_path, rows)
        del rows

        started = time.perf_counter()
        result = claims_import(rows=read_rows(csv_path), batch_size=batch_size)
        import_seconds = time.perf_counter() - started
        if result.created != args.rows or result.errors:
            raise SystemExit(f"import did not create every row: {result}")
        print(f"import:   {import_seconds:8.2f} s  ({args.rows / import_seconds:,.0f} claims/s)")

        loaddata = ratio = ""
        if not args.skip_loaddata:
            fixture = Path(tmp) / "claims.json"
            with fixture.open("w", encoding="utf-8") as handle:
                serializers.serialize(
                    "json",
                    [*Fact.objects.order_by("id"), *Claim.objects.order_by("id"), *Evidence.objects.order_by("id")],
                    stream=handle,
                )
            empty_claims()
            started = time.perf_counter()
            call_command("loaddata", str(fixture), verbosity=0)
            loaddata_seconds = time.perf_counter() - started
            assert Claim.objects.count() == args.rows
            print(f"loaddata: {loaddata_seconds:8.2f} s  ({args.rows / loaddata_seconds:,.0f} claims/s)")
            print(f"import is {loaddata_seconds / import_seconds:.1f}x faster than loaddata")
            loaddata, ratio = f"{loaddata_seconds:.2f} s", f"{loaddata_seconds / import_seconds:.1f}x"
        empty_claims()
        if args.out:
            line = (
                f"| {connection.vendor} | {args.rows:,} | {batch_size} | {import_seconds:.2f} s | "
                f"{loaddata or 'skipped'} | {ratio or '-'} | {platform.python_version()}, {os.cpu_count()} cores |\n"
            )
            with args.out.open("a", encoding="utf-8") as handle:
                handle.write(line)


if __name__ == "__main__":
    main()
