"""Curators' writes to the vocabulary: entities, aliases, properties, cues, merges, events.

Each service is keyword-only and atomic, validates before saving, writes a `Revision` and
bumps the vocabulary version in the same transaction, so every process's matcher sees the change
on its next call (`claims.vocabulary.cache`). A row a curator edits becomes `curated`: a later
load of its pack leaves it alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q

from claims.domain.cleaning import InvisibleText, clean_text
from claims.domain.phrases import PhraseError, compile_phrase, normalize_alias
from claims.domain.proposer import EventRef
from claims.domain.vocabulary import EVENT_TYPES, LANGUAGES, MENTION_QUALIFIERS
from claims.models import (
    Claim,
    Cue,
    Entity,
    EntityAlias,
    EntityKind,
    Fact,
    Property,
    UnitFamily,
    VocabularyOrigin,
    VocabularyStatus,
)
from claims.revisions import User, jsonable, revision_record
from claims.vocabulary.packs import version_bump
from corpus.extraction.units import KNOWN_UNITS

ENTITY_FIELDS = (
    "name", "kind", "wikidata_id", "country_code", "event_type", "place", "event_date_lower", "event_date_upper",
    "status",
)  # fmt: skip
PROPERTY_FIELDS = (
    "label_en", "label_ar", "label_fa", "value_type", "unit", "unit_family", "time_varying", "cumulative",
    "qualifier_keys", "subject_kinds", "event_types", "day_only",
)  # fmt: skip
CUE_FIELDS = (
    "property", "event_type", "language", "words", "side", "context", "units", "qualifiers",
    "qualifier_from_mention", "subject", "weak", "confidence", "status", "note",
)  # fmt: skip
ALIAS_FIELDS = ("name", "language", "strict", "status")


class MergeRefused(Exception):
    """Two entities that cannot be merged (the same one, or of different kinds)."""


# --- helpers ---------------------------------------------------------------------------------


def _apply(obj: Any, changes: dict[str, Any], allowed: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValidationError({f: "This field cannot be changed." for f in sorted(unknown)})
    diff = {f: (getattr(obj, f), v) for f, v in changes.items() if jsonable(getattr(obj, f)) != jsonable(v)}
    for field, (_, value) in diff.items():
        setattr(obj, field, value)
    return diff


def _clean_name(value: str, field: str) -> str:
    try:
        return clean_text(value)
    except InvisibleText as exc:
        raise ValidationError({field: str(exc)}) from exc


def _phrases(words: Any, field: str, language: str, *, gaps: bool = False) -> list[str]:
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ValidationError({field: "Expected a list of non-empty phrases."})
    for word in words:
        try:
            compile_phrase(word, article=not gaps, gaps=gaps, language=language)
        except PhraseError as exc:
            raise ValidationError({field: str(exc)}) from exc
    return [clean_text(w) for w in words]


def slug_unique(base: str) -> str:
    """`base` made a free entity slug (`earthquake_tr_2023_02_06`, then `_2`, `_3`…)."""
    slug = re.sub(r"[^a-z0-9_]+", "_", base.lower()).strip("_")[:90] or "entity"
    candidate, n = slug, 1
    while Entity.objects.filter(slug=candidate).exists():
        n += 1
        candidate = f"{slug}_{n}"
    return candidate


# --- entities ------------------------------------------------------------------------------


def _entity_check(entity: Entity) -> None:
    if entity.event_type and entity.kind != EntityKind.EVENT:
        raise ValidationError({"event_type": "Only an event has an event type."})
    if entity.place_id is not None and entity.place_id == entity.pk:
        raise ValidationError({"place": "An entity cannot lie in itself."})
    entity.full_clean()


_Created = TypeVar("_Created", Entity, Property, Cue)


def _refuse_unknown(fields: dict[str, Any], allowed: Iterable[str]) -> None:
    """A 400 naming each field a create may not set."""
    unknown = set(fields) - set(allowed)
    if unknown:
        raise ValidationError({f: "This field cannot be set." for f in sorted(unknown)})


def _save_created(obj: _Created, names: Iterable[str], *, user: User, via: str) -> _Created:
    """Save a checked new vocabulary row, record its fields as a revision, and refresh the matcher."""
    obj.save()
    revision_record(obj=obj, action="create", changes={f: (None, getattr(obj, f)) for f in names}, user=user, via=via)
    version_bump()
    return obj


@transaction.atomic
def entity_create(*, name: str, kind: str, user: User, via: str, slug: str = "", **fields: Any) -> Entity:
    """A new entity (confirmed unless `status` says otherwise)."""
    _refuse_unknown(fields, ENTITY_FIELDS)
    name = _clean_name(name, "name")
    entity = Entity(name=name, kind=kind, slug=slug or slug_unique(name), origin=VocabularyOrigin.CURATED, **fields)
    _entity_check(entity)
    return _save_created(entity, ("slug", "name", "kind", *fields), user=user, via=via)


@transaction.atomic
def entity_update(*, entity: Entity, user: User, via: str, **changes: Any) -> Entity:
    """Change an entity's fields; it becomes `curated` (a pack reload leaves it alone)."""
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], "name")
    diff = _apply(entity, changes, ENTITY_FIELDS)
    if not diff:
        return entity
    if entity.origin == VocabularyOrigin.PACK:
        diff["origin"] = (entity.origin, VocabularyOrigin.CURATED)
        entity.origin = VocabularyOrigin.CURATED
    _entity_check(entity)
    entity.save(update_fields=list(diff))
    revision_record(obj=entity, action="update", changes=diff, user=user, via=via)
    version_bump()
    return entity


