"""The compiled matcher for the vocabulary in the database, rebuilt when the vocabulary changes.

Every vocabulary write bumps `VocabularyVersion` in its own transaction (a new token each time),
so a process asks for one small row per propose call and rebuilds its matcher only when the row
moved: an alias added in the admin, by one gunicorn worker or a Celery task, is seen by every
other process on its next call, with no restart and no sync step.

What the matcher reads: confirmed aliases and cues, every property and unit family, and every
entity except events without a confirmed alias (events are found by kind, place and date, not by
name, so the thousands an archive accumulates stay out of the cache).
"""

from __future__ import annotations

import threading

from claims.domain.vocabulary import AliasRecord, CueRecord, EntityRecord, PropertyRecord, UnitFamily, Vocabulary
from claims.models import (
    Cue,
    Entity,
    EntityAlias,
    EntityKind,
    Property,
    ValueType,
    VocabularyStatus,
    VocabularyVersion,
)
from claims.models import (
    UnitFamily as UnitFamilyRow,
)

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[int, str], Vocabulary]] = {}


def vocabulary_current(*, using: str = "default") -> Vocabulary:
    """The matcher for the vocabulary as it is now in database `using` (one query when unchanged)."""
    state = VocabularyVersion.objects.using(using).filter(pk=1).values_list("version", "token").first() or (0, "")
    with _lock:
        cached = _cache.get(using)
        if cached is not None and cached[0] == state:
            return cached[1]
    vocabulary = vocabulary_build(using=using, version=state[0])
    with _lock:
        _cache[using] = (state, vocabulary)
    return vocabulary


def vocabulary_build(*, using: str = "default", version: int = 0) -> Vocabulary:
    """Compile the vocabulary rows of database `using` (about five queries)."""
    confirmed = VocabularyStatus.CONFIRMED
    families = [
        UnitFamily(row.name, tuple(row.units), row.currencies, row.unit_required, row.minimum, row.maximum)
        for row in UnitFamilyRow.objects.using(using).order_by("name")
    ]
    known_families = {f.name for f in families}
    properties = [
        PropertyRecord(
            slug=row.slug,
            value_type=row.value_type,
            label_en=row.label_en,
            label_ar=row.label_ar,
            label_fa=row.label_fa,
            unit=row.unit,
            unit_family=row.unit_family if row.unit_family in known_families else "",
            time_varying=row.time_varying,
            cumulative=row.cumulative,
            qualifier_keys=tuple(row.qualifier_keys),
            subject_kinds=tuple(row.subject_kinds),
            event_types=tuple(row.event_types),
            day_only=row.day_only,
        )
        for row in Property.objects.using(using)
        .filter(value_type__in=[ValueType.QUANTITY, ValueType.DATE])
        .order_by("id")
    ]
    # Plain values, not model instances: a gazetteer is thousands of rows and this runs in
    # every process after every vocabulary change.
    names: dict[int, list[AliasRecord]] = {}
    for entity_id, name, language, strict in (
        EntityAlias.objects.using(using)
        .filter(status=confirmed)
        .order_by("id")
        .values_list("entity_id", "name", "language", "strict")
    ):
        names.setdefault(entity_id, []).append(AliasRecord(name, language, strict))
    cue_subjects = set(Cue.objects.using(using).exclude(subject=None).values_list("subject_id", flat=True))
    columns = (
        "id", "slug", "name", "kind", "wikidata_id", "country_code", "event_type", "place_id",
        "event_date_lower", "event_date_upper",
    )  # fmt: skip
    rows = [
        row
        for row in Entity.objects.using(using).order_by("id").values_list(*columns)
        if row[3] != EntityKind.EVENT or row[0] in names or row[0] in cue_subjects
    ]
    slugs = {row[0]: row[1] for row in rows}
    records = [
        EntityRecord(
            slug=slug,
            name=name,
            kind=kind,
            aliases=tuple(names.get(pk, ())),
            wikidata=wikidata,
            country_code=code,
            event_type=event_type,
            # A place outside the set (an alias-less event as a place) is dropped, not refused.
            place=slugs.get(place_id, ""),
            event_date_lower=lower,
            event_date_upper=upper,
        )
        for pk, slug, name, kind, wikidata, code, event_type, place_id, lower, upper in rows
    ]
    cues = [
        CueRecord(
            words=tuple(row.words),
            confidence=row.confidence,
            property=row.property.slug if row.property_id else "",
            event_type=row.event_type,
            language=row.language,
            side=row.side,
            context=tuple(row.context),
            units=tuple(row.units),
            qualifiers=tuple(sorted(row.qualifiers.items())),
            qualifier_from_mention=row.qualifier_from_mention,
            subject=row.subject.slug if row.subject_id else "",
            weak=row.weak,
        )
        for row in Cue.objects.using(using)
        .filter(status=confirmed)
        .select_related("property", "subject")
        .order_by("id")
    ]
    return Vocabulary.build(entities=records, properties=properties, cues=cues, unit_families=families, version=version)


def vocabulary_cache_clear() -> None:
    """Forget compiled matchers (tests that swap databases)."""
    with _lock:
        _cache.clear()
