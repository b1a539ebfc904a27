"""A language for the extractor: its words and rules, read from one data file.

Why data: the extractor's engine (`numbers`, `quantities`, `dates`) is the same for every
language; what differs is words (number words, hedges, units, month names), a few switches
(a bare 13xx year is solar hijri in Persian, a figure may come after `of` in English) and
which clitics glue to a word. Each language is one TOML file in `locales/` (the format is in
`locales/README.md`), read into one `Locale`. Adding a language is adding a file: nothing in
the engine names a language, and no language reads another's words (English text runs on
English words only, so a word of another language never fires in it).

Every file starts from `locales/root.toml`, the script-neutral signs (`$`, `%`, `>=`, `km²`).
Month and weekday names start from Unicode CLDR through Babel (`cldr = [...]` names the CLDR
locales, e.g. `ar_SY` for the Levantine months) and the file adds the spellings news uses.
Words are written in their natural spelling and folded here (`corpus.domain.text.fold`), so
they match the normalized text; a ZWNJ in a word (`ده‌ها`, `سه‌شنبه`) also stands for a space
and for nothing, the three ways Persian writes the same compound.

The loader checks the data as it reads it (`LocaleError` names the file and the key): a word
may not set two different rules in one table, a hedge, vague amount or season must be a rule
of `policy.toml`, a month spelling may name one month only, a dual's unit must be a unit of
the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from babel import Locale as CldrLocale
from babel.core import UnknownLocaleError

from corpus.domain.text import fold
from corpus.extraction.mentions import Calendar
from corpus.extraction.policy import POLICY

LOCALES_DIR = Path(__file__).with_name("locales")
ROOT_PATH = LOCALES_DIR / "root.toml"
ZWNJ = "\u200c"


class LocaleError(ValueError):
    """A locale file the engine cannot use; the message names the file and the key."""


class Cat(StrEnum):
    """How a number word combines with its neighbours (`numbers.words.<cat>` in a file)."""

    UNIT = "unit"  # 1-9: adds; before `hundred` multiplies (ثلاث مئة)
    TEEN_PREFIX = "teen_prefix"  # أحد / اثنا: only before a `ten` word
    TEN = "ten"  # 10: after a unit forms a teen (ثلاثة عشر)
    TEEN = "teen"  # 10-19 as one word (یازده, eleven)
    TENS = "tens"  # 20-90
    HUNDRED = "hundred"  # exactly 100: may be multiplied by a preceding unit
    HUNDREDS = "hundreds"  # 100-900 as one word (ثلاثمئة, دویست)
    SCALE = "scale"  # 1000, 10^6, 10^9: multiplies what precedes, or stands for one
    SCALE_PLURAL = "scale_plural"  # plural or accusative scale (آلاف, ملايين): needs a multiplier
    SCALE_DUAL = "scale_dual"  # ألفين, مليونين: two of a scale, the Arabic dual


@dataclass(frozen=True, slots=True)
class NumberWord:
    value: Decimal
    cat: Cat
    weak: bool = False  # alone it is mostly something else (`one`, Persian `یک`)
    compound_only: bool = False  # a figure only inside a compound (Arabic `واحد`)


@dataclass(frozen=True, slots=True)
class MonthName:
    """One spelling of a month and how much context it needs to count as a date.

    `alone`: the word is a date by itself (`يونيو`, `حزيران`): no common word shares it.
    `qualifier`: it may take a relative qualifier (`كانون الثاني الماضي`, `مايو الماضي`) even
    if it may not stand alone (`مايو` is also part of the name `دي مايو`).
    `strict`: a very common word or verb prefix (`می`, `مه`, `صفر`, English `may`): next to a
    day number only, it needs a year or punctuation after it (`۸۰ می باشد` is not a date).
    `needs_year`: a date only with a year (a solar month name in Arabic text: `حمل` is
    "pregnancy" first).
    Every other month name is a date when a day or a year is next to it, when it is paired
    with another name of the same month (`آب/أغسطس`) or when a month cue (`شهر`) introduces it.
    """

    month: int
    calendar: Calendar
    alone: bool = False
    qualifier: bool = False
    strict: bool = False
    needs_year: bool = False


@dataclass(frozen=True, slots=True)
class AmbiguousRelative:
    """A relative phrase that is also an ordinary word (Arabic `اليوم`, "the day")."""

    not_before_article: bool
    not_after: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class Locale:
    """Everything the engine knows about one language. Phrases are folded, single-spaced."""

    code: str
    name: str
    aliases: tuple[str, ...]
    source: str
    # Clitics: glued conjunctions and prepositions, the article and its prepositional forms.
    conjunctions: tuple[str, ...]
    prepositions: tuple[str, ...]
    article: str
    definite: tuple[str, ...]
    contractions: tuple[str, ...]
    # Numbers.
    number_words: Mapping[str, NumberWord]
    number_conjunctions: tuple[str, ...]
    min_prefixed_word: int
    minus_words: tuple[str, ...]
    glued_suffixes: tuple[str, ...]
    glued_scales: Mapping[str, Decimal]
    decimal_comma: bool
    dot_groups: bool
    guarded_decimal_marks: tuple[str, ...]
    hyphen_words: tuple[str, ...]
    indian_groups: bool
    reversed_decimal: tuple[str, ...]
    glued_after_words: bool
    decimal_words: tuple[str, ...]
    fractions: Mapping[str, Decimal]
    # Quantities and identifiers.
    units: Mapping[str, str]
    currency_before: Mapping[str, str]
    hedges_before: Mapping[str, str]
    hedge_verbs: Mapping[str, str]
    hedges_after: Mapping[str, str]
    hedge_signs: Mapping[str, str]
    or_equal: tuple[str, ...]
    noun_links: tuple[str, ...]
    comparison_words: tuple[str, ...]
    year_like: tuple[tuple[int, int], ...]
    figure_verbs: tuple[str, ...]
    figure_verbs_after: tuple[str, ...]
    unit_suffixes: tuple[str, ...]
    range_openers: Mapping[str, tuple[str, ...]]
    range_separators: tuple[str, ...]
    identifiers: Mapping[str, str]
    security_council: tuple[str, ...]
    vague: Mapping[str, str]
    duals: Mapping[str, str]
    construct_endings: Mapping[str, str]
    # Clock times.
    time_cues: tuple[str, ...]
    time_am: tuple[str, ...]
    time_pm: tuple[str, ...]
    # Dates.
    months: Mapping[str, MonthName]
    weekdays: Mapping[str, int]
    eras: Mapping[str, Calendar]
    era_abbreviations: Mapping[str, Calendar]
    era_short: Mapping[str, Calendar]
    era_glued_only: tuple[str, ...]
    numeric_hijri: Calendar | None
    unmarked_years: tuple[tuple[Calendar, int, int], ...]
    year_preposition_needs_clause_end: bool
    count_before_is_duration: bool
    count_words: tuple[str, ...]
    month_first: bool
    relative_calendar: Calendar
    bare_years: tuple[tuple[Calendar, int, int], ...]
    weekday_alone: bool
    weekday_before: tuple[str, ...]
    weekday_not_after: tuple[str, ...]
    range_cues: tuple[str, ...]
    offsets: Mapping[str, str]  # a word of an offset (`قبل`, `ago`) -> "past_before", "past_after", ...
    offset_not_before: tuple[str, ...]
    periods: Mapping[str, str]  # `گذشته`, `the past` -> "past_after", "past_before", ...
    parts: Mapping[str, str]  # `منتصف`, `mid` -> "mid"
    ordinal_days: Mapping[str, int]
    decade_suffixes: tuple[str, ...]
    month_cues: tuple[str, ...]
    day_month_links: tuple[str, ...]
    month_year_links: tuple[str, ...]
    day_suffixes: tuple[str, ...]
    year_cues: tuple[str, ...]
    year_cue_prepositions: tuple[str, ...]
    year_prepositions: tuple[str, ...]
    season_articles: tuple[str, ...]
    dayparts: tuple[str, ...]
    since: tuple[str, ...]
    until: tuple[str, ...]
    since_frame_open: tuple[str, ...]
    since_frame_close: tuple[str, ...]
    qualifiers_before: Mapping[str, str]
    qualifiers_after: Mapping[str, str]
    seasons: Mapping[str, str]
    relative: Mapping[str, str]
    relative_ambiguous: Mapping[str, AmbiguousRelative]

    def __repr__(self) -> str:
        return f"Locale({self.code!r}, {self.source!r})"

    @property
    def unit_codes(self) -> frozenset[str]:
        """Every unit a quantity mention of this locale may carry."""
        return (
            frozenset(self.units.values()) | frozenset(self.currency_before.values()) | frozenset(self.duals.values())
        )


# --- Reading a file -------------------------------------------------------------------------


def key(phrase: str) -> str:
    """A phrase as the engine compares it: folded, its words joined by single spaces."""
    return " ".join(fold(phrase).split())


def variants(phrase: str) -> set[str]:
    """The folded spellings of a phrase: a ZWNJ also stands for a space and for nothing."""
    folded = key(phrase)
    if ZWNJ not in folded:
        return {folded}
    return {folded, folded.replace(ZWNJ, ""), " ".join(folded.replace(ZWNJ, " ").split())}


class _Reader:
    """Typed access to the merged TOML of a file, with errors that name the file and the key."""

    def __init__(self, data: dict[str, Any], source: str) -> None:
        self.data = data
        self.source = source

    def error(self, path: str, message: str) -> LocaleError:
        return LocaleError(f"{self.source}: [{path}] {message}")

    def get(self, path: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node

    def table(self, path: str) -> dict[str, Any]:
        value = self.get(path, {})
        if not isinstance(value, dict):
            raise self.error(path, "must be a table")
        return value

    def words(self, path: str) -> tuple[str, ...]:
        value = self.get(path, [])
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise self.error(path, "must be a list of non-empty words")
        return tuple(sorted({v for w in value for v in variants(w)}))

    def flag(self, path: str, default: bool) -> bool:
        value = self.get(path, default)
        if not isinstance(value, bool):
            raise self.error(path, "must be true or false")
        return value

    def phrases_by_rule(self, path: str, rules: Iterable[str] | None = None, prefix: str = "") -> dict[str, str]:
        """`{rule: [phrases]}` as `{phrase: prefix + rule}`; a phrase with two rules is an error."""
        out: dict[str, str] = {}
        allowed = set(rules) if rules is not None else None
        for rule, _phrases in self.table(path).items():
            if allowed is not None and rule not in allowed:
                raise self.error(path, f"{rule!r} is no rule of policy.toml (known: {', '.join(sorted(allowed))})")
            for phrase in self.words(f"{path}.{rule}"):
                previous = out.get(phrase)
                if previous is not None and previous != prefix + rule:
                    raise self.error(path, f"{phrase!r} sets two rules: {previous} and {prefix + rule}")
                out[phrase] = prefix + rule
        return out


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` on top of `base`: tables merge, lists of the root's signs are extended."""
    out = dict(base)
    for name, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(name), dict):
            out[name] = _merge(out[name], value)
        elif isinstance(value, list) and isinstance(out.get(name), list):
            out[name] = [*out[name], *value]
        else:
            out[name] = value
    return out


