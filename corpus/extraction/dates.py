"""Dates in Arabic, Persian/Dari and English news text: the date half of the extractor.

`find_dates(norm, language=..., reference_date=..., blocked=...)` finds every date mention in a
normalized text and returns it as a closed interval of Gregorian days (`DateValue`), with the
calendar it was written in, its precision and the rule that set its bounds.

Why a hand-written grammar and not `dateparser.search_dates`: news text is full of words that
are also month names (`می` is the Persian verb prefix, `آب` water, `سرطان` cancer, `جون` John,
`مايو` in the name دي مايو) and of 4-digit numbers that are not years (`رقم 2254`), and
search_dates reads them as dates. Here a span is found only by an explicit grammar whose
regexes are compiled once at import, and month names are looked up in tables (`calendars.py`),
which is also far faster than parsing each sentence with dateparser.

Grammar (all on the normalized text, see `corpus.domain.text.normalize`):
- day month [year] (`26 يونيو 2019`, `۴ سرطان ۱۳۹۸`, `11 من أيار`, `26 آب/أغسطس`), English
  month day[, year]; month [year] (`حزيران 2021`); numeric `dd/mm/yyyy` (day first) and ISO
  `yyyy-mm-dd`; a season with a year (`صيف عام 2014`); a year after a cue (`عام/سنة/سال/year`,
  `في/in` + year, a year followed by an era marker `هـ`, `ه.ش`, `میلادی`, `2019م`);
- relative expressions (`اليوم`, `أمس`, `مطلع الأسبوع`, `منذ أسبوع`, `الشهر الماضي`, ...), a
  named month with a qualifier (`كانون الثاني الماضي`, `أيار الحالي`), weekdays;
- a weekday before a date (`الأربعاء 26 يونيو 2019`, `بروز سه شنبه ۲۵ جون ۲۰۱۹`) joins the
  mention and is checked: `extra = {"weekday": "wednesday", "weekday_matches": True}`;
- `منذ`/`since`/`از … بدینسو` before a date make it `since`; `حتى`/`until` make it `until`.

Ambiguity rules (the reason for most of this module):
- A month name that is also a common word or a name (`MonthName.alone` false) is a date only
  next to a day number or a year, paired with another name of the same month (`آب/أغسطس`),
  after `شهر`/`ماه`, or - for the few marked `qualifier` - with a relative qualifier
  (`مايو الماضي`). The commonest words (`می`, `مه`, `صفر`, `دی`, English `may`, `march`) next to a
  day only also need a year or punctuation after them (`۸۰ می باشد` is not a date).
- A bare 4-digit number is a year only with a cue: `عام/سنة/سال/year`, `في/in` (then not
  followed by a word, since `في 2000 منزل` counts houses), `منذ/since`, an era marker, or
  inside a date. Years out of range (`YEAR_RANGE`: Gregorian 1000-2100) are never years.
- A bare weekday is a date only when used as one: after a day-part word (`يوم`, `مساء`,
  `صباح`, `روز`, `بروز`, `on`), with a qualifier (`الماضي`, `last`), after `منذ/حتى`, or as an
  adverb between commas (`وأكد الوزراء، الثلاثاء، ...`). It means the latest such weekday not
  after the reference date (`الماضي`/`last`: strictly before; `المقبل`/`next`: strictly after).
- `اليوم` (today) is not a date when an `ال` word follows (`اليوم التالي`, `اليوم الوطني`) or
  after `نفس/ذات/ذلك/هذا`.

Days that do not exist: a number before a month name is that month's day, and the two numbers
of a numeric date a day and an existing month. When no such day exists - in that month of that
year (`۳۱ حوت ۱۳۹۸`: Hoot 1398 has 29 days, `۳۰ اسفند ۱۳۹۸`, `٣٠ فبراير ٢٠٢١`, `2021-02-30`,
`February 30, 2021`), or, without a year, in that month of any year (`31 أبريل`) - the whole
span is refused: it is neither read as a coarser date (the month Hoot 1398) nor left to the
quantity finder (the figure 30). `find_dates` reports it in `refused` as a `Refusal` with rule
`date.no_such_day` and the reason; the month lengths come from the calendar libraries
(`calendars.month_length`), so `۳۰ اسفند ۱۳۹۹` (a leap year) is a day. A year-less day that
exists only in some years (`29 فبراير`) is refused when the year it resolves to lacks it.

Values:
- `nominal` is always Gregorian: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` of the interval's lower bound
  at the mention's precision, whatever calendar it was written in. A solar year 1393 is
  2014-03-21 … 2015-03-20 with nominal "2014", precision year, calendar solar_hijri; a solar
  month likewise takes the Gregorian month of its first day. The value as written in its own
  calendar is kept in `extra["written"]` ("1393", "1398-04-04"). A season's nominal is its year.
- `since` (`منذ عام 2018`): lower = the date's lower bound, upper = the reference date (None
  without one). `until` (`حتى عام 2020`): lower None, upper = the date's upper bound.
- A relative expression resolved against the reference keeps modifier `relative`, fills the
  bounds and sets `DateValue.reference`. Without a reference it has nominal, lower and upper
  None and says what it was in `extra["relative"]` (and `extra["month"]`/`["day"]`).
- A year-less day and month (or month) takes the year that puts it closest before (not after)
  the reference (`policy.toml [relative] yearless_date`): modifier `exact`, rule
  `date.yearless_closest_before`, reference set; without a reference it is `relative`.
- The mention covers the words that changed its meaning (`منذ`, `في عام`, `للعام`, the weekday,
  the era marker) but not a conjunction `و`/`ف` glued to its first word.

Rules (`Mention.rule`):
- `date.day`, `date.month`, `date.year` (Gregorian); `date.solar_day`, `date.solar_month`,
  `date.solar_year`; `date.lunar_day`, `date.lunar_month`, `date.lunar_year`;
  `date.numeric_day_first` (`08/07/2019`), `date.numeric_month_first` (`12/25/2019`: the
  second number cannot be a month); `date.yearless_closest_before`;
- `season.spring`, `season.summer`, `season.autumn`, `season.winter` (bounds from policy);
- `relative.today`, `relative.yesterday`, `relative.day_before_yesterday`,
  `relative.tomorrow`, `relative.weekday`, `relative.last_weekday`, `relative.next_weekday`,
  `relative.early_week` (the first `early_week_days` of the week holding the reference,
  weeks starting on `week_starts_on`, never after the reference; nominal = the week's first
  day), `relative.week_ago` (reference − 7 ± `week_ago_tolerance_days`),
  `relative.last_week`, `relative.this_week`, `relative.next_week` (nominal = first day),
  `relative.last_month`, `relative.this_month`, `relative.next_month`,
  `relative.last_year`, `relative.this_year`, `relative.next_year`,
  `relative.named_month_past` (the last such month strictly before the reference month),
  `relative.named_month_current` (that month of the reference's year),
  `relative.named_month_next` (the first such month strictly after the reference month).

Known gaps: ordinal day words (`الحادي عشر من أيار`), ranges (`بين عامي 2014 و2019`,
`از ... تا ...`), `قبل/بعد` + date, relative seasons (`الصيف الماضي`), lunar months with a
relative qualifier only after `شهر`, two-digit years.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from corpus.domain.text import NormalizedText, fold
from corpus.extraction import calendars as cals
from corpus.extraction.calendars import GREGORIAN, LUNAR, MONTHS, SOLAR, WEEKDAY_NAMES, WEEKDAYS, MonthName
from corpus.extraction.mentions import Calendar, DateValue, Kind, Mention, Modifier, Precision, Refusal
from corpus.extraction.numbers import DIGIT_FIRST, check_single_words, finditer_hinted, last_words, search_before
from corpus.extraction.policy import POLICY

Span = tuple[int, int]

__all__ = ["ALL_TRIGGERS", "NO_SUCH_DAY", "TRIGGER_WORDS", "find_dates"]

NO_SUCH_DAY = "date.no_such_day"
"""The rule of a `Refusal` for a date whose day does not exist."""

# --- Regex building blocks --------------------------------------------------------------
_B = r"(?<![\w\u200c])"  # a word starts here
_E = r"(?![\w\u200c])"  # a word ends here (a ZWNJ continues the word: `می‌خواهد`)
# A word start, or just after a conjunction و/ف glued to the word (`ومنذ`, `وفي`): the
# conjunction stays outside the mention.
_START = r"(?:(?<![\w\u200c])|(?<=(?<![\w\u200c])[وف]))"
_NUM_START = r"(?<![\w.,/:\-])"  # a number that is not the tail of a larger number or path
# The same test made just after the number's first digit (it looks back over that digit). Why: a
# pattern that opens with a digit rather than a lookbehind lets `re` skip to the next digit in C
# instead of trying the whole pattern at every position; `\d` + this is `_NUM_START` + `\d`.
_NUM_STARTED = r"(?<![\w.,/:\-]\d)"


def _alt(words: Any) -> str:
    """A regex matching any of the folded phrases, built as a character trie.

    Why a trie: Python's `re` tries the branches of a plain alternation one by one at every
    position; a trie shares prefixes, so a hundred month names cost a few comparisons. Greedy
    optional tails keep the longest name first (`مايو` before `ماي`). A space in a phrase
    matches any run of spaces.
    """
    trie: dict[str, Any] = {}
    for word in {fold(w) for w in words}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return "(?:" + build(trie) + ")"


def _weekday_variants() -> set[str]:
    variants = set(WEEKDAYS)
    for key in WEEKDAYS:
        prefix = key[: -len("شنبه")] if key.endswith("شنبه") else ""
        if prefix in cals.PERSIAN_WEEKDAY_PREFIXES:
            variants |= {prefix + " شنبه", prefix + "\u200cشنبه"}
    return {fold(v) for v in variants}


_MONTH = _alt(MONTHS)
_EN_MONTH = _alt({k for k in MONTHS if k.isascii()})
_WEEKDAY_VARIANTS = _weekday_variants()
_WEEKDAY = _alt(_WEEKDAY_VARIANTS)
_YEAR = r"(?P<year>\d{4})(?!\d)(?![.,]\d)"
# `_NUM_START + _YEAR`, digit first (`DIGIT_FIRST` is one `\d` that `re` can skip ahead to)
_NUM_START_YEAR = r"(?P<year>" + DIGIT_FIRST + _NUM_STARTED + r"\d{3})(?!\d)(?![.,]\d)"
# Era markers, longest first; the one-letter ones (م, ه) only where a date is certain anyway.
_ERA_SOLAR = [r"ه\s?\.?\s?ش\.?", r"هجري\s+شمسي", r"هجري\s+خورشيدي", r"شمسي", r"خورشيدي"]
_ERA_LUNAR = [r"ه\s?\.?\s?ق\.?", r"هجري\s+قمري", r"قمري", r"هجري"]
_ERA_GREGORIAN = [r"ميلاديه", r"ميلادي", r"للميلاد"]
_ERA_LONG = "|".join(_ERA_SOLAR + _ERA_LUNAR + _ERA_GREGORIAN)
_ERA = r"(?P<era>" + _ERA_LONG + r"|م|ه)(?![\w\u200c])"
_ERA_OPT = r"(?:\s*" + _ERA + ")?"
_YEAR_CUE_ARTICLES = ("ال", "لل", "ل", "ب", "بال")
_YEAR_CUE = r"(?:(?:" + "|".join(_YEAR_CUE_ARTICLES) + r")?(?:عام|سنه)|سال|year|the\s+year)"
# The words a `_YEAR_CUE` starts with (the last one only begins `the year`).
_YEAR_CUE_STARTS = [a + w for a in ("", *_YEAR_CUE_ARTICLES) for w in ("عام", "سنه")] + ["سال", "year", "the"]
_YEAR_CUE_PRE = ("في", "in", "در")
_YEAR_BARE_PRE = ("في", "in", "during", "در")
_QUAL = {  # masculine for months, feminine for weekdays (الجمعة الماضية)
    "past": ["الماضي", "الماضية", "المنصرم", "المنصرمة", "الفائت", "الفائتة", "گذشته", "last"],
    "current": ["الحالي", "الحالية", "الجاري", "الجارية", "جاری", "this"],
    "next": ["المقبل", "المقبلة", "القادم", "القادمة", "آینده", "next"],
}
_QUAL_KIND = {fold(w): kind for kind, words in _QUAL.items() for w in words}
_QUAL_AR = _alt([w for words in _QUAL.values() for w in words if not w.isascii()])
_DAYPART = _alt(["يوم", "مساء", "صباح", "ظهر", "ظهيرة", "ليلة", "ليل", "فجر", "عصر", "روز", "بروز", "شب", "صبح", "on"])
_SINCE_WORDS = ["منذ", "اعتبارا من", "ابتداء من", "بدءا من", "since"]
_UNTIL_WORDS = ["حتى", "لغاية", "إلى غاية", "until", "till"]
_MOD_KIND = {fold(w): Modifier.SINCE for w in _SINCE_WORDS} | {fold(w): Modifier.UNTIL for w in _UNTIL_WORDS}
_MOD = _alt(_MOD_KIND)

_SEASON_OF: dict[str, str] = {}
for _name, _entry in POLICY["season"].items():
    for _word in _entry["words"]:
        _SEASON_OF[fold(_word)] = _name
_SEASON = _alt(_SEASON_OF)

_MONTH_TAIL = (
    r"(?:(?:\s*[,،]?\s+|\s*[,،]\s*)(?:(?:عام|سنه|سال|of)\s+)?"
    + _YEAR
    + _ERA_OPT
    + r"|\s+(?P<qual>"
    + _QUAL_AR
    + ")"
    + _E
    + ")?"
)

# 26 يونيو 2019 · ۴ سرطان ۱۳۹۸ هجری شمسی · 11 من أيار الحالي · 26 آب/أغسطس · 25th of June 2019
_NUM_START_DAY = r"(?P<day>" + DIGIT_FIRST + _NUM_STARTED + r"\d?)"  # `_NUM_START(?P<day>\d{1,2})`, digit first
_DMY_RE = re.compile(
    _NUM_START_DAY + r"(?:\s*(?:st|nd|rd|th))?\s+(?:(?:من|of)\s+)?(?:(?P<cue>شهر|ماه)\s+)?"
    r"(?P<month>" + _MONTH + r")(?:\s*/\s*(?P<month2>" + _MONTH + "))?" + _E + _MONTH_TAIL
)
# June 25, 2019
_MDY_RE = re.compile(
    _B + r"(?P<month>" + _EN_MONTH + r")\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?![\w])(?:,?\s+" + _YEAR + ")?"
)
# حزيران 2021 · كانون الثاني الماضي · حزيران/يونيو · شهر رمضان · last June
_MONTH_RE = re.compile(
    _START + r"(?:(?P<qpre>last|this|next)\s+)?(?:(?P<cue>شهر|ماه)\s+)?(?P<month>" + _MONTH + r")"
    r"(?:\s*/\s*(?P<month2>" + _MONTH + "))?" + _E + _MONTH_TAIL
)
# 08/07/2019 (day first) · 2019-06-25
_NUMERIC_RE = re.compile(
    _NUM_START + r"(?:(?P<d>\d{1,2})(?P<s>[/.\-])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})"
    r"|(?P<iy>\d{4})(?P<is>[/\-])(?P<im>\d{1,2})(?P=is)(?P<id>\d{1,2}))(?![\w/\-]|[.,]\d)"
)
# صيف عام 2014 · تابستان سال ۲۰۱۴ میلادی · summer of 2014
_SEASON_RE = re.compile(
    _START + r"(?:ال|the\s+)?(?P<season>" + _SEASON + r")(?:\s+(?:عام|سنه|سال|of))?\s+" + _YEAR + _ERA_OPT
)
# عام 2018 · في عام 2019 · للعام 2021 · سال ۱۳۹۳ هجری شمسی · in the year 2019
_YEAR_CUE_RE = re.compile(
    _START + r"(?:(?P<pre>" + "|".join(_YEAR_CUE_PRE) + r")\s+)?" + _YEAR_CUE + r"\s+" + _YEAR + _ERA_OPT
)
# منذ 2018 · في 2019، · in 2019
_YEAR_BARE_RE = re.compile(
    _START + rf"(?:(?P<mod>{_MOD})|(?P<pre>{'|'.join(_YEAR_BARE_PRE)}))\s+" + _YEAR + _ERA_OPT + r"(?![\w\u200c])"
)
# 1442 هـ · ۱۳۹۸ ه.ش · 2019م (a bare م only glued to the year: `2000 م` may be metres)
_YEAR_ERA_RE = re.compile(_NUM_START_YEAR + r"(?:\s*(?P<era>" + _ERA_LONG + r"|ه)|(?P<era_glued>م))(?![\w\u200c])")

# Hints: what every match of a word-led pattern above holds where it starts. A pattern that opens
# with a lookbehind (`_B`, `_START`) is tried by `finditer` at every position of the sentence; a
# hint opens with its words' first letters, so `re` finds its places in C (`numbers.finditer_hinted`).
_MDY_HINT_RE = re.compile(_EN_MONTH + r"\.?\s+\d")
# A year cue's first word is followed by a digit or (after `في`, `in`, `the`) by the rest of the cue.
_YEAR_CUE_HINT_RE = re.compile(_alt([*_YEAR_CUE_PRE, *_YEAR_CUE_STARTS]) + r"\s+(?:\d|" + _YEAR_CUE + ")")
_YEAR_BARE_HINT_RE = re.compile(_alt([*_MOD_KIND, *_YEAR_BARE_PRE]) + r"\s+\d{4}")
# A season, bare or behind the article `ال` or `the` (as `_SEASON_RE` allows them).
_SEASON_HINT_RE = re.compile(_alt([p + s for s in _SEASON_OF for p in ("", "ال", "the ")]))
# Every `_NUMERIC_RE` match holds a digit, a separator and a digit.
_NUMERIC_HINT_RE = re.compile(DIGIT_FIRST + r"[/.\-]\d")

_RELATIVE_PHRASES: dict[str, list[str]] = {
    "today": ["اليوم", "امروز", "today"],
    "yesterday": ["أمس", "بالأمس", "البارحة", "دیروز", "yesterday"],
    "day_before_yesterday": ["أمس الأول", "أول أمس", "أول من أمس", "پریروز", "the day before yesterday"],
    "tomorrow": ["غدا", "فردا", "tomorrow"],
    "early_week": [
        "مطلع الأسبوع",
        "مطلع الأسبوع الجاري",
        "مطلع هذا الأسبوع",
        "بداية الأسبوع",
        "بداية الأسبوع الجاري",
        "بداية هذا الأسبوع",
        "أوائل الأسبوع",
        "اوایل هفته",
        "اوایل این هفته",
        "early this week",
        "earlier this week",
        "early in the week",
    ],
    "week_ago": ["منذ أسبوع", "قبل أسبوع", "یک هفته پیش", "یک هفته قبل", "a week ago"],
    "last_week": ["الأسبوع الماضي", "الأسبوع المنصرم", "الأسبوع الفائت", "هفته گذشته", "هفته پیش", "last week"],
    "this_week": ["هذا الأسبوع", "الأسبوع الجاري", "الأسبوع الحالي", "این هفته", "this week"],
    "next_week": ["الأسبوع المقبل", "الأسبوع القادم", "هفته آینده", "next week"],
    "last_month": ["الشهر الماضي", "الشهر المنصرم", "الشهر الفائت", "ماه گذشته", "ماه پیش", "last month"],
    "this_month": ["هذا الشهر", "الشهر الجاري", "الشهر الحالي", "این ماه", "this month"],
    "next_month": ["الشهر المقبل", "الشهر القادم", "ماه آینده", "next month"],
    "last_year": ["العام الماضي", "السنة الماضية", "العام المنصرم", "العام الفائت", "سال گذشته", "پارسال", "last year"],
    "this_year": [
        "هذا العام",
        "العام الحالي",
        "العام الجاري",
        "هذه السنة",
        "السنة الحالية",
        "السنة الجارية",
        "امسال",
        "this year",
    ],
    "next_year": ["العام المقبل", "العام القادم", "السنة المقبلة", "السنة القادمة", "سال آینده", "next year"],
}
_RELATIVE_OF: dict[str, str] = {}
for _kind, _phrases in _RELATIVE_PHRASES.items():
    for _phrase in _phrases:
        _folded = fold(_phrase)
        _RELATIVE_OF[_folded] = _kind
        if _folded.startswith("ال"):  # للعام الماضي, بالأمس-style prepositions glued to the article
            _RELATIVE_OF["لل" + _folded[2:]] = _kind
            _RELATIVE_OF["بال" + _folded[2:]] = _kind
_RELATIVE_RE = re.compile(_START + r"(?P<rel>" + _alt(_RELATIVE_OF) + ")" + _E)
# أمس الاثنين · اليوم الثلاثاء · دیروز دوشنبه · yesterday, Monday
_REL_WEEKDAY_RE = re.compile(
    _START
    + r"(?P<rel>"
    + _alt(["أمس", "بالأمس", "اليوم", "دیروز", "امروز", "yesterday", "today"])
    + r")\s*[,،]?\s*(?P<wd>"
    + _WEEKDAY
    + ")"
    + _E
)
# مساء الأربعاء · يوم الثلاثاء · الثلاثاء الماضي · on Tuesday · last Tuesday
_WEEKDAY_RE = re.compile(
    _START
    + r"(?:(?P<qpre>last|next|this)\s+)?(?:(?P<dp>"
    + _DAYPART
    + r")\s+)?(?P<wd>"
    + _WEEKDAY
    + ")"
    + _E
    + r"(?:\s+(?P<qual>"
    + _QUAL_AR
    + ")"
    + _E
    + ")?"
)

# Left context of a date: a weekday (and day part) before it, a since/until word before that.
_WEEKDAY_PREFIX_RE = re.compile(_START + r"(?:(?P<dp>" + _DAYPART + r")\s+)?(?P<wd>" + _WEEKDAY + r")\s*[,،]?\s*$")
_MOD_PREFIX_RE = re.compile(_START + r"(?P<mod>" + _MOD + r")\s+$")
# What the look-back patterns' phrases end with (see `numbers.search_before`).
_WEEKDAY_LAST_WORDS = last_words(_WEEKDAY_VARIANTS)
_MOD_LAST_WORDS = last_words(_MOD_KIND)
_FA_SINCE_PREFIX_RE = re.compile(_B + r"از\s+$")
_FA_SINCE_CLOSER_RE = re.compile(
    r"[^.!?؟\n]{0,80}?"
    + _B
    + _alt(["بدینسو", "بدین سو", "به این سو", "به اینسو", "به بعد", "تاکنون", "تا کنون", "تا به حال", "به این طرف"])
    + _E
)
_TODAY_EXCLUDED_BEFORE_RE = re.compile(_B + r"(?:نفس|ذات|ذلك|هذا|روسيا|مصر)\s+$")
_AL_WORD_AFTER_RE = re.compile(r"\s+ال\w")
_COUNT_BEFORE_RE = re.compile(r"(?:\d|" + _B + _alt(["دو", "سه", "چهار", "پنج", "چند", "دهها"]) + r")\s*$")
_FOLLOW_OK_RE = re.compile(r"\s*(?:[^\w\s\u200c]|$)")
_COMMA_BEFORE_RE = re.compile(r"[,،]\s*$")
_COMMA_AFTER_RE = re.compile(r"\s*[,،.؛]")
_LOOKBACK = 60
_MARKS_AFTER_RE = re.compile("[\u0640\u064b-\u065f\u0670]+")

_WEEK_START = WEEKDAY_NAMES.index(POLICY["relative"]["week_starts_on"])
_EARLY_WEEK_DAYS = int(POLICY["relative"]["early_week_days"])
_WEEK_AGO_TOLERANCE = int(POLICY["relative"]["week_ago_tolerance_days"])


@dataclass(slots=True)
class _Parse:
    """What the grammar read at a span of the normalized text, before it is resolved."""

    start: int
    end: int
    cal: Calendar = GREGORIAN
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: str | None = None
    relative: str | None = None  # a `relative.*` rule without its prefix
    weekday: int | None = None  # a weekday stated beside the date (checked) or as the date
    modifier: Modifier = Modifier.EXACT
    numeric_rule: str | None = None
    refusal: str | None = None  # why the day does not exist: the span is refused, not reported
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def length(self) -> int:
        return self.end - self.start


def find_dates(
    norm: NormalizedText,
    *,
    language: str,
    reference_date: dt.date | None,
    blocked: list[Span],
    words: AbstractSet[str] | None = None,
    has_digit: bool | None = None,
    refused: list[Refusal] | None = None,
) -> list[Mention]:
    """Every date mention in `norm`, sorted by position, with offsets into `norm.original`.

    `blocked` are spans of the normalized text (URLs, times of day) where nothing is reported.
    `language` (`ar`, `fa`, `en`) only decides the calendar of an unmarked 13xx/14xx year.
    `words` is `numbers.word_set(norm.text)` when the caller has it, or the part of it that holds
    every word of `ALL_TRIGGERS` in it: a shortcut for the gates. `has_digit` says whether
    `norm.text` holds a digit, when the caller knows. `refused`, when given, receives the spans
    read as a date whose day does not exist (module docstring), sorted by position: the caller
    must report nothing else there either.
    """
    text = norm.text
    has = {"digit": has_digit if has_digit is not None else _DIGIT_RE.search(text) is not None}
    has["year"] = has["digit"] and _YEAR4_RE.search(text) is not None
    present = _present_triggers(text, words)
    candidates: list[_Parse] = []
    for finder, needs, triggers in _SCANNED:
        if has[needs] and (triggers is None or not triggers.isdisjoint(present)):
            candidates.extend(finder(text, language))
    for anchored, triggers in _ANCHORED:
        if not triggers.isdisjoint(present):
            candidates.extend(anchored(text, language, _starts(text, present, triggers)))
    if not candidates:
        return []
    for cand in candidates:
        _extend_left(text, cand)
    chosen: list[_Parse] = []
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
        mention = _to_mention(norm, cand, reference_date)
        if isinstance(mention, Mention):
            mentions.append(mention)
        elif mention is not None and refused is not None:
            refused.append(mention)
    return mentions


# --- Finders: one per grammar rule; each yields candidate parses ---------------------------
def _calendar_of_era(era: str | None, language: str) -> Calendar | None:
    if not era:
        return None
    era = "".join(era.split())
    if era in ("هجري",):
        return SOLAR if language == "fa" else LUNAR
    if era.startswith("ميلاد") or era in ("للميلاد", "م"):
        return GREGORIAN
    if "ش" in era or era in ("شمسي", "خورشيدي") or era.endswith("خورشيدي"):
        return SOLAR
    return LUNAR


def _year_calendar(year: int, era: str | None, language: str) -> Calendar | None:
    """The calendar of a year standing alone, or None when it is no plausible year."""
    cal = _calendar_of_era(era, language)
    if cal is None:
        cal = SOLAR if language == "fa" and 1300 <= year <= 1499 else GREGORIAN
    return cal if cals.year_in_range(cal, year) else None


def _month_ok(
    entry: MonthName, paired: MonthName | None, *, day: bool, year: bool, qual: bool, cue: bool, follow_ok: bool
) -> bool:
    """The ambiguity rule for month names (module docstring)."""
    if year:
        return True
    if day:
        return not entry.strict or follow_ok or qual
    if qual:
        return entry.qualifier or cue or paired is not None
    if paired is not None:
        return entry.alone or paired.alone or cue
    return cue or entry.alone


def _month_parse(text: str, m: re.Match[str], language: str) -> _Parse | None:
    """Shared by the day-month and month-first rules."""
    entry = _lookup(m.group("month"))
    end_of_month = m.end("month")
    paired = None
    if m.group("month2"):
        second = _lookup(m.group("month2"))
        if (second.month, second.calendar) == (entry.month, entry.calendar):
            paired = second
            end_of_month = m.end("month2")
    groups = m.groupdict()
    if m.group("month2") and paired is None:  # `حزيران/تموز 2021`: two months, neither gets the year
        groups["year"] = groups["qual"] = groups["era"] = None
    day = int(groups["day"]) if groups.get("day") else None
    year = int(groups["year"]) if groups.get("year") else None
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
        qual=bool(qual),
        cue=bool(groups.get("cue")),
        follow_ok=follow_ok,
    ):
        return None
    parse = _Parse(m.start(), end, cal=entry.calendar, year=year, month=entry.month, day=day)
    if day is not None:
        parse.refusal = cals.no_such_day(entry.calendar, year, entry.month, day)
    if qual and year is None:
        parse.relative = {"past": "named_month_past", "current": "named_month_current", "next": "named_month_next"}[
            _QUAL_KIND[fold(" ".join(qual.split()))]
        ]
    if year is not None:
        era_cal = _calendar_of_era(groups.get("era"), language)
        if era_cal is not None and era_cal is not entry.calendar:
            parse.extra["era_mismatch"] = True
    return parse


def _lookup(name: str) -> MonthName:
    return MONTHS[" ".join(name.split())]


def _matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Matches of `pattern` starting exactly at `starts` (where its trigger words are)."""
    for pos in starts:
        m = pattern.match(text, pos)
        if m:
            yield m


