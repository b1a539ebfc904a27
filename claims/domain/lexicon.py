"""The curated lexicon: which entity a name denotes and which property a figure states.

Extraction finds *that* a sentence holds a figure or a date; it cannot know what the figure is
about. A curator knows that `يضم 80 بلداً` is a member count and that `التحالف الدولي` is the
Global Coalition, and writes that knowledge into `claims/lexicon.toml`, a data file, so the
vocabulary grows without code changes. This module loads that file once into frozen values
and answers two questions:

- `Lexicon.find_entities(norm_text)`: which gazetteer entities a folded text names, longest
  name first, whole words only (with the Arabic attached prefixes و ف ب ل ك and لل);
- `Lexicon.suggest(sentence, mention, others, language)`: the subject, property and
  qualifiers to propose for one mention, from the cue words nearest to it.

Both work on the folded copy of the text (`corpus.domain.text.normalize`), so letter variants
(ي/ی, ك/ک, ة/ه, hamza forms), diacritics and digit systems never matter; every lexicon word is
folded the same way when the file is loaded. Pure standard library: no Django.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from types import MappingProxyType
from typing import Any

from corpus.domain.text import NormalizedText, fold, normalize
from corpus.extraction.mentions import DateValue, Kind, Mention, QuantityValue
from corpus.extraction.units import KNOWN_UNITS

LEXICON_PATH = Path(__file__).resolve().parent.parent / "lexicon.toml"

ENTITY_KINDS = frozenset({"organization", "country", "person", "place", "event", "operation", "document"})
LANGUAGES = frozenset({"ar", "fa", "en"})
MENTION_KINDS = frozenset({"quantity", "date"})
SIDES = frozenset({"before", "after", "either"})
# Qualifiers that can be read off another mention of the sentence.
MENTION_QUALIFIERS = frozenset({"year"})

# Confidence policy. A cue is trusted less when it stands in another clause or far away, and a
# proposal without a subject or with a subject from a neighbouring sentence is weaker still.
NO_CUE_CONFIDENCE = Decimal("0.1")
OTHER_CLAUSE_FACTOR = Decimal("0.75")
# A cue across a clause break counts only when nothing stands between it and the figure: in
# `في 9 من أيار الحالي، إن الاجتماع يعقد` the date is the statement's, not the meeting's.
OTHER_CLAUSE_MAX_WORDS = 0
FAR_CUE_FACTOR = Decimal("0.9")
FAR_CUE_WORDS = 6
NO_SUBJECT_FACTOR = Decimal("0.8")
CONTEXT_SUBJECT_FACTOR = Decimal("0.9")
_CENT = Decimal("0.01")

# Arabic proclitics written attached to a name: و/ف (and), then ب/ل/ك (by, for, as). `لل` stands
# for ل + the article ال, whose alef is dropped (`للتحالف` = ل + التحالف).
_PROCLITICS = "[وف]?[بلك]?"
_LAM_LAM = "[وف]?لل"
# What may separate the words of a phrase: spaces, ZWNJ, quotes and brackets (`تنظيم «داعش»`).
_SEP = r"[\s\u200c\"'()\[\]]+"
# ` … ` in a phrase: any words in between, within one sentence.
_GAP = r"[^.!?؟\n]{1,400}?"
_GAP_SPLIT_RE = re.compile(r"\s*(?:…|\.\.\.)\s*")
_TOKEN_SPLIT_RE = re.compile(r"[\s\u200c\"'()\[\]]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0600-\u06ff]")
_SLUG_RE = re.compile(r"^[a-z0-9_]+$")
# Clause breaks: Arabic/Latin commas (not a digit group separator), semicolons, colons.
_CLAUSE_BREAK_RE = re.compile(r"[،؛;:\n]|,(?!\d)|(?<!\d),")
# Words counted for distances; one-letter pieces are detached proclitics (`ب` of `بأكثر`).
_WORD_RE = re.compile(r"\w{2,}")


class LexiconError(ValueError):
    """The lexicon file is malformed: an unknown slug, kind, unit or key."""


# --- values ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alias:
    """A name of an entity as a curator wrote it, with its folded form for matching."""

    name: str
    language: str
    normalized: str
    strict: bool = False


@dataclass(frozen=True, slots=True)
class EntityEntry:
    """A gazetteer entry: what `lexicon_sync` writes to the Entity and EntityAlias tables."""

    slug: str
    name: str
    kind: str
    wikidata: str | None
    aliases: tuple[Alias, ...]


@dataclass(frozen=True, slots=True)
class PropertyDefaults:
    """What every cue of one property inherits: mention kind, units and plausible subject kinds."""

    slug: str
    kind: str
    units: frozenset[str]
    subject_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cue:
    """Context words that suggest a property (and maybe a subject and qualifiers) for a mention."""

    property: str
    words: tuple[str, ...]
    kind: str
    units: frozenset[str]
    subject_kinds: tuple[str, ...]
    confidence: Decimal
    subject: str | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()
    qualifier_from_mention: str | None = None
    context: tuple[str, ...] = ()
    side: str = "either"
    note: str = ""


@dataclass(frozen=True, slots=True)
class EntityHit:
    """An entity named in a folded text, `[start, end)` in that text, attached prefixes excluded.

    `discontinuous` hits come from aliases with a gap (`اجتماع* … في باريس`); they may enclose
    other hits.
    """

    slug: str
    start: int
    end: int
    kind: str = ""
    alias: str = ""
    discontinuous: bool = False


@dataclass(frozen=True, slots=True)
class Suggestion:
    """What the lexicon proposes for one mention; a curator confirms or corrects it.

    `cue` names the cue entry and the word that fired (`"member_count: يضم"`), empty when no
    cue explains the mention. `subject_basis` says where the subject came from: `cue` (the cue
    implies it and the sentence names it), `nearest` (nearest entity of a plausible kind),
    `context` (named in the preceding text), or empty.
    """

    subject: str | None
    property: str | None
    qualifiers: dict[str, Any]
    cue: str
    confidence: Decimal
    subject_basis: str = ""


@dataclass(frozen=True, slots=True)
class _Pattern:
    """One compiled phrase: an alias or a cue word."""

    regex: re.Pattern[str]
    probe: str  # a literal every match contains: a cheap test before running the regex
    label: str  # the phrase as the curator wrote it
    owner: int  # index of the entity or cue it belongs to
    gapped: bool
    language: str | None = None  # set only for strict aliases


@dataclass(frozen=True, slots=True)
class _CueHit:
    cue_index: int
    word: str
    start: int
    end: int


# --- text helpers ------------------------------------------------------------------------


def normalize_alias(name: str) -> str:
    """The folded, whitespace-collapsed form stored in `EntityAlias.normalized`."""
    return " ".join(fold(name).split())


def _token_regex(token: str) -> str:
    if token.endswith("*"):
        return re.escape(token[:-1]) + r"\w*"
    return re.escape(token)


def _segment_regex(segment: str, first: bool) -> tuple[str, str]:
    """The regex of one contiguous phrase and the longest literal it contains."""
    tokens = [t for t in _TOKEN_SPLIT_RE.split(segment) if t]
    if not tokens or any(t == "*" for t in tokens):
        raise LexiconError(f"empty word in phrase {segment!r}")
    body = _SEP.join(_token_regex(t) for t in tokens)
    literals = [t.rstrip("*") for t in tokens]
    name = "(?P<name>" if first else "(?:"
    if not _ARABIC_LETTER_RE.match(tokens[0]):
        return rf"(?<!\w){name}{body})(?!\w)", max(literals, key=len)
    alternatives = [f"{_PROCLITICS}{name}{body})"]
    if tokens[0].startswith("ال") and len(literals[0]) > 2:
        literals[0] = literals[0][2:]  # `للتحالف` holds `تحالف`, not `التحالف`
        rest = _SEP.join([_token_regex(tokens[0][2:]), *(_token_regex(t) for t in tokens[1:])])
        alternatives.append(f"{_LAM_LAM}{'(?P<lamlam>' if first else '(?:'}{rest})")
    return rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", max(literals, key=len)


def _compile_phrase(phrase: str) -> tuple[re.Pattern[str], str, bool]:
    """Compile a curator's phrase (see the header of `lexicon.toml` for the syntax)."""
    folded = normalize_alias(phrase)
    segments = [s for s in _GAP_SPLIT_RE.split(folded) if s]
    if not segments:
        raise LexiconError(f"empty phrase {phrase!r}")
    parts = [_segment_regex(s, first=i == 0) for i, s in enumerate(segments)]
    regex = _GAP.join(p for p, _ in parts)
    probe = max((p for _, p in parts), key=len)
    return re.compile(regex), probe, len(segments) > 1


