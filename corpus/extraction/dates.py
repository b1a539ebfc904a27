"""Dates in news text: the date half of the extractor.

`find_dates(norm, language=..., reference_date=..., blocked=...)` finds every date mention in a
normalized text and returns it as a closed interval of Gregorian days (`DateValue`), with the
calendar it was written in, its precision and the rule that set its bounds (`datevalues`).

Why a hand-written grammar and not `dateparser.search_dates`: news text is full of words that
are also month names (`می` is the Persian verb prefix, `آب` water, `سرطان` cancer, `جون` John,
`مايو` in the name دي مايو) and of 4-digit numbers that are not years (`رقم 2254`), and
search_dates reads them as dates. Here a span is found only by an explicit grammar, compiled
once per locale from its words (`corpus.extraction.locale`), which is also far faster than
parsing each sentence with dateparser. The grammar is the same for every language:

- day month [year] (`26 يونيو 2019`, `۴ سرطان ۱۳۹۸`, `11 من أيار`, `26 آب/أغسطس`), month day[,
  year] where the locale writes the month first (`June 25, 2019`); month [year] (`حزيران 2021`);
  numeric `dd/mm/yyyy` (day first) and ISO `yyyy-mm-dd`; a season with a year (`صيف عام 2014`);
  a year after a cue (`عام/سال/year`, a preposition + year, a year followed by an era marker
  `هـ`, `ه.ش`, `میلادی`, `2019م`);
- relative expressions (`اليوم`, `أمس`, `مطلع الأسبوع`, `منذ أسبوع`, `الشهر الماضي`, ...), a
  named month with a qualifier (`كانون الثاني الماضي`, `أيار الحالي`, `last June`), weekdays;
- a weekday before a date (`الأربعاء 26 يونيو 2019`, `بروز سه شنبه ۲۵ جون ۲۰۱۹`) joins the
  mention and is checked: `extra = {"weekday": "wednesday", "weekday_matches": True}`;
- a since word before a date makes it `since`, an until word `until`; a since frame around it
  (`از … بدینسو`) too.

Ambiguity rules (the reason for most of this module):
- A month name that is also a common word or a name (`MonthName.alone` false) is a date only
  next to a day number or a year, paired with another name of the same month (`آب/أغسطس`),
  after a month cue (`شهر`/`ماه`), or - for the few marked `qualifier` - with a relative
  qualifier (`مايو الماضي`). The commonest words (`می`, `مه`, `صفر`, `دی`, English `may`,
  `march`) next to a day only also need a year or punctuation after them.
- A bare 4-digit number is a year only with a cue: a year word, a preposition (then, where the
  locale says so, not followed by a word, since `في 2000 منزل` counts houses), a since word, an
  era marker, or inside a date. Years out of range (`calendars.YEAR_RANGE`) are never years.
- A bare weekday is a date only when used as one: after a day-part word (`يوم`, `مساء`, `روز`,
  `on`), with a qualifier (`الماضي`, `last`), after a since or until word, or as an adverb
  between commas (`وأكد الوزراء، الثلاثاء، ...`). It means the latest such weekday not after
  the reference date (`الماضي`/`last`: strictly before; `المقبل`/`next`: strictly after).
- A relative phrase that is also an ordinary word (Arabic `اليوم`, "the day") is not a date
  before an article word (`اليوم التالي`) or after a demonstrative (`ذلك اليوم`); where the
  locale says so, a relative phrase right after a count is a duration (`سه ماه گذشته`).

Days that do not exist: a number before a month name is that month's day, and the two numbers
of a numeric date a day and an existing month. When no such day exists - in that month of that
year (`۳۱ حوت ۱۳۹۸`: Hoot 1398 has 29 days, `2021-02-30`), or, without a year, in that month of
any year (`31 أبريل`) - the whole span is refused: it is neither read as a coarser date nor left
to the quantity finder (the figure 30). `find_dates` reports it in `refused` as a `Refusal` with
rule `date.no_such_day` and the reason.

The mention covers the words that changed its meaning (`منذ`, `في عام`, `للعام`, the weekday,
the era marker) but not a conjunction glued to its first word. Rules (`Mention.rule`):
`date.day`, `date.month`, `date.year` (Gregorian); `date.solar_day`, `date.solar_month`,
`date.solar_year`; `date.lunar_*`; `date.numeric_day_first`, `date.numeric_month_first`;
`date.yearless_closest_before`; `season.*`; `relative.*` (see `datevalues`).

Known gaps: ranges (`بين عامي 2014 و2019`, `از ... تا ...`), relative seasons (`الصيف الماضي`),
two-digit years.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import cache

from corpus.domain.text import NormalizedText
from corpus.extraction import calendars as cals
from corpus.extraction import numbers
from corpus.extraction.calendars import GREGORIAN, LUNAR
from corpus.extraction.dategrammar import NUM_START, DateGrammar, grammar
from corpus.extraction.datevalues import NO_SUCH_DAY, Parse, to_mention
from corpus.extraction.locale import Locale, MonthName, get_locale
from corpus.extraction.mentions import Calendar, DateValue, Kind, Mention, Modifier, Precision, Refusal
from corpus.extraction.scanning import DIGIT_FIRST, finditer_hinted, search_before, word_set

Span = tuple[int, int]

__all__ = ["NO_SUCH_DAY", "all_triggers", "find_dates", "join_ranges", "trigger_words"]

Finder = Callable[[DateGrammar, str], list[Parse]]
AnchoredFinder = Callable[[DateGrammar, str, list[int]], list[Parse]]

# 08/07/2019 (day first) · 2019-06-25
_NUMERIC_RE = re.compile(
    NUM_START + r"(?:(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})"
    r"|(?P<iy>\d{4})(?P<is>[/\-])(?P<im>\d{1,2})(?P=is)(?P<id>\d{1,2}))(?![\w/\-]|[.,]\d)"
)
_NUMERIC_HINT_RE = re.compile(DIGIT_FIRST + r"[/.\-]\d")  # every `_NUMERIC_RE` match holds one
# 2/2013: a month and a year
_MONTH_YEAR_RE = re.compile(NUM_START + r"(?P<m>\d{1,2})/(?P<y>\d{4})(?![\w/\-]|[.,]\d)")
_FOLLOW_OK_RE = re.compile(r"\s*(?:[^\w\s\u200c]|$)")
_COMMA_BEFORE_RE = re.compile(r"[,،]\s*$")
_COMMA_AFTER_RE = re.compile(r"\s*[,،.؛]")
_PAREN_BETWEEN_RE = re.compile(r"\s*[(\[]\s*$")
_LOOKBACK = 60
_DIGIT_RE = re.compile(DIGIT_FIRST)
_DIGIT_RUN_RE = re.compile(DIGIT_FIRST + r"\d*")
# A run of exactly four digits. `(?<!\d{5})` after the four digits says "no digit before them", like
# a leading `(?<!\d)`, but lets `re` skip to the next digit in C instead of trying every position.
_YEAR4_RE = re.compile(DIGIT_FIRST + r"\d{3}(?<!\d{5})(?!\d)")
_RELATIVE_KINDS = {"past": "named_month_past", "current": "named_month_current", "next": "named_month_next"}


def _key(text: str) -> str:
    return " ".join(text.split())


def trigger_words(language: str | Locale) -> frozenset[str]:
    """Words without one of which a text with no digit holds no date (only anchored finders need no digit)."""
    return grammar(get_locale(language)).trigger_words


def all_triggers(language: str | Locale) -> frozenset[str]:
    """Every word a gate of `find_dates` looks for."""
    return grammar(get_locale(language)).all_triggers


def find_dates(
    norm: NormalizedText,
    *,
    language: str | Locale,
    reference_date: dt.date | None,
    blocked: list[Span],
    words: AbstractSet[str] | None = None,
    has_digit: bool | None = None,
    refused: list[Refusal] | None = None,
) -> list[Mention]:
    """Every date mention in `norm`, sorted by position, with offsets into `norm.original`.

    `blocked` are spans of the normalized text (URLs, times of day) where nothing is reported.
    `words` is `scanning.word_set(norm.text)` when the caller has it, or the part of it that
    holds every word of `all_triggers` in it: a shortcut for the gates. `has_digit` says whether
    `norm.text` holds a digit, when the caller knows. `refused`, when given, receives the spans
    read as a date whose day does not exist (module docstring), sorted by position: the caller
    must report nothing else there either.
    """
    g = grammar(get_locale(language))
    scanned, anchored_finders = _gates(g)
    text = norm.text
    has = {"digit": has_digit if has_digit is not None else _DIGIT_RE.search(text) is not None}
    has["year"] = has["digit"] and _YEAR4_RE.search(text) is not None
    has["digit_or_word"] = True
    present = _present_triggers(g, text, words)
    candidates: list[Parse] = []
    for finder, needs, triggers in scanned:
        if has[needs] and (triggers is None or not triggers.isdisjoint(present)):
            candidates.extend(finder(g, text))
    found_at: dict[str, list[int]] = {}
    for anchored, triggers in anchored_finders:
        if not triggers.isdisjoint(present):
            candidates.extend(anchored(g, text, _starts(g, text, present & triggers, found_at)))
    if not candidates:
        return []
    for cand in candidates:
        _extend_left(g, text, cand)
    chosen: list[Parse] = []
    # Longest first: `الأربعاء 26 يونيو 2019` beats `يونيو 2019`, which beats `2019`. A candidate
    # overlapping a blocked span or a chosen one is dropped (plain loops: this runs for every
    # candidate of every sentence, and `any()` over a generator costs more than the test).
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        start, end = cand.start, cand.end
        for bs, be in blocked:
            if bs < end and start < be:
                break
        else:
            for c in chosen:
                if c.start < end and start < c.end:
                    break
            else:
                chosen.append(cand)
    chosen.sort(key=lambda c: c.start)
    _inherit_parenthetical_modifiers(text, chosen)
    mentions = []
    for cand in chosen:
        mention = to_mention(norm, cand, reference_date)
        if isinstance(mention, Mention):
            mentions.append(mention)
        elif mention is not None and refused is not None:
            refused.append(mention)
    return mentions


@cache
def _gates(
    g: DateGrammar,
) -> tuple[tuple[tuple[Finder, str, frozenset[str] | None], ...], tuple[tuple[AnchoredFinder, frozenset[str]], ...]]:
    """The finders and what each needs: a digit, a 4-digit number, one of its trigger words.

    Every regex scan of a sentence costs about as much as splitting it into words, so a finder
    runs only if the sentence has what it needs. The word-led finders (months, relative phrases,
    weekdays) are not scanned at all: they are matched only where one of their trigger words occurs.
    """
    scanned: tuple[tuple[Finder, str, frozenset[str] | None], ...] = (
        (_find_day_month, "digit", g.month_triggers),
        (_find_month_day, "digit", g.month_triggers if g.mdy_re is not None else frozenset()),
        (_find_numeric, "digit", None),
        (_find_season, "year", g.season_triggers),
        (_find_year_cue, "year", g.year_cue_triggers),
        (_find_year_bare, "year", g.year_bare_triggers),
        (_find_year_era, "year", None),
        (_find_year_span, "year", None),
        (_find_decade, "digit", None),
        (_find_offset_after, "digit_or_word", g.offset_after_triggers),
    )
    anchored: tuple[tuple[AnchoredFinder, frozenset[str]], ...] = (
        (_find_year_words, g.year_cue_triggers),
        (_find_month, g.month_triggers),
        (_find_relative, g.relative_triggers),
        (_find_weekday, g.weekday_triggers),
    )
    return scanned, anchored


def join_ranges(norm: NormalizedText, *, language: str | Locale, mentions: list[Mention]) -> list[Mention]:
    """Date mentions with each pair that names the two ends of one span joined into one range.

    `من يناير إلى نوفمبر 2022`, `بين عامي 2014 و2019`, `از ۱۳۹۸ تا ۱۴۰۰`, `March 21, 2016 to March 20,
    2017`, `2014-2019`: the separator (`إلى`, `و` after `بين`, `تا`, `to`, `-`) and, for a separator
    that needs one, its opener before the first (`من`, `بين`, `از`, `from`, `between`). The range runs
    from the first day of the first to the last day of the second (modifier `range`, rule
    `date.range`); a first end without a year takes the second's (`يناير` of 2022).
    """
    g = grammar(get_locale(language))
    dates = sorted((m for m in mentions if m.kind is Kind.DATE), key=lambda m: m.start)
    if len(dates) < 2:  # noqa: PLR2004 - a range has two ends
        return mentions
    text = norm.text
    spans = {id(m): _folded_span(norm, m) for m in dates}
    joined: dict[int, Mention] = {}
    skip: set[int] = set()
    for first_end, second_end in zip(dates, dates[1:], strict=False):
        if id(first_end) in skip:
            continue
        a, b = first_end, second_end
        (a_start, a_end), (b_start, _) = spans[id(a)], spans[id(b)]
        opener = search_before(g.range_open_re, text, max(0, a_start - 30), a_start, g.range_open_last_words)
        if b.modifier is Modifier.UNTIL and not text[a_end:b_start].strip():
            # `من 2014 حتى 2018`, `منذ 2014 حتى 2018`: the until word is the second end's
            if opener is None and a.modifier is not Modifier.SINCE:
                continue
            a, b = replace(a, modifier=Modifier.EXACT), replace(b, modifier=Modifier.EXACT)
        else:
            sep = g.range_sep_re.fullmatch(text, a_end, b_start)
            if sep is None:
                continue
            sep_word = _key(sep.group("sep"))
            if sep_word in g.sep_needs_opener and (
                opener is None or _key(opener.group("r")) not in g.sep_needs_opener[sep_word]
            ):
                continue
        first = _with_year_of(a, b)
        low, high = first.value, b.value
        if not (isinstance(low, DateValue) and isinstance(high, DateValue)) or low.lower is None or high.upper is None:
            continue
        if low.lower > high.upper or a.modifier not in _RANGE_ENDS or b.modifier not in _RANGE_ENDS:
            continue
        start = norm.to_original(opener.start("r"), opener.end("r"))[0] if opener is not None else a.start
        value = DateValue(
            low.nominal, low.lower, high.upper, low.precision, low.calendar, low.reference or high.reference
        )
        extra = {"nominal_upper": high.nominal, "ends": [first.rule, b.rule]}
        joined[id(first_end)] = Mention(
            start, b.end, norm.original[start : b.end], Kind.DATE, Modifier.RANGE, "date.range", value, extra
        )
        skip |= {id(first_end), id(second_end)}
    if not joined:
        return mentions
    out = [joined.get(id(m), m) for m in mentions if id(m) not in skip or id(m) in joined]
    return sorted(out, key=lambda m: (m.start, m.end))


_RANGE_ENDS = (Modifier.EXACT, Modifier.RELATIVE)


def _with_year_of(first: Mention, second: Mention) -> Mention:
    """A year-less Gregorian first end (`من يناير إلى نوفمبر 2022`) in the second end's year."""
    value, other = first.value, second.value
    if (
        first.rule != "date.yearless_closest_before"
        or not isinstance(value, DateValue)
        or not isinstance(other, DateValue)
        or value.calendar is not GREGORIAN
        or other.lower is None
        or other.reference is not None
        and second.rule == "date.yearless_closest_before"
    ):
        return first
    month, day = (
        (value.lower.month, value.lower.day) if value.lower else (first.extra.get("month"), first.extra.get("day"))
    )
    if month is None:
        return first
    year = other.lower.year if (month, day or 1) <= (other.lower.month, other.lower.day) else other.lower.year - 1
    try:
        if value.precision is Precision.DAY:
            lower = upper = dt.date(year, month, day or 1)
        else:
            lower, upper = cals.month_bounds(GREGORIAN, year, month)
    except ValueError:
        return first
    nominal = lower.isoformat() if value.precision is Precision.DAY else f"{year:04d}-{month:02d}"
    return replace(
        first,
        value=DateValue(nominal, lower, upper, value.precision, GREGORIAN, other.reference),
        rule="date.day" if value.precision is Precision.DAY else "date.month",
    )


