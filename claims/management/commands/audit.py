"""`manage.py audit [FIXTURE...]`: prove that a fixture of curated claims is sound.

Loads the fixtures into a scratch database (never the user's), runs the checks of
`claims.audit` and exits non-zero on any failure. `--diff OLD NEW` compares two fixture
versions without a database.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from claims.audit import (
    FAILURE,
    AuditReport,
    Finding,
    audit_database,
    check_fixture_rows,
    fixture_diff,
    load_expectations,
    read_fixtures,
    scratch_database,
)

CURATED_DIR = Path(settings.BASE_DIR) / "fixtures" / "curated"
DEFAULT_FIXTURES = [CURATED_DIR / "seeds.json"]
DEFAULT_EXPECTATIONS = CURATED_DIR / "expectations.json"


class Command(BaseCommand):
    help = "Audit fixtures of curated claims in a scratch database (default: the shipped ones)."
    # The system checks would open the `default` database (SQLite's JSON support probe); the
    # audit must not touch it, and CI runs the checks with the tests anyway.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fixtures", nargs="*", type=Path, help="Django JSON fixtures (default: fixtures/curated)")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--expectations", type=Path, help="expected verdicts (default: fixtures/curated)")
        parser.add_argument("--diff", nargs=2, type=Path, metavar=("OLD", "NEW"), help="compare two fixture versions")

    def handle(self, *args, fixtures: list[Path], format: str, expectations: Path | None, diff, **options) -> None:
        if diff:
            result = fixture_diff(read_fixtures([diff[0]]), read_fixtures([diff[1]]))
            self.stdout.write(
                json.dumps(result.as_dict(), ensure_ascii=False, indent=2) if format == "json" else result.as_text()
            )
            return
        fixtures = fixtures or DEFAULT_FIXTURES
        missing = [str(p) for p in [*fixtures, expectations or DEFAULT_EXPECTATIONS] if not p.is_file()]
        if missing:
            raise CommandError(f"no such file: {', '.join(missing)}")
        expected = load_expectations(expectations or DEFAULT_EXPECTATIONS)
        prechecks = check_fixture_rows(read_fixtures(fixtures))
        with scratch_database("audit") as alias:
            try:
                call_command("loaddata", *map(str, fixtures), database=alias, verbosity=0)
            except (DatabaseError, CommandError) as exc:
                report = AuditReport(findings=prechecks)
                report.findings.append(
                    Finding("integrity", FAILURE, ", ".join(map(str, fixtures)), f"fixture does not load: {exc}")
                )
            else:
                report = audit_database(using=alias, expectations=expected)
                report.findings[:0] = [f for f in prechecks if f not in report.findings]
        self.stdout.write(
            json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if format == "json" else report.as_text()
        )
        if not report.passed:
            raise CommandError(f"audit failed: {len(report.failures)} failures", returncode=1)