def _iter_matches(pattern: _Pattern, text: str) -> Iterator[tuple[int, int]]:
    if pattern.probe not in text:
        return
    for m in pattern.regex.finditer(text):
        start = m.start("name") if m.group("name") is not None else m.start("lamlam")
        yield start, m.end()


def _norm_span(norm: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """The span of the folded text that an original `[start, end)` became."""
    if norm.index_map is None:
        return start, end
    return bisect_left(norm.index_map, start), bisect_left(norm.index_map, end)


def _gap(text: str, a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int] | None:
    """The text between two spans, or None when they overlap or touch."""
    lo, hi = (a, b) if a[0] <= b[0] else (b, a)
    if hi[0] <= lo[1]:
        return None
    return lo[1], hi[0]


def _word_distance(text: str, a: tuple[int, int], b: tuple[int, int]) -> int:
    gap = _gap(text, a, b)
    return 0 if gap is None else len(_WORD_RE.findall(text, gap[0], gap[1]))


def _same_clause(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    gap = _gap(text, a, b)
    return gap is None or _CLAUSE_BREAK_RE.search(text, gap[0], gap[1]) is None


def _is_fronted(text: str, span: tuple[int, int]) -> bool:
    """Whether `span` fills the sentence's first clause on its own (`وفي حزيران 2021، شارك …`).

    A fronted time adverbial scopes the whole sentence, so cues of every clause apply to it.
    """
    first_break = _CLAUSE_BREAK_RE.search(text)
    if first_break is None or span[1] > first_break.start():
        return False
    rest = len(_WORD_RE.findall(text, 0, span[0])) + len(_WORD_RE.findall(text, span[1], first_break.start()))
    return rest <= 1


def _quantize(value: Decimal) -> Decimal:
    return min(Decimal(1), max(Decimal(0), value)).quantize(_CENT, rounding=ROUND_HALF_UP)


# --- the lexicon -------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Lexicon:
    """The loaded lexicon. Build it with `load_lexicon`; the shared instance is `LEXICON`."""

    entities: tuple[EntityEntry, ...]
    properties: Mapping[str, PropertyDefaults]
    cues: tuple[Cue, ...]
    _aliases: tuple[_Pattern, ...] = field(repr=False)
    _cue_words: tuple[tuple[_Pattern, ...], ...] = field(repr=False)
    _cue_context: tuple[tuple[_Pattern, ...], ...] = field(repr=False)

    def entity(self, slug: str) -> EntityEntry:
        """The entry with this slug (KeyError if unknown)."""
        for entry in self.entities:
            if entry.slug == slug:
                return entry
        raise KeyError(slug)

    # -- entities --

    def find_entities(self, norm_text: str, language: str | None = None) -> list[EntityHit]:
        """Entities named in `norm_text`, which must already be folded (`normalize(...).text`).

        Among overlapping names the longest wins (`التحالف الدولي ضد تنظيم داعش` over `داعش`).
        Discontinuous aliases are resolved among themselves and reported alongside the
        contiguous hits they enclose; one that lies within a contiguous hit of the same entity
        is dropped as redundant. With `language`, strict aliases of other languages are
        skipped. Hits are sorted by position.
        """
        contiguous: list[tuple[int, int, int, _Pattern]] = []
        gapped: list[tuple[int, int, int, _Pattern]] = []
        for order, pattern in enumerate(self._aliases):
            if pattern.language is not None and language is not None and pattern.language != language:
                continue
            for start, end in _iter_matches(pattern, norm_text):
                (gapped if pattern.gapped else contiguous).append((start, end, order, pattern))
        chosen = _longest_first(contiguous)
        extra = [
            hit
            for hit in _longest_first(gapped)
            if not any(c[3].owner == hit[3].owner and c[0] <= hit[0] and hit[1] <= c[1] for c in chosen)
        ]
        hits = []
        for start, end, _, pattern in chosen + extra:
            entry = self.entities[pattern.owner]
            hits.append(EntityHit(entry.slug, start, end, entry.kind, pattern.label, pattern.gapped))
        return sorted(hits, key=lambda h: (h.start, h.end, h.slug))

    # -- suggestions --

    def suggest(
        self,
        sentence_text: str,
        mention: Mention,
        other_mentions: Sequence[Mention] = (),
        language: str | None = None,
        *,
        context: str = "",
    ) -> Suggestion:
        """Propose subject, property and qualifiers for `mention`, a mention of `sentence_text`.

        Offsets of `mention` and `other_mentions` are relative to `sentence_text`. The
        property comes from the applicable cue closest to the mention: same clause first, then
        fewest words between, then a cue standing before the figure. A cue applies when its
        kind and units fit the mention, its `side` fits, and its `context` words occur. The
        subject is the cue's own subject when the sentence names it, else the entity of a
        plausible kind nearest to the cue word, else the last such entity in `context` (the
        preceding sentences, for `وقتل عشرات المدنيين … جراء الهجوم` after a sentence naming the
        attack). `language` only selects strict aliases.
        """
        if not 0 <= mention.start < mention.end <= len(sentence_text):
            raise ValueError(f"mention [{mention.start}, {mention.end}) is outside the sentence")
        if mention.kind not in (Kind.QUANTITY, Kind.DATE):
            return Suggestion(None, None, {}, "", Decimal(0))
        norm = normalize(sentence_text)
        text = norm.text
        mspan = _norm_span(norm, mention.start, mention.end)
        unit = mention.value.unit if isinstance(mention.value, QuantityValue) else None

        fronted = _is_fronted(text, mspan)
        ranked = []
        for hit in self._applicable_cue_hits(text, mspan, str(mention.kind), unit):
            rank = self._rank(text, mspan, hit)
            other_clause, distance = rank[0], rank[1]
            if not other_clause or fronted or distance <= OTHER_CLAUSE_MAX_WORDS:
                ranked.append((rank, hit))
        ranked.sort(key=lambda pair: pair[0])
        if not ranked:
            return Suggestion(None, None, {}, "", NO_CUE_CONFIDENCE)
        (other_clause, distance, *_), best = ranked[0]
        cue = self.cues[best.cue_index]

        qualifiers: dict[str, Any] = {}
        for rank, hit in ranked:
            peer = self.cues[hit.cue_index]
            if peer.property != cue.property or (hit is not best and rank[0]):
                continue
            for key, value in peer.qualifiers:
                qualifiers.setdefault(key, value)
            if peer.qualifier_from_mention == "year" and "year" not in qualifiers:
                year = _nearest_year(text, norm, mspan, mention, other_mentions)
                if year is not None:
                    qualifiers["year"] = year

        subject, basis = self._subject(text, (best.start, best.end), cue, language, context)
        confidence = cue.confidence
        if other_clause:
            confidence *= OTHER_CLAUSE_FACTOR
        elif distance > FAR_CUE_WORDS:
            confidence *= FAR_CUE_FACTOR
        if subject is None:
            confidence *= NO_SUBJECT_FACTOR
        elif basis == "context":
            confidence *= CONTEXT_SUBJECT_FACTOR
        return Suggestion(
            subject=subject,
            property=cue.property,
            qualifiers=qualifiers,
            cue=f"{cue.property}: {best.word}",
            confidence=_quantize(confidence),
            subject_basis=basis,
        )

    def _applicable_cue_hits(self, text: str, mspan: tuple[int, int], kind: str, unit: str | None) -> Iterator[_CueHit]:
        for index, cue in enumerate(self.cues):
            if cue.kind != kind:
                continue
            # A mention without a unit (`الآلاف`) may be anything; one with a unit must fit.
            if unit is not None and cue.units and unit not in cue.units:
                continue
            if self._cue_context[index] and not any(
                next(_iter_matches(p, text), None) for p in self._cue_context[index]
            ):
                continue
            for pattern in self._cue_words[index]:
                for start, end in _iter_matches(pattern, text):
                    if cue.side == "before" and start >= mspan[0]:
                        continue
                    if cue.side == "after" and end <= mspan[1]:
                        continue
                    yield _CueHit(index, pattern.label, start, end)

    def _rank(self, text: str, mspan: tuple[int, int], hit: _CueHit) -> tuple[bool, int, bool, Decimal, int, int]:
        span = (hit.start, hit.end)
        return (
            not _same_clause(text, span, mspan),
            _word_distance(text, span, mspan),
            hit.start >= mspan[1],  # a cue after the figure loses a tie to one before it
            -self.cues[hit.cue_index].confidence,
            hit.cue_index,
            hit.start - hit.end,  # the longer word of one cue (`يضم اليوم` over `يضم`)
        )

    def _subject(
        self, text: str, anchor: tuple[int, int], cue: Cue, language: str | None, context: str
    ) -> tuple[str | None, str]:
        hits = self.find_entities(text, language)
        context_hits = self.find_entities(normalize(context).text, language) if context else []
        if cue.subject is not None and any(h.slug == cue.subject for h in hits + context_hits):
            return cue.subject, "cue"
        kinds = cue.subject_kinds
        plausible = [h for h in hits if h.kind in kinds]
        if plausible:
            best = min(
                plausible,
                key=lambda h: (
                    _word_distance(text, (h.start, h.end), anchor),
                    kinds.index(h.kind),
                    h.start >= anchor[1],
                    h.start,
                ),
            )
            return best.slug, "nearest"
        earlier = [h for h in context_hits if h.kind in kinds]
        if earlier:
            return max(earlier, key=lambda h: (h.end, -kinds.index(h.kind))).slug, "context"
        return None, ""


def _longest_first(found: list[tuple[int, int, int, _Pattern]]) -> list[tuple[int, int, int, _Pattern]]:
    """Greedy non-overlapping selection: longest span first, then leftmost, then file order."""
    chosen: list[tuple[int, int, int, _Pattern]] = []
    for cand in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        if all(cand[1] <= c[0] or c[1] <= cand[0] for c in chosen):
            chosen.append(cand)
    return chosen


def _nearest_year(
    text: str, norm: NormalizedText, mspan: tuple[int, int], mention: Mention, others: Iterable[Mention]
) -> int | None:
    """The year of the date mention nearest to `mention` (`للعام 2021`), if it names one year."""
    best: tuple[int, int] | None = None
    for other in others:
        if other is mention or not isinstance(other.value, DateValue):
            continue
        lower, upper = other.value.lower, other.value.upper
        if lower is None or upper is None or lower.year != upper.year:
            continue
        if not 0 <= other.start < other.end <= len(norm.original):
            continue
        distance = _word_distance(text, _norm_span(norm, other.start, other.end), mspan)
        if best is None or distance < best[0]:
            best = (distance, lower.year)
    return None if best is None else best[1]


# --- loading -----------------------------------------------------------------------------


def _keys(table: Mapping[str, Any], allowed: set[str], what: str) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise LexiconError(f"{what}: unknown keys {sorted(unknown)}")


def _str_list(value: Any, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise LexiconError(f"{what}: expected a list of non-empty strings")
    return tuple(value)


def _load_entities(raw: list[dict[str, Any]]) -> tuple[EntityEntry, ...]:
    entries: list[EntityEntry] = []
    seen: set[str] = set()
    for table in raw:
        _keys(table, {"slug", "name", "kind", "wikidata", "aliases"}, f"entity {table.get('slug')!r}")
        slug = table.get("slug", "")
        if not isinstance(slug, str) or not _SLUG_RE.match(slug) or slug in seen:
            raise LexiconError(f"entity slug {slug!r} is missing, malformed or repeated")
        seen.add(slug)
        if table.get("kind") not in ENTITY_KINDS:
            raise LexiconError(f"entity {slug}: kind {table.get('kind')!r} is not one of {sorted(ENTITY_KINDS)}")
        wikidata = table.get("wikidata")
        if wikidata is not None and not re.fullmatch(r"Q\d+", wikidata):
            raise LexiconError(f"entity {slug}: wikidata {wikidata!r} is not a Q-id")
        aliases: list[Alias] = []
        for alias in table.get("aliases", []):
            _keys(alias, {"name", "language", "strict"}, f"entity {slug} alias")
            if alias.get("language") not in LANGUAGES or not str(alias.get("name", "")).strip():
                raise LexiconError(f"entity {slug}: alias {alias!r} needs a name and a language in {sorted(LANGUAGES)}")
            aliases.append(
                Alias(
                    alias["name"], alias["language"], normalize_alias(alias["name"]), bool(alias.get("strict", False))
                )
            )
        if not aliases:
            raise LexiconError(f"entity {slug} has no aliases")
        entries.append(EntityEntry(slug, str(table.get("name", slug)), table["kind"], wikidata, tuple(aliases)))
    return tuple(entries)


def _load_properties(raw: Mapping[str, Any]) -> dict[str, PropertyDefaults]:
    properties: dict[str, PropertyDefaults] = {}
    for slug, table in raw.items():
        _keys(table, {"kind", "units", "subject_kinds"}, f"property {slug}")
        if table.get("kind") not in MENTION_KINDS:
            raise LexiconError(f"property {slug}: kind must be one of {sorted(MENTION_KINDS)}")
        units = table.get("units", [])
        kinds = _str_list(table.get("subject_kinds", []), f"property {slug} subject_kinds")
        if not set(kinds) <= ENTITY_KINDS or not isinstance(units, list):
            raise LexiconError(f"property {slug}: bad units or subject kinds")
        _check_units(units, f"property {slug}")
        properties[slug] = PropertyDefaults(slug, table["kind"], frozenset(units), kinds)
    return properties


def _check_units(units: Any, what: str) -> None:
    """A cue that accepts a unit no mention can carry would never apply (`corpus.extraction.units`)."""
    unknown = sorted(str(u) for u in units if u not in KNOWN_UNITS) if isinstance(units, list) else []
    if unknown:
        raise LexiconError(f"{what}: unknown units {unknown}")


def _load_cue(table: Mapping[str, Any], properties: Mapping[str, PropertyDefaults], slugs: set[str]) -> Cue:
    allowed = {"property", "words", "units", "kind", "subject", "qualifiers", "qualifier_from_mention"}
    _keys(table, allowed | {"context", "side", "confidence", "note"}, f"cue {table.get('property')!r}")
    prop = properties.get(table.get("property", ""))
    if prop is None:
        raise LexiconError(f"cue property {table.get('property')!r} is not a property of the lexicon")
    what = f"cue {prop.slug} {table.get('words', [''])[:1]}"
    kind = table.get("kind", prop.kind)
    subject = table.get("subject")
    from_mention = table.get("qualifier_from_mention")
    side = table.get("side", "either")
    confidence = table.get("confidence")
    qualifiers = table.get("qualifiers", {})
    if kind not in MENTION_KINDS or side not in SIDES:
        raise LexiconError(f"{what}: bad kind {kind!r} or side {side!r}")
    if subject is not None and subject not in slugs:
        raise LexiconError(f"{what}: subject {subject!r} is not an entity slug")
    if from_mention is not None and from_mention not in MENTION_QUALIFIERS:
        raise LexiconError(f"{what}: qualifier_from_mention must be one of {sorted(MENTION_QUALIFIERS)}")
    if not isinstance(confidence, Decimal) or not 0 <= confidence <= 1:
        raise LexiconError(f"{what}: confidence must be a number in [0, 1]")
    if not isinstance(qualifiers, dict) or not all(isinstance(v, str) for v in qualifiers.values()):
        raise LexiconError(f"{what}: qualifiers must map names to strings")
    _check_units(table.get("units", []), what)
    return Cue(
        property=prop.slug,
        words=_str_list(table.get("words"), f"{what} words"),
        kind=kind,
        units=frozenset(_str_list(table["units"], f"{what} units")) if "units" in table else prop.units,
        subject_kinds=prop.subject_kinds,
        confidence=confidence,
        subject=subject,
        qualifiers=tuple(sorted(qualifiers.items())),
        qualifier_from_mention=from_mention,
        context=_str_list(table.get("context", []), f"{what} context"),
        side=side,
        note=str(table.get("note", "")),
    )


def _compile_all(phrases: Iterable[str], owner: int) -> tuple[_Pattern, ...]:
    out = []
    for phrase in phrases:
        regex, probe, gapped = _compile_phrase(phrase)
        if gapped:
            raise LexiconError(f"cue word {phrase!r}: gaps are for entity aliases only")
        out.append(_Pattern(regex, probe, phrase, owner, gapped))
    return tuple(out)


def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """Parse, validate and compile a lexicon file; a function so tests can load a variant."""
    with path.open("rb") as fh:
        raw = tomllib.load(fh, parse_float=Decimal)
    _keys(raw, {"property", "cue", "entity"}, str(path))
    entities = _load_entities(raw.get("entity", []))
    properties = _load_properties(raw.get("property", {}))
    slugs = {e.slug for e in entities}
    cues = tuple(_load_cue(table, properties, slugs) for table in raw.get("cue", []))
    aliases = []
    for owner, entry in enumerate(entities):
        for alias in entry.aliases:
            regex, probe, gapped = _compile_phrase(alias.name)
            aliases.append(_Pattern(regex, probe, alias.name, owner, gapped, alias.language if alias.strict else None))
    return Lexicon(
        entities=entities,
        properties=MappingProxyType(properties),
        cues=cues,
        _aliases=tuple(aliases),
        _cue_words=tuple(_compile_all(cue.words, i) for i, cue in enumerate(cues)),
        _cue_context=tuple(_compile_all(cue.context, i) for i, cue in enumerate(cues)),
    )


LEXICON: Lexicon = load_lexicon()


def suggest(
    sentence_text: str,
    mention: Mention,
    other_mentions: Sequence[Mention] = (),
    language: str | None = None,
    *,
    context: str = "",
) -> Suggestion:
    """`LEXICON.suggest`: the proposal of the shared lexicon for one mention."""
    return LEXICON.suggest(sentence_text, mention, other_mentions, language, context=context)


def find_entities(norm_text: str, language: str | None = None) -> list[EntityHit]:
    """`LEXICON.find_entities` on the shared lexicon."""
    return LEXICON.find_entities(norm_text, language)