def _calendar(reader: _Reader, path: str, value: Any) -> Calendar:
    try:
        return Calendar(value)
    except ValueError:
        raise reader.error(path, f"{value!r} is no calendar ({', '.join(c.value for c in Calendar)})") from None


def _read_numbers(r: _Reader) -> dict[str, NumberWord]:
    weak = set(r.words("numbers.weak"))
    compound_only = set(r.words("numbers.compound_only"))
    out: dict[str, NumberWord] = {}
    for cat_name, words in r.table("numbers.words").items():
        try:
            cat = Cat(cat_name)
        except ValueError:
            raise r.error("numbers.words", f"{cat_name!r} is no category ({', '.join(c.value for c in Cat)})") from None
        for word, value in words.items():
            folded = key(word)
            if " " in folded:
                raise r.error(f"numbers.words.{cat_name}", f"{word!r}: a number word is one word")
            # A ZWNJ in a number word also stands for nothing (`شش‌صد`, `ششصد`); a space would make
            # two words, which the compound rules read anyway (`شش صد`).
            for spelling in {folded, folded.replace(ZWNJ, "")}:
                if spelling in out:
                    raise r.error(f"numbers.words.{cat_name}", f"{word!r} is listed twice")
                out[spelling] = NumberWord(Decimal(str(value)), cat, folded in weak, folded in compound_only)
    missing = (weak | compound_only) - set(out)
    if missing:
        raise r.error("numbers", f"weak or compound-only words that are no number word: {sorted(missing)}")
    return out


