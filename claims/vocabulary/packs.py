"""Writing a vocabulary pack into the database: `manage.py load_vocabulary` and the data migration.

Loading is idempotent: rows are found by their natural keys (slug, name, entity + folded alias +
language, and for cues pack + property or event type + language + words), created when missing,
updated when the pack says otherwise, and a second load changes nothing. A pack never overwrites
a curator's edit: rows whose `origin` is no longer `pack` (a curator changed them) keep their
fields; the pack may still add aliases to them. Cues that a pack loaded and no longer lists are
removed, unless a curator edited them. Every change writes a `Revision` (one per entity, with
the aliases it gained) and the load bumps the vocabulary version once, in the same transaction.

Why the models come from an app registry argument: the data migration loads the default packs
with the historical models of its point in the migration graph, the command with the live ones.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.apps import apps as live_apps
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Now

from claims.domain.packs import Pack
from claims.domain.phrases import normalize_alias
from claims.domain.vocabulary import (
    AliasRecord,
    EntityRecord,
    PropertyRecord,
    UnitFamily,
    Vocabulary,
    VocabularyError,
)
from claims.revisions import jsonable

PACK = "pack"


class PackRefused(Exception):
    """The pack does not fit the database (an unknown slug or unit family, a bad phrase)."""


@dataclass(slots=True)
class PackLoad:
    """What a load changed, counted by model: `created`, `updated`, `removed`."""

    pack: str
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)

    def summary(self) -> str:
        def part(counter: Counter[str]) -> str:
            return ", ".join(f"{n} {model}" for model, n in sorted(counter.items())) or "nothing"

        return (
            f"pack {self.pack}: created {part(self.created)}; updated {part(self.updated)}; "
            f"removed {part(self.removed)}"
        )


@dataclass(slots=True)
class _Writer:
    apps: Any
    using: str
    user: Any
    via: str
    result: PackLoad
    revisions: list[Any] = field(default_factory=list)  # written at once at the end
    creations: dict[int, Any] = field(default_factory=dict)  # entity id -> its creation's revision

    def model(self, name: str) -> Any:
        return self.apps.get_model("claims", name)

    def manager(self, name: str) -> Any:
        return self.model(name)._base_manager.db_manager(self.using)

    def revise(self, obj: Any, action: str, changes: dict[str, tuple[Any, Any]]) -> None:
        user = self.user if self.user is not None and getattr(self.user, "is_authenticated", False) else None
        row = self.model("Revision")(
            user_id=user.pk if user is not None else None,
            via=self.via,
            model=obj._meta.model_name,
            object_id=obj.pk,
            object_repr=str(obj)[:200],
            action=action,
            changes={k: [jsonable(old), jsonable(new)] for k, (old, new) in changes.items()},
        )
        self.revisions.append(row)
        if action == "create":
            self.creations[obj.pk] = row
        getattr(self.result, {"create": "created", "update": "updated", "delete": "removed"}[action])[
            obj._meta.model_name
        ] += 1

    def upsert(self, name: str, key: dict[str, Any], values: dict[str, Any], *, guarded: bool = True) -> Any:
        """Create the row or update the fields that differ; `guarded` rows edited by a curator stay."""
        row = self.manager(name).filter(**key).first()
        if row is None:
            row = self.manager(name).create(**key, **values)
            self.revise(row, "create", {k: (None, v) for k, v in values.items()})
            return row
        if guarded and getattr(row, "origin", PACK) != PACK:
            return row
        diff = {k: (getattr(row, k), v) for k, v in values.items() if not _same(getattr(row, k), v)}
        if diff:
            for k, (_, v) in diff.items():
                setattr(row, k, v)
            row.save(update_fields=list(diff))
            self.revise(row, "update", diff)
        return row


def pack_load(
    *, pack: Pack, apps: Any = live_apps, using: str = "default", user: Any = None, via: str = "command"
) -> PackLoad:
    """Write `pack` into the database `using`; raise `PackRefused` (nothing written) if it does not fit."""
    with transaction.atomic(using=using):
        writer = _Writer(apps, using, user, via, PackLoad(pack.name))
        _check(pack, writer)
        for family in pack.unit_families:
            writer.upsert(
                "UnitFamily",
                {"name": family.name},
                {
                    "units": list(family.units),
                    "currencies": family.currencies,
                    "unit_required": family.unit_required,
                    "minimum": family.minimum,
                    "maximum": family.maximum,
                    "pack": pack.name,
                },
                guarded=False,
            )
        for prop in pack.properties:
            writer.upsert("Property", {"slug": prop.slug}, _property_values(prop, pack.name))
        _load_entities(writer, pack)
        _load_cues(writer, pack)
        writer.manager("Revision").bulk_create(writer.revisions, batch_size=500)
        if writer.result.changed:
            version_bump(apps=apps, using=using)
        return writer.result


def version_bump(*, apps: Any = live_apps, using: str = "default") -> int:
    """Count one change of the vocabulary (call inside the transaction that made it)."""
    manager = apps.get_model("claims", "VocabularyVersion")._base_manager.db_manager(using)
    token = uuid.uuid4().hex
    if not manager.filter(pk=1).update(version=F("version") + 1, token=token, updated_at=Now()):
        manager.create(pk=1, version=1, token=token)
    return manager.get(pk=1).version


def _property_values(prop: PropertyRecord, pack: str) -> dict[str, Any]:
    return {
        "label_en": prop.label_en,
        "label_ar": prop.label_ar,
        "label_fa": prop.label_fa,
        "value_type": prop.value_type,
        "unit": prop.unit,
        "unit_family": prop.unit_family,
        "time_varying": prop.time_varying,
        "cumulative": prop.cumulative,
        "qualifier_keys": list(prop.qualifier_keys),
        "subject_kinds": list(prop.subject_kinds),
        "event_types": list(prop.event_types),
        "day_only": prop.day_only,
        "origin": PACK,
        "pack": pack,
    }


def _entity_values(entity: EntityRecord, pack: str) -> dict[str, Any]:
    return {
        "name": entity.name,
        "kind": entity.kind,
        "wikidata_id": entity.wikidata,
        "country_code": entity.country_code,
        "event_type": entity.event_type,
        "event_date_lower": entity.event_date_lower,
        "event_date_upper": entity.event_date_upper,
        "origin": PACK,
        "pack": pack,
    }


def _load_entities(writer: _Writer, pack: Pack) -> None:
    """Entities, their places and aliases, and the aliases the pack adds to others' entities.

    In bulk (a gazetteer is hundreds of entities and thousands of names): one query reads the
    rows that exist, one writes the new ones, one reads their aliases and one writes the new ones.
    """
    manager = writer.manager("Entity")
    model = writer.model("Entity")
    slugs = [e.slug for e in pack.entities]
    rows = {e.slug: e for e in manager.filter(slug__in=slugs)}
    created: list[Any] = []
    for record in pack.entities:
        values = _entity_values(record, pack.name)
        row = rows.get(record.slug)
        if row is None:
            row = rows[record.slug] = model(slug=record.slug, **values)
            created.append(row)
        elif row.origin == PACK:
            diff = {k: (getattr(row, k), v) for k, v in values.items() if not _same(getattr(row, k), v)}
            if diff:
                for k, (_, v) in diff.items():
                    setattr(row, k, v)
                row.save(update_fields=list(diff))
                writer.revise(row, "update", diff)
    manager.bulk_create(created, batch_size=500)
    new_ids = {row.pk for row in created}
    for row in created:
        writer.revise(row, "create", {k: (None, v) for k, v in _entity_values_of(row).items()})
    wanted = {r.place for r in pack.entities if r.place} | {a.entity for a in pack.aliases}
    known = {**{e.slug: e for e in manager.filter(slug__in=sorted(wanted - set(rows)))}, **rows}
    placed = []
    for record in pack.entities:
        row = rows[record.slug]
        if record.place and (row.origin == PACK) and row.place_id != known[record.place].pk:
            if row.pk not in new_ids:
                writer.revise(row, "update", {"place": (row.place_id, known[record.place].pk)})
            row.place = known[record.place]
            placed.append(row)
    manager.bulk_update(placed, ["place"], batch_size=500)
    names: dict[str, list[AliasRecord]] = {r.slug: list(r.aliases) for r in pack.entities}
    for item in pack.aliases:
        names.setdefault(item.entity, []).append(item.alias)
    _add_aliases(writer, {slug: known[slug] for slug in names}, names, new_ids)


def _entity_values_of(row: Any) -> dict[str, Any]:
    return {k: getattr(row, k) for k in ("name", "kind", "country_code", "event_type") if getattr(row, k)}


def _add_aliases(
    writer: _Writer, entities: dict[str, Any], names: dict[str, list[AliasRecord]], new_ids: set[int]
) -> None:
    """Add the aliases entities lack (one revision per entity that gained some); update pack flags."""
    manager = writer.manager("EntityAlias")
    model = writer.model("EntityAlias")
    existing: dict[tuple[int, str, str], Any] = {
        (a.entity_id, a.normalized, a.language): a
        for a in manager.filter(entity_id__in=[e.pk for e in entities.values()])
    }
    new: list[Any] = []
    for slug, aliases in names.items():
        entity = entities[slug]
        added: list[str] = []
        for alias in aliases:
            key = (entity.pk, normalize_alias(alias.name), alias.language)
            row = existing.get(key)
            if row is None:
                row = existing[key] = model(
                    entity_id=entity.pk,
                    normalized=key[1],
                    language=alias.language,
                    name=alias.name,
                    strict=alias.strict,
                    status="confirmed",
                    origin=PACK,
                )
                new.append(row)
                added.append(f"{alias.name} ({alias.language or 'any'})")
            elif row.pk is not None and row.origin == PACK and row.strict != alias.strict:
                row.strict = alias.strict
                row.save(update_fields=["strict"])
                added.append(f"{alias.name} ({alias.language or 'any'}, strict={alias.strict})")
        if added and entity.pk not in new_ids:
            writer.revise(entity, "update", {"aliases": (None, added)})
        elif added:  # a new entity: its aliases join its creation's revision
            writer.creations[entity.pk].changes["aliases"] = [None, added]
    manager.bulk_create(new, batch_size=1000)


def _cue_key(property_slug: str, event_type: str, language: str, words: Iterable[str]) -> tuple[Any, ...]:
    return (property_slug, event_type, language, tuple(words))


def _load_cues(writer: _Writer, pack: Pack) -> None:
    cue_manager = writer.manager("Cue")
    existing = {
        _cue_key(c.property.slug if c.property_id else "", c.event_type, c.language, c.words): c
        for c in cue_manager.filter(pack=pack.name).select_related("property")
    }
    properties = {p.slug: p for p in writer.manager("Property").all()}
    seen: set[tuple[Any, ...]] = set()
    for cue in pack.cues:
        key = _cue_key(cue.property, cue.event_type, cue.language, cue.words)
        if key in seen:
            raise PackRefused(f"pack {pack.name}: the cue {key} is listed twice")
        seen.add(key)
        values = {
            "side": cue.side,
            "context": list(cue.context),
            "units": list(cue.units),
            "qualifiers": dict(cue.qualifiers),
            "qualifier_from_mention": cue.qualifier_from_mention,
            "subject": writer.manager("Entity").get(slug=cue.subject) if cue.subject else None,
            "weak": cue.weak,
            "confidence": cue.confidence,
            "note": cue.note,
        }
        row = existing.get(key)
        if row is None:
            row = cue_manager.create(
                property=properties.get(cue.property),
                event_type=cue.event_type,
                language=cue.language,
                words=list(cue.words),
                status="confirmed",
                origin=PACK,
                pack=pack.name,
                **values,
            )
            writer.revise(
                row, "create", {"property": (None, cue.property or cue.event_type), "words": (None, cue.words)}
            )
            continue
        if row.origin != PACK:
            continue
        diff = {k: (getattr(row, k), v) for k, v in values.items() if _cue_value(getattr(row, k)) != _cue_value(v)}
        if diff:
            for k, (_, v) in diff.items():
                setattr(row, k, v)
            row.save(update_fields=list(diff))
            writer.revise(row, "update", diff)
    for key, row in existing.items():
        if key not in seen and row.origin == PACK:
            writer.revise(row, "delete", {"words": (row.words, None)})
            row.delete()


def _same(stored: Any, value: Any) -> bool:
    """Whether a stored column already holds `value` (`9.900000` in a decimal column is 9.9)."""
    if isinstance(stored, Decimal) and isinstance(value, Decimal):
        return stored == value
    return jsonable(stored) == jsonable(value)


def _cue_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return value.normalize()
    if hasattr(value, "pk"):
        return value.pk
    return jsonable(value)


def _check(pack: Pack, writer: _Writer) -> None:
    """Compile the pack with the rows it refers to, so a bad reference or phrase writes nothing."""
    entity_slugs = {e.slug for e in pack.entities}
    wanted = {c.subject for c in pack.cues if c.subject} | {e.place for e in pack.entities if e.place}
    wanted |= {a.entity for a in pack.aliases}
    stubs = [
        EntityRecord(slug=row.slug, name=row.name, kind=row.kind)
        for row in writer.manager("Entity").filter(slug__in=sorted(wanted - entity_slugs))
    ]
    missing = sorted(wanted - entity_slugs - {s.slug for s in stubs})
    if missing:
        raise PackRefused(f"pack {pack.name}: unknown entities {missing} (load the packs it requires first)")
    families = {f.name: f for f in pack.unit_families}
    for row in writer.manager("UnitFamily").all():
        families.setdefault(
            row.name,
            UnitFamily(row.name, tuple(row.units), row.currencies, row.unit_required, row.minimum, row.maximum),
        )
    properties = {p.slug: p for p in pack.properties}
    for row in writer.manager("Property").all():
        properties.setdefault(
            row.slug,
            PropertyRecord(
                slug=row.slug,
                value_type=row.value_type if row.value_type in ("quantity", "date") else "quantity",
                label_en=row.label_en,
                unit_family=row.unit_family if row.unit_family in families else "",
            ),
        )
    try:
        Vocabulary.build(
            entities=[*pack.entities, *stubs],
            properties=properties.values(),
            cues=pack.cues,
            unit_families=families.values(),
        )
    except VocabularyError as exc:
        raise PackRefused(f"pack {pack.name}: {exc}") from exc