_DIGIT_RUN_RE = re.compile(DIGIT_FIRST + r"\d*")


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


def _find_day_month(text: str, language: str) -> list[_Parse]:
    out = []
    for m in _DMY_RE.finditer(text):
        parse = _month_parse(text, m, language)
        if parse is not None:
            out.append(parse)
    return out


def _find_month_day_english(text: str, language: str) -> list[_Parse]:
    out = []
    for m in finditer_hinted(_MDY_HINT_RE, _MDY_RE, text):
        entry = _lookup(m.group("month"))
        day = int(m.group("day"))
        year = int(m.group("year")) if m.group("year") else None
        end = m.end()
        if year is not None and not cals.year_in_range(GREGORIAN, year):
            year, end = None, m.end("day")
        if year is None and entry.strict and not _FOLLOW_OK_RE.match(text, end):
            continue  # `troops march 5 miles`
        refusal = cals.no_such_day(GREGORIAN, year, entry.month, day)
        out.append(_Parse(m.start(), end, year=year, month=entry.month, day=day, refusal=refusal))
    return out


def _find_month(text: str, language: str, starts: list[int]) -> list[_Parse]:
    out = []
    for m in _matches_at(_MONTH_RE, text, starts):
        parse = _month_parse(text, m, language)
        if parse is not None:
            out.append(parse)
        if m.group("month2") and parse is not None and parse.end <= m.start("month2"):
            # `حزيران/تموز 2021`: two months; the second is read on its own, with what follows it.
            second = _MONTH_RE.match(text, m.start("month2"))
            parse = _month_parse(text, second, language) if second else None
            if parse is not None:
                out.append(parse)
    return out


