"""Benchmark `claims_import` against `loaddata` on the same claims (not a test; never fails).

Why: partners send claims by the hundred thousand; the import validates every row against the
stored text and writes claims, evidence and revisions, and must still be far faster than
Django's `loaddata` of the same rows (which validates nothing). Targets (PostgreSQL, as an
ordinary owner role, the documented figure): 100,000 claims at least 20× `loaddata`, and
1,000,000 claims in under 60 s (`--skip-loaddata`: `loaddata` of that many would take an hour).

    python -m benchmarks.imports --rows 100000 --database-url postgres://postgres@127.0.0.1:5432/sanad_bench_import
    python -m benchmarks.imports --rows 1000000 --skip-loaddata --database-url …
    python -m benchmarks.imports --rows 100000                # a temporary SQLite file

On PostgreSQL the URL names a superuser and a scratch database. The benchmark creates an
ordinary role (`--owner-role`, LOGIN, not a superuser, no grant on `session_replication_role`)
and the database owned by it if missing, migrates as that role, and times three sides in turn,
round after round: the import as the owner (foreign keys checked by PostgreSQL's triggers),
the import as the superuser (which may switch the triggers off per batch and check references
itself), and `loaddata` as the owner. `--drop` drops the database and the role at the end.
Every side writes the same claims, evidence and facts on the same synthetic documents; the
import also parses the CSV, checks every quote against the document text and writes one
revision per claim, which `loaddata` does not.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks import REPO_ROOT

SENTENCES_PER_DOCUMENT = 100
SUBJECTS = 20
TARGET_RATIO = 20.0
TARGET_MILLION_SECONDS = 60.0


def _with(url: str, *, user: str | None = None, database: str | None = None) -> str:
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    if user is None:
        user = parts.username or ""
    return urlunsplit(
        parts._replace(netloc=f"{user}@{netloc}" if user else netloc, path=f"/{database or parts.path[1:]}")
    )


def prepare_postgres(url: str, owner: str) -> tuple[str, str]:
    """The owner role and its database (created if missing); the owner's URL and the superuser's."""
    import psycopg
    from psycopg import sql

    name = urlsplit(url).path[1:]
    with psycopg.connect(_with(url, database="postgres"), autocommit=True) as conn:
        if not conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]:
            raise SystemExit("--database-url must name a superuser: the benchmark creates the owner role")
        if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [owner]).fetchone():
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE").format(sql.Identifier(owner))
            )
        row = conn.execute("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [name]).fetchone()
        if row is None:
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(owner)))
        elif row[0] != owner:
            raise SystemExit(f"database {name!r} exists and belongs to {row[0]!r}, not {owner!r}: use a scratch name")
        privileged = conn.execute(
            "SELECT has_parameter_privilege(%s, 'session_replication_role', 'SET')", [owner]
        ).fetchone()[0]
        if privileged:
            raise SystemExit(f"role {owner!r} may set session_replication_role: not an ordinary role")
    return _with(url, user=owner), url


def drop_postgres(url: str, owner: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(_with(url, database="postgres"), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(urlsplit(url).path[1:])))
        conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(owner)))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # DEBUG keeps every query in memory; only the settings' defaults need it
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def empty_claims() -> None:
    """Remove every claim, evidence, revision, mention review and fact: TRUNCATE on PostgreSQL, so no dead rows
    of one run slow down the next (and a million deletes take minutes)."""
    from django.db import connection

    # Every table that points at a claim goes too (a mention's review names the claim it became).
    tables = ("claims_evidence", "claims_revision", "claims_mentionreview", "claims_claim", "claims_fact")
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
    parser.add_argument("--database-url", default="", help="a superuser's URL of a scratch PostgreSQL database")
    parser.add_argument("--owner-role", default="sanad_bench_owner", help="the ordinary role to create and use")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--batch-size", type=int, help="rows per batch (default: the import's for the database)")
    parser.add_argument("--skip-loaddata", action="store_true", help="time the imports alone")
    parser.add_argument("--owner-only", action="store_true", help="time the owner role's import alone")
    parser.add_argument("--drop", action="store_true", help="drop the database and the owner role at the end")
    parser.add_argument("--out", type=Path, help="write this run's section to this Markdown file")
    args = parser.parse_args()
    if args.rounds < 3:
        parser.error("--rounds must be at least 3: a spread needs rounds")
    postgres = args.database_url.startswith("postgres")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            if postgres:
                owner_url, superuser_url = prepare_postgres(args.database_url, args.owner_role)
            else:
                owner_url = superuser_url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
            setup_django(owner_url)
            _run(args, Path(tmp), superuser_url if postgres else None)
    finally:
        if postgres and args.drop:
            drop_postgres(args.database_url, args.owner_role)
            print(f"dropped the database and the role {args.owner_role!r}")


def _run(args: argparse.Namespace, tmp: Path, superuser_url: str | None) -> None:
    import dj_database_url
    from django.core import serializers
    from django.core.management import call_command
    from django.db import connection, connections

    from benchmarks.api import using
    from benchmarks.reporting import Spread, machine_line, replace_section, today
    from claims.exchange import claims_import, read_rows, write_csv
    from claims.exchange.importing import writer
    from claims.models import Claim, Evidence, Fact

    batch_size = args.batch_size or writer().BATCH_SIZE
    print(f"database: {connection.vendor}; batch {batch_size}; building {args.rows:,} synthetic rows…", flush=True)
    csv_path = tmp / "claims.csv"
    write_csv(csv_path, synthetic_corpus(args.rows))

    def import_side() -> None:
        empty_claims()
        result = claims_import(rows=read_rows(csv_path), batch_size=batch_size)
        if result.created != args.rows or result.errors:
            raise SystemExit(f"import did not create every row: {result}")

    sides: dict[str, Callable[[], None]] = {"import, owner role": import_side}
    role = {"import, owner role": connection.settings_dict["USER"] or "(SQLite)"}
    superuser = None
    if superuser_url is not None and not args.owner_only:
        owner_settings = connections["default"].settings_dict
        settings_dict = {
            **owner_settings,
            **{k: v for k, v in dj_database_url.parse(superuser_url).items() if k in ("USER",)},
        }
        superuser = type(connections["default"])(settings_dict, alias="default")

        def as_superuser() -> None:
            with using(superuser):
                import_side()

        sides["import, superuser"] = as_superuser
        role["import, superuser"] = settings_dict["USER"]
    if not args.skip_loaddata:
        fixture = tmp / "claims.json"
        empty_claims()
        claims_import(rows=read_rows(csv_path), batch_size=batch_size)
        with fixture.open("w", encoding="utf-8") as handle:
            serializers.serialize(
                "json",
                [*Fact.objects.order_by("id"), *Claim.objects.order_by("id"), *Evidence.objects.order_by("id")],
                stream=handle,
            )

        def loaddata() -> None:
            empty_claims()
            call_command("loaddata", str(fixture), verbosity=0)
            if Claim.objects.count() != args.rows:
                raise SystemExit("loaddata did not load every claim")

        sides["loaddata, owner role"] = loaddata
        role["loaddata, owner role"] = role["import, owner role"]
    times: dict[str, list[float]] = {name: [] for name in sides}
    for number in range(args.rounds):
        for name, side in sides.items():
            started = time.perf_counter()
            side()
            seconds = time.perf_counter() - started
            times[name].append(seconds)
            print(f"round {number + 1}: {name}: {seconds:8.2f} s ({args.rows / seconds:,.0f} claims/s)", flush=True)
    empty_claims()
    if superuser is not None:
        superuser.close()
    spreads = {name: Spread.of(values) for name, values in times.items()}
    lines = [
        f"### {connection.vendor}, {args.rows:,} claims",
        "",
        f"Run on {today()}: `python -m benchmarks.imports {' '.join(sys.argv[1:])}`.",
        "",
        f"- Machine: {machine_line(_database_version(connection))}.",
        f"- Batch {batch_size:,} rows; {args.rounds} rounds, the sides in turn within each; seconds as median (min–max).",
        "",
        "| side | role | seconds | claims/s |",
        "|---|---|---:|---:|",
    ]
    for name, spread in spreads.items():
        rate = Spread.of(args.rows / t for t in spread.values)
        lines.append(f"| {name} | `{role[name]}` | {spread.text(digits=2)} | {rate.text(digits=0)} |")
    if "loaddata, owner role" in spreads:
        lines.append("")
        for name in (n for n in spreads if n.startswith("import")):
            ratio = spreads["loaddata, owner role"].ratio_to(spreads[name])
            target = (
                f" (target ≥ {TARGET_RATIO:g}×: {'met' if ratio.median >= TARGET_RATIO else 'MISSED'})"
                if "owner" in name
                else ""
            )
            lines.append(f"- `loaddata` / {name}: {ratio.text(digits=1, unit='×')}, round by round{target}.")
    if args.rows >= 1_000_000 and "import, owner role" in spreads:
        median = spreads["import, owner role"].median
        lines.append(
            f"- {args.rows:,} claims as the owner role: {median:.1f} s (target < {TARGET_MILLION_SECONDS:g} s for "
            f"1,000,000: {'met' if median * 1_000_000 / args.rows < TARGET_MILLION_SECONDS else 'MISSED'})."
        )
    print("\n".join(lines))
    if args.out:
        replace_section(args.out, f"bench-import:{connection.vendor}:{args.rows}", lines, header="# Import benchmark\n")
        print(f"wrote {args.out}")


def _database_version(connection) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
    import sqlite3

    return f"SQLite {sqlite3.sqlite_version}"


if __name__ == "__main__":
    main()