_FRACTION_PLACES = Decimal("0.000001")


def _read_fractions(r: _Reader) -> dict[str, Decimal]:
    """`"ثلث" = "1/3"`: fraction phrases and their values (a ratio or a decimal)."""
    out: dict[str, Decimal] = {}
    for phrase, written in r.table("numbers.fractions").items():
        numerator, _, denominator = str(written).partition("/")
        try:
            # Six decimal places, as a stored mention keeps them: 1/3 is 0.333333.
            value = (Decimal(numerator) / Decimal(denominator or 1)).quantize(_FRACTION_PLACES)
        except (ArithmeticError, ValueError):
            raise r.error("numbers.fractions", f"{phrase!r}: {written!r} is no fraction") from None
        for folded in variants(phrase):
            out[folded] = value
    return out


def _cldr_names(r: _Reader, path: str, attribute: str, widths: tuple[str, ...]) -> dict[int, set[str]]:
    """Month (1-12) or weekday (0-6, Monday first) names of the CLDR locales a file names."""
    codes = r.get(path, [])
    codes = [codes] if isinstance(codes, str) else codes
    out: dict[int, set[str]] = {}
    for code in codes:
        try:
            names = getattr(CldrLocale.parse(code), attribute)
        except (ValueError, LookupError, UnknownLocaleError) as exc:
            raise r.error(path, f"no CLDR locale {code!r}: {exc}") from None
        for context in ("format", "stand-alone"):
            for width in widths:
                for index, name in names[context][width].items():
                    out.setdefault(int(index), set()).add(name)
    return out


