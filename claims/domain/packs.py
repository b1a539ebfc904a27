"""Vocabulary packs: the files curators exchange vocabulary in (an import format).

A pack is a folder of TOML (or JSON) files under `fixtures/vocabulary/<name>/`; `pack.toml`
names it. The database is the source of truth: `manage.py load_vocabulary PACK` writes a pack
into it (and a data migration loads the default packs), after which curators edit the rows in
the admin or through the API. Each file may hold any of these tables:

    [pack]                      name, title, requires (packs whose slugs it uses)
    [unit_family.<name>]        units = [...], currencies, unit_required, minimum, maximum
    [property.<slug>]           value_type, label_en/ar/fa, unit, unit_family, time_varying,
                                cumulative, qualifier_keys, subject_kinds, event_types, day_only
    [[cue]]                     property | event_type, words, language, side, context, units,
                                confidence, qualifiers, qualifier_from_mention, subject, weak,
                                note
    [[entity]]                  slug, name, kind, wikidata, country_code, event_type, place,
                                event_date ("YYYY-MM-DD" or [lower, upper]), aliases
    [[alias]]                   entity, name, language, strict: a name for an entity of
                                another pack (a demonym for a gazetteer country)
    [names.<language>]          <entity slug> = [names...]: the same, compactly (these names
                                are strict: matched only in articles of their language)
    [places.<entity slug>]      <slug> = { en = "...", ar = "...", fa = "..." }: places (a
                                province, a city) lying in that entity, named in each language

A top-level `language = "ar"` is the default language of the file's cues and aliases, so a
file of Arabic cues says it once. Pure standard library: no Django.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from claims.domain.vocabulary import AliasRecord, CueRecord, EntityRecord, PropertyRecord, UnitFamily

PACKS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "vocabulary"
PACK_FILE = "pack.toml"


class PackError(ValueError):
    """A pack file that cannot be read: unknown keys, wrong types, a repeated slug."""


@dataclass(frozen=True, slots=True)
class ExtraAlias:
    """A name a pack adds to an entity defined elsewhere."""

    entity: str
    alias: AliasRecord


@dataclass(frozen=True, slots=True)
class Pack:
    """A pack's records, as read from its files (not yet checked against other packs)."""

    name: str
    title: str
    requires: tuple[str, ...]
    unit_families: tuple[UnitFamily, ...]
    properties: tuple[PropertyRecord, ...]
    entities: tuple[EntityRecord, ...]
    cues: tuple[CueRecord, ...]
    aliases: tuple[ExtraAlias, ...] = ()


def pack_path(name_or_path: str | Path) -> Path:
    """The folder of a pack given by name (`general`) or by path."""
    path = Path(name_or_path)
    if path.is_dir():
        return path
    candidate = PACKS_DIR / str(name_or_path)
    if candidate.is_dir():
        return candidate
    known = sorted(p.name for p in PACKS_DIR.iterdir() if (p / PACK_FILE).is_file()) if PACKS_DIR.is_dir() else []
    raise PackError(f"no vocabulary pack {str(name_or_path)!r} (known packs: {', '.join(known)})")