def entity_confirm(*, entity: Entity, user: User, via: str) -> Entity:
    """A proposed entity (one `propose` created from an article's text) becomes confirmed."""
    return entity_update(entity=entity, user=user, via=via, status=VocabularyStatus.CONFIRMED)


@transaction.atomic
def entity_merge(*, source: Entity, target: Entity, user: User, via: str) -> Entity:
    """Merge `source` into `target`: its aliases, claims, facts, cues and places move, it is deleted.

    Facts of the source whose key exists on the target are folded into the target's fact (its
    claims move, a resolution note or preferred claim the target lacks carries over); the
    verdicts of every fact touched are recomputed.
    """
    from claims.services import fact_key, facts_refresh

    if source.pk == target.pk:
        raise MergeRefused("an entity cannot be merged into itself")
    if source.kind != target.kind:
        raise MergeRefused(f"a {source.kind} cannot be merged into a {target.kind}")
    moved: dict[str, Any] = {"merged": source.slug}
    known = {(a.normalized, a.language) for a in target.aliases.all()}
    aliases = []
    for alias in source.aliases.all():
        if (alias.normalized, alias.language) in known:
            alias.delete()
            continue
        alias.entity = target
        alias.save(update_fields=["entity"])
        aliases.append(alias.name)
    if normalize_alias(source.name) not in {k[0] for k in known} and source.kind != EntityKind.EVENT:
        EntityAlias.objects.get_or_create(
            entity=target,
            normalized=normalize_alias(source.name),
            language="",
            defaults={"name": source.name, "status": VocabularyStatus.CONFIRMED, "origin": VocabularyOrigin.CURATED},
        )
        aliases.append(source.name)
    moved["aliases"] = aliases

    touched: set[int] = set()
    for fact in Fact.objects.filter(subject=source).select_related("property"):
        key = fact_key(subject_id=target.pk, property_id=fact.property_id, qualifiers=fact.qualifiers)
        existing = Fact.objects.filter(key=key).first()
        if existing is None:
            fact.subject, fact.key = target, key
            fact.version += 1
            fact.save(update_fields=["subject", "key", "version", "updated_at"])
            touched.add(fact.pk)
            continue
        Claim.objects.filter(fact=fact).update(fact=existing)
        carried: dict[str, Any] = {}
        if not existing.resolution_note and fact.resolution_note:
            carried["resolution_note"] = fact.resolution_note
        if existing.preferred_claim_id is None and fact.preferred_claim_id is not None:
            carried["preferred_claim_id"] = fact.preferred_claim_id
        if carried:
            Fact.objects.filter(pk=existing.pk).update(**carried, version=F("version") + 1)
        revision_record(
            obj=fact, action="delete", changes={"merged_into": (fact.key, existing.key)}, user=user, via=via
        )
        fact.delete()
        touched.add(existing.pk)
    claims = list(Claim.objects.filter(subject=source))
    Claim.objects.filter(subject=source).update(subject=target, version=F("version") + 1)
    for claim in claims:
        revision_record(obj=claim, action="update", changes={"subject": (source.pk, target.pk)}, user=user, via=via)
        if claim.fact_id is not None:
            touched.add(claim.fact_id)
    moved["claims"] = len(claims)
    Cue.objects.filter(subject=source).update(subject=target)
    Entity.objects.filter(place=source).update(place=target)
    if target.status == VocabularyStatus.PROPOSED and source.status == VocabularyStatus.CONFIRMED:
        target.status = VocabularyStatus.CONFIRMED
        target.save(update_fields=["status"])
    revision_record(obj=target, action="update", changes={"merged": (None, moved)}, user=user, via=via)
    revision_record(
        obj=source, action="delete", changes={"merged_into": (source.slug, target.slug)}, user=user, via=via
    )
    source.delete()
    facts_refresh(fact_ids=touched)
    version_bump()
    return target