def _read_months(r: _Reader) -> dict[str, MonthName]:
    months: dict[str, MonthName] = {}
    for cal_name, spec in r.table("dates.months").items():
        path = f"dates.months.{cal_name}"
        cal = _calendar(r, path, cal_name)
        names: dict[int, set[str]] = _cldr_names(r, f"{path}.cldr", "months", ("wide",))
        abbreviations: dict[int, set[str]] = {}
        if spec.get("cldr_abbreviations", False):
            abbreviations = _cldr_names(r, f"{path}.cldr", "months", ("abbreviated",))
        for key_name in ("names", "extra"):
            lists = spec.get(key_name, [])
            if lists and len(lists) != 12:
                raise r.error(f"{path}.{key_name}", "must list twelve months, January (or the first month) first")
            for index, spellings in enumerate(lists, 1):
                names.setdefault(index, set()).update(spellings)
        needs = spec.get("needs_context", [])
        every = needs == "all"
        needs_set = set() if every else {v for w in needs for v in variants(w)}
        qualifier_ok = {v for w in spec.get("qualifier_ok", []) for v in variants(w)}
        strict = {v for w in spec.get("strict", []) for v in variants(w)}
        cue_after = spec.get("cue_after")
        for index in sorted(set(names) | set(abbreviations)):
            for spelling in sorted(names.get(index, set()) | abbreviations.get(index, set())):
                if cue_after and spelling not in abbreviations.get(index, set()):
                    # `آذرماه`, `آذر ماه`, `بهمن‌ماه`: the month cue after the name makes it a month.
                    for glued in (spelling + cue_after, spelling + " " + cue_after, spelling + ZWNJ + cue_after):
                        for folded in variants(glued):
                            months.setdefault(folded, MonthName(index, cal, alone=True, qualifier=True))
                abbreviation = spelling in abbreviations.get(index, set()) and spelling not in names.get(index, set())
                for folded in variants(spelling):
                    ambiguous = every or abbreviation or folded in needs_set or folded in strict
                    entry = MonthName(
                        index,
                        cal,
                        alone=not ambiguous,
                        qualifier=not ambiguous or folded in qualifier_ok,
                        strict=folded in strict,
                        needs_year=bool(spec.get("needs_year", False)),
                    )
                    previous = months.get(folded)
                    if previous is not None and (previous.month, previous.calendar) != (index, cal):
                        raise r.error(path, f"{spelling!r} names two months")
                    if previous is None or (entry.alone and not previous.alone):
                        months[folded] = entry
        unknown = (needs_set | qualifier_ok | strict) - set(months)
        if unknown:
            raise r.error(path, f"flags for words that are no month name: {sorted(unknown)}")
    return months


