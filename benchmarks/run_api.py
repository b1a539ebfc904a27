"""`python -m benchmarks.run_api` (`make bench-api`): issue 5's API and conflict-scan benchmark on a scratch database.

Generates synthetic claims (default 1,000,000 in 100,000 facts on PostgreSQL, 200,000 in
20,000 on SQLite), measures a `claims/` page through HTTP vs its raw SQL and the conflict scan
vs the per-fact loop, prints a table and writes its section of `docs/api-bench.md`. The
generated rows are deleted afterwards unless `--keep`.

Safety: refuses a database that already holds claims, unless `--force --confirm-database NAME`
names the configured database. Use a scratch database, e.g.
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/sanad_bench` after `createdb sanad_bench` and
`migrate`. Run with DEBUG off (DEBUG keeps every query in memory and slows the stack).
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("--repeat", type=int, default=15, help="timed repetitions per HTTP/SQL measurement")
    parser.add_argument("--scan-repeat", type=int, default=5, help="timed repetitions of the conflict scan")
    parser.add_argument("--loop-sample", type=int, default=2000, help="facts the per-fact loop is timed on")
    parser.add_argument("--output", type=Path, default=REPO_ROOT / "docs" / "api-bench.md")
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    return parser


def main(argv: list[str] | None = None) -> int:
    options = vars(_parser().parse_args(argv))
    setup_django()
    from django.conf import settings
    from django.db import connection

    from benchmarks import api as bench

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
        first, claims = bench.existing_claims()
        if not claims:
            raise SystemExit("--reuse: the database holds no claims; generate them with --keep first")
        print(f"bench_api on {vendor} {bench.database_label()!r}: reusing {claims:,} claims")
    else:
        try:
            bench.ensure_safe_target(force=options["force"], confirm_database=options["confirm_database"])
        except bench.BenchRefused as exc:
            raise SystemExit(str(exc)) from exc
        print(f"bench_api on {vendor} {bench.database_label()!r}: {claims:,} claims in {facts:,} facts")
        generated = bench.generate(claims=claims, facts=facts, log=print)
        first = generated.first_ids["claim"]
        print(f"generated in {generated.seconds:.1f} s; verdicts {generated.verdicts}")
    try:
        deep = first + claims // 2
        lists = []
        for page_size in (50, 500):
            lists += bench.measure_list(page_size=page_size, deep_position=deep, repeat=options["repeat"])
        scan = bench.measure_scan(repeat=options["scan_repeat"], loop_sample=options["loop_sample"])
        lines = bench.report_lines(vendor=vendor, generated=generated, lists=lists, scan=scan, info=bench.machine())
        print("\n".join(lines))
        if not options["no_write"]:
            bench.write_markdown(options["output"], vendor, lines)
            print(f"wrote {options['output']}")
    finally:
        if generated is not None and not options["keep"]:
            bench.cleanup(generated)
            print("generated rows deleted (--keep keeps them)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
