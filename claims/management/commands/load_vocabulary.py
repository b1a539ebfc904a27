"""`manage.py load_vocabulary PACK...`: write vocabulary packs into the database (idempotent).

A pack is named (`general`, `gazetteer`, `seed`: folders of fixtures/vocabulary/) or given by its
folder's path. Packs load in the order given; a pack that refers to another's slugs needs it
loaded first (the default packs are loaded by the migrations). A second load changes nothing,
and a row a curator edited keeps the curator's values.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from claims.domain.packs import PackError, read_pack
from claims.vocabulary.packs import PackRefused, pack_load


class Command(BaseCommand):
    help = "Load vocabulary packs (properties, cues, entities, aliases) into the database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("packs", nargs="+", help="pack names (fixtures/vocabulary/<name>) or folders")

    def handle(self, *args, packs: list[str], **options) -> None:
        for name in packs:
            try:
                result = pack_load(pack=read_pack(name), via="command")
            except (PackError, PackRefused) as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(result.summary())
