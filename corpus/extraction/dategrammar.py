"""The date grammar of one locale: its patterns, compiled once from the locale's words.

`dates` runs the grammar; this module builds it. Every pattern is the same for every language:
the locale supplies the alternations (month and weekday names, cues, qualifiers, era markers,
relative phrases) and a few switches (`corpus.extraction.locale`). The patterns are described
in `dates`; the comments here show what each one reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from corpus.extraction.locale import Locale
from corpus.extraction.mentions import Modifier
from corpus.extraction.scanning import DIGIT_FIRST, alternation, char_class, check_single_words, last_words

# --- Regex building blocks --------------------------------------------------------------
_B = r"(?<![\w\u200c])"  # a word starts here
_E = r"(?![\w\u200c])"  # a word ends here (a ZWNJ continues the word: `می‌خواهد`)
NUM_START = r"(?<![\w.,/:\-])"  # a number that is not the tail of a larger number or path
# The same test made just after the number's first digit (it looks back over that digit). Why: a
# pattern that opens with a digit rather than a lookbehind lets `re` skip to the next digit in C
# instead of trying the whole pattern at every position; `\d` + this is `NUM_START` + `\d`.
_NUM_STARTED = r"(?<![\w.,/:\-]\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)(?![.,]\d)"
# `NUM_START + _YEAR`, digit first (`DIGIT_FIRST` is one `\d` that `re` can skip ahead to)
_NUM_START_YEAR = r"(?P<year>" + DIGIT_FIRST + _NUM_STARTED + r"\d{3})(?!\d)(?![.,]\d)"
_NUM_START_DAY = r"(?P<day>" + DIGIT_FIRST + _NUM_STARTED + r"\d?)"  # `NUM_START(?P<day>\d{1,2})`, digit first


_OFFSET_UNITS = ("day", "week", "month", "year")
_YEAR_OFFSETS = {"last_year": -1, "this_year": 0, "next_year": 1}
_WORD_RE = re.compile(r"[\w\u200c]+")


def _abbreviation(letters: str) -> str:
    """An abbreviation's letters with optional dots and spaces between them: `ه.ش.` in any spacing."""
    return r"\s?\.?\s?".join(re.escape(ch) for ch in letters) + r"\.?"


def _first_words(phrases: Iterable[str]) -> set[str]:
    """The first token of each phrase as `_tokens` splits text (on spaces and ZWNJ), and as a word
    (`twenty-first` is the token `twenty-first` and starts with the word `twenty`)."""
    firsts = {p.replace("\u200c", " ").split()[0] for p in phrases} | {p.split()[0] for p in phrases}
    return {w for w in firsts if _WORD_RE.fullmatch(w)} | {m.group() for w in firsts if (m := _WORD_RE.match(w))}


@dataclass(frozen=True, eq=False)
class DateGrammar:
    """The compiled date grammar of one locale (built once per locale, see `grammar`)."""

    locale: Locale
    qualifiers: dict[str, str]
    relative: dict[str, str]
    dmy_re: re.Pattern[str]
    mdy_re: re.Pattern[str] | None
    mdy_hint_re: re.Pattern[str] | None
    month_re: re.Pattern[str]
    season_re: re.Pattern[str]
    season_hint_re: re.Pattern[str]
    year_cue_re: re.Pattern[str]
    year_cue_hint_re: re.Pattern[str]
    year_bare_re: re.Pattern[str]
    year_bare_hint_re: re.Pattern[str]
    year_era_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    rel_weekday_re: re.Pattern[str]
    weekday_re: re.Pattern[str]
    weekday_prefix_re: re.Pattern[str]
    weekday_after_re: re.Pattern[str]
    weekday_last_words: tuple[str, ...]
    mod_prefix_re: re.Pattern[str]
    mod_last_words: tuple[str, ...]
    mod_kind: dict[str, Modifier]
    frame_open_re: re.Pattern[str] | None
    frame_open_last_words: tuple[str, ...]
    frame_close_re: re.Pattern[str] | None
    not_after_res: dict[str, re.Pattern[str]]
    not_before_article_re: re.Pattern[str] | None
    count_before_re: re.Pattern[str] | None
    ordinal_dmy_re: re.Pattern[str]
    year_span_re: re.Pattern[str]
    part_re: re.Pattern[str]
    offset_before_re: re.Pattern[str]
    year_cue_words_re: re.Pattern[str]
    year_pre_before_re: re.Pattern[str]
    year_pre_last_words: tuple[str, ...]
    decade_re: re.Pattern[str] | None
    relative_years: dict[str, int]
    period_before_re: re.Pattern[str]
    period_after_re: re.Pattern[str]
    offset_after_re: re.Pattern[str]
    offset_units: dict[str, str]
    range_sep_re: re.Pattern[str]
    range_open_re: re.Pattern[str]
    range_open_last_words: tuple[str, ...]
    sep_needs_opener: dict[str, tuple[str, ...]]
    weekday_before_re: re.Pattern[str] | None
    weekday_not_after_re: re.Pattern[str] | None
    offset_after_triggers: frozenset[str]
    month_triggers: frozenset[str]
    season_triggers: frozenset[str]
    relative_triggers: frozenset[str]
    weekday_triggers: frozenset[str]
    year_cue_triggers: frozenset[str]
    year_bare_triggers: frozenset[str]
    all_triggers: frozenset[str]
    trigger_words: frozenset[str]


