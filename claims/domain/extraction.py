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

from claims.domain.mentions import Mention
from corpus.domain.text import NormalizedText, normalize

Span = tuple[int, int]

# Spans (in the normalized text) whose digits never count as figures or dates.
_BLOCKED_RE = re.compile(
    r"(?:https?://|www\.)\S+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|\b\d{1,2}:\d{2}(?::\d{2})?\b"  # times of day 05:49
    r"|\+\d[\d \-]{7,}\d"  # international phone numbers
)


def blocked_spans(norm: NormalizedText) -> list[Span]:
    """Spans of the normalized text that hold digits but no figure or date."""
    return [m.span() for m in _BLOCKED_RE.finditer(norm.text)]


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
