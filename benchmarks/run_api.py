"""`python -m benchmarks.run_api` (`make bench-api`): the claims page and the conflict scan on a scratch database.

Generates synthetic claims (default 1,000,000 in 100,000 facts on PostgreSQL, 200,000 in
20,000 on SQLite; `--claims 10000000` for the scan's scaling), measures `claims/` pages through
the API against the raw baseline and the conflict scan against the streamed engine pass (see
`benchmarks.api`), prints a table and writes its section of `docs/api-bench.md` (one section
per database and size). The generated rows are deleted afterwards unless `--keep`.

Safety: refuses a database that already holds claims, unless `--force --confirm-database NAME`
names the configured database. Use a scratch database, e.g.
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_bench` after `createdb sanad_bench` and
`migrate`. Run with DEBUG off (DEBUG keeps every query in memory and slows the stack).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from benchmarks import REPO_ROOT, setup_django

HELP = "Generate synthetic claims and benchmark the claims list and the conflict scan (scratch DB only)."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=HELP)
    parser.add_argument("--claims", type=int, default=None, help="claims to generate (default by database)")
    parser.add_argument("--facts", type=int, default=None, help="facts to spread them over (default claims/10)")
    parser.add_argument("--keep", action="store_true", help="keep the generated rows afterwards")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the synthetic claims an earlier --keep run left (no generation, nothing deleted)",
    )
    parser.add_argument("--force", action="store_true", help="run although the database holds claims")
    parser.add_argument(
        "--confirm-database", default=None, metavar="NAME", help="with --force: the configured database's name"
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds of every comparison (at least 3)")
    parser.add_argument("--calls", type=int, default=20, help="calls of each side per round (pages)")
    parser.add_argument("--skip-pages", action="store_true", help="measure the conflict scan only")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs" / "api-bench.md")
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    return parser


HEADER = (
    "# API benchmark (`make bench-api`)\n\n"
    "`python -m benchmarks.run_api` generates synthetic claims on the configured (scratch) database, then "
    "measures `claims/` pages through the API against an honest raw baseline and the conflict scan against "
    "streaming every fact through the engine (see `benchmarks/api.py`). One section per database and size; "
    "each run replaces its own section.\n"
)


def main(argv: list[str] | None = None) -> int:
    options = vars(_parser().parse_args(argv))
    if options["rounds"] < 3:
        raise SystemExit("--rounds must be at least 3: a spread needs rounds")
    # Anonymous requests are throttled per address; the benchmark makes thousands from one.
    os.environ.setdefault("SANAD_ANON_RATE", "1000000/minute")
    # At 10 M claims the streamed engine pass and the scan run longer than a request may (30 s).
    os.environ.setdefault("SANAD_STATEMENT_TIMEOUT_MS", "0")
    setup_django()
    from django.conf import settings
    from django.db import connection

    from benchmarks import api as bench
    from benchmarks import synthetic
    from benchmarks.reporting import replace_section

    vendor = connection.vendor
    if vendor not in bench.DEFAULT_SIZES:
        raise SystemExit(f"unsupported database vendor {vendor!r}")
    if settings.DEBUG:
        print("warning: DEBUG is on; every query is kept in memory and the figures suffer", file=sys.stderr)
    default_claims, default_facts = bench.DEFAULT_SIZES[vendor]
    claims = options["claims"] or default_claims
    facts = options["facts"] or (default_facts if options["claims"] is None else max(1, claims // 10))
    if options["reuse"]:
        generated = None
        first, claims = synthetic.existing_claims()
        if not claims:
            raise SystemExit("--reuse: the database holds no claims; generate them with --keep first")
        print(f"bench_api on {vendor} {synthetic.database_label()!r}: reusing {claims:,} claims")
    else:
        try:
            synthetic.ensure_safe_target(force=options["force"], confirm_database=options["confirm_database"])
        except synthetic.BenchRefused as exc:
            raise SystemExit(str(exc)) from exc
        print(f"bench_api on {vendor} {synthetic.database_label()!r}: {claims:,} claims in {facts:,} facts")
        generated = synthetic.generate(claims=claims, facts=facts, log=print)
        first = generated.first_ids["claim"]
        print(f"generated in {generated.seconds:.1f} s; verdicts {generated.verdicts}")
    try:
        pages = []
        if not options["skip_pages"]:
            for page_size in (50, 500):
                print(f"claims pages of {page_size}…", flush=True)
                pages += bench.measure_pages(
                    page_size=page_size,
                    ids=(first, first + claims - 1),
                    rounds=options["rounds"],
                    calls=options["calls"] if page_size == 50 else max(3, options["calls"] // 4),
                )
        print("conflict scan…", flush=True)
        scan = bench.measure_scan(rounds=options["rounds"])
        command = "python -m benchmarks.run_api " + " ".join(argv if argv is not None else sys.argv[1:])
        lines = bench.report_lines(
            vendor=vendor,
            generated=generated,
            pages=pages,
            scan=scan,
            rounds=options["rounds"],
            calls=options["calls"],
            command=command.strip(),
        )
        print("\n".join(lines))
        if not options["no_write"]:
            replace_section(options["output"], f"bench-api:{vendor}:{scan.claims}", lines, header=HEADER)
            print(f"wrote {options['output']}")
    finally:
        if generated is not None and not options["keep"]:
            synthetic.cleanup(generated)
            print("generated rows deleted (--keep keeps them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