def _folded_span(norm: NormalizedText, mention: Mention) -> Span:
    index_map = norm.index_map
    if index_map is None:
        return mention.start, mention.end
    return bisect_left(index_map, mention.start), bisect_left(index_map, mention.end)


# --- Finders: one per grammar rule; each yields candidate parses ---------------------------
def _calendar_of_era(g: DateGrammar, era: str | None) -> Calendar | None:
    if not era:
        return None
    lo = g.locale
    spaced = _key(era)
    if spaced in lo.eras:
        return lo.eras[spaced]
    letters = "".join(era.split()).replace(".", "")
    return lo.era_abbreviations.get(letters) or lo.era_short.get(letters)


def _year_calendar(g: DateGrammar, year: int, era: str | None) -> Calendar | None:
    """The calendar of a year standing alone, or None when it is no plausible year."""
    cal = _calendar_of_era(g, era)
    if cal is None:
        cal = next((c for c, lo, hi in g.locale.unmarked_years if lo <= year <= hi), GREGORIAN)
    return cal if cals.year_in_range(cal, year) else None


def _month_ok(
    entry: MonthName, paired: MonthName | None, *, day: bool, year: bool, qual: bool, cue: bool, follow_ok: bool
) -> bool:
    """The ambiguity rule for month names (module docstring)."""
    if year:
        return True
    if entry.needs_year:
        return False
    if day:
        return not entry.strict or follow_ok or qual
    if qual:
        return entry.qualifier or cue or paired is not None
    if paired is not None:
        return entry.alone or paired.alone or cue
    return cue or entry.alone