def _find_numeric(text: str, language: str) -> list[_Parse]:
    out: list[_Parse] = []
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
        cal = (SOLAR if language == "fa" else LUNAR) if year < 1500 else GREGORIAN
        if not cals.year_in_range(cal, year) or not 1 <= month <= 12:
            continue
        refusal = cals.no_such_day(cal, year, month, day)  # `2021-02-30`: an existing month, no such day
        out.append(
            _Parse(m.start(), m.end(), cal=cal, year=year, month=month, day=day, numeric_rule=rule, refusal=refusal)
        )
    return out


def _find_season(text: str, language: str) -> list[_Parse]:
    out = []
    for m in finditer_hinted(_SEASON_HINT_RE, _SEASON_RE, text):
        year = int(m.group("year"))
        cal = _year_calendar(year, m.group("era"), language)
        if cal is None or cal is LUNAR:
            continue
        out.append(_Parse(m.start(), m.end(), cal=cal, year=year, season=_SEASON_OF[m.group("season")]))
    return out


def _find_year_cue(text: str, language: str) -> list[_Parse]:
    out = []
    for m in finditer_hinted(_YEAR_CUE_HINT_RE, _YEAR_CUE_RE, text):
        year = int(m.group("year"))
        cal = _year_calendar(year, m.group("era"), language)
        if cal is not None:
            out.append(_Parse(m.start(), m.end(), cal=cal, year=year))
    return out