# --- aliases -----------------------------------------------------------------------------------


@transaction.atomic
def alias_create(
    *,
    entity: Entity,
    name: str,
    language: str,
    user: User,
    via: str,
    strict: bool = False,
    status: str = VocabularyStatus.CONFIRMED,
    origin: str = VocabularyOrigin.CURATED,
) -> EntityAlias:
    """A new name for an entity (a curator's, or a candidate learnt from a correction)."""
    name = _clean_name(name, "name")
    if language and language not in LANGUAGES:
        raise ValidationError({"language": f"Expected one of {', '.join(LANGUAGES)} or empty (any)."})
    _phrases([name], "name", language, gaps=True)
    alias = EntityAlias(
        entity=entity,
        name=name,
        language=language,
        normalized=normalize_alias(name),
        strict=strict,
        status=status,
        origin=origin,
    )
    alias.full_clean()
    alias.save()
    revision_record(
        obj=entity,
        action="update",
        changes={"aliases": (None, [f"{name} ({language or 'any'}, {status})"])},
        user=user,
        via=via,
    )
    version_bump()
    return alias


@transaction.atomic
def alias_update(*, alias: EntityAlias, user: User, via: str, **changes: Any) -> EntityAlias:
    """Rename an alias or confirm a candidate."""
    if "name" in changes:
        changes["name"] = _clean_name(changes["name"], "name")
        _phrases([changes["name"]], "name", changes.get("language", alias.language), gaps=True)
    diff = _apply(alias, changes, ALIAS_FIELDS)
    if not diff:
        return alias
    alias.normalized = normalize_alias(alias.name)
    alias.origin = VocabularyOrigin.CURATED if alias.origin == VocabularyOrigin.PACK else alias.origin
    alias.full_clean()
    alias.save()
    revision_record(
        obj=alias.entity,
        action="update",
        changes={f"alias {alias.pk} {k}": v for k, v in diff.items()},
        user=user,
        via=via,
    )
    version_bump()
    return alias


@transaction.atomic
def alias_delete(*, alias: EntityAlias, user: User, via: str) -> None:
    """Remove an alias (or reject a candidate)."""
    revision_record(obj=alias.entity, action="update", changes={"aliases": ([alias.name], None)}, user=user, via=via)
    alias.delete()
    version_bump()


# --- properties ----------------------------------------------------------------------------------


