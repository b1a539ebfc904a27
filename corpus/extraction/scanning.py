"""Scanning helpers shared by the finders of figures, quantities and dates.

The extractor runs on every sentence of every article, and most sentences hold no figure and no
date, so its cost is in looking. These helpers look in C where a pattern can match before `re`
tries it there (a trigger word, a literal hint, a digit), each giving exactly the matches of the
plain `finditer` or `search` it replaces; `alternation` is the one builder of word alternations
(a character trie); `Scan` is a sentence normalized and cut into words once, for every stage.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from corpus.domain.text import NormalizedText, normalize

# Characters that continue a word. ZWNJ joins the parts of a Persian word (`ده‌ها`), so a token
# that ends at a ZWNJ has not ended.
WORD_CHAR = r"[\w\u200c]"
NOT_AFTER_WORD = r"(?<![\w\u200c])"
NOT_BEFORE_WORD = r"(?![\w\u200c])"

# --- Scanning helpers ---------------------------------------------------------------------
# Shared by the finders of figures, quantities and dates (`quantities`, `dates`). Most of their
# patterns open with a lookbehind (a word boundary), which keeps `re` from skipping ahead: it
# tries such a pattern at every position of a sentence. These helpers find where a match can
# start (a trigger word, a literal hint, a digit) in C first, and give the same results.


def _decimal_digit_first() -> str:
    """A regex for one `\\d` character that opens with a bitmap character class.

    Why: to test `\\d`, `re` looks the code point up in the Unicode database, several calls per
    character; a pattern that opens with `\\d` pays that at every position of a sentence it
    scans. A class of explicit code points is one bitmap lookup. The class holds the decimal
    digits of the BMP and every code point beyond it; the lookbehind `(?<=\\d)` keeps only the
    digits among the latter, so the fragment matches exactly what `\\d` matches. Unicode assigns
    decimal digits in runs of ten consecutive code points (0 to 9), so each run holds a multiple
    of ten, and looking up those finds every run.
    """
    runs: set[int] = set()
    for code in range(0, 0x10000, 10):
        if chr(code).isdecimal():
            runs.add(code - unicodedata.decimal(chr(code)))
    for start in runs:
        if not all(chr(c).isdecimal() for c in range(start, start + 10)):
            raise ValueError(f"decimal digits at U+{start:04X} are not a run of ten")
    ranges = "".join(f"{re.escape(chr(s))}-{re.escape(chr(s + 9))}" for s in sorted(runs))
    return "[" + ranges + "\U00010000-\U0010ffff](?<=\\d)"


DIGIT_FIRST = _decimal_digit_first()
"""One character of `\\d`, as a pattern that `re` can skip ahead to in C (see `_decimal_digit_first`)."""
_DIGIT_RE = re.compile(DIGIT_FIRST)
# A word as `NOT_AFTER_WORD` and `NOT_BEFORE_WORD` delimit it: a maximal run of `WORD_CHAR`.
_WORD_RE = re.compile(WORD_CHAR + "+")


def _split_words(text: str) -> tuple[list[str], str]:
    """`text` cut at its spaces: the chunks, and those that are not all letters joined by spaces.

    Why: a chunk of letters only is a whole word, and most chunks are; `str.split` and
    `str.isalpha` find them in C. Only the rest (chunks glued to punctuation, or holding digits
    or a ZWNJ) goes through `re.findall`, which pays for every match it returns.
    """
    chunks = text.split()
    return chunks, " ".join([c for c in chunks if not c.isalpha()])


def word_set(text: str) -> set[str]:
    """The distinct words of `text`: maximal runs of word characters (`WORD_CHAR`).

    Why: a lexicon pattern that starts at `NOT_AFTER_WORD`, ends at `NOT_BEFORE_WORD` and holds
    only word characters matches nothing unless one of these words is in its trigger set
    (`TRIGGER_WORDS` here and in the modules that use it). Splitting the sentence into words once
    and intersecting sets is far cheaper than scanning the sentence with each such pattern.
    """
    chunks, rest = _split_words(text)
    return {c for c in chunks if c.isalpha()} | set(_WORD_RE.findall(rest))


def words_and_digit(text: str, vocabulary: frozenset[str]) -> tuple[frozenset[str], bool]:
    """`vocabulary & word_set(text)`, and whether `text` holds a digit (`\\d`).

    Why together: `vocabulary` holds words only, so a chunk between spaces that is one of them is
    a whole word; and a digit is no letter, so only the chunks that are not all letters can hold
    one. Scanning those alone for `\\d` saves scanning the whole text.
    """
    chunks, rest = _split_words(text)
    found = vocabulary.intersection(chunks)
    if not rest:
        return found, False
    return found | vocabulary.intersection(_WORD_RE.findall(rest)), _DIGIT_RE.search(rest) is not None


def finditer_from_words(pattern: re.Pattern[str], text: str, found: Iterable[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a lexicon pattern each of whose matches starts with one of `found`.

    `found` are the pattern's trigger words that `word_set(text)` holds (see there). Why: such a
    pattern opens with `NOT_AFTER_WORD`, a lookbehind, so `finditer` runs it at every position of
    the sentence. A match begins with a whole word, which is a trigger the text holds; `str.find`
    lists where those words occur (in C), and matching there, from the end of the previous match
    on, finds exactly the matches `finditer` finds.
    """
    starts: set[int] = set()
    for word in found:
        i = text.find(word)
        while i >= 0:
            starts.add(i)
            i = text.find(word, i + 1)
    pos = 0
    for start in sorted(starts):
        if start < pos:
            continue
        m = pattern.match(text, start)
        if m is not None:
            yield m
            pos = m.end()