def _month_parse(g: DateGrammar, text: str, m: re.Match[str]) -> Parse | None:
    """Shared by the day-month and month-first rules."""
    entry = g.locale.months[_key(m.group("month"))]
    end_of_month = m.end("month")
    paired = None
    if m.group("month2"):
        second = g.locale.months[_key(m.group("month2"))]
        if (second.month, second.calendar) == (entry.month, entry.calendar):
            paired = second
            end_of_month = m.end("month2")
    groups = m.groupdict()
    if m.group("month2") and paired is None:  # `حزيران/تموز 2021`: two months, neither gets the year
        groups["year"] = groups["qual"] = groups["era"] = None
    day = int(groups["day"]) if groups.get("day") else None
    if groups.get("oday"):
        day = g.locale.ordinal_days[_key(groups["oday"])]
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("yw"):
        year = _year_in_words(g, groups["yw"])
        if year is None:
            return None
    if year is not None and not cals.year_in_range(entry.calendar, year):
        year = None
    qual = groups.get("qual") or groups.get("qpre")
    end = m.end() if year is not None or groups.get("qual") else end_of_month
    follow_ok = bool(_FOLLOW_OK_RE.match(text, end_of_month))
    if not _month_ok(
        entry,
        paired,
        day=day is not None,
        year=year is not None,
        qual=bool(qual) or bool(groups.get("ryear")),
        cue=bool(groups.get("cue")),
        follow_ok=follow_ok,
    ):
        return None
    if groups.get("ryear") and year is None:
        end = m.end()
    parse = Parse(m.start(), end, cal=entry.calendar, year=year, month=entry.month, day=day)
    if groups.get("ryear") and year is None:
        parse.relative = "month_of_year"  # `مارس من العام الماضي`: a year counted from the reference
        parse.year_offset = g.relative_years[_key(groups["ryear"])]
    if groups.get("day2"):
        if not _day_range_ok(g, text, m):
            return None
        parse.day_to = int(groups["day2"])
        if parse.day_to <= (day or 0):
            return None
        parse.refusal = cals.no_such_day(entry.calendar, year, entry.month, parse.day_to)
    if day is not None and parse.refusal is None:
        parse.refusal = cals.no_such_day(entry.calendar, year, entry.month, day)
    if qual and year is None:
        parse.relative = _RELATIVE_KINDS[g.qualifiers[_key(qual)]]
    if year is not None:
        era_cal = _calendar_of_era(g, groups.get("era"))
        if era_cal is not None and era_cal is not entry.calendar:
            parse.extra["era_mismatch"] = True
    return parse