def _find_year_bare(text: str, language: str) -> list[_Parse]:
    out = []
    for m in finditer_hinted(_YEAR_BARE_HINT_RE, _YEAR_BARE_RE, text):
        year = int(m.group("year"))
        cal = _year_calendar(year, m.group("era"), language)
        if cal is None:
            continue
        mod = _MOD_KIND.get(" ".join(m.group("mod").split())) if m.group("mod") else None
        # `في 2000 منزل`, `حتى 2000 شخص` count things: a bare year must end its phrase.
        pre = m.group("pre") or ""
        loose = mod is Modifier.SINCE or (pre != "" and pre.isascii())
        if not (loose or m.group("era") or _FOLLOW_OK_RE.match(text, m.end())):
            continue
        out.append(_Parse(m.start(), m.end(), cal=cal, year=year, modifier=mod or Modifier.EXACT))
    return out


def _find_year_era(text: str, language: str) -> list[_Parse]:
    out = []
    for m in _YEAR_ERA_RE.finditer(text):
        year = int(m.group("year"))
        cal = _year_calendar(year, m.group("era") or m.group("era_glued"), language)
        if cal is not None:
            out.append(_Parse(m.start(), m.end(), cal=cal, year=year))
    return out


def _find_relative(text: str, language: str, starts: list[int]) -> list[_Parse]:
    out = []
    for m in _matches_at(_REL_WEEKDAY_RE, text, starts):
        rel = "yesterday" if _RELATIVE_OF[fold(m.group("rel"))] == "yesterday" else "today"
        parse = _Parse(m.start(), m.end(), relative=rel, weekday=cals.weekday_index(m.group("wd")))
        out.append(parse)
    for m in _matches_at(_RELATIVE_RE, text, starts):
        phrase = " ".join(m.group("rel").split())
        kind = _RELATIVE_OF[phrase]
        if (
            kind == "today"
            and phrase == "اليوم"
            and (
                _AL_WORD_AFTER_RE.match(text, m.end())
                or _TODAY_EXCLUDED_BEFORE_RE.search(text, max(0, m.start() - _LOOKBACK), m.start())
            )
        ):
            continue
        if not phrase.isascii() and _COUNT_BEFORE_RE.search(text, max(0, m.start() - _LOOKBACK), m.start()):
            continue  # `سه ماه گذشته`: the past three months, not last month
        out.append(_Parse(m.start(), m.end(), relative=kind))
    return out