def _read_ordinal_days(r: _Reader) -> dict[str, int]:
    """`[dates] ordinal_days`: 31 lists, the ordinal words of the days of a month, the first first."""
    lists = r.get("dates.ordinal_days", [])
    if lists and len(lists) != 31:
        raise r.error("dates.ordinal_days", "must list 31 days, the first first")
    out: dict[str, int] = {}
    for day, spellings in enumerate(lists, 1):
        for spelling in spellings:
            for folded in variants(spelling):
                if out.get(folded, day) != day:
                    raise r.error("dates.ordinal_days", f"{spelling!r} names two days")
                out[folded] = day
    return out


def _read_weekdays(r: _Reader) -> dict[str, int]:
    names = _cldr_names(r, "dates.weekdays.cldr", "days", ("wide",))
    extra = r.get("dates.weekdays.extra", [])
    if extra and len(extra) != 7:
        raise r.error("dates.weekdays.extra", "must list seven weekdays, Monday first")
    for index, spellings in enumerate(extra):
        names.setdefault(index, set()).update(spellings)
    out: dict[str, int] = {}
    for index, spellings in names.items():
        for spelling in spellings:
            for folded in variants(spelling):
                if out.get(folded, index) != index:
                    raise r.error("dates.weekdays", f"{spelling!r} names two weekdays")
                out[folded] = index
    return out


def _read_eras(r: _Reader) -> tuple[dict[str, Calendar], dict[str, Calendar], dict[str, Calendar]]:
    words: dict[str, Calendar] = {}
    abbreviations: dict[str, Calendar] = {}
    short: dict[str, Calendar] = {}
    for name, value in r.table("dates.eras").items():
        if name == "glued_only":
            continue
        if name == "short":
            for mark, cal_name in value.items():
                short[key(mark)] = _calendar(r, "dates.eras.short", cal_name)
            continue
        cal = _calendar(r, "dates.eras", name)
        for phrase in r.words(f"dates.eras.{name}"):
            # An abbreviation is written with dots (`ه.ش.`): its letters, dots optional.
            target = abbreviations if "." in phrase else words
            letters = phrase.replace(".", "").replace(" ", "") if "." in phrase else phrase
            if target.get(letters, cal) != cal:
                raise r.error("dates.eras", f"{phrase!r} marks two calendars")
            target[letters] = cal
    return words, abbreviations, short


def _definite(r: _Reader, article: str, prepositions: tuple[str, ...]) -> tuple[str, ...]:
    """The article alone and behind each preposition, contracted where the file says (ل + ال = لل)."""
    if not article:
        return ()
    contractions = {
        tuple(key(p) for p in parts): key(written) for written, parts in r.table("clitics.contractions").items()
    }
    return (article, *(contractions.get((p, article), p + article) for p in prepositions))