def _property_check(prop: Property) -> None:
    if prop.unit_family and not UnitFamily.objects.filter(name=prop.unit_family).exists():
        raise ValidationError({"unit_family": f"Unknown unit family {prop.unit_family!r}."})
    if prop.unit and prop.unit not in KNOWN_UNITS:
        raise ValidationError({"unit": f"Unknown unit {prop.unit!r}."})
    for field, allowed in (("subject_kinds", EntityKind.values), ("event_types", EVENT_TYPES)):
        values = getattr(prop, field)
        if not isinstance(values, list) or not all(isinstance(v, str) and v in allowed for v in values):
            raise ValidationError({field: f"Expected a list of {', '.join(allowed)}."})
    if not isinstance(prop.qualifier_keys, list) or not all(isinstance(k, str) for k in prop.qualifier_keys):
        raise ValidationError({"qualifier_keys": "Expected a list of names."})
    prop.full_clean()


@transaction.atomic
def property_create(*, slug: str, label_en: str, value_type: str, user: User, via: str, **fields: Any) -> Property:
    """A new property."""
    _refuse_unknown(fields, PROPERTY_FIELDS)
    prop = Property(slug=slug, label_en=label_en, value_type=value_type, origin=VocabularyOrigin.CURATED, **fields)
    _property_check(prop)
    return _save_created(prop, ("slug", "label_en", "value_type", *fields), user=user, via=via)


@transaction.atomic
def property_update(*, prop: Property, user: User, via: str, **changes: Any) -> Property:
    """Change a property; it becomes `curated`."""
    diff = _apply(prop, changes, PROPERTY_FIELDS)
    if not diff:
        return prop
    if prop.origin == VocabularyOrigin.PACK:
        diff["origin"] = (prop.origin, VocabularyOrigin.CURATED)
        prop.origin = VocabularyOrigin.CURATED
    _property_check(prop)
    prop.save(update_fields=list(diff))
    revision_record(obj=prop, action="update", changes=diff, user=user, via=via)
    version_bump()
    return prop


# --- cues ----------------------------------------------------------------------------------------


def _cue_check(cue: Cue) -> None:
    if (cue.property_id is None) == (not cue.event_type):
        raise ValidationError({"property": "Set exactly one of property and event_type."})
    if cue.event_type and cue.event_type not in EVENT_TYPES:
        raise ValidationError({"event_type": f"Expected one of {', '.join(EVENT_TYPES)}."})
    if cue.language and cue.language not in LANGUAGES:
        raise ValidationError({"language": f"Expected one of {', '.join(LANGUAGES)} or empty (any)."})
    cue.words = _phrases(cue.words, "words", cue.language) if cue.words else []
    cue.context = _phrases(cue.context, "context", cue.language) if cue.context else []
    if not cue.words and not (cue.units and cue.property_id):
        raise ValidationError({"words": "A cue needs words, or units for a unit cue."})
    if not isinstance(cue.units, list) or not set(cue.units) <= KNOWN_UNITS:
        raise ValidationError({"units": "Expected a list of known units."})
    if cue.qualifier_from_mention and cue.qualifier_from_mention not in MENTION_QUALIFIERS:
        raise ValidationError({"qualifier_from_mention": f"Expected one of {', '.join(MENTION_QUALIFIERS)}."})
    cue.full_clean()


@transaction.atomic
def cue_create(*, words: list[str], user: User, via: str, origin: str = VocabularyOrigin.CURATED, **fields: Any) -> Cue:
    """A new cue (confirmed unless `status` says otherwise)."""
    _refuse_unknown(fields, CUE_FIELDS)
    cue = Cue(words=words, origin=origin, **fields)
    _cue_check(cue)
    return _save_created(cue, ("words", *fields), user=user, via=via)


@transaction.atomic
def cue_update(*, cue: Cue, user: User, via: str, **changes: Any) -> Cue:
    """Change a cue or confirm a candidate; it becomes `curated` if a pack loaded it."""
    diff = _apply(cue, changes, CUE_FIELDS)
    if not diff:
        return cue
    if cue.origin == VocabularyOrigin.PACK:
        diff["origin"] = (cue.origin, VocabularyOrigin.CURATED)
        cue.origin = VocabularyOrigin.CURATED
    _cue_check(cue)
    cue.save()
    revision_record(obj=cue, action="update", changes=diff, user=user, via=via)
    version_bump()
    return cue