def _find_weekday(text: str, language: str, starts: list[int]) -> list[_Parse]:
    out = []
    for m in _matches_at(_WEEKDAY_RE, text, starts):
        qual = m.group("qual") or (m.group("qpre") if m.group("qpre") != "this" else None)
        kind = _QUAL_KIND[" ".join(qual.split())] if qual else "current"
        used_as_date = (
            m.group("dp")
            or m.group("qpre")
            or qual
            or search_before(_MOD_PREFIX_RE, text, max(0, m.start() - _LOOKBACK), m.start(), _MOD_LAST_WORDS)
            or (
                _COMMA_BEFORE_RE.search(text, max(0, m.start() - _LOOKBACK), m.start())
                and _COMMA_AFTER_RE.match(text, m.end())
            )
        )
        if not used_as_date:
            continue
        rel = {"past": "last_weekday", "current": "weekday", "next": "next_weekday"}[kind]
        out.append(_Parse(m.start(), m.end(), relative=rel, weekday=cals.weekday_index(m.group("wd"))))
    return out


def _with_conjunctions(words: set[str]) -> frozenset[str]:
    return frozenset(words | {c + w for w in words for c in "وف"})


def _first_words(phrases: Any) -> set[str]:
    """The first token of each phrase as `_tokens` splits text (on spaces and ZWNJ)."""
    return {fold(p).replace("\u200c", " ").split()[0] for p in phrases} | {fold(p).split()[0] for p in phrases}


