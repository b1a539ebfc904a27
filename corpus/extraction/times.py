"""Clock times: their own kind of mention (`Kind.TIME`), never a figure and never a date.

`الساعة 10`, `ساعت ۱۸:۳۰`, `10:30 a.m.`, `5 p.m.` say when in a day something happened; read as
figures they would be counts of nothing (`10`), and the digits of `18:30` are no date. A time is:

- digits with a colon, `H:MM` or `HH:MM[:SS]`, with the locale's morning or evening mark after
  them if there is one (`10:30 صباحاً`, `5:00 p.m.`);
- a clock cue of the locale before an hour (`الساعة 10`, `ساعت ۱۸`, the cue and the hour in the
  quote), with minutes and a mark if they follow;
- an hour right before a morning or evening mark that is a word of its own (`5 p.m.`, `10 am`).

The value is the time on a 24-hour clock (`nominal` `HH:MM`): an evening mark adds twelve hours
to an hour below twelve. An hour above 24 or minutes above 59 are no time. `find_times` runs
before dates and figures, and the extractor keeps both out of the spans it returns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from corpus.domain.text import NormalizedText
from corpus.extraction.locale import Locale, get_locale
from corpus.extraction.mentions import Kind, Mention, Modifier, TimeValue
from corpus.extraction.scanning import DIGIT_FIRST, NOT_AFTER_WORD, NOT_BEFORE_WORD, Blocked, alternation

_HOURS_IN_HALF_DAY = 12
_MAX_HOUR = 24
_MAX_MINUTE = 59
_MARKS_AFTER_RE = re.compile("[\u064b-\u065f\u0670]+")


@dataclass(frozen=True, eq=False)
class TimeGrammar:
    locale: Locale
    clock_re: re.Pattern[str]  # H:MM
    cue_re: re.Pattern[str] | None  # cue + hour
    marked_re: re.Pattern[str] | None  # hour + mark
    marks: dict[str, str]  # a morning or evening mark: "am" or "pm"
    hint_words: frozenset[str]


@cache
def grammar(locale: Locale) -> TimeGrammar:
    marks = {**{m: "am" for m in locale.time_am}, **{m: "pm" for m in locale.time_pm}}
    mark = r"(?:\s*(?P<mark>" + alternation(marks) + r")(?![\w\u200c]))?"
    clock = r"(?P<h>\d{1,2}):(?P<m>\d{2})(?::\d{2})?(?!\d)"
    clock_re = re.compile(r"(?<![\d.:/])(?=" + DIGIT_FIRST + ")" + clock + mark)
    cue_re = None
    if locale.time_cues:
        cue_re = re.compile(
            NOT_AFTER_WORD
            + "(?:"
            + alternation(locale.time_cues)
            + r")\s+(?P<h>\d{1,2})(?::(?P<m>\d{2}))?(?![\d.,/])"
            + mark
        )
    marked_re = None
    if marks:
        marked_re = re.compile(
            r"(?<![\w.,:/])(?P<h>\d{1,2})\s*(?P<mark>" + alternation(marks) + ")(?:" + NOT_BEFORE_WORD + r"|(?<=\.))"
        )
    hint_words = frozenset(w.split()[0] for w in (*locale.time_cues, *marks))
    return TimeGrammar(locale, clock_re, cue_re, marked_re, marks, hint_words)


def trigger_words(language: str | Locale) -> frozenset[str]:
    """Words of a time with no colon: the clock cues and the morning and evening marks."""
    return grammar(get_locale(language)).hint_words


def find_times(
    norm: NormalizedText,
    *,
    language: str | Locale,
    blocked: list[tuple[int, int]],
    words: frozenset[str] | None = None,
) -> list[Mention]:
    """Every clock time in `norm`, sorted by position, with original offsets."""
    g = grammar(get_locale(language))
    text = norm.text
    candidates: list[re.Match[str]] = []
    if ":" in text:
        candidates.extend(g.clock_re.finditer(text))
    if words is None or not g.hint_words.isdisjoint(words):
        for pattern in (g.cue_re, g.marked_re):
            if pattern is not None:
                candidates.extend(pattern.finditer(text))
    block = Blocked(blocked)
    out: list[Mention] = []
    taken = Blocked([])
    for m in sorted(candidates, key=lambda c: (c.start() - c.end(), c.start())):
        start, end = m.span()
        if block.hit(start, end) or taken.hit(start, end):
            continue
        value = _value(g, m)
        if value is None:
            continue
        taken = Blocked([*zip(taken.starts, taken.ends, strict=True), (start, end)])
        ostart, oend = norm.to_original(start, end)
        tail = _MARKS_AFTER_RE.match(norm.original, oend)
        oend = tail.end() if tail else oend
        out.append(Mention(ostart, oend, norm.original[ostart:oend], Kind.TIME, Modifier.EXACT, "time", value))
    return sorted(out, key=lambda m: m.start)


def _value(g: TimeGrammar, m: re.Match[str]) -> TimeValue | None:
    hour = int(m.group("h"))
    minute = int(m.group("m")) if m.groupdict().get("m") else 0
    mark = m.groupdict().get("mark")
    if mark is not None and hour > _HOURS_IN_HALF_DAY:
        return None  # `18 p.m.`: not a time
    if hour > _MAX_HOUR or minute > _MAX_MINUTE:
        return None
    if mark is not None:
        kind = g.marks.get(" ".join(mark.split()))
        if kind == "pm" and hour < _HOURS_IN_HALF_DAY:
            hour += _HOURS_IN_HALF_DAY
        elif kind == "am" and hour == _HOURS_IN_HALF_DAY:
            hour = 0
    return TimeValue(f"{hour:02d}:{minute:02d}", hour, minute)