def read_pack(name_or_path: str | Path) -> Pack:
    """Read every file of a pack into one `Pack`; raise `PackError` naming the file and entry."""
    folder = pack_path(name_or_path)
    if not (folder / PACK_FILE).is_file():
        raise PackError(f"{folder}: no {PACK_FILE}")
    header: dict[str, Any] = {}
    families: dict[str, UnitFamily] = {}
    properties: dict[str, PropertyRecord] = {}
    entities: dict[str, EntityRecord] = {}
    cues: list[CueRecord] = []
    aliases: list[ExtraAlias] = []
    files = sorted(p for p in folder.iterdir() if p.suffix in (".toml", ".json"))
    for path in files:
        data = _read(path)
        where = f"{folder.name}/{path.name}"
        _keys(
            data,
            {
                "pack",
                "language",
                "unit_family",
                "property",
                "cue",
                "entity",
                "alias",
                "names",
                "places",
                "_generated_by",
            },
            where,
        )
        language = data.get("language", "")
        if "pack" in data:
            if path.name != PACK_FILE:
                raise PackError(f"{where}: [pack] belongs in {PACK_FILE}")
            header = data["pack"]
        for name, table in data.get("unit_family", {}).items():
            if name in families:
                raise PackError(f"{where}: unit family {name!r} is defined twice")
            families[name] = _family(name, table, where)
        for slug, table in data.get("property", {}).items():
            if slug in properties:
                raise PackError(f"{where}: property {slug!r} is defined twice")
            properties[slug] = _property(slug, table, where)
        for table in data.get("entity", []):
            entity = _entity(table, language, where)
            if entity.slug in entities:
                raise PackError(f"{where}: entity {entity.slug!r} is defined twice")
            entities[entity.slug] = entity
        cues.extend(_cue(table, language, where) for table in data.get("cue", []))
        aliases.extend(_extra_alias(table, language, where) for table in data.get("alias", []))
        for country, table in data.get("places", {}).items():
            for slug, names in table.items():
                place = _place(slug, country, names, f"{where} places.{country}.{slug}")
                if place.slug in entities:
                    raise PackError(f"{where}: entity {place.slug!r} is defined twice")
                entities[place.slug] = place
        for names_language, table in data.get("names", {}).items():
            for slug, names in table.items():
                what = f"{where} names.{names_language}.{slug}"
                aliases.extend(
                    ExtraAlias(slug, AliasRecord(n, names_language, strict=True)) for n in _strings(names, what)
                )
    _keys(header, {"name", "title", "requires"}, f"{folder.name}/{PACK_FILE} [pack]")
    name = header.get("name")
    if not isinstance(name, str) or not name:
        raise PackError(f"{folder.name}/{PACK_FILE}: [pack] needs a name")
    # Extra aliases of this pack's own entities are simply more aliases.
    own = [a for a in aliases if a.entity in entities]
    for extra in own:
        entry = entities[extra.entity]
        entities[extra.entity] = replace(entry, aliases=(*entry.aliases, extra.alias))
    return Pack(
        name=name,
        title=str(header.get("title", name)),
        requires=_strings(header.get("requires", []), f"{name} requires"),
        unit_families=tuple(families.values()),
        properties=tuple(properties.values()),
        entities=tuple(entities.values()),
        cues=tuple(cues),
        aliases=tuple(a for a in aliases if a.entity not in entities),
    )


def _read(path: Path) -> dict[str, Any]:
    try:
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        else:
            with path.open("rb") as fh:
                data = tomllib.load(fh, parse_float=Decimal)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PackError(f"{path}: cannot be read ({exc})") from exc
    if not isinstance(data, dict):
        raise PackError(f"{path}: expected a table at the top")
    return data