def _day_range_ok(g: DateGrammar, text: str, m: re.Match[str]) -> bool:
    """`بين 3 و12 سبتمبر`: a conjunction between two days needs its opener before the first."""
    sep = m.group("dsep")
    if not sep or _key(sep) not in g.sep_needs_opener:
        return True
    opener = search_before(g.range_open_re, text, max(0, m.start() - 30), m.start(), g.range_open_last_words)
    return opener is not None and _key(opener.group("r")) in g.sep_needs_opener[_key(sep)]


def _year_in_words(g: DateGrammar, words: str) -> int | None:
    """A year written in words (`ألفين وعشرة`), read by the numbers stage, if it is one."""
    value = numbers.words_to_number(words, language=g.locale)
    if value is None or value != value.to_integral_value() or not 1000 <= value <= 2100:  # noqa: PLR2004
        return None
    return int(value)


def _find_year_words(g: DateGrammar, text: str, starts: list[int]) -> list[Parse]:
    """`عام ألفين وعشرة`, `لعام ألفين وثلاثة وعشرين`: a year in words after a year word."""
    out = []
    for m in _matches_at(g.year_cue_words_re, text, starts):
        year = _year_in_words(g, m.group("yw"))
        cal = _year_calendar(g, year, m.group("era")) if year is not None else None
        if year is None or cal is None:
            continue
        start = m.start()
        pre = search_before(g.year_pre_before_re, text, max(0, start - 20), start, g.year_pre_last_words)
        out.append(Parse(pre.start() if pre else start, m.end(), cal=cal, year=year))
    return out


