"""The vocabulary the proposer matches: entities with their aliases, properties, cues, units.

Extraction finds *that* a sentence holds a figure or a date; it cannot know what the figure is
about. The vocabulary holds what curators know: that `قتيلا` next to a figure counts the dead,
that `تورم` next to a percentage is an inflation rate, that `ترکیه` is Türkiye and `زلزله` an
earthquake. It lives in the database (`claims.models`: Entity, EntityAlias, Property, Cue) and
in vocabulary packs (`fixtures/vocabulary/`); both are turned into the plain records below, and
`Vocabulary.build` compiles them once into the matcher that answers two questions:

- `find_entities(folded_text)`: which entities a text names, longest name first;
- `cue_hits(folded_text, …)`: which cue words of which properties stand in it.

`claims.domain.proposer` uses both to propose a property and a subject for every figure of an
article. Pure standard library: no Django.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from claims.domain.phrases import Phrase, PhraseError, compile_phrase
from corpus.extraction.units import KNOWN_UNITS

ENTITY_KINDS = ("organization", "country", "person", "place", "event", "operation", "document")
LANGUAGES = ("ar", "fa", "en")
VALUE_TYPES = ("quantity", "date")
SIDES = ("before", "after", "either")
# Qualifiers read off another mention of the sentence: the year of the nearest date (`للعام 2021`).
MENTION_QUALIFIERS = ("year",)
# The kinds of event an event entity may be (benchmarks/devset/README.md uses the same list).
EVENT_TYPES = (
    "earthquake", "flood", "storm", "wildfire", "landslide", "drought", "epidemic", "attack", "bombing",
    "explosion", "shooting", "battle", "war", "election", "referendum", "budget", "conference", "summit",
    "meeting", "protest", "accident", "crash", "fire", "famine", "displacement", "campaign",
)  # fmt: skip
STATUSES = ("proposed", "confirmed")
_SLUG_RE = re.compile(r"^[a-z0-9_]+$")
_ISO_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")


class VocabularyError(ValueError):
    """Vocabulary records that cannot be compiled: an unknown slug, kind, unit or phrase."""


# --- records: what the database and the packs hold --------------------------------------------


@dataclass(frozen=True, slots=True)
class AliasRecord:
    """A name of an entity. `language` empty = any; `strict` = only in articles of its language
    (Persian `مراکش` is Morocco, Arabic `مراكش` Marrakesh: the same letters once folded)."""

    name: str
    language: str = ""
    strict: bool = False


@dataclass(frozen=True, slots=True)
class EntityRecord:
    """An entity: `place` is the slug of the entity it lies in (a city's country, an event's
    place); events carry their type and the interval of days they happened in."""

    slug: str
    name: str
    kind: str
    aliases: tuple[AliasRecord, ...] = ()
    wikidata: str = ""
    country_code: str = ""
    event_type: str = ""
    place: str = ""
    event_date_lower: dt.date | None = None
    event_date_upper: dt.date | None = None


@dataclass(frozen=True, slots=True)
class PropertyRecord:
    """A property and what a figure must be to state it.

    `unit_family` names the units a figure may carry (`UnitFamily`); a figure without a unit may
    state any property of its value type. `subject_kinds` are the kinds of entity a subject may
    have, most likely first; `event_types` narrows an event subject (`magnitude`: earthquakes);
    `day_only` dates name one day (an announcement).
    """

    slug: str
    value_type: str
    label_en: str
    label_ar: str = ""
    label_fa: str = ""
    unit: str = ""
    unit_family: str = ""
    time_varying: bool = False
    cumulative: bool = False
    qualifier_keys: tuple[str, ...] = ()
    subject_kinds: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    day_only: bool = False


@dataclass(frozen=True, slots=True)
class CueRecord:
    """Words that tie a nearby figure to a property (or name a kind of event).

    Exactly one of `property` and `event_type` is set. `words` empty with `units` set makes a
    unit cue: a figure in those units states the property even without a word (`6.2 ریشتر`).
    `language` empty = any language. `context`: words one of which must occur in the sentence.
    `side`: where the word must stand relative to the figure. `subject`: an entity slug the cue
    implies when the sentence names it. A `weak` cue (a counted noun: `لاجئ`, `مهاجر`) gives way
    to any other cue of its clause: `437 ألف لاجئ عادوا` are returnees, not refugees.
    """

    words: tuple[str, ...]
    confidence: Decimal
    property: str = ""
    event_type: str = ""
    language: str = ""
    side: str = "either"
    context: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    qualifiers: tuple[tuple[str, str], ...] = ()
    qualifier_from_mention: str = ""
    subject: str = ""
    weak: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class UnitFamily:
    """Units a property's figures may carry. `currencies` adds every known ISO 4217 code, so a
    currency the extractor learns is accepted without editing the family; `unit_required` refuses
    a bare figure (`for 30` is no duration, `30 days` is); `minimum`/`maximum` bound the figure
    (a magnitude is at most 10)."""

    name: str
    units: tuple[str, ...] = ()
    currencies: bool = False
    unit_required: bool = False
    minimum: Decimal | None = None
    maximum: Decimal | None = None

    def resolve(self, known: Iterable[str] = KNOWN_UNITS) -> frozenset[str]:
        known = frozenset(known)
        unknown = sorted(set(self.units) - known)
        if unknown:
            raise VocabularyError(
                f"unit family {self.name}: unknown units {unknown} (corpus/extraction/units.py lists the known ones)"
            )
        extra = {u for u in known if _ISO_CURRENCY_RE.match(u)} if self.currencies else set()
        return frozenset(self.units) | extra


# --- what the matcher reports ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EntityHit:
    """An entity named in a folded text, `[start, end)` in that text, attached prefixes excluded."""

    slug: str
    start: int
    end: int
    kind: str = ""
    alias: str = ""
    discontinuous: bool = False


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue word found in a folded text (`start == end == -1` for a unit cue)."""

    cue: int  # index into `Vocabulary.cues`
    word: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _CompiledCue:
    record: CueRecord
    words: tuple[Phrase, ...]
    context: tuple[Phrase, ...]
    units: frozenset[str] | None  # None: the property's family