def read_locale(path: Path, *, root: Path | None = ROOT_PATH, policy: Mapping[str, Any] = POLICY) -> Locale:
    """Read one locale file (on top of the root file) into a `Locale`; `LocaleError` if it is unusable."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    if root is not None and path.resolve() != root.resolve():
        with root.open("rb") as fh:
            data = _merge(tomllib.load(fh), data)
    r = _Reader(data, path.name)
    code = r.get("locale.code")
    if not isinstance(code, str) or not code:
        raise r.error("locale", "needs a `code`")

    conjunctions = r.words("clitics.conjunctions")
    prepositions = r.words("clitics.prepositions")
    article = key(r.get("clitics.article", ""))
    units: dict[str, str] = {}
    for unit, _phrases in r.table("units").items():
        for phrase in r.words(f"units.{unit}"):
            if units.get(phrase, unit) != unit:
                raise r.error("units", f"{phrase!r} is two units: {units[phrase]} and {unit}")
            units[phrase] = unit
    currency_before = {p: unit for p, unit in r.phrases_by_rule("currency_before").items()}
    duals = {key(word): unit for word, unit in r.table("duals").items() if isinstance(unit, str)}
    known_units = set(units.values()) | set(currency_before.values())
    for word, unit in duals.items():
        if unit not in known_units:
            raise r.error("duals", f"{word!r} counts {unit!r}, which is no unit of [units]")
    hedge_rules = set(policy["hedge"])
    openers = {key(o): tuple(key(s) for s in seps) for o, seps in r.table("ranges.openers").items()}
    identifiers = r.phrases_by_rule("identifiers", ("number", "article", "security_council"))
    months = _read_months(r)
    eras, era_abbreviations, era_short = _read_eras(r)
    unmarked = tuple(
        (_calendar(r, "dates.unmarked_years", name), int(lo), int(hi))
        for name, (lo, hi) in r.table("dates.unmarked_years").items()
    )
    numeric_hijri = r.get("dates.numeric_hijri")
    ambiguous = {
        key(phrase): AmbiguousRelative(
            bool(spec.get("not_before_article", False)), tuple(key(w) for w in spec.get("not_after", []))
        )
        for phrase, spec in r.table("dates.relative_ambiguous").items()
    }
    relative = r.phrases_by_rule("dates.relative")
    missing = set(ambiguous) - set(relative)
    if missing:
        raise r.error("dates.relative_ambiguous", f"no relative phrase: {sorted(missing)}")
    qualifiers_before = r.phrases_by_rule("dates.qualifiers.before", ("past", "current", "next"))
    qualifiers_after = r.phrases_by_rule("dates.qualifiers.after", ("past", "current", "next"))
    return Locale(
        code=code,
        name=str(r.get("locale.name", code)),
        aliases=tuple(a.lower() for a in r.get("locale.aliases", [])),
        source=path.name,
        conjunctions=conjunctions,
        prepositions=prepositions,
        article=article,
        definite=_definite(r, article, prepositions),
        contractions=tuple(key(c) for c in r.table("clitics.contractions")),
        number_words=MappingProxyType(_read_numbers(r)),
        number_conjunctions=r.words("numbers.conjunctions"),
        min_prefixed_word=int(r.get("numbers.min_prefixed_word", 1)),
        minus_words=r.words("numbers.minus"),
        glued_suffixes=r.words("numbers.glued_suffixes"),
        glued_scales=MappingProxyType({key(w): Decimal(str(v)) for w, v in r.table("numbers.glued_scales").items()}),
        decimal_comma=r.flag("numbers.decimal_comma", False),
        dot_groups=r.flag("numbers.dot_groups", False),
        guarded_decimal_marks=r.words("numbers.guarded_decimal_marks"),
        hyphen_words=r.words("numbers.hyphen_words"),
        indian_groups=r.flag("numbers.indian_groups", False),
        reversed_decimal=r.words("numbers.reversed_decimal"),
        glued_after_words=r.flag("numbers.glued_after_words", False),
        decimal_words=r.words("numbers.decimal_words"),
        fractions=MappingProxyType(_read_fractions(r)),
        units=MappingProxyType(units),
        currency_before=MappingProxyType(currency_before),
        hedges_before=MappingProxyType(r.phrases_by_rule("hedges.before", hedge_rules, "hedge.")),
        hedge_verbs=MappingProxyType(r.phrases_by_rule("hedges.verbs", hedge_rules, "hedge.")),
        hedges_after=MappingProxyType(r.phrases_by_rule("hedges.after", hedge_rules, "hedge.")),
        hedge_signs=MappingProxyType(
            {sign: "hedge." + rule for rule, signs in r.table("hedges.signs").items() for sign in signs}
        ),
        or_equal=r.words("hedges.or_equal"),
        noun_links=r.words("quantities.noun_links"),
        comparison_words=r.words("quantities.comparison_words"),
        year_like=tuple((int(lo), int(hi)) for lo, hi in r.get("quantities.year_like", [])),
        figure_verbs=r.words("quantities.figure_verbs"),
        figure_verbs_after=r.words("quantities.figure_verbs_after"),
        unit_suffixes=r.words("quantities.unit_suffixes"),
        range_openers=MappingProxyType(openers),
        range_separators=r.words("ranges.separators"),
        identifiers=MappingProxyType({p: s for p, s in identifiers.items() if s != "security_council"}),
        security_council=tuple(p for p, s in identifiers.items() if s == "security_council"),
        vague=MappingProxyType(r.phrases_by_rule("vague", set(policy["vague"]), "vague.")),
        duals=MappingProxyType(duals),
        construct_endings=MappingProxyType({key(a): key(b) for a, b in r.table("duals.construct_endings").items()}),
        time_cues=r.words("times.cues"),
        time_am=r.words("times.am"),
        time_pm=r.words("times.pm"),
        months=MappingProxyType(months),
        weekdays=MappingProxyType(_read_weekdays(r)),
        eras=MappingProxyType(eras),
        era_abbreviations=MappingProxyType(era_abbreviations),
        era_short=MappingProxyType(era_short),
        era_glued_only=r.words("dates.eras.glued_only"),
        numeric_hijri=_calendar(r, "dates.numeric_hijri", numeric_hijri) if numeric_hijri else None,
        unmarked_years=unmarked,
        year_preposition_needs_clause_end=r.flag("dates.year_preposition_needs_clause_end", True),
        count_before_is_duration=r.flag("dates.count_before_is_duration", False),
        count_words=r.words("dates.count_words"),
        month_first=r.flag("dates.month_first", False),
        relative_calendar=_calendar(r, "dates.relative_calendar", r.get("dates.relative_calendar", "gregorian")),
        bare_years=tuple(
            (_calendar(r, "dates.bare_years", name), int(lo), int(hi))
            for name, (lo, hi) in r.table("dates.bare_years").items()
        ),
        weekday_alone=r.flag("dates.weekday_alone", False),
        weekday_before=r.words("dates.weekday_before"),
        weekday_not_after=r.words("dates.weekday_not_after"),
        range_cues=r.words("dates.range_cues"),
        offsets=MappingProxyType(
            r.phrases_by_rule("dates.offsets", ("past_before", "past_after", "future_before", "future_after"))
        ),
        offset_not_before=r.words("dates.offset_not_before"),
        periods=MappingProxyType(
            r.phrases_by_rule("dates.periods", ("past_before", "past_after", "next_before", "next_after"))
        ),
        parts=MappingProxyType(r.phrases_by_rule("dates.parts", set(policy["part"]))),
        ordinal_days=MappingProxyType(_read_ordinal_days(r)),
        decade_suffixes=r.words("dates.decade_suffixes"),
        month_cues=r.words("dates.words.month_cues"),
        day_month_links=r.words("dates.words.day_month_links"),
        month_year_links=r.words("dates.words.month_year_links"),
        day_suffixes=r.words("dates.words.day_suffixes"),
        year_cues=r.words("dates.words.year_cues"),
        year_cue_prepositions=r.words("dates.words.year_cue_prepositions"),
        year_prepositions=r.words("dates.words.year_prepositions"),
        season_articles=r.words("dates.words.season_articles"),
        dayparts=r.words("dates.words.dayparts"),
        since=r.words("dates.words.since"),
        until=r.words("dates.words.until"),
        since_frame_open=r.words("dates.since_frames.open"),
        since_frame_close=r.words("dates.since_frames.close"),
        qualifiers_before=MappingProxyType(qualifiers_before),
        qualifiers_after=MappingProxyType(qualifiers_after),
        seasons=MappingProxyType(r.phrases_by_rule("dates.seasons", set(policy["season"]))),
        relative=MappingProxyType(relative),
        relative_ambiguous=MappingProxyType(ambiguous),
    )


# --- The shipped locales --------------------------------------------------------------------


@cache
def shipped() -> dict[str, Path]:
    """The locale files that ship with the extractor, by code (the root file is not a locale)."""
    return {path.stem: path for path in sorted(LOCALES_DIR.glob("*.toml")) if path.stem != "root"}


@cache
def _aliases() -> dict[str, str]:
    out: dict[str, str] = {}
    for code in shipped():
        out[code] = code
        for alias in _load(code).aliases:
            out[alias] = code
    return out


@cache
def _load(code: str) -> Locale:
    return read_locale(shipped()[code])


_BY_LANGUAGE: dict[str, Locale] = {}


def get_locale(language: str | Locale) -> Locale:
    """The locale of a language code (`ar`, `fa`, `fa-AF`, `prs`, `en`), or the locale itself.

    Raises `LookupError` for a language that has no locale file: the extractor never falls back
    to another language's words. (Called for every sentence: a dict lookup once a code is known.)
    """
    if isinstance(language, Locale):
        return language
    found = _BY_LANGUAGE.get(language)
    if found is not None:
        return found
    lowered = language.lower()
    code = _aliases().get(lowered) or _aliases().get(lowered.replace("_", "-").split("-")[0])
    if code is None:
        raise LookupError(f"no locale for language {language!r} (known: {', '.join(sorted(shipped()))})")
    found = _BY_LANGUAGE[language] = _load(code)
    return found
