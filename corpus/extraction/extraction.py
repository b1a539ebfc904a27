"""The extractor: every quantity, date and identifier mention in a text.

`extract(text, language, reference_date)` is the one entry point. It normalizes a copy of the
text (keeping the map back), stops there if the text holds no digit and no word a finder starts
from (most sentences), blocks spans that hold digits but no figure (URLs, e-mail addresses,
times of day, phone numbers), finds dates first and then quantities and identifiers outside the
date spans, and returns the mentions sorted by position. Offsets are code points of
the text it was given, `[start, end)`.

A date whose day does not exist (`۳۱ حوت ۱۳۹۸`, `2021-02-30`) yields no mention at all: its
span is refused (`corpus.extraction.dates`), so no figure is read from it either, and the caller may
collect the `Refusal`s with their reasons.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from corpus.domain.text import NormalizedText
from corpus.extraction import dates, quantities, times
from corpus.extraction.dates import find_dates, join_ranges
from corpus.extraction.datevalues import year_mention
from corpus.extraction.locale import Locale, get_locale
from corpus.extraction.mentions import Mention, Refusal
from corpus.extraction.numbers import NumberToken
from corpus.extraction.quantities import find_quantities
from corpus.extraction.scanning import Scan

Span = tuple[int, int]

# Spans (in the normalized text) whose digits never count as figures or dates: each pattern with
# the literals without which it cannot match, and whether it needs a digit to match.
_BLOCKED_PARTS: tuple[tuple[tuple[str, ...], bool, str], ...] = (
    (("://", "www."), False, r"(?:https?://|www\.)\S+"),  # URLs
    (("@",), False, r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    ((":",), True, r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),  # times of day 05:49
    (("+",), True, r"\+\d[\d \-]{7,}\d"),  # international phone numbers
)


_TIME_RE = re.compile(_BLOCKED_PARTS[2][2])


@cache
def _blocked_re(parts: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of the `_BLOCKED_PARTS` at `parts`, in their original order."""
    return re.compile("|".join(_BLOCKED_PARTS[i][2] for i in parts))


@dataclass(frozen=True, slots=True)
class _Gates:
    """The pre-filter of one locale. Most sentences of a news article state no figure and no date.

    A date needs a digit or one of `dates` (the date grammar's words that need no digit), a
    quantity or an identifier a digit or one of `quantities` (each stage builds its set from the
    locale, see `scanning.word_set`), so a half whose needs a sentence does not meet would find
    nothing in it and is not run at all. The halves get the sentence's words among `every`, every
    word one of their gates looks for: each gate intersects its words with these, and
    intersecting a handful is cheaper than a sentence's worth.
    """

    dates: frozenset[str]
    quantities: frozenset[str]
    times: frozenset[str]
    every: frozenset[str]


@cache
def _gates(locale: Locale) -> _Gates:
    date_words = dates.trigger_words(locale)
    quantity_words = quantities.trigger_words(locale)
    time_words = times.trigger_words(locale)
    return _Gates(date_words, quantity_words, time_words, dates.all_triggers(locale) | quantity_words | time_words)


def blocked_spans(norm: NormalizedText, *, has_digit: bool | None = None) -> list[Span]:
    """Spans of the normalized text that hold digits but no figure or date.

    `has_digit` says whether the text holds a digit, when the caller knows. Why the literal
    checks: the e-mail pattern starts a match attempt at every letter of every word, which made
    this scan cost a tenth of the extractor, yet most sentences hold no `@`, `:`, `+` or URL
    (and a `:` without a digit is no time). An alternative that cannot match anywhere may be
    left out: scanning with the others finds exactly the spans the whole alternation finds.
    """
    text = norm.text
    parts: list[int] = []
    for i, (needles, needs_digit, _) in enumerate(_BLOCKED_PARTS):
        if needs_digit and has_digit is False:
            continue
        for needle in needles:  # `in` is a C substring search, cheaper than any regex scan
            if needle in text:
                parts.append(i)
                break
    if not parts:
        return []
    return [m.span() for m in _blocked_re(tuple(parts)).finditer(text)]


def extract(
    text: str,
    language: str | Locale,
    reference_date: dt.date | None = None,
    *,
    refused: list[Refusal] | None = None,
) -> list[Mention]:
    """All mentions in `text`, in order of position.

    `language` is a language code with a locale file (`ar`, `fa`, `en`, or an alias such as
    `fa-AF`) or a `Locale`: the text is read with that language's words only. `reference_date`
    is the article's date, used to resolve relative dates. Without it a relative date keeps the
    `relative` modifier and null bounds. `refused`, when given, receives the spans refused as
    dates whose day does not exist, in order of position.
    """
    locale = get_locale(language)
    gates = _gates(locale)
    scan = Scan.of(text, gates.every)
    norm, words, has_digit = scan.norm, scan.words, scan.has_digit
    may_date = has_digit or not gates.dates.isdisjoint(words)
    may_quantity = has_digit or not gates.quantities.isdisjoint(words)
    if not (may_date or may_quantity):
        return []
    blocked = blocked_spans(norm, has_digit=has_digit)
    found_times: list[Mention] = []
    if has_digit:
        found_times = times.find_times(norm, language=locale, blocked=_without_times(blocked, norm), words=words)
        blocked = blocked + [_norm_span(norm, m) for m in found_times]
    found_dates: list[Mention] = []
    refusals: list[Refusal] = []
    if may_date:
        found_dates = find_dates(
            norm,
            language=locale,
            reference_date=reference_date,
            blocked=blocked,
            words=words,
            has_digit=has_digit,
            refused=refusals,
        )
        if refused is not None:
            refused.extend(refusals)
    found_quantities: list[Mention] = []
    if may_quantity:
        date_spans = [_norm_span(norm, m) for m in found_dates]
        date_spans += [_norm_span(norm, r) for r in refusals]
        years: list[NumberToken] = []
        found_quantities = find_quantities(
            norm, language=locale, blocked=blocked + date_spans, words=words, has_digit=has_digit, years=years
        )
        found_dates += [m for tok in years if (m := _bare_year(norm, locale, tok)) is not None]
    if len(found_dates) > 1:
        found_dates = join_ranges(norm, language=locale, mentions=found_dates)
    return sorted(found_times + found_dates + found_quantities, key=lambda m: (m.start, m.end))


def _bare_year(norm: NormalizedText, locale: Locale, tok: NumberToken) -> Mention | None:
    """A year-shaped figure that is no count, read as a year where the locale reads bare years."""
    year = int(tok.value)
    for cal, low, high in locale.bare_years:
        if low <= year <= high:
            return year_mention(norm, tok.start, tok.end, cal, year)
    return None


def _without_times(blocked: list[Span], norm: NormalizedText) -> list[Span]:
    """The blocked spans but the clock times `blocked_spans` keeps out of figures (`05:49`)."""
    return [span for span in blocked if not _TIME_RE.fullmatch(norm.text, *span)]


def _norm_span(norm: NormalizedText, mention: Mention | Refusal) -> Span:
    """The normalized-text span of a mention (mentions carry original offsets)."""
    index_map = norm.index_map
    if index_map is None:
        return mention.start, mention.end
    # The map is non-decreasing, so both ends are binary searches.
    return bisect_left(index_map, mention.start), bisect_left(index_map, mention.end)