@cache
def grammar(locale: Locale) -> DateGrammar:
    lo = locale
    conj = lo.conjunctions
    # A word start, or just after a conjunction glued to the word (`ومنذ`, `وفي`): the conjunction
    # stays outside the mention.
    start = _B if not conj else r"(?:" + _B + r"|(?<=" + _B + char_class(conj) + "))"
    # The day of a date may carry the conjunction too (`بين 15 تشرين الأول و30 حزيران`).
    day_start = _NUM_START_DAY
    if conj:
        glued_day = r"(?<=" + _B + char_class(conj) + r"\d)"
        day_start = r"(?P<day>" + DIGIT_FIRST + r"(?:" + _NUM_STARTED + "|" + glued_day + r")\d?)"
    month = alternation(lo.months)
    weekday = alternation(lo.weekdays)
    qualifiers = {**lo.qualifiers_before, **lo.qualifiers_after}
    qual_after = alternation(lo.qualifiers_after)
    qual_before = alternation(lo.qualifiers_before)
    era_long = "|".join(
        [alternation(lo.eras)]
        + [_abbreviation(letters) for letters in sorted(lo.era_abbreviations, key=len, reverse=True)]
    )
    short = sorted(lo.era_short)
    era = r"(?P<era>" + era_long + "|" + alternation(short) + r")(?![\w\u200c])"
    era_opt = r"(?:\s*" + era + ")?"
    links = alternation(lo.month_year_links)
    day_links = alternation(lo.day_month_links)
    cue_prefixes = alternation((*lo.definite, *lo.prepositions))
    # Between a month and its year: `مارس 2019`, `نوفمبر لعام 2010`, `مارس من عام 2019`, `June of 2019`.
    year_link = r"(?:(?:" + day_links + r")\s+)?(?:(?:" + cue_prefixes + ")?(?:" + links + r")\s+)?"
    # A year in words after a year word (`لعام ألفين وعشرة`), read by the numbers stage.
    number_word = alternation(lo.number_words)
    word_run = (
        number_word + r"(?:(?:\s+|\s*(?:" + alternation(lo.number_conjunctions) + r")\s*)" + number_word + r"){0,6}"
    )
    year_words = r"(?:(?:" + cue_prefixes + ")?(?:" + links + r")\s+)(?P<yw>" + word_run + ")" + _E
    # `مارس من العام الماضي`, `June of next year`: the month of a year counted from the reference.
    relative_years = {p: k for p, k in lo.relative.items() if k in _YEAR_OFFSETS}
    if lo.article:
        for phrase, kind in list(relative_years.items()):
            if phrase.startswith(lo.article):
                for form in lo.definite[1:]:
                    relative_years.setdefault(form + phrase[len(lo.article) :], kind)
    month_tail = (
        r"(?:(?:\s*[,،]?\s+|\s*[,،]\s*)"
        + year_link
        + _YEAR
        + era_opt
        + r"|(?:\s*[,،]?\s+)"
        + year_words
        + r"|\s+(?:(?:"
        + day_links
        + r")\s+)?(?P<ryear>"
        + alternation(relative_years)
        + ")"
        + _E
        + r"|\s+(?P<qual>"
        + qual_after
        + ")"
        + _E
        + ")?"
    )
    cues = alternation(lo.month_cues)
    suffixes = alternation(lo.day_suffixes)
    # Two days of one month: `19-20 نوفمبر`, `من 13 إلى 15 تموز`, `بين 3 و12 سبتمبر`, `4 to 22 January`.
    opener_seps = {sep for seps in lo.range_openers.values() for sep in seps}
    day_to = (
        r"(?:\s*[-–]\s*|\s+(?P<dsep>"
        + alternation((*lo.range_separators, *opener_seps))
        + r")\s*)(?P<day2>\d{1,2})(?!\d)"
    )
    # 26 يونيو 2019 · ۴ سرطان ۱۳۹۸ هجری شمسی · 11 من أيار الحالي · 26 آب/أغسطس · 25th of June 2019
    dmy_re = re.compile(
        day_start
        + r"(?:"
        + day_to
        + r")?(?:\s*(?:"
        + suffixes
        + r"))?\s+(?:(?:"
        + day_links
        + r")\s+)?(?:(?P<cue>"
        + cues
        + r")\s+)?"
        r"(?P<month>" + month + r")(?:\s*/\s*(?P<month2>" + month + "))?" + _E + month_tail
    )
    # السابع من أغسطس · بیستم آبان · the first of May
    ordinal_dmy_re = re.compile(
        start
        + r"(?P<oday>"
        + alternation(lo.ordinal_days)
        + r")\s+(?:(?:"
        + day_links
        + r")\s+)?(?:(?P<cue>"
        + cues
        + r")\s+)?(?P<month>"
        + month
        + r")(?:\s*/\s*(?P<month2>"
        + month
        + "))?"
        + _E
        + month_tail
    )
    mdy_re = mdy_hint_re = None
    if lo.month_first:
        # June 25, 2019
        mdy_re = re.compile(
            _B + r"(?P<month>" + month + r")\.?\s+(?P<day>\d{1,2})(?:" + suffixes + r")?(?![\w])(?:,?\s+" + _YEAR + ")?"
        )
        mdy_hint_re = re.compile(month + r"\.?\s+\d")
    # حزيران 2021 · كانون الثاني الماضي · حزيران/يونيو · شهر رمضان · last June
    month_re = re.compile(
        start + r"(?:(?P<qpre>" + qual_before + r")\s+)?(?:(?P<cue>" + cues + r")\s+)?(?P<month>" + month + r")"
        r"(?:\s*/\s*(?P<month2>" + month + "))?" + _E + month_tail
    )
    seasons = alternation(lo.seasons)
    season_articles = alternation(lo.season_articles)
    article = alternation([lo.article])
    # صيف عام 2014 · تابستان سال ۲۰۱۴ میلادی · summer of 2014
    season_re = re.compile(
        start
        + r"(?:"
        + article
        + "|(?:"
        + season_articles
        + r")\s+)?(?P<season>"
        + seasons
        + r")(?:\s+(?:"
        + links
        + r"))?\s+"
        + _YEAR
        + era_opt
    )
    season_starts = [p + s for s in lo.seasons for p in ("", lo.article, *(a + " " for a in lo.season_articles))]
    year_cue = r"(?:(?:" + cue_prefixes + r")?(?:" + alternation(lo.year_cues) + "))"
    cue_starts = [p + w for p in ("", *lo.definite, *lo.prepositions) for w in _first_words(lo.year_cues)]
    # عام 2018 · في عام 2019 · للعام 2021 · سال ۱۳۹۳ هجری شمسی · in the year 2019
    year_cue_re = re.compile(
        start + r"(?:(?P<pre>" + alternation(lo.year_cue_prepositions) + r")\s+)?" + year_cue + r"\s+" + _YEAR + era_opt
    )
    year_cue_hint_re = re.compile(alternation([*lo.year_cue_prepositions, *cue_starts]) + r"\s+(?:\d|" + year_cue + ")")
    mod_kind = {w: Modifier.SINCE for w in lo.since} | {w: Modifier.UNTIL for w in lo.until}
    mods = alternation(mod_kind)
    # منذ 2018 · في 2019، · in 2019
    year_bare_re = re.compile(
        start
        + r"(?:(?P<mod>"
        + mods
        + r")|(?P<pre>"
        + alternation(lo.year_prepositions)
        + r"))\s+"
        + _YEAR
        + era_opt
        + r"(?![\w\u200c])"
    )
    year_bare_hint_re = re.compile(alternation([*mod_kind, *lo.year_prepositions]) + r"\s+\d{4}")
    # 1442 هـ · ۱۳۹۸ ه.ش · 2019م (a mark that is also a unit, such as م for metres, only glued)
    glued = [m for m in short if m in lo.era_glued_only]
    spaced = [m for m in short if m not in glued]
    year_era_re = re.compile(
        _NUM_START_YEAR
        + r"(?:\s*(?P<era>"
        + era_long
        + "|"
        + alternation(spaced)
        + r")|(?P<era_glued>"
        + alternation(glued)
        + r"))(?![\w\u200c])"
    )
    # 1441/1442 هـ · 2019/2020 · 2017-18: a span of two years
    year_span_re = re.compile(_NUM_START_YEAR + r"(?P<sep>[/\-])(?P<y2>\d{4}|\d{2})(?![\d/\-])(?![.,]\d)" + era_opt)
    # منتصف 2019 · أواخر مارس · اوایل بهمن · mid-2019 · the end of October: a part, then a date
    part_re = re.compile(start + r"(?P<part>" + alternation(lo.parts) + r")(?:\s+(?:" + day_links + r")\s+|\s+|-)")
    # قبل 5 أيام · بعد ثلاثة أيام · ۷ سال پیش · 3 days ago: a count of days, weeks, months or years
    span_units = {w: u for w, u in lo.units.items() if u in _OFFSET_UNITS}
    dual_units = {w: u for w, u in lo.duals.items() if u in _OFFSET_UNITS}
    counts = (
        r"(?:(?P<n>\d{1,3})|(?P<nw>" + alternation(w for w in lo.number_words if lo.number_words[w].value < 1000) + "))"
    )
    before = [w for w, k in lo.offsets.items() if k.endswith("_before")]
    after = [w for w, k in lo.offsets.items() if k.endswith("_after")]
    unit_group = r"(?P<unit>" + alternation(span_units) + ")" + _E
    # ... not counted from an event: `بعد ثلاثة أيام من الزلزال`
    from_event = r"(?!\s+(?:" + alternation(lo.offset_not_before) + ")" + _E + ")"
    offset_before_re = re.compile(
        start
        + r"(?P<ob>"
        + alternation(before)
        + r")\s+(?:"
        + counts
        + r"\s+"
        + unit_group
        + r"|(?P<dual>"
        + alternation(dual_units)
        + ")"
        + _E
        + ")"
        + from_event
    )
    offset_after_re = re.compile(
        start + counts + r"\s+" + unit_group + r"\s+(?P<oa>" + alternation(after) + ")" + _E + from_event
    )
    # دو سال گذشته · شش ماه آینده · the past two years · the next six months
    period_before = [w for w, k in lo.periods.items() if k.endswith("_before")]
    period_after = [w for w, k in lo.periods.items() if k.endswith("_after")]
    period_before_re = re.compile(
        start + r"(?P<pq>" + alternation(period_before) + r")\s+" + counts + r"\s+" + unit_group
    )
    period_after_re = re.compile(
        start + counts + r"\s+" + unit_group + r"\s+(?P<pq>" + alternation(period_after) + ")" + _E
    )
    # عام ألفين وعشرة · سال هزار و چهارصد: a year in words after a year word
    year_cue_words_re = re.compile(
        start
        + r"(?:(?P<pre>"
        + alternation(lo.year_cue_prepositions)
        + r")\s+)?"
        + year_cue
        + r"\s+(?P<yw>"
        + word_run
        + ")"
        + _E
        + era_opt
    )
    # 2/2013 · the 1990s
    decade_re = (
        re.compile(r"(?<![\w.,/:\-])(?P<decade>\d{3}0)(?:" + alternation(lo.decade_suffixes) + ")" + _E)
        if lo.decade_suffixes
        else None
    )
    relative = dict(lo.relative)
    for phrase, kind in lo.relative.items():
        if lo.article and phrase.startswith(lo.article):  # للعام الماضي, بالأمس: a preposition on the article
            for form in lo.definite[1:]:
                relative.setdefault(form + phrase[len(lo.article) :], kind)
    relative_re = re.compile(start + r"(?P<rel>" + alternation(relative) + ")" + _E)
    # أمس الاثنين · اليوم الثلاثاء · دیروز دوشنبه · yesterday, Monday
    day_words = [p for p, kind in relative.items() if kind in ("today", "yesterday")]
    rel_weekday_re = re.compile(
        start + r"(?P<rel>" + alternation(day_words) + r")\s*[,،]?\s*(?P<wd>" + weekday + ")" + _E
    )
    dayparts = alternation(lo.dayparts)
    # مساء الأربعاء · يوم الثلاثاء · الثلاثاء الماضي · on Tuesday · last Tuesday
    weekday_re = re.compile(
        start
        + r"(?:(?P<qpre>"
        + qual_before
        + r")\s+)?(?:(?P<dp>"
        + dayparts
        + r")\s+)?(?P<wd>"
        + weekday
        + ")"
        + _E
        + r"(?:\s+(?P<qual>"
        + qual_after
        + ")"
        + _E
        + ")?"
    )
    # Left context of a date: a weekday (and day part) before it, a since/until word before that.
    weekday_prefix_re = re.compile(start + r"(?:(?P<dp>" + dayparts + r")\s+)?(?P<wd>" + weekday + r")\s*[,،]?\s*$")
    mod_prefix_re = re.compile(start + r"(?P<mod>" + mods + r")\s+$")
    frame_open_re = frame_close_re = None
    if lo.since_frame_open:
        frame_open_re = re.compile(_B + "(?:" + alternation(lo.since_frame_open) + r")\s+$")
        frame_close_re = re.compile(r"[^.!?؟\n]{0,80}?" + _B + alternation(lo.since_frame_close) + _E)
    not_after_res = {
        phrase: re.compile(_B + r"(?:" + alternation(amb.not_after) + r")\s+$")
        for phrase, amb in lo.relative_ambiguous.items()
        if amb.not_after
    }
    not_before_article_re = re.compile(r"\s+" + re.escape(lo.article) + r"\w") if lo.article else None
    count_before_re = None
    if lo.count_before_is_duration:
        count_words = [*lo.number_words, *lo.count_words]
        count_before_re = re.compile(r"(?:\d|" + _B + alternation(count_words) + r")\s*$")

    # Between the two ends of a date range: `من يناير إلى نوفمبر`, `March 21, 2016 to March 20, 2017`.
    range_sep_re = re.compile(r"\s*(?P<sep>" + alternation((*lo.range_separators, *opener_seps)) + r")\s*")
    range_open_re = re.compile(
        start + r"(?P<r>" + alternation(lo.range_openers) + r")\s+(?:(?:" + alternation(lo.range_cues) + r")\s+)?$"
    )
    weekday_before_re = re.compile(r"\s+(?:" + alternation(lo.weekday_before) + ")" + _E) if lo.weekday_before else None

    def with_conjunctions(words: set[str]) -> frozenset[str]:
        return frozenset(words | {c + w for w in words for c in conj})

    month_triggers = with_conjunctions(
        _first_words(lo.months) | set(lo.month_cues) | _first_words(lo.qualifiers_before)
    )
    season_triggers = with_conjunctions(
        _first_words(lo.seasons) | {lo.article + w for w in lo.seasons if lo.article} | set(lo.season_articles)
    )
    relative_triggers = with_conjunctions(
        _first_words(relative)
        | _first_words(before)
        | _first_words(lo.parts)
        | _first_words(lo.ordinal_days)
        | _first_words(period_before)
    )
    weekday_triggers = with_conjunctions(
        _first_words(lo.weekdays) | _first_words(lo.dayparts) | _first_words(lo.qualifiers_before)
    )
    year_cue_triggers = with_conjunctions(set(cue_starts))
    year_bare_triggers = with_conjunctions(_first_words(mod_kind) | set(lo.year_prepositions))
    anchored = (month_triggers, relative_triggers, weekday_triggers)
    offset_after_triggers = frozenset(_first_words(after) | _first_words(period_after))
    all_triggers = frozenset().union(
        season_triggers, year_cue_triggers, year_bare_triggers, offset_after_triggers, *anchored
    )
    check_single_words(all_triggers)  # `_present_triggers` relies on it
    return DateGrammar(
        locale=lo,
        qualifiers=qualifiers,
        relative=relative,
        dmy_re=dmy_re,
        mdy_re=mdy_re,
        mdy_hint_re=mdy_hint_re,
        month_re=month_re,
        season_re=season_re,
        season_hint_re=re.compile(alternation(season_starts)),
        year_cue_re=year_cue_re,
        year_cue_hint_re=year_cue_hint_re,
        year_bare_re=year_bare_re,
        year_bare_hint_re=year_bare_hint_re,
        year_era_re=year_era_re,
        relative_re=relative_re,
        rel_weekday_re=rel_weekday_re,
        weekday_re=weekday_re,
        weekday_prefix_re=weekday_prefix_re,
        weekday_after_re=re.compile(r"\s*[,،]?\s*(?:" + weekday + ")" + _E),
        weekday_last_words=last_words(lo.weekdays),
        mod_prefix_re=mod_prefix_re,
        mod_last_words=last_words(mod_kind),
        mod_kind=mod_kind,
        frame_open_re=frame_open_re,
        frame_open_last_words=last_words(lo.since_frame_open),
        frame_close_re=frame_close_re,
        not_after_res=not_after_res,
        not_before_article_re=not_before_article_re,
        count_before_re=count_before_re,
        ordinal_dmy_re=ordinal_dmy_re,
        year_span_re=year_span_re,
        part_re=part_re,
        offset_before_re=offset_before_re,
        year_cue_words_re=year_cue_words_re,
        year_pre_before_re=re.compile(start + r"(?:" + alternation(lo.year_cue_prepositions) + r")\s+$"),
        year_pre_last_words=last_words(lo.year_cue_prepositions),
        decade_re=decade_re,
        relative_years={p: _YEAR_OFFSETS[k] for p, k in relative_years.items()},
        period_before_re=period_before_re,
        period_after_re=period_after_re,
        offset_after_re=offset_after_re,
        offset_units={**span_units, **dual_units},
        range_sep_re=range_sep_re,
        range_open_re=range_open_re,
        range_open_last_words=last_words([*lo.range_openers, *lo.range_cues]),
        # Between two dates a conjunction needs its opener (`بين عامي 2014 و2019`); `إلى`, `to` do not.
        sep_needs_opener={
            sep: tuple(o for o, seps in lo.range_openers.items() if sep in seps)
            for sep in opener_seps
            if sep not in lo.range_separators and sep in lo.number_conjunctions
        },
        weekday_before_re=weekday_before_re,
        weekday_not_after_re=(
            re.compile(_B + r"(?:" + alternation(lo.weekday_not_after) + r")\s+$") if lo.weekday_not_after else None
        ),
        offset_after_triggers=offset_after_triggers,
        month_triggers=month_triggers,
        season_triggers=season_triggers,
        relative_triggers=relative_triggers,
        weekday_triggers=weekday_triggers,
        year_cue_triggers=year_cue_triggers,
        year_bare_triggers=year_bare_triggers,
        all_triggers=all_triggers,
        # year words too: a year may be written in words after them (`عام ألفين وعشرين`)
        trigger_words=frozenset().union(offset_after_triggers, year_cue_triggers, *anchored),
    )
