"""`manage.py import FILE`: claims with evidence from CSV or JSON Lines (format: `claims.exchange`)."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.exchange import claims_import, read_rows


class Command(BaseCommand):
    help = "Import claims (CSV, or JSON Lines for any other suffix). Idempotent; batched; bad rows reported by line."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--batch-size", type=int, help="rows per transaction (default: 10,000 on PostgreSQL, 1000 on SQLite)"
        )
        parser.add_argument("--no-progress", action="store_true", help="do not draw a progress bar")

    def handle(self, *args, file: Path, batch_size: int | None, no_progress: bool, **options) -> None:
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        if batch_size is not None and batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        with tqdm(unit="row", disable=no_progress, file=sys.stderr) as bar:
            result = claims_import(rows=read_rows(file), batch_size=batch_size, via="import", progress=bar.update)
        for error in result.errors:
            self.stderr.write(f"{file.name}:{error.line}: {error.reason}")
        self.stdout.write(
            f"created {result.created}, updated {result.updated}, skipped {result.skipped} (unchanged), "
            f"bad rows {len(result.errors)}, held back {result.held_back} (in batches with a bad row); "
            f"new entities {result.entities_created}, new facts {result.facts_created}"
        )
        if result.errors:
            raise CommandError(f"{len(result.errors)} bad row(s); their batches were not written", returncode=1)