@dataclass(frozen=True, slots=True)
class _AliasPattern:
    phrase: Phrase
    owner: int
    language: str | None  # set only for strict aliases


# --- the vocabulary ------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """The compiled vocabulary. Build it with `Vocabulary.build`."""

    entities: tuple[EntityRecord, ...]
    properties: Mapping[str, PropertyRecord]
    cues: tuple[CueRecord, ...]
    units: Mapping[str, frozenset[str] | None]  # property slug -> its family's units (None: no family)
    classified: frozenset[str] = frozenset()  # every unit some family lists
    unit_required: frozenset[str] = frozenset()  # properties whose figures must carry a unit
    bounds: Mapping[str, tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    version: int = 0
    _by_slug: Mapping[str, int] = field(repr=False, default_factory=dict)
    _aliases: tuple[_AliasPattern, ...] = field(repr=False, default=())
    _cues: tuple[_CompiledCue, ...] = field(repr=False, default=())

    @classmethod
    def build(
        cls,
        *,
        entities: Iterable[EntityRecord] = (),
        properties: Iterable[PropertyRecord] = (),
        cues: Iterable[CueRecord] = (),
        unit_families: Iterable[UnitFamily] = (),
        known_units: Iterable[str] = KNOWN_UNITS,
        version: int = 0,
    ) -> Vocabulary:
        """Validate and compile records; raise `VocabularyError` naming the first bad one."""
        known = frozenset(known_units)
        family_list = tuple(unit_families)
        families = {f.name: f.resolve(known) for f in family_list}
        required = {f.name: f.unit_required for f in family_list}
        limits = {f.name: (f.minimum, f.maximum) for f in family_list if f.minimum is not None or f.maximum is not None}
        entity_list = tuple(entities)
        by_slug: dict[str, int] = {}
        for index, entity in enumerate(entity_list):
            _check_entity(entity)
            if entity.slug in by_slug:
                raise VocabularyError(f"entity slug {entity.slug!r} is repeated")
            by_slug[entity.slug] = index
        for entity in entity_list:
            if entity.place and entity.place not in by_slug:
                raise VocabularyError(f"entity {entity.slug}: place {entity.place!r} is not an entity")
        props: dict[str, PropertyRecord] = {}
        units: dict[str, frozenset[str] | None] = {}
        for prop in properties:
            _check_property(prop)
            if prop.unit_family and prop.unit_family not in families:
                raise VocabularyError(f"property {prop.slug}: unknown unit family {prop.unit_family!r}")
            props[prop.slug] = prop
            units[prop.slug] = families[prop.unit_family] if prop.unit_family else None
        cue_list = tuple(cues)
        compiled = tuple(_compile_cue(cue, props, by_slug, known) for cue in cue_list)
        aliases: list[_AliasPattern] = []
        for owner, entity in enumerate(entity_list):
            for alias in entity.aliases:
                try:
                    phrase = compile_phrase(alias.name, language=alias.language)
                except PhraseError as exc:
                    raise VocabularyError(f"entity {entity.slug}: {exc}") from exc
                aliases.append(_AliasPattern(phrase, owner, alias.language if alias.strict else None))
        return cls(
            entities=entity_list,
            properties=MappingProxyType(props),
            cues=cue_list,
            units=MappingProxyType(units),
            classified=frozenset().union(*families.values()),
            unit_required=frozenset(
                slug for slug, p in props.items() if p.unit_family and required.get(p.unit_family, False)
            ),
            bounds=MappingProxyType({s: limits[p.unit_family] for s, p in props.items() if p.unit_family in limits}),
            version=version,
            _by_slug=MappingProxyType(by_slug),
            _aliases=tuple(aliases),
            _cues=compiled,
        )

    def entity(self, slug: str) -> EntityRecord:
        """The entity with this slug (KeyError if unknown)."""
        return self.entities[self._by_slug[slug]]

    def has_entity(self, slug: str) -> bool:
        return slug in self._by_slug

    def country_of(self, slug: str) -> str | None:
        """The country an entity is or lies in (a city's country), following `place` links."""
        seen: set[str] = set()
        while slug and slug not in seen:
            seen.add(slug)
            entity = self.entity(slug)
            if entity.kind == "country":
                return slug
            slug = entity.place
        return None

    # -- entities --

    def find_entities(self, norm_text: str, language: str | None = None) -> list[EntityHit]:
        """Entities named in `norm_text`, which must already be folded (`normalize(...).text`).

        Among overlapping names the longest wins (`التحالف الدولي ضد تنظيم داعش` over `داعش`).
        Discontinuous aliases are resolved among themselves and reported alongside the
        contiguous hits they enclose; one that lies within a contiguous hit of the same entity
        is dropped as redundant. With `language`, strict aliases of other languages are
        skipped. Hits are sorted by position.
        """
        contiguous: list[tuple[int, int, int, _AliasPattern]] = []
        gapped: list[tuple[int, int, int, _AliasPattern]] = []
        for order, pattern in enumerate(self._aliases):
            if pattern.language is not None and language is not None and pattern.language != language:
                continue
            for start, end in pattern.phrase.finditer(norm_text):
                (gapped if pattern.phrase.gapped else contiguous).append((start, end, order, pattern))
        chosen = _longest_first(contiguous)
        extra = [
            hit
            for hit in _longest_first(gapped)
            if not any(c[3].owner == hit[3].owner and c[0] <= hit[0] and hit[1] <= c[1] for c in chosen)
        ]
        hits = []
        for start, end, _, pattern in chosen + extra:
            entry = self.entities[pattern.owner]
            hits.append(EntityHit(entry.slug, start, end, entry.kind, pattern.phrase.label, pattern.phrase.gapped))
        return sorted(hits, key=lambda h: (h.start, h.end, h.slug))

    # -- cues --

    def cue_hits(self, norm_text: str, language: str | None) -> list[CueHit]:
        """Every cue word (of a cue of `language` or of any language) found in `norm_text`.

        Context words are checked here: a cue whose context is absent from the text has no hits.
        Unit cues are not reported (they have no words); `unit_cues` lists them.
        """
        hits: list[CueHit] = []
        for index, cue in enumerate(self._cues):
            record = cue.record
            if not cue.words or (record.language and language and record.language != language):
                continue
            if cue.context and not any(p.search(norm_text) for p in cue.context):
                continue
            for phrase in cue.words:
                hits.extend(CueHit(index, phrase.label, start, end) for start, end in phrase.finditer(norm_text))
        return hits

    def unit_cues(self, language: str | None) -> Iterator[int]:
        """Indexes of the unit cues (no words) that apply in `language`."""
        for index, cue in enumerate(self._cues):
            if not cue.words and not (cue.record.language and language and cue.record.language != language):
                yield index

    def unit_fits(self, index: int, unit: str | None) -> bool:
        """Whether a figure in `unit` may state the property of cue `index`.

        A figure without a unit fits unless the family requires one. A cue that lists units takes
        only those; otherwise the
        property's unit family decides, and a unit no family lists is not refused (the extractor
        may know units the vocabulary does not classify yet).
        """
        cue = self._cues[index]
        if not unit:
            return cue.units is None and cue.record.property not in self.unit_required
        if cue.units is not None:
            return unit in cue.units
        family = self.units.get(cue.record.property)
        return family is None or unit in family or unit not in self.classified

    def property_unit_fits(self, prop: str, unit: str | None) -> bool:
        """Whether a figure in `unit` may state `prop`, by its unit family alone."""
        if not unit:
            return prop not in self.unit_required
        family = self.units.get(prop)
        return family is None or unit in family or unit not in self.classified

    def value_fits(self, prop: str, value: Decimal | None) -> bool:
        """Whether a figure of `value` may state `prop` (its unit family's bounds)."""
        lower, upper = self.bounds.get(prop, (None, None))
        if value is None:
            return True
        return (lower is None or value >= lower) and (upper is None or value <= upper)

    def is_unit_cue_for(self, index: int, unit: str | None) -> bool:
        """Whether unit cue `index` (a cue without words) names `unit`."""
        cue = self._cues[index]
        return bool(unit) and cue.units is not None and unit in cue.units

    def cue_context_present(self, index: int, norm_text: str) -> bool:
        cue = self._cues[index]
        return not cue.context or any(p.search(norm_text) for p in cue.context)


def _longest_first(found: list[tuple[int, int, int, _AliasPattern]]) -> list[tuple[int, int, int, _AliasPattern]]:
    """Greedy non-overlapping selection: longest span first, then leftmost, then alias order."""
    chosen: list[tuple[int, int, int, _AliasPattern]] = []
    for cand in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    return chosen


# --- validation ----------------------------------------------------------------------------------


def _check_entity(entity: EntityRecord) -> None:
    if not _SLUG_RE.match(entity.slug):
        raise VocabularyError(f"entity slug {entity.slug!r} is not lower-case letters, digits and _")
    if entity.kind not in ENTITY_KINDS:
        raise VocabularyError(f"entity {entity.slug}: kind {entity.kind!r} is not one of {list(ENTITY_KINDS)}")
    if entity.event_type and (entity.kind != "event" or entity.event_type not in EVENT_TYPES):
        raise VocabularyError(
            f"entity {entity.slug}: event type {entity.event_type!r} needs kind event and a known type"
        )
    if entity.wikidata and not re.fullmatch(r"Q\d+", entity.wikidata):
        raise VocabularyError(f"entity {entity.slug}: wikidata {entity.wikidata!r} is not a Q-id")
    lower, upper = entity.event_date_lower, entity.event_date_upper
    if lower is not None and upper is not None and lower > upper:
        raise VocabularyError(f"entity {entity.slug}: event date {lower} is after {upper}")
    for alias in entity.aliases:
        if (alias.language and alias.language not in LANGUAGES) or not alias.name.strip():
            raise VocabularyError(f"entity {entity.slug}: alias {alias.name!r} needs a name and a language")


def _check_property(prop: PropertyRecord) -> None:
    if not _SLUG_RE.match(prop.slug):
        raise VocabularyError(f"property slug {prop.slug!r} is not lower-case letters, digits and _")
    if prop.value_type not in VALUE_TYPES:
        raise VocabularyError(f"property {prop.slug}: value type must be one of {list(VALUE_TYPES)}")
    if not set(prop.subject_kinds) <= set(ENTITY_KINDS):
        raise VocabularyError(
            f"property {prop.slug}: unknown subject kinds {sorted(set(prop.subject_kinds) - set(ENTITY_KINDS))}"
        )
    if not set(prop.event_types) <= set(EVENT_TYPES):
        raise VocabularyError(
            f"property {prop.slug}: unknown event types {sorted(set(prop.event_types) - set(EVENT_TYPES))}"
        )


def _compile_cue(
    cue: CueRecord, properties: Mapping[str, PropertyRecord], entities: Mapping[str, int], known: frozenset[str]
) -> _CompiledCue:
    what = f"cue {cue.property or cue.event_type} {list(cue.words[:1])}"
    if bool(cue.property) == bool(cue.event_type):
        raise VocabularyError(f"{what}: exactly one of property and event_type must be set")
    if cue.property and cue.property not in properties:
        raise VocabularyError(f"{what}: property {cue.property!r} is not in the vocabulary")
    if cue.event_type and cue.event_type not in EVENT_TYPES:
        raise VocabularyError(f"{what}: event type {cue.event_type!r} is not one of {list(EVENT_TYPES)}")
    if cue.language and cue.language not in LANGUAGES:
        raise VocabularyError(f"{what}: language {cue.language!r} is not one of {list(LANGUAGES)}")
    if cue.side not in SIDES:
        raise VocabularyError(f"{what}: side {cue.side!r} is not one of {list(SIDES)}")
    if not isinstance(cue.confidence, Decimal) or not 0 <= cue.confidence <= 1:
        raise VocabularyError(f"{what}: confidence must be a decimal in [0, 1]")
    if cue.qualifier_from_mention and cue.qualifier_from_mention not in MENTION_QUALIFIERS:
        raise VocabularyError(f"{what}: qualifier_from_mention must be one of {list(MENTION_QUALIFIERS)}")
    if cue.subject and cue.subject not in entities:
        raise VocabularyError(f"{what}: subject {cue.subject!r} is not an entity")
    unknown = sorted(set(cue.units) - known)
    if unknown:
        raise VocabularyError(f"{what}: unknown units {unknown}")
    if not cue.words and not (cue.units and cue.property):
        raise VocabularyError(f"{what}: a cue without words must be a property's unit cue (set units)")
    try:
        words = tuple(compile_phrase(w, article=True, gaps=False, language=cue.language) for w in cue.words)
        context = tuple(compile_phrase(w, article=True, gaps=False, language=cue.language) for w in cue.context)
    except PhraseError as exc:
        raise VocabularyError(f"{what}: {exc}") from exc
    return _CompiledCue(cue, words, context, frozenset(cue.units) if cue.units else None)
