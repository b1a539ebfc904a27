"""`manage.py export [--out DIR]`: the claims as a fixture, a CSV and W3C Web Annotations."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from claims.exchange import export_rows, write_annotations, write_csv, write_fixture


class Command(BaseCommand):
    help = "Write fixture.json (loaddata), claims.csv (import) and annotations.jsonld (W3C Web Annotation)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", type=Path, default=Path("export"), help="output folder (default: ./export)")

    def handle(self, *args, out: Path, **options) -> None:
        out.mkdir(parents=True, exist_ok=True)
        objects = write_fixture(out / "fixture.json")
        rows = write_csv(out / "claims.csv", export_rows())
        annotations = write_annotations(out / "annotations.jsonld", export_rows())
        self.stdout.write(
            f"{out / 'fixture.json'}: {objects} objects\n{out / 'claims.csv'}: {rows} claims\n"
            f"{out / 'annotations.jsonld'}: {annotations} annotations"
        )