_MONTH_TRIGGERS = _with_conjunctions(_first_words(MONTHS) | {"شهر", "ماه", "last", "this", "next"})
_SEASON_TRIGGERS = _with_conjunctions(_first_words(_SEASON_OF) | {"ال" + w for w in _SEASON_OF} | {"the"})
_RELATIVE_TRIGGERS = _with_conjunctions(
    _first_words(_RELATIVE_OF) | {"أمس", "بالأمس", "اليوم", "دیروز", "امروز", "yesterday", "today"}
)
_WEEKDAY_TRIGGERS = _with_conjunctions(
    _first_words(WEEKDAYS)
    | {p + sep + "شنبه" for p in cals.PERSIAN_WEEKDAY_PREFIXES for sep in ("", "\u200c")}
    | set(cals.PERSIAN_WEEKDAY_PREFIXES)
    | _first_words(["يوم", "مساء", "صباح", "ظهر", "ظهيرة", "ليلة", "ليل", "فجر", "عصر", "روز", "بروز", "شب", "صبح"])
    | {"on", "last", "next", "this"}
)
_STRIP = "\"'()[]{}«»,،.؛;:!?؟/-–—…"
# `_tokens` splits chunks at spaces and `/`, then strips the other marks of `_STRIP` from their ends.
_STRIP_INNER = _STRIP.replace("/", "")

_YEAR_CUE_TRIGGERS = _with_conjunctions(
    {p + w for p in ("", *_YEAR_CUE_ARTICLES) for w in ("عام", "سنه")} | {"سال", "year"}
)
_YEAR_BARE_TRIGGERS = _with_conjunctions(_first_words(_MOD_KIND) | set(_YEAR_BARE_PRE))
_DIGIT_RE = re.compile(DIGIT_FIRST)
# A run of exactly four digits. `(?<!\d{5})` after the four digits says "no digit before them", like
# a leading `(?<!\d)`, but lets `re` skip to the next digit in C instead of trying every position.
_YEAR4_RE = re.compile(DIGIT_FIRST + r"\d{3}(?<!\d{5})(?!\d)")

# Gates. Every regex scan of a sentence costs about as much as splitting it into words, so a
# finder runs only if the sentence has what it needs: a digit, a 4-digit number, one of its
# trigger words. The word-led finders (months, relative phrases, weekdays) are not scanned at
# all: they are matched only where one of their trigger words occurs.
_Finder = Callable[[str, str], list[_Parse]]
_AnchoredFinder = Callable[[str, str, list[int]], list[_Parse]]
_SCANNED: tuple[tuple[_Finder, str, frozenset[str] | None], ...] = (
    (_find_day_month, "digit", _MONTH_TRIGGERS),
    (_find_month_day_english, "digit", _MONTH_TRIGGERS),
    (_find_numeric, "digit", None),
    (_find_season, "year", _SEASON_TRIGGERS),
    (_find_year_cue, "year", _YEAR_CUE_TRIGGERS),
    (_find_year_bare, "year", _YEAR_BARE_TRIGGERS),
    (_find_year_era, "year", None),
)
_ANCHORED: tuple[tuple[_AnchoredFinder, frozenset[str]], ...] = (
    (_find_month, _MONTH_TRIGGERS),
    (_find_relative, _RELATIVE_TRIGGERS),
    (_find_weekday, _WEEKDAY_TRIGGERS),
)
ALL_TRIGGERS: frozenset[str] = frozenset().union(*(t for _, _, t in _SCANNED if t), *(t for _, t in _ANCHORED))
"""Every word a gate of `find_dates` looks for."""
check_single_words(ALL_TRIGGERS)  # `_present_triggers` relies on it
TRIGGER_WORDS: frozenset[str] = frozenset().union(*(triggers for _, triggers in _ANCHORED))
"""Words without one of which a text with no digit holds no date (only the anchored finders need no digit)."""


def _starts(text: str, words: AbstractSet[str], triggers: frozenset[str]) -> list[int]:
    """Where the trigger words present in `words` occur (and just after a glued و/ف)."""
    out: set[int] = set()
    for word in triggers.intersection(words):
        i = text.find(word)
        while i >= 0:
            out.add(i)
            if word[0] in "وف":
                out.add(i + 1)
            i = text.find(word, i + 1)
    return sorted(out)


def _tokens(text: str) -> set[str]:
    """The words of `text` for the gates: split on spaces and `/` (`آب/أغسطس`), punctuation stripped."""
    return {part.strip(_STRIP) for word in text.split() for part in word.split("/")}


def _present_triggers(text: str, words: AbstractSet[str] | None) -> AbstractSet[str]:
    """The trigger words (of every finder) that are `_tokens` of `text`: all the gates need.

    Why not always `_tokens`: it costs as much as a few regex scans, and the extractor already has
    the text's `numbers.word_set`. Every trigger is a single word (checked at import), and a
    `_tokens` token is bounded by spaces, `/` or stripped punctuation, never by word characters,
    so a trigger that is a token is in the word set too; only those few need checking.
    """
    if words is None:
        return ALL_TRIGGERS.intersection(_tokens(text))
    return {word for word in ALL_TRIGGERS.intersection(words) if _is_token(text, word)}