@transaction.atomic
def cue_delete(*, cue: Cue, user: User, via: str) -> None:
    """Remove a cue (or reject a candidate)."""
    revision_record(obj=cue, action="delete", changes={"words": (cue.words, None)}, user=user, via=via)
    cue.delete()
    version_bump()


# --- events --------------------------------------------------------------------------------------


def event_resolve(*, ref: EventRef, user: User, via: str) -> Entity:
    """The event entity `ref` names: an existing one of its type, in its country, whose days
    overlap; else a new `proposed` one. No version bump: events are matched by kind, place and
    date, not by the names the matcher caches."""
    place = Entity.objects.filter(slug=ref.place).first() if ref.place else None
    candidates = Entity.objects.filter(kind=EntityKind.EVENT, event_type=ref.event_type).select_related("place")
    if ref.date_lower is not None and ref.date_upper is not None:
        candidates = candidates.filter(
            Q(event_date_lower__lte=ref.date_upper, event_date_upper__gte=ref.date_lower)
            | Q(event_date_lower__isnull=True, event_date_upper__gte=ref.date_lower)
            | Q(event_date_lower__lte=ref.date_upper, event_date_upper__isnull=True)
        )
    else:
        candidates = candidates.filter(event_date_lower__isnull=True, event_date_upper__isnull=True)
    matching = [e for e in candidates.order_by("id") if _same_country(e.place, place)]
    if matching:
        return min(matching, key=lambda e: (_span(e), e.pk))
    return _event_create(ref, place, user=user, via=via)


def _same_country(a: Entity | None, b: Entity | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return _country(a) == _country(b)


def _country(entity: Entity) -> int:
    seen = set()
    while entity.kind != EntityKind.COUNTRY and entity.place_id is not None and entity.pk not in seen:
        seen.add(entity.pk)
        entity = Entity.objects.select_related("place").get(pk=entity.place_id)
    return entity.pk


def _span(entity: Entity) -> int:
    if entity.event_date_lower is None or entity.event_date_upper is None:
        return 10**6
    return (entity.event_date_upper - entity.event_date_lower).days


@transaction.atomic
def _event_create(ref: EventRef, place: Entity | None, *, user: User, via: str) -> Entity:
    where = place.name if place is not None else "unknown place"
    if ref.date_lower is None or ref.date_upper is None:
        when = "date unknown"
    elif ref.date_lower == ref.date_upper:
        when = ref.date_lower.isoformat()
    elif ref.date_basis == "article":
        when = f"reported by {ref.date_upper.isoformat()}"
    else:
        when = f"{ref.date_lower.isoformat()} to {ref.date_upper.isoformat()}"
    name = f"{ref.event_type.capitalize()}, {where}, {when}"
    code = place.country_code.lower() if place is not None and place.country_code else (place.slug if place else "")
    day = ref.date_upper.isoformat() if ref.date_upper is not None else ""
    entity = Entity(
        slug=slug_unique(f"{ref.event_type}_{code}_{day}"),
        name=name[:300],
        kind=EntityKind.EVENT,
        event_type=ref.event_type,
        place=place,
        event_date_lower=ref.date_lower,
        event_date_upper=ref.date_upper,
        status=VocabularyStatus.PROPOSED,
        origin=VocabularyOrigin.TEXT,
    )
    entity.full_clean()
    entity.save()
    revision_record(
        obj=entity,
        action="create",
        changes={
            "name": (None, entity.name),
            "event_type": (None, ref.event_type),
            "place": (None, place.pk if place else None),
            "event_date": (None, [jsonable(ref.date_lower), jsonable(ref.date_upper), ref.date_basis]),
            "trigger": (None, ref.trigger),
        },
        user=user,
        via=via,
    )
    return entity