def _find_decade(g: DateGrammar, text: str) -> list[Parse]:
    """`the 1990s`: ten years."""
    if g.decade_re is None:
        return []
    out = []
    for m in _number_led(g.decade_re, text):
        first = int(m.group("decade"))
        if cals.year_in_range(GREGORIAN, first):
            out.append(Parse(m.start(), m.end(), year=first, year_to=first + 9))
    return out


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` starting exactly at `starts` (where its trigger words are)."""
    for pos in starts:
        m = pattern.match(text, pos)
        if m:
            yield m


def _number_led(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that opens with `_NUM_START` and a digit.

    Why: a leading lookbehind keeps `re` from skipping ahead, so `finditer` runs the whole pattern
    at every position of the sentence. A match of such a pattern starts on a digit with no word
    character before it, that is where a run of digits starts; matching at those places (found
    in C), from the end of the previous match on, gives exactly the matches of `finditer`.
    """
    pos = 0
    for run in _DIGIT_RUN_RE.finditer(text):
        if run.start() < pos:
            continue
        m = pattern.match(text, run.start())
        if m is not None:
            yield m
            pos = m.end()


def _find_day_month(g: DateGrammar, text: str) -> list[Parse]:
    out = []
    for m in g.dmy_re.finditer(text):
        parse = _month_parse(g, text, m)
        if parse is not None:
            out.append(parse)
    return out


def _find_month_day(g: DateGrammar, text: str) -> list[Parse]:
    out: list[Parse] = []
    if g.mdy_re is None or g.mdy_hint_re is None:
        return out
    for m in finditer_hinted(g.mdy_hint_re, g.mdy_re, text):
        entry = g.locale.months[_key(m.group("month"))]
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        end = m.end()
        if year is not None and not cals.year_in_range(entry.calendar, year):
            year, end = None, m.end("day")
        if year is None and entry.strict and not _FOLLOW_OK_RE.match(text, end):
            continue  # `troops march 5 miles`
        refusal = cals.no_such_day(entry.calendar, year, entry.month, day)
        out.append(Parse(m.start(), end, cal=entry.calendar, year=year, month=entry.month, day=day, refusal=refusal))
    return out


def _find_month(g: DateGrammar, text: str, starts: list[int]) -> list[Parse]:
    out = []
    for m in _matches_at(g.month_re, text, starts):
        parse = _month_parse(g, text, m)
        if parse is not None:
            out.append(parse)
        if m.group("month2") and parse is not None and parse.end <= m.start("month2"):
            # `حزيران/تموز 2021`: two months; the second is read on its own, with what follows it.
            second = g.month_re.match(text, m.start("month2"))
            parse = _month_parse(g, text, second) if second else None
            if parse is not None:
                out.append(parse)
    return out


def _find_numeric(g: DateGrammar, text: str) -> list[Parse]:
    out: list[Parse] = []
    if _NUMERIC_HINT_RE.search(text) is None:
        return out
    for m in _number_led(_NUMERIC_RE, text):
        if m.group("y"):
            year, first, second = int(m.group("y")), int(m.group("d")), int(m.group("m"))
            day, month, rule = first, second, "date.numeric_day_first"
            if second > 12 and first <= 12:
                day, month, rule = second, first, "date.numeric_month_first"
        else:
            year, month, day, rule = int(m.group("iy")), int(m.group("im")), int(m.group("id")), None
        cal = GREGORIAN
        if year < 1500:  # 14-09-1432: a hijri year, in the calendar the locale writes them in
            if g.locale.numeric_hijri is None:
                continue
            cal = g.locale.numeric_hijri
        if not cals.year_in_range(cal, year) or not 1 <= month <= 12:
            continue
        refusal = cals.no_such_day(cal, year, month, day)  # `2021-02-30`: an existing month, no such day
        out.append(
            Parse(m.start(), m.end(), cal=cal, year=year, month=month, day=day, numeric_rule=rule, refusal=refusal)
        )
    for m in _number_led(_MONTH_YEAR_RE, text):
        month, year = int(m.group("m")), int(m.group("y"))
        month_cal = GREGORIAN if year >= 1500 else g.locale.numeric_hijri  # noqa: PLR2004 - as dd/mm/yyyy above
        if month_cal is not None and 1 <= month <= 12 and cals.year_in_range(month_cal, year):  # noqa: PLR2004
            out.append(Parse(m.start(), m.end(), cal=month_cal, year=year, month=month))
    return out


def _find_season(g: DateGrammar, text: str) -> list[Parse]:
    out = []
    for m in finditer_hinted(g.season_hint_re, g.season_re, text):
        year = int(m.group("year"))
        cal = _year_calendar(g, year, m.group("era"))
        if cal is None or cal is LUNAR:
            continue
        out.append(Parse(m.start(), m.end(), cal=cal, year=year, season=g.locale.seasons[m.group("season")]))
    return out


def _find_year_cue(g: DateGrammar, text: str) -> list[Parse]:
    out = []
    for m in finditer_hinted(g.year_cue_hint_re, g.year_cue_re, text):
        year = int(m.group("year"))
        cal = _year_calendar(g, year, m.group("era"))
        if cal is not None:
            out.append(Parse(m.start(), m.end(), cal=cal, year=year))
    return out


def _find_year_bare(g: DateGrammar, text: str) -> list[Parse]:
    out = []
    for m in finditer_hinted(g.year_bare_hint_re, g.year_bare_re, text):
        year = int(m.group("year"))
        cal = _year_calendar(g, year, m.group("era"))
        if cal is None:
            continue
        mod = g.mod_kind.get(_key(m.group("mod"))) if m.group("mod") else None
        # `في 2000 منزل`, `حتى 2000 شخص` count things: a bare year must end its phrase.
        loose = mod is Modifier.SINCE or (bool(m.group("pre")) and not g.locale.year_preposition_needs_clause_end)
        if not (loose or m.group("era") or _FOLLOW_OK_RE.match(text, m.end())):
            continue
        out.append(Parse(m.start(), m.end(), cal=cal, year=year, modifier=mod or Modifier.EXACT))
    return out


def _find_year_era(g: DateGrammar, text: str) -> list[Parse]:
    out = []
    for m in g.year_era_re.finditer(text):
        year = int(m.group("year"))
        cal = _year_calendar(g, year, m.group("era") or m.group("era_glued"))
        if cal is not None:
            out.append(Parse(m.start(), m.end(), cal=cal, year=year))
    return out


def _find_relative(g: DateGrammar, text: str, starts: list[int]) -> list[Parse]:
    out = []
    weekdays = g.locale.weekdays
    for m in _matches_at(g.rel_weekday_re, text, starts):
        rel = "yesterday" if g.relative[_key(m.group("rel"))] == "yesterday" else "today"
        out.append(Parse(m.start(), m.end(), relative=rel, weekday=weekdays[_key(m.group("wd"))]))
    for m in _matches_at(g.relative_re, text, starts):
        phrase = _key(m.group("rel"))
        kind = g.relative[phrase]
        ambiguous = g.locale.relative_ambiguous.get(phrase)
        if ambiguous is not None:
            if (
                ambiguous.not_before_article
                and g.not_before_article_re
                and g.not_before_article_re.match(text, m.end())
                and not g.weekday_after_re.match(text, m.end())
            ):
                continue  # `اليوم التالي`: "the next day" (but `اليوم السبت` is today, Saturday)
            not_after = g.not_after_res.get(phrase)
            if not_after is not None and not_after.search(text, max(0, m.start() - _LOOKBACK), m.start()):
                continue  # `ذلك اليوم`: "that day"
        if g.count_before_re is not None and g.count_before_re.search(text, max(0, m.start() - _LOOKBACK), m.start()):
            continue  # `سه ماه گذشته`: the past three months, not last month
        cal = g.locale.relative_calendar if kind.endswith(("_month", "_year")) else GREGORIAN
        out.append(Parse(m.start(), m.end(), relative=kind, cal=cal))
    for m in _matches_at(g.offset_before_re, text, starts):
        parse = _offset_parse(g, m, past=g.locale.offsets[_key(m.group("ob"))].startswith("past"))
        if parse is not None:
            out.append(parse)
    for m in _matches_at(g.period_before_re, text, starts):
        parse = _period_parse(g, m)
        if parse is not None:
            out.append(parse)
    for m in _matches_at(g.part_re, text, starts):
        parse = _part_parse(g, text, m)
        if parse is not None:
            out.append(parse)
    for m in _matches_at(g.ordinal_dmy_re, text, starts):
        parse = _month_parse(g, text, m)
        if parse is not None:
            out.append(parse)
    return out


def _offset_parse(g: DateGrammar, m: re.Match[str], *, past: bool) -> Parse | None:
    """`قبل 5 أيام`, `۷ سال پیش`, `بعد يومين`: a count of days, weeks, months or years from the reference."""
    if m.groupdict().get("dual"):
        count, unit = 2, g.offset_units[_key(m.group("dual"))]
    else:
        count = int(m.group("n")) if m.group("n") else int(g.locale.number_words[_key(m.group("nw"))].value)
        unit = g.offset_units[_key(m.group("unit"))]
    if count <= 0:
        return None
    cal = g.locale.relative_calendar if unit in ("month", "year") else GREGORIAN
    return Parse(m.start(), m.end(), cal=cal, relative="offset", offset=(-count if past else count, unit))


def _find_offset_after(g: DateGrammar, text: str) -> list[Parse]:
    out = []
    for m in g.offset_after_re.finditer(text):
        parse = _offset_parse(g, m, past=g.locale.offsets[_key(m.group("oa"))].startswith("past"))
        if parse is not None:
            out.append(parse)
    for m in g.period_after_re.finditer(text):
        parse = _period_parse(g, m)
        if parse is not None:
            out.append(parse)
    return out


def _period_parse(g: DateGrammar, m: re.Match[str]) -> Parse | None:
    """`دو سال گذشته`, `the next six months`: the period from N units before the reference to it, or on."""
    parse = _offset_parse(g, m, past=g.locale.periods[_key(m.group("pq"))].startswith("past"))
    if parse is not None:
        parse.relative = "period"
    return parse


_BARE_YEAR_RE = re.compile(DIGIT_FIRST + r"\d{3}(?!\d)(?![.,]\d)")


def _part_parse(g: DateGrammar, text: str, m: re.Match[str]) -> Parse | None:
    """`منتصف 2019`, `أواخر مارس`, `اوایل بهمن ۱۳۹۹`, `mid-2019`, `the end of October`, `أواخر العام الماضي`."""
    pos = m.end()
    parse: Parse | None = None
    if (month := g.month_re.match(text, pos)) is not None:
        parse = _month_parse(g, text, month)
    elif (cue := g.year_cue_re.match(text, pos)) is not None and not cue.group("pre"):
        year = int(cue.group("year"))
        cal = _year_calendar(g, year, cue.group("era"))
        parse = Parse(cue.start(), cue.end(), cal=cal, year=year) if cal is not None else None
    elif (bare := _BARE_YEAR_RE.match(text, pos)) is not None:
        year = int(bare.group())
        cal = _year_calendar(g, year, None)
        parse = Parse(bare.start(), bare.end(), cal=cal, year=year) if cal is not None else None
    elif (rel := g.relative_re.match(text, pos)) is not None:
        kind = g.relative[_key(rel.group("rel"))]
        if kind.endswith(("_month", "_year")):
            parse = Parse(rel.start(), rel.end(), relative=kind, cal=g.locale.relative_calendar)
    if parse is None or parse.day is not None or parse.refusal is not None:
        return None
    parse.start = m.start()
    parse.part = g.locale.parts[_key(m.group("part"))]
    return parse


def _find_year_span(g: DateGrammar, text: str) -> list[Parse]:
    """`1441/1442 هـ`, `2019/2020`, `2017-18`: two consecutive years."""
    out = []
    for m in _number_led(g.year_span_re, text):
        first, second = int(m.group("year")), m.group("y2")
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if last != first + 1:
            continue
        cal = _year_calendar(g, first, m.group("era"))
        if cal is None or not cals.year_in_range(cal, last):
            continue
        out.append(Parse(m.start(), m.end(), cal=cal, year=first, year_to=last))
    return out


def _find_weekday(g: DateGrammar, text: str, starts: list[int]) -> list[Parse]:
    out = []
    for m in _matches_at(g.weekday_re, text, starts):
        qpre = m.group("qpre")
        qual = m.group("qual") or (qpre if qpre and g.qualifiers[_key(qpre)] != "current" else None)
        kind = g.qualifiers[_key(qual)] if qual else "current"
        used_as_date = (
            m.group("dp")
            or qpre
            or qual
            or (
                g.locale.weekday_alone
                and not (
                    g.weekday_not_after_re is not None
                    and g.weekday_not_after_re.search(text, max(0, m.start() - 10), m.start())
                )
            )
            or (g.weekday_before_re is not None and g.weekday_before_re.match(text, m.end()))
            or search_before(g.mod_prefix_re, text, max(0, m.start() - _LOOKBACK), m.start(), g.mod_last_words)
            or (
                _COMMA_BEFORE_RE.search(text, max(0, m.start() - _LOOKBACK), m.start())
                and _COMMA_AFTER_RE.match(text, m.end())
            )
        )
        if not used_as_date:
            continue
        rel = {"past": "last_weekday", "current": "weekday", "next": "next_weekday"}[kind]
        out.append(Parse(m.start(), m.end(), relative=rel, weekday=g.locale.weekdays[_key(m.group("wd"))]))
    return out


def _starts(g: DateGrammar, text: str, words: AbstractSet[str], found_at: dict[str, list[int]]) -> list[int]:
    """Where `words` occur (and just after a glued conjunction); `found_at` keeps what was found
    for the finders that look for the same words."""
    conj = g.locale.conjunctions
    out: set[int] = set()
    for word in words:
        at = found_at.get(word)
        if at is None:
            at = found_at[word] = []
            i = text.find(word)
            while i >= 0:
                at.append(i)
                if word[0] in conj:
                    at.append(i + 1)
                i = text.find(word, i + 1)
        out.update(at)
    return sorted(out)


def _present_triggers(g: DateGrammar, text: str, words: AbstractSet[str] | None) -> AbstractSet[str]:
    """The trigger words (of every finder) that are words of `text`: all the gates need.

    `words` is the text's `scanning.word_set` (or the part of it the gates look for) when the
    caller has it. Every trigger is a single word (checked when the grammar is built), so a
    trigger the text holds is one of its words; a finder whose trigger is present but not where
    its pattern needs it finds nothing, at the cost of one match attempt.
    """
    if words is None:
        words = word_set(text)
    return g.all_triggers.intersection(words)


def _extend_left(g: DateGrammar, text: str, cand: Parse) -> None:
    """Take in a weekday before a day, and a since/until word (or a since frame) before the whole date."""
    lo = max(0, cand.start - _LOOKBACK)
    if cand.day is not None and (cand.relative is None or cand.relative.startswith("named_month")):
        m = search_before(g.weekday_prefix_re, text, lo, cand.start, g.weekday_last_words, ",،")
        if m:
            cand.weekday = g.locale.weekdays[_key(m.group("wd"))]
            cand.start = m.start()
    if cand.modifier is not Modifier.EXACT or cand.relative == "week_ago":
        return
    m = search_before(g.mod_prefix_re, text, lo, cand.start, g.mod_last_words)
    if m:
        cand.modifier = g.mod_kind[_key(m.group("mod"))]
        cand.start = m.start()
        return
    if cand.relative is None and g.frame_open_re is not None and g.frame_close_re is not None:
        m = search_before(g.frame_open_re, text, lo, cand.start, g.frame_open_last_words)
        if m and g.frame_close_re.match(text, cand.end):
            cand.modifier = Modifier.SINCE
            cand.start = m.start()


def _inherit_parenthetical_modifiers(text: str, chosen: list[Parse]) -> None:
    """`از سال ۲۰۱۸ میلادی (سال ۱۳۹۷ هجری شمسی) بدینسو`: the year in brackets is `since` too."""
    for before, after in zip(chosen, chosen[1:], strict=False):
        if (
            before.modifier in (Modifier.SINCE, Modifier.UNTIL)
            and after.modifier is Modifier.EXACT
            and _PAREN_BETWEEN_RE.fullmatch(text, before.end, after.start)
        ):
            after.modifier = before.modifier