def _is_token(text: str, word: str) -> bool:
    """Whether `word` is one of `_tokens(text)`: a chunk of `text` that is `word` once stripped."""
    end = len(text)
    i = text.find(word)
    while i >= 0:
        start, stop = i, i + len(word)
        while start > 0 and text[start - 1] in _STRIP_INNER:
            start -= 1
        while stop < end and text[stop] in _STRIP_INNER:
            stop += 1
        if (start == 0 or text[start - 1] == "/" or text[start - 1].isspace()) and (
            stop == end or text[stop] == "/" or text[stop].isspace()
        ):
            return True
        i = text.find(word, i + 1)
    return False


def _extend_left(text: str, cand: _Parse) -> None:
    """Take in a weekday before a day, and a since/until word before the whole date."""
    lo = max(0, cand.start - _LOOKBACK)
    if cand.day is not None and (cand.relative is None or cand.relative.startswith("named_month")):
        m = search_before(_WEEKDAY_PREFIX_RE, text, lo, cand.start, _WEEKDAY_LAST_WORDS, ",،")
        if m:
            cand.weekday = cals.weekday_index(m.group("wd"))
            cand.start = m.start()
    if cand.modifier is not Modifier.EXACT or cand.relative == "week_ago":
        return
    m = search_before(_MOD_PREFIX_RE, text, lo, cand.start, _MOD_LAST_WORDS)
    if m:
        cand.modifier = _MOD_KIND[" ".join(m.group("mod").split())]
        cand.start = m.start()
        return
    if cand.relative is None:
        m = search_before(_FA_SINCE_PREFIX_RE, text, lo, cand.start, ("از",))
        if m and _FA_SINCE_CLOSER_RE.match(text, cand.end):
            cand.modifier = Modifier.SINCE
            cand.start = m.start()


_PAREN_BETWEEN_RE = re.compile(r"\s*[(\[]\s*$")


def _inherit_parenthetical_modifiers(text: str, chosen: list[_Parse]) -> None:
    """`از سال ۲۰۱۴ میلادی (سال ۱۳۹۳ هجری شمسی) بدینسو`: the year in brackets is `since` too."""
    for before, after in zip(chosen, chosen[1:], strict=False):
        if (
            before.modifier in (Modifier.SINCE, Modifier.UNTIL)
            and after.modifier is Modifier.EXACT
            and _PAREN_BETWEEN_RE.fullmatch(text, before.end, after.start)
        ):
            after.modifier = before.modifier


# --- Resolution: a parse becomes a DateValue -----------------------------------------------
def _to_mention(norm: NormalizedText, p: _Parse, reference: dt.date | None) -> Mention | Refusal | None:
    """The mention of a chosen parse, or its refusal when its day does not exist."""
    refusal = p.refusal
    if refusal is None:
        try:
            resolved = _resolve(p, reference)
        except cals.NoSuchDay as exc:  # `29 فبراير` resolved to a common year
            refusal = str(exc)
        except ValueError:  # a year the calendar tables do not reach
            return None
    if refusal is not None:
        start, end = _original_span(norm, p)
        return Refusal(start, end, norm.original[start:end], Kind.DATE, NO_SUCH_DAY, refusal)
    if resolved is None:
        return None
    value, rule, extra = resolved
    modifier = Modifier.RELATIVE if rule.startswith("relative.") or value.lower is None else Modifier.EXACT
    if p.modifier is Modifier.SINCE:
        modifier = Modifier.SINCE
        upper = reference if value.lower is not None else None
        value = DateValue(
            value.nominal, value.lower, upper, value.precision, value.calendar, reference if upper else value.reference
        )
    elif p.modifier is Modifier.UNTIL:
        modifier = Modifier.UNTIL
        value = DateValue(value.nominal, None, value.upper, value.precision, value.calendar, value.reference)
    start, end = _original_span(norm, p)
    return Mention(
        start=start,
        end=end,
        text=norm.original[start:end],
        kind=Kind.DATE,
        modifier=modifier,
        rule=rule,
        value=value,
        extra=extra,
    )


def _original_span(norm: NormalizedText, p: _Parse) -> tuple[int, int]:
    start, end = norm.to_original(p.start, p.end)
    # A tatweel or a diacritic right after the last letter belongs to it (`هـ`, `أيارَ`).
    tail = _MARKS_AFTER_RE.match(norm.original, end)
    if tail:
        end = tail.end()
    return start, end


def _nominal(day: dt.date, precision: Precision) -> str:
    if precision is Precision.DAY:
        return day.isoformat()
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _value(
    lower: dt.date, upper: dt.date, precision: Precision, cal: Calendar, reference: dt.date | None = None
) -> DateValue:
    return DateValue(_nominal(lower, precision), lower, upper, precision, cal, reference)


_CAL_RULE = {GREGORIAN: "date", SOLAR: "date.solar", LUNAR: "date.lunar"}


def _resolve(p: _Parse, reference: dt.date | None) -> tuple[DateValue, str, dict[str, Any]] | None:
    extra = dict(p.extra)
    if p.relative is not None:
        return _resolve_relative(p, reference, extra)
    if p.season is not None:
        assert p.year is not None
        lower, upper = _season_bounds(p.season, p.cal, p.year)
        if p.cal is not GREGORIAN:
            extra["written"] = str(p.year)
        return _value(lower, upper, Precision.SEASON, p.cal), f"season.{p.season}", extra
    if p.year is None:
        return _resolve_yearless(p, reference, extra)
    prefix = "date" if p.cal is GREGORIAN else _CAL_RULE[p.cal]
    if p.day is not None and p.month is not None:
        day = cals.to_gregorian(p.cal, p.year, p.month, p.day)
        value = _value(day, day, Precision.DAY, p.cal)
        rule = p.numeric_rule or (f"{prefix}.day" if p.cal is GREGORIAN else f"{prefix}_day")
        written = f"{p.year:04d}-{p.month:02d}-{p.day:02d}"
    elif p.month is not None:
        lower, upper = cals.month_bounds(p.cal, p.year, p.month)
        value = _value(lower, upper, Precision.MONTH, p.cal)
        rule = f"{prefix}.month" if p.cal is GREGORIAN else f"{prefix}_month"
        written = f"{p.year:04d}-{p.month:02d}"
    else:
        lower, upper = cals.year_bounds(p.cal, p.year)
        value = _value(lower, upper, Precision.YEAR, p.cal)
        rule = f"{prefix}.year" if p.cal is GREGORIAN else f"{prefix}_year"
        written = f"{p.year:04d}"
    if p.cal is not GREGORIAN:
        extra["written"] = written
    _check_weekday(p, value, extra)
    return value, rule, extra


def _check_weekday(p: _Parse, value: DateValue, extra: dict[str, Any]) -> None:
    if p.weekday is None:
        return
    extra["weekday"] = WEEKDAY_NAMES[p.weekday]
    if value.lower is not None and value.lower == value.upper:
        extra["weekday_matches"] = value.lower.weekday() == p.weekday