def finditer_hinted(hint: re.Pattern[str], pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying `pattern` only where `hint` matches.

    Why: a pattern that opens with a lookbehind (a word boundary) is tried by `finditer` at every
    position of the text. `hint`, which must match wherever a match of `pattern` starts and opens
    with literal text, is found by `re` in C; matching `pattern` at each of its places, from the end
    of the previous match on, gives exactly `finditer`'s matches.
    """
    pos = 0
    while (h := hint.search(text, pos)) is not None:
        m = pattern.match(text, h.start())
        if m is None:
            pos = h.start() + 1
        else:
            yield m
            pos = m.end()


def search_before(
    pattern: re.Pattern[str], text: str, pos: int, endpos: int, last_words: tuple[str, ...], marks: str = ""
) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)` for a look-back pattern, not run when it cannot match.

    A look-back pattern (a hedge, a since-word, a weekday right before a figure or a date) ends
    at `endpos` after nothing but spaces (and at most one of `marks` among them), and its phrase
    ends with one of `last_words`. Why: it opens with a word boundary, so `search` would try it
    at every position of the window; these C-speed string tests rule most windows out first.
    """
    window = text[pos:endpos].rstrip()
    if marks and window and window[-1] in marks:
        window = window[:-1].rstrip()
    if not window.endswith(last_words):
        return None
    return pattern.search(text, pos, endpos)


def last_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """The last words of (folded) phrases: what a look-back match ends with (`search_before`)."""
    return tuple(sorted({phrase.split()[-1] for phrase in phrases}))


def search_hinted(
    hint: re.Pattern[str], pattern: re.Pattern[str], text: str, pos: int, endpos: int
) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)`, not run when `hint`, which every match holds, is absent.

    Why: the look-back patterns (a hedge, a since-word right before a figure or a date) open with a
    word boundary, so `search` tries them at every position of their window; their hint, a
    lexicon alternation, is scanned for in C.
    """
    if hint.search(text, pos, endpos) is None:
        return None
    return pattern.search(text, pos, endpos)


def alternation(phrases: Iterable[str]) -> str:
    """A regex (one group, no captures) matching any of the folded `phrases`, built as a character trie.

    Why a trie: Python's `re` tries the branches of a plain alternation one by one at every
    position it reaches, so a lexicon of 150 words costs 150 comparisons at every word start;
    a trie shares prefixes and costs a few. It matches exactly what the plain alternation sorted
    longest first (`a|b|...`) matches, with the same preference: at any node at most one child
    can match the next character, so backtracking meets the phrases along one path, longest
    first, as the sorted alternation tries them. A space in a phrase matches any run of spaces.
    """
    trie: dict[str, Any] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = trie
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
    if not trie:
        return "(?!)"  # no phrases: matches nothing
    return "(?:" + _trie_regex(trie) + ")"


def _trie_regex(node: dict[str, Any]) -> str:
    """The regex of one trie node: its branches, optional when a phrase also ends here (longest first)."""
    branches = [
        (r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(child) for ch, child in sorted(node.items()) if ch
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return "(?:" + body + ")?" if "" in node else body


def check_single_words(words: Iterable[str]) -> None:
    """Fail at import if a lexicon entry holds a non-word character: `word_set` gates rely on it."""
    bad = sorted(w for w in words if not _WORD_RE.fullmatch(w))
    if bad:
        raise ValueError(f"lexicon entries that are not single words: {bad}")


def overlaps_sorted(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether `[start, end)` overlaps one of the sorted, non-overlapping spans `zip(starts, ends)`.

    A binary search, so checking every candidate of a long article stays linear-logarithmic.
    """
    i = bisect_right(ends, start)
    return i < len(starts) and starts[i] < end


class Blocked:
    """Sorted, merged spans with an O(log n) overlap test (spans where nothing may be reported)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def hit(self, start: int, end: int) -> bool:
        return start < end and overlaps_sorted(self.starts, self.ends, start, end)


def char_class(chars: Iterable[str]) -> str:
    """A regex character class of single characters (`[وف]`), or a class that matches nothing."""
    chars = sorted(set(chars))
    if any(len(c) != 1 for c in chars):
        raise ValueError(f"not single characters: {chars}")
    return "[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)"


@dataclass(frozen=True, slots=True)
class Scan:
    """A sentence as every stage reads it: normalized once, cut into words once.

    `words` is the set of words (maximal runs of `WORD_CHAR`) of the normalized text restricted
    to `vocabulary` (what the stages' gates look for), `has_digit` whether it holds a digit.
    """

    norm: NormalizedText
    words: frozenset[str]
    has_digit: bool

    @property
    def text(self) -> str:
        return self.norm.text

    @classmethod
    def of(cls, text: str, vocabulary: frozenset[str]) -> Scan:
        norm = normalize(text)
        words, has_digit = words_and_digit(norm.text, vocabulary)
        return cls(norm, words, has_digit)