def _keys(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    if not isinstance(table, Mapping):
        raise PackError(f"{where}: expected a table")
    unknown = set(table) - allowed
    if unknown:
        raise PackError(f"{where}: unknown keys {sorted(unknown)}")


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PackError(f"{where}: expected a list of non-empty strings")
    return tuple(value)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise PackError(f"{where}: expected true or false")
    return value


def _text(table: Mapping[str, Any], key: str, where: str, default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise PackError(f"{where}: {key} must be a string")
    return value


def _family(name: str, table: Mapping[str, Any], where: str) -> UnitFamily:
    what = f"{where} unit family {name}"
    _keys(table, {"units", "currencies", "unit_required", "minimum", "maximum", "note"}, what)
    units = table.get("units", [])
    return UnitFamily(
        name,
        _strings(units, f"{what} units") if units else (),
        _bool(table.get("currencies", False), f"{what} currencies"),
        _bool(table.get("unit_required", False), f"{what} unit_required"),
        _number(table.get("minimum"), f"{what} minimum"),
        _number(table.get("maximum"), f"{what} maximum"),
    )


def _number(value: Any, where: str) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise PackError(f"{where}: expected a number")
    return Decimal(value)


_PROPERTY_KEYS = {
    "value_type", "label_en", "label_ar", "label_fa", "unit", "unit_family", "time_varying", "cumulative",
    "qualifier_keys", "subject_kinds", "event_types", "day_only", "note",
}  # fmt: skip


def _property(slug: str, table: Mapping[str, Any], where: str) -> PropertyRecord:
    what = f"{where} property {slug}"
    _keys(table, _PROPERTY_KEYS, what)
    return PropertyRecord(
        slug=slug,
        value_type=_text(table, "value_type", what),
        label_en=_text(table, "label_en", what, slug.replace("_", " ")),
        label_ar=_text(table, "label_ar", what),
        label_fa=_text(table, "label_fa", what),
        unit=_text(table, "unit", what),
        unit_family=_text(table, "unit_family", what),
        time_varying=_bool(table.get("time_varying", False), f"{what} time_varying"),
        cumulative=_bool(table.get("cumulative", False), f"{what} cumulative"),
        qualifier_keys=_strings(table.get("qualifier_keys", []), f"{what} qualifier_keys"),
        subject_kinds=_strings(table.get("subject_kinds", []), f"{what} subject_kinds"),
        event_types=_strings(table.get("event_types", []), f"{what} event_types"),
        day_only=_bool(table.get("day_only", False), f"{what} day_only"),
    )


_CUE_KEYS = {
    "property", "event_type", "words", "language", "side", "context", "units", "confidence", "qualifiers",
    "qualifier_from_mention", "subject", "weak", "note",
}  # fmt: skip


def _cue(table: Mapping[str, Any], language: str, where: str) -> CueRecord:
    what = f"{where} cue {table.get('property') or table.get('event_type')!r} {table.get('words', [])[:1]}"
    _keys(table, _CUE_KEYS, what)
    confidence = table.get("confidence", Decimal("0.8"))
    if isinstance(confidence, int) and not isinstance(confidence, bool):
        confidence = Decimal(confidence)
    if not isinstance(confidence, Decimal):
        raise PackError(f"{what}: confidence must be a number")
    qualifiers = table.get("qualifiers", {})
    if not isinstance(qualifiers, Mapping) or not all(isinstance(v, str) for v in qualifiers.values()):
        raise PackError(f"{what}: qualifiers must map names to strings")
    words = table.get("words", [])
    return CueRecord(
        words=_strings(words, f"{what} words") if words else (),
        confidence=confidence,
        property=_text(table, "property", what),
        event_type=_text(table, "event_type", what),
        language=_text(table, "language", what, language),
        side=_text(table, "side", what, "either"),
        context=_strings(table.get("context", []), f"{what} context") if table.get("context") else (),
        units=_strings(table.get("units", []), f"{what} units") if table.get("units") else (),
        qualifiers=tuple(sorted(qualifiers.items())),
        qualifier_from_mention=_text(table, "qualifier_from_mention", what),
        subject=_text(table, "subject", what),
        weak=_bool(table.get("weak", False), f"{what} weak"),
        note=_text(table, "note", what),
    )


def _alias(table: Any, language: str, where: str) -> AliasRecord:
    if isinstance(table, str):
        return AliasRecord(table, language)
    _keys(table, {"name", "language", "strict", "entity"}, f"{where} alias")
    name = _text(table, "name", where)
    if not name.strip():
        raise PackError(f"{where}: an alias needs a name")
    return AliasRecord(name, _text(table, "language", where, language), _bool(table.get("strict", False), where))


def _extra_alias(table: Mapping[str, Any], language: str, where: str) -> ExtraAlias:
    entity = _text(table, "entity", f"{where} alias")
    if not entity:
        raise PackError(f"{where}: [[alias]] {table.get('name')!r} needs the entity it names")
    return ExtraAlias(entity, _alias(table, language, f"{where} alias of {entity}"))


def _place(slug: str, within: str, names: Any, where: str) -> EntityRecord:
    if not isinstance(names, Mapping) or not names:
        raise PackError(f"{where}: expected names by language")
    aliases = []
    for language, value in names.items():
        for name in [value] if isinstance(value, str) else _strings(value, where):
            aliases.append(AliasRecord(name, language, strict=True))
    english = names.get("en")
    label = english if isinstance(english, str) else slug.replace("_", " ").title()
    return EntityRecord(slug=slug, name=label, kind="place", aliases=tuple(aliases), place=within)


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise PackError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


_ENTITY_KEYS = {
    "slug", "name", "kind", "wikidata", "country_code", "event_type", "place", "event_date", "aliases", "note",
}  # fmt: skip


def _entity(table: Mapping[str, Any], language: str, where: str) -> EntityRecord:
    slug = table.get("slug", "")
    what = f"{where} entity {slug!r}"
    _keys(table, _ENTITY_KEYS, what)
    if not isinstance(slug, str) or not slug:
        raise PackError(f"{what}: needs a slug")
    event_date = table.get("event_date")
    lower = upper = None
    if isinstance(event_date, list):
        if len(event_date) != 2:
            raise PackError(f"{what}: event_date is a date or a [lower, upper] pair")
        lower, upper = _date(event_date[0], what), _date(event_date[1], what)
    elif event_date is not None:
        lower = upper = _date(event_date, what)
    aliases = table.get("aliases", [])
    if not isinstance(aliases, list):
        raise PackError(f"{what}: aliases must be a list")
    return EntityRecord(
        slug=slug,
        name=_text(table, "name", what, slug),
        kind=_text(table, "kind", what),
        aliases=tuple(_alias(a, language, what) for a in aliases),
        wikidata=_text(table, "wikidata", what),
        country_code=_text(table, "country_code", what),
        event_type=_text(table, "event_type", what),
        place=_text(table, "place", what),
        event_date_lower=lower,
        event_date_upper=upper,
    )