def _resolve_yearless(
    p: _Parse, reference: dt.date | None, extra: dict[str, Any]
) -> tuple[DateValue, str, dict[str, Any]]:
    """A day and month, or a month, without a year: closest not after the reference."""
    assert p.month is not None
    precision = Precision.DAY if p.day is not None else Precision.MONTH
    rule = "date.yearless_closest_before"
    if reference is None:
        extra.update({"month": p.month, **({"day": p.day} if p.day is not None else {})})
        if p.weekday is not None:
            extra["weekday"] = WEEKDAY_NAMES[p.weekday]
        return DateValue(None, None, None, precision, p.cal), rule, extra
    ref_y, ref_m, ref_d = cals.from_gregorian(p.cal, reference)
    year = ref_y if (p.month, p.day or 1) <= (ref_m, ref_d) else ref_y - 1
    value = _dated(p, year, precision, reference)
    if p.cal is not GREGORIAN:
        extra["written"] = _written(p, year)
    _check_weekday(p, value, extra)
    return value, rule, extra


def _dated(p: _Parse, year: int, precision: Precision, reference: dt.date | None) -> DateValue:
    assert p.month is not None
    if p.day is not None:
        day = cals.to_gregorian(p.cal, year, p.month, p.day)
        return _value(day, day, precision, p.cal, reference)
    lower, upper = cals.month_bounds(p.cal, year, p.month)
    return _value(lower, upper, precision, p.cal, reference)


def _written(p: _Parse, year: int) -> str:
    return f"{year:04d}-{p.month:02d}" + (f"-{p.day:02d}" if p.day is not None else "")


def _resolve_relative(
    p: _Parse, reference: dt.date | None, extra: dict[str, Any]
) -> tuple[DateValue, str, dict[str, Any]]:
    kind = p.relative
    assert kind is not None
    rule = f"relative.{kind}"
    precision = _RELATIVE_PRECISION.get(kind, Precision.DAY)
    if kind.startswith("named_month"):
        precision = Precision.DAY if p.day is not None else Precision.MONTH
    if reference is None:
        extra["relative"] = kind
        if p.month is not None:
            extra["month"] = p.month
        if p.day is not None:
            extra["day"] = p.day
        if p.weekday is not None:
            extra["weekday"] = WEEKDAY_NAMES[p.weekday]
        return DateValue(None, None, None, precision, p.cal), rule, extra
    ref = reference
    if kind in _DAY_OFFSETS:
        day = ref + dt.timedelta(days=_DAY_OFFSETS[kind])
        value = _value(day, day, Precision.DAY, GREGORIAN, ref)
        if p.weekday is not None:
            extra["weekday"] = WEEKDAY_NAMES[p.weekday]
            extra["weekday_matches"] = day.weekday() == p.weekday
            if day.weekday() != p.weekday:
                extra["weekday_mismatch"] = True
        return value, rule, extra
    if kind in ("weekday", "last_weekday", "next_weekday"):
        assert p.weekday is not None
        if kind == "next_weekday":
            day = ref + dt.timedelta(days=(p.weekday - ref.weekday()) % 7 or 7)
        else:
            back = (ref.weekday() - p.weekday) % 7
            day = ref - dt.timedelta(days=back or (7 if kind == "last_weekday" else 0))
        extra["weekday"] = WEEKDAY_NAMES[p.weekday]
        return _value(day, day, Precision.DAY, GREGORIAN, ref), rule, extra
    week_start = ref - dt.timedelta(days=(ref.weekday() - _WEEK_START) % 7)
    if kind == "early_week":
        upper = min(week_start + dt.timedelta(days=_EARLY_WEEK_DAYS - 1), ref)
        return _value(week_start, upper, Precision.DAY, GREGORIAN, ref), rule, extra
    if kind == "week_ago":
        day = ref - dt.timedelta(days=7)
        tolerance = dt.timedelta(days=_WEEK_AGO_TOLERANCE)
        value = DateValue(day.isoformat(), day - tolerance, day + tolerance, Precision.DAY, GREGORIAN, ref)
        return value, rule, extra
    if kind in ("last_week", "this_week", "next_week"):
        first = week_start + dt.timedelta(days=7 * {"last_week": -1, "this_week": 0, "next_week": 1}[kind])
        return _value(first, first + dt.timedelta(days=6), Precision.DAY, GREGORIAN, ref), rule, extra
    if kind in ("last_month", "this_month", "next_month"):
        index = ref.year * 12 + ref.month - 1 + {"last_month": -1, "this_month": 0, "next_month": 1}[kind]
        lower, upper = cals.month_bounds(GREGORIAN, index // 12, index % 12 + 1)
        return _value(lower, upper, Precision.MONTH, GREGORIAN, ref), rule, extra
    if kind in ("last_year", "this_year", "next_year"):
        year = ref.year + {"last_year": -1, "this_year": 0, "next_year": 1}[kind]
        return _value(dt.date(year, 1, 1), dt.date(year, 12, 31), Precision.YEAR, GREGORIAN, ref), rule, extra
    # A named month with a qualifier, in the month's own calendar.
    assert p.month is not None
    ref_y, ref_m, _ = cals.from_gregorian(p.cal, ref)
    if kind == "named_month_past":
        year = ref_y if p.month < ref_m else ref_y - 1
    elif kind == "named_month_next":
        year = ref_y if p.month > ref_m else ref_y + 1
    else:
        year = ref_y
    value = _dated(p, year, precision, ref)
    if p.cal is not GREGORIAN:
        extra["written"] = _written(p, year)
    _check_weekday(p, value, extra)
    return value, rule, extra


_DAY_OFFSETS = {"today": 0, "yesterday": -1, "day_before_yesterday": -2, "tomorrow": 1}
_RELATIVE_PRECISION = {
    "last_month": Precision.MONTH,
    "this_month": Precision.MONTH,
    "next_month": Precision.MONTH,
    "last_year": Precision.YEAR,
    "this_year": Precision.YEAR,
    "next_year": Precision.YEAR,
}


def _season_bounds(season: str, cal: Calendar, year: int) -> tuple[dt.date, dt.date]:
    """Season bounds from the policy: Gregorian month-days, or solar ones for a solar year."""
    entry = POLICY["season"][season]
    start_key, end_key = ("start", "end") if cal is GREGORIAN else ("solar_start", "solar_end")
    start_m, start_d = (int(x) for x in entry[start_key].split("-"))
    end_m, end_d = (int(x) for x in entry[end_key].split("-"))
    end_year = year if (end_m, end_d) >= (start_m, start_d) else year + 1  # winter crosses the year
    if cal is GREGORIAN and (end_m, end_d) == (2, 28):
        end_d = 29  # "02-28" is the last day of February: 02-29 in a leap year (policy comment)
    end_d = min(end_d, cals.month_length(cal, end_year, end_m))
    return cals.to_gregorian(cal, year, start_m, start_d), cals.to_gregorian(cal, end_year, end_m, end_d)
