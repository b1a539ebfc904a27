"""The extractor: every quantity, date and identifier mention in a text.

`extract(text, language, reference_date)` is the one entry point. It normalizes a copy of the
text (keeping the map back), blocks spans that hold digits but no figure (URLs, e-mail
addresses, times of day, phone numbers), finds dates first and then quantities and identifiers
outside the date spans, and returns the mentions sorted by position. Offsets are code points of
the text it was given, `[start, end)`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import cache

from claims.domain.mentions import Mention
from corpus.domain.text import NormalizedText, normalize

Span = tuple[int, int]

# Spans (in the normalized text) whose digits never count as figures or dates, each pattern with
# the literals without which it cannot match.
_BLOCKED_PARTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("://", "www."), r"(?:https?://|www\.)\S+"),  # URLs
    (("@",), r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail addresses
    ((":",), r"\b\d{1,2}:\d{2}(?::\d{2})?\b"),  # times of day 05:49
    (("+",), r"\+\d[\d \-]{7,}\d"),  # international phone numbers
)
_BLOCKED_RE = re.compile("|".join(pattern for _, pattern in _BLOCKED_PARTS))
# Any of those literals: one C-speed scan rules out the common sentence that has none.
_BLOCKED_HINT_RE = re.compile("|".join(re.escape(n) for needles, _ in _BLOCKED_PARTS for n in needles))


@cache
def _blocked_re(parts: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of the `_BLOCKED_PARTS` at `parts`, in their original order."""
    return re.compile("|".join(_BLOCKED_PARTS[i][1] for i in parts))


def blocked_spans(norm: NormalizedText) -> list[Span]:
    """Spans of the normalized text that hold digits but no figure or date.

    Why the literal checks: the e-mail pattern starts a match attempt at every letter of every
    word, which made this scan cost a tenth of the extractor, yet most sentences hold no `@`, `:`,
    `+` or URL. An alternative whose literal is absent cannot match anywhere, so scanning with
    only the others finds exactly the spans `_BLOCKED_RE` finds.
    """
    text = norm.text
    if not _BLOCKED_HINT_RE.search(text):
        return []
    parts = tuple(i for i, (needles, _) in enumerate(_BLOCKED_PARTS) if any(n in text for n in needles))
    return [m.span() for m in _blocked_re(parts).finditer(text)]


def extract(text: str, language: str, reference_date: dt.date | None = None) -> list[Mention]:
    """All mentions in `text`, in order of position.

    `language` is `ar`, `fa` or `en` (it only breaks ties: every script is always read);
    `reference_date` is the article's date, used to resolve relative dates. Without it a
    relative date keeps the `relative` modifier and null bounds.
    """
    # Imported here so each half can be developed and tested on its own.
    from claims.domain.dates import find_dates
    from claims.domain.quantities import find_quantities

    norm = normalize(text)
    blocked = blocked_spans(norm)
    dates = find_dates(norm, language=language, reference_date=reference_date, blocked=blocked)
    date_spans = [_norm_span(norm, m) for m in dates]
    quantities = find_quantities(norm, language=language, blocked=blocked + date_spans)
    return sorted(dates + quantities, key=lambda m: (m.start, m.end))


def _norm_span(norm: NormalizedText, mention: Mention) -> Span:
    """The normalized-text span of a mention (mentions carry original offsets)."""
    index_map = norm.index_map
    if index_map is None:
        return mention.start, mention.end
    # The map is non-decreasing, so both ends are binary searches.
    return bisect_left(index_map, mention.start), bisect_left(index_map, mention.end)
