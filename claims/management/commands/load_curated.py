"""`manage.py load_curated`: load the curated seed fixture into an empty database.

The fixture holds the seed documents themselves (same text, same sha256 as `ingest`
produces) with their curated claims, under fixed ids, and the vocabulary they use under its
natural keys (slugs: it lands on the rows the migrations and packs created). So it is loaded
only into a database that holds no documents or claims yet; if its documents are already there
(loaded before, or the seeds were ingested) there is nothing to do; any other data is left
alone and the fixture is skipped with a note (use `manage.py import` to add claims to a live
database). Running it twice changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from claims.management.commands.audit import DEFAULT_FIXTURES
from claims.models import Claim, Fact
from claims.services import claims_link_mentions
from claims.vocabulary.packs import version_bump
from corpus.models import Document
from corpus.services import document_reextract


class Command(BaseCommand):
    help = "Load the curated seed fixture when the database is empty (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("fixtures", nargs="*", type=Path, help="default: fixtures/curated/seeds.json")

    def handle(self, *args, fixtures: list[Path], **options) -> None:
        fixtures = fixtures or DEFAULT_FIXTURES
        shas = set()
        for path in fixtures:
            if not path.is_file():
                raise CommandError(f"no such file: {path}")
            shas |= {
                o["fields"]["sha256"] for o in json.loads(path.read_text("utf-8")) if o["model"] == "corpus.document"
            }
        present = Document.objects.filter(sha256__in=shas).count()
        if shas and present == len(shas):
            self.stdout.write(f"curated fixture: its {present} documents are already stored; nothing to do")
            return
        if Document.objects.exists() or Claim.objects.exists() or Fact.objects.exists():
            self.stderr.write(
                "curated fixture skipped: the database already holds other documents or claims and the fixture "
                "uses fixed ids (add claims to a live database with `manage.py import`)"
            )
            return
        with transaction.atomic():
            call_command("loaddata", *map(str, fixtures), verbosity=0)
            version_bump()  # the fixture may bring entities and aliases the matcher should see
            # The fixture holds documents, not what the extractor finds in them: store their
            # mentions now, and tie each curated claim to the mention its evidence quotes.
            documents = list(Document.objects.filter(sha256__in=shas))
            for document in documents:
                document_reextract(document=document)
            claims_link_mentions(document_ids=[d.pk for d in documents])
        self.stdout.write(
            f"curated fixture loaded: {Document.objects.count()} documents, {Claim.objects.count()} claims, "
            f"{Fact.objects.count()} facts"
        )
