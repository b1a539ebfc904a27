"""Build `fixtures/vocabulary/gazetteer/countries.json`: countries, territories and cities from CLDR.

Why generated and not typed: the names of some 250 territories in Arabic, Persian, Dari and
English are exactly what Unicode CLDR curates, and Babel (pinned in requirements-dev.txt) ships
CLDR. This script reads them from Babel and writes one entity per territory, slugged by its
English name, with its ISO 3166-1 code, its names as aliases (Persian and Dari names both as
`fa`), and the variants the CLDR string itself holds (`Myanmar (Burma)` gives `Myanmar` and
`Burma`; `&` gives `and`). Every name is strict, matched only in articles of its language: the
Persian name of Morocco, `مراکش`, is Marrakesh in Arabic once letters are folded. Cities are CLDR's time-zone exemplar cities (Kabul, Tehran, Cairo…),
each a place in its country, so that a figure about `Herat` or `کابل` finds Afghanistan. Names
CLDR lacks (short forms, demonyms) are in the pack's
`supplement.toml`, written by hand. `tests/unit/test_gazetteer.py` checks that the committed file
is what this script produces.

    .venv/bin/python -m benchmarks.build_gazetteer [--out fixtures/vocabulary/gazetteer/countries.json]
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "fixtures" / "vocabulary" / "gazetteer" / "countries.json"
# Locales read, and the alias language each gives: Dari (fa_AF) names are Persian aliases.
LOCALES = (("en", "en"), ("ar", "ar"), ("fa", "fa"), ("fa_AF", "fa"))
# CLDR territory codes that are not places: unknown, pseudo-locales, groupings.
NOT_PLACES = frozenset({"ZZ", "XA", "XB", "EU", "EZ", "UN", "QO"})
# CLDR names that are also common words once folded, kept off the aliases so that they never
# name the wrong entity; supplement.toml gives each country an unambiguous form instead.
# (code, language, name)
EXCLUDED: frozenset[tuple[str, str, str]] = frozenset(
    {
        ("ML", "ar", "مالي"),  # "financial"
        ("ML", "fa", "مالی"),  # "financial"
        ("OM", "ar", "عُمان"),  # folds to عمان, also Amman, Jordan's capital
        ("CZ", "fa", "چک"),  # "cheque"
        ("BJ", "ar", "بنين"),  # "sons"
        ("Asia/Amman", "ar", "عمّان"),  # folds to عمان, also Oman
        ("Asia/Amman", "fa", "عَمان"),  # Oman in Persian
        ("Europe/Rome", "fa", "رم"),  # also "fleeing", "rum"
    }
)


def slugify(name: str) -> str:
    """`Côte d’Ivoire` -> `cote_divoire`: ASCII letters and digits joined by `_`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")


def variants(name: str, language: str) -> list[str]:
    """The name and the forms its CLDR string holds: without and inside brackets, `&` spelled out."""
    out = [name]
    bracket = re.fullmatch(r"(.+?)\s*\((.+)\)", name)
    if bracket:
        out.append(bracket.group(1))
        if len(bracket.group(2).split()) == 1:  # `(Burma)` is a name, `(منطقة إدارية خاصة)` is not
            out.append(bracket.group(2))
    if "&" in name and language == "en":
        out.append(name.replace("&", "and"))
    if language == "en" and name.startswith("St. "):
        out.append("Saint " + name[4:])
    seen: list[str] = []
    for item in out:
        item = " ".join(item.split())
        if item and item not in seen:
            seen.append(item)
    return seen


def build() -> dict[str, Any]:
    """The pack file's content: one entity per CLDR territory."""
    from babel import Locale, __version__

    names = {locale: Locale.parse(locale).territories for locale, _ in LOCALES}
    codes = sorted(code for code in names["en"] if re.fullmatch(r"[A-Z]{2}", code) and code not in NOT_PLACES)
    entities = []
    slugs: set[str] = set()
    for code in codes:
        slug = slugify(names["en"][code])
        if slug in slugs:
            slug = f"{slug}_{code.lower()}"
        slugs.add(slug)
        aliases: list[dict[str, str]] = []
        for locale, language in LOCALES:
            name = names[locale].get(code)
            if not name:
                continue
            for variant in variants(name, language):
                alias = {"name": variant, "language": language, "strict": True}
                if alias not in aliases and (code, language, variant) not in EXCLUDED:
                    aliases.append(alias)
        entities.append(
            {"slug": slug, "name": names["en"][code], "kind": "country", "country_code": code, "aliases": aliases}
        )
    entities += _cities(names, {e["country_code"]: e for e in entities}, slugs)
    return {"_generated_by": f"benchmarks/build_gazetteer.py from CLDR via Babel {__version__}", "entity": entities}


def _cities(territories: dict[str, Any], countries: dict[str, dict[str, Any]], slugs: set[str]) -> list[dict[str, Any]]:
    """A place per CLDR time-zone exemplar city, in its country, named in each locale."""
    from babel import Locale
    from babel.core import get_global

    zones = {locale: Locale.parse(locale).time_zones for locale, _ in LOCALES}
    out = []
    for zone, code in sorted(get_global("zone_territories").items()):
        country = countries.get(code)
        if country is None or zone.startswith("Etc/"):
            continue
        english = zones["en"].get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
        country_names = {a["name"] for a in country["aliases"]}
        slug = slugify(english)
        if english in country_names or slug in slugs:
            continue  # a city-state, or a city named like a country: the country covers it
        slugs.add(slug)
        aliases: list[dict[str, str]] = []
        for locale, language in LOCALES:
            name = english if locale == "en" else zones[locale].get(zone, {}).get("city")
            if not name or name in country_names:
                continue
            for variant in variants(name, language):
                alias = {"name": variant, "language": language, "strict": True}
                if alias not in aliases and (zone, language, variant) not in EXCLUDED:
                    aliases.append(alias)
        if aliases:
            out.append({"slug": slug, "name": english, "kind": "place", "place": country["slug"], "aliases": aliases})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    data = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(data['entity'])} entities)")


if __name__ == "__main__":
    main()
