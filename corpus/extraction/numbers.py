"""Number tokens: figures written in digits or in words, read into exact `Decimal` values.

The quantity extractor needs to know where a figure is and what it says before it can ask what
it counts or how it is hedged. This module answers only that first question, on the folded copy
of a text made by `corpus.domain.text.normalize` (so Arabic-Indic and Persian digits are already
ASCII, `٫` is `.`, `٬` is `,`, no-break spaces are spaces, and letter variants are folded).

Digits
    `80`, `178.3`, `110,000`, `110 000` (space-grouped), and the right-to-left layout accident
    `۰۰۰ ۱۱۰`: a Persian page typed as two "words" that a bidi-unaware editor stored in the
    wrong logical order. We read groups in reverse only when the FIRST group starts with `0`:
    a number written in the normal order never begins with a zero group, so this reading can
    never change the value of a correctly stored number (and `۱۱۰ ۰۰۰` still reads 110000).
    A comma followed by one or two digits (`2,5`) is ambiguous (decimal in some Maghreb papers,
    a list elsewhere) and is not read at all. Digits glued to Latin letters or codes (`G20`,
    `COVID-19`, `km2`), to `/` or `:` (dates, times), plain strings with a leading zero (`0791…`,
    codes and phone numbers) and plain strings longer than ten digits are not figures.
    A scale word may follow the digits: `110 آلاف`, `670 مليون`, `۱۵ هزار`, `8 million`.

Words
    Arabic, Persian and English cardinals, with compounds (`خمسة وعشرون`, `صد و بیست`,
    `ثلاثة عشر`, `ثلاث مئة`, `ثمانية ملايين`, `twenty-five`). The lexicon is written in natural
    spelling and folded at import. Which lexicon applies depends on the language: Persian `سی`
    (30) is `C` in Arabic `سي إن إن`, Persian `صد` (100) is the Arabic verb "repelled", so Arabic
    text reads Arabic and English words, Persian text reads Persian and English words, and any
    other language (English included) reads all of them.

    Some words are mostly not figures when they stand alone: Persian `یک` (the indefinite article
    in `یک مرحله`), `نه` ("no"), `ده` ("village"), Arabic `ست` ("lady"), `تسع` ("holds"), English
    `one`. They are returned with `weak=True`; the quantity extractor keeps a weak token only when
    it counts a noun it knows. Inside a compound or before a scale word (`یک میلیون`) they are not
    weak. Ordinals (`الأول`, `الثاني`, `first`) and the Arabic weekday names (`الأحد`, `الاثنين`,
    `الثلاثاء`: number words are never read with the article `ال`) are not in the lexicon, and
    Persian `سه شنبه` (Tuesday) is rejected explicitly. Arabic `واحد`/`واحدة` is read only inside
    a compound it is joined to by `و` (`أربعمائة و واحد و ثلاثون`, `ثلاثة آلاف و خمس مئة و واحد`)
    or after a minus word (`سالب واحد`); alone (`رجل واحد`, `في آن واحد`) it is not a figure.

Signs
    A minus word (`سالب`, `منفی`, `minus`, `negative`) before a figure, or a minus sign glued to
    its digits at the start of the text or after a space or a comparison sign (`-5`, `<-30`),
    makes the figure negative and widens its span. A hyphen after a digit or a letter (`50-60`,
    `COVID-19`, `twenty-five`) is not a sign.

Scanning helpers
    The extractor runs on every sentence of every article, so the finders of figures, quantities
    and dates share helpers (`word_set`, `finditer_from_words`, `finditer_hinted`,
    `search_before`, `DIGIT_FIRST`) that find in C where a pattern can match before `re` tries
    it there. Each gives exactly the matches of the plain `finditer` or `search` it replaces.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import Any

from corpus.domain.text import fold

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


# --- Number words ---------------------------------------------------------------------------
# Arabic one-letter proclitics a number word may carry: و (and), ب (with), ل (for), ف (so).
ARABIC_PROCLITICS = "وبلف"


class Cat(StrEnum):
    """How a number word combines with its neighbours."""

    UNIT = "unit"  # 1-9: adds; before `hundred` multiplies (ثلاث مئة)
    TEEN_PREFIX = "teen_prefix"  # أحد / اثنا: only before عشر
    TEN = "ten"  # 10: after a unit forms a teen (ثلاثة عشر)
    TEEN = "teen"  # 11-19 as one word (یازده, eleven)
    TENS = "tens"  # 20-90
    HUNDRED = "hundred"  # exactly 100: may be multiplied by a preceding unit
    HUNDREDS = "hundreds"  # 200-900 as one word (ثلاثمئة, دویست)
    SCALE = "scale"  # 1000, 10^6, 10^9: multiplies what precedes, or stands for one
    SCALE_MULT = "scale_mult"  # plural or accusative scale (آلاف, ملايين): needs a multiplier
    DUAL_SCALE = "dual_scale"  # ألفين, مليونين: two of a scale, the Arabic dual


@dataclass(frozen=True, slots=True)
class Word:
    value: Decimal
    cat: Cat
    weak: bool = False
    compound_only: bool = False  # a figure only inside a compound (see `_COMPOUND_ONLY`)


_THOUSAND = Decimal(1000)
_MILLION = Decimal(10) ** 6
_BILLION = Decimal(10) ** 9

# Natural spelling -> (value, category). Folded at import.
_ARABIC_WORDS: dict[str, tuple[int, Cat]] = {
    "اثنان": (2, Cat.UNIT),
    "اثنين": (2, Cat.UNIT),
    "اثنتان": (2, Cat.UNIT),
    "اثنتين": (2, Cat.UNIT),
    "ثلاثة": (3, Cat.UNIT),
    "ثلاث": (3, Cat.UNIT),
    "أربعة": (4, Cat.UNIT),
    "أربع": (4, Cat.UNIT),
    "خمسة": (5, Cat.UNIT),
    "خمس": (5, Cat.UNIT),
    "ستة": (6, Cat.UNIT),
    "ست": (6, Cat.UNIT),
    "سبعة": (7, Cat.UNIT),
    "سبع": (7, Cat.UNIT),
    "ثمانية": (8, Cat.UNIT),
    "ثماني": (8, Cat.UNIT),
    "ثمان": (8, Cat.UNIT),
    "تسعة": (9, Cat.UNIT),
    "تسع": (9, Cat.UNIT),
    "واحد": (1, Cat.UNIT),
    "واحدة": (1, Cat.UNIT),
    "أحد": (1, Cat.TEEN_PREFIX),
    "إحدى": (1, Cat.TEEN_PREFIX),
    "اثنا": (2, Cat.TEEN_PREFIX),
    "اثني": (2, Cat.TEEN_PREFIX),
    "اثنتا": (2, Cat.TEEN_PREFIX),
    "اثنتي": (2, Cat.TEEN_PREFIX),
    "عشرة": (10, Cat.TEN),
    "عشر": (10, Cat.TEN),
    "عشرون": (20, Cat.TENS),
    "عشرين": (20, Cat.TENS),
    "ثلاثون": (30, Cat.TENS),
    "ثلاثين": (30, Cat.TENS),
    "أربعون": (40, Cat.TENS),
    "أربعين": (40, Cat.TENS),
    "خمسون": (50, Cat.TENS),
    "خمسين": (50, Cat.TENS),
    "ستون": (60, Cat.TENS),
    "ستين": (60, Cat.TENS),
    "سبعون": (70, Cat.TENS),
    "سبعين": (70, Cat.TENS),
    "ثمانون": (80, Cat.TENS),
    "ثمانين": (80, Cat.TENS),
    "تسعون": (90, Cat.TENS),
    "تسعين": (90, Cat.TENS),
    "مئة": (100, Cat.HUNDRED),
    "مائة": (100, Cat.HUNDRED),
    "مئتان": (200, Cat.HUNDREDS),
    "مئتين": (200, Cat.HUNDREDS),
    "مائتان": (200, Cat.HUNDREDS),
    "مائتين": (200, Cat.HUNDREDS),
    "ألف": (1000, Cat.SCALE),
    "ألفاً": (1000, Cat.SCALE_MULT),
    "آلاف": (1000, Cat.SCALE_MULT),
    "ألوف": (1000, Cat.SCALE_MULT),
    "ألفان": (2000, Cat.DUAL_SCALE),
    "ألفين": (2000, Cat.DUAL_SCALE),
    "مليون": (10**6, Cat.SCALE),
    "مليوناً": (10**6, Cat.SCALE_MULT),
    "ملايين": (10**6, Cat.SCALE_MULT),
    "مليونان": (2 * 10**6, Cat.DUAL_SCALE),
    "مليونين": (2 * 10**6, Cat.DUAL_SCALE),
    "مليار": (10**9, Cat.SCALE),
    "ملياراً": (10**9, Cat.SCALE_MULT),
    "مليارات": (10**9, Cat.SCALE_MULT),
    "ملياران": (2 * 10**9, Cat.DUAL_SCALE),
    "مليارين": (2 * 10**9, Cat.DUAL_SCALE),
    "بليون": (10**9, Cat.SCALE),
}
for _stem, _unit in (
    ("ثلاث", 3),
    ("أربع", 4),
    ("خمس", 5),
    ("ست", 6),
    ("سبع", 7),
    ("ثمان", 8),
    ("ثماني", 8),
    ("تسع", 9),
):
    _ARABIC_WORDS[_stem + "مئة"] = (_unit * 100, Cat.HUNDREDS)
    _ARABIC_WORDS[_stem + "مائة"] = (_unit * 100, Cat.HUNDREDS)

_PERSIAN_WORDS: dict[str, tuple[int, Cat]] = {
    "یک": (1, Cat.UNIT),
    "دو": (2, Cat.UNIT),
    "سه": (3, Cat.UNIT),
    "چهار": (4, Cat.UNIT),
    "پنج": (5, Cat.UNIT),
    "شش": (6, Cat.UNIT),
    "هفت": (7, Cat.UNIT),
    "هشت": (8, Cat.UNIT),
    "نه": (9, Cat.UNIT),
    "ده": (10, Cat.TEEN),  # never forms a teen with a preceding unit in Persian
    "یازده": (11, Cat.TEEN),
    "دوازده": (12, Cat.TEEN),
    "سیزده": (13, Cat.TEEN),
    "چهارده": (14, Cat.TEEN),
    "پانزده": (15, Cat.TEEN),
    "پونزده": (15, Cat.TEEN),
    "شانزده": (16, Cat.TEEN),
    "هفده": (17, Cat.TEEN),
    "هیفده": (17, Cat.TEEN),
    "هجده": (18, Cat.TEEN),
    "هیجده": (18, Cat.TEEN),
    "هژده": (18, Cat.TEEN),
    "نوزده": (19, Cat.TEEN),
    "بیست": (20, Cat.TENS),
    "سی": (30, Cat.TENS),
    "چهل": (40, Cat.TENS),
    "پنجاه": (50, Cat.TENS),
    "شصت": (60, Cat.TENS),
    "هفتاد": (70, Cat.TENS),
    "هشتاد": (80, Cat.TENS),
    "نود": (90, Cat.TENS),
    "صد": (100, Cat.HUNDRED),
    "یکصد": (100, Cat.HUNDREDS),
    "دویست": (200, Cat.HUNDREDS),
    "سیصد": (300, Cat.HUNDREDS),
    "چهارصد": (400, Cat.HUNDREDS),
    "پانصد": (500, Cat.HUNDREDS),
    "ششصد": (600, Cat.HUNDREDS),
    "هفتصد": (700, Cat.HUNDREDS),
    "هشتصد": (800, Cat.HUNDREDS),
    "نهصد": (900, Cat.HUNDREDS),
    "هزار": (1000, Cat.SCALE),
    "میلیون": (10**6, Cat.SCALE),
    "ملیون": (10**6, Cat.SCALE),
    "میلیارد": (10**9, Cat.SCALE),
    "ملیارد": (10**9, Cat.SCALE),
    "بیلیون": (10**9, Cat.SCALE),
}

_ENGLISH_WORDS: dict[str, tuple[int, Cat]] = {
    "one": (1, Cat.UNIT),
    "two": (2, Cat.UNIT),
    "three": (3, Cat.UNIT),
    "four": (4, Cat.UNIT),
    "five": (5, Cat.UNIT),
    "six": (6, Cat.UNIT),
    "seven": (7, Cat.UNIT),
    "eight": (8, Cat.UNIT),
    "nine": (9, Cat.UNIT),
    "ten": (10, Cat.TEEN),
    "eleven": (11, Cat.TEEN),
    "twelve": (12, Cat.TEEN),
    "thirteen": (13, Cat.TEEN),
    "fourteen": (14, Cat.TEEN),
    "fifteen": (15, Cat.TEEN),
    "sixteen": (16, Cat.TEEN),
    "seventeen": (17, Cat.TEEN),
    "eighteen": (18, Cat.TEEN),
    "nineteen": (19, Cat.TEEN),
    "twenty": (20, Cat.TENS),
    "thirty": (30, Cat.TENS),
    "forty": (40, Cat.TENS),
    "fifty": (50, Cat.TENS),
    "sixty": (60, Cat.TENS),
    "seventy": (70, Cat.TENS),
    "eighty": (80, Cat.TENS),
    "ninety": (90, Cat.TENS),
    "hundred": (100, Cat.HUNDRED),
    "thousand": (1000, Cat.SCALE),
    "million": (10**6, Cat.SCALE),
    "billion": (10**9, Cat.SCALE),
    "bn": (10**9, Cat.SCALE_MULT),
}

# Words that alone are more often something else (see module docstring).
_WEAK = frozenset(fold(w) for w in ("یک", "نه", "ده", "ست", "تسع", "one"))
# Arabic `واحد` ("one", also "a single", "the same") is a figure only inside a compound whose other
# words it is joined to by `و`: `واحد وعشرون` (21), `أربعمائة و واحد و ثلاثون` (431),
# `ثلاثة آلاف و خمس مئة و واحد` (3501). Alone (`رجل واحد`, `في آن واحد`) it is not a figure.
_COMPOUND_ONLY = frozenset(fold(w) for w in ("واحد", "واحدة"))

# Arabic words of at least this many letters may carry a one-letter proclitic (وعشرون, بثلاثة);
# shorter ones may not (لست is "I am not", not "for six").
_MIN_PROCLITIC_WORD = 3


def _fold_lexicon(words: dict[str, tuple[int, Cat]]) -> dict[str, Word]:
    out: dict[str, Word] = {}
    for natural, (value, cat) in words.items():
        key = fold(natural)
        out[key] = Word(Decimal(value), cat, weak=key in _WEAK, compound_only=key in _COMPOUND_ONLY)
    return out


ARABIC = _fold_lexicon(_ARABIC_WORDS)
PERSIAN = _fold_lexicon(_PERSIAN_WORDS)
ENGLISH = _fold_lexicon(_ENGLISH_WORDS)
_ARABIC_KEYS = frozenset(ARABIC)


@lru_cache(maxsize=64)
def _lexicon_for(language: str) -> str:
    """Which word lists a language reads: `ar`, `fa` or `any`.

    English words are always read. Arabic and Persian share a script and clash (`سی`, `صد`,
    `الف`), so the language picks one of them; any other language (English included) reads both,
    because then nothing says which of the two an Arabic-script word belongs to.
    """
    lang = (language or "").lower().split("-")[0].split("_")[0]
    if lang == "ar":
        return "ar"
    if lang in ("fa", "prs", "per", "fas", "dari"):
        return "fa"
    return "any"


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
        node = trie
        for ch in " ".join(phrase.split()):
            node = node.setdefault(ch, {})
        node[""] = {}
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


def _compile_words(lexicon: dict[str, Word]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A finder (left word boundary) and an anchored continuation matcher for one lexicon."""
    body = f"(?P<pre>[{ARABIC_PROCLITICS}])??(?P<w>{alternation(lexicon)}){NOT_BEFORE_WORD}"
    return re.compile(NOT_AFTER_WORD + body), re.compile(body)


_LEXICONS: dict[str, dict[str, Word]] = {
    "ar": {**ARABIC, **ENGLISH},
    "fa": {**PERSIAN, **ENGLISH},
    "any": {**PERSIAN, **ARABIC, **ENGLISH},
}
_WORD_RES: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {k: _compile_words(v) for k, v in _LEXICONS.items()}


def _with_proclitics(words: Iterable[str]) -> frozenset[str]:
    """The words, bare and behind each one-letter proclitic, as `_compile_words` patterns accept them."""
    return frozenset(p + w for w in words for p in ("", *ARABIC_PROCLITICS))


def check_single_words(words: Iterable[str]) -> None:
    """Fail at import if a lexicon entry holds a non-word character: `word_set` gates rely on it."""
    bad = sorted(w for w in words if not _WORD_RE.fullmatch(w))
    if bad:
        raise ValueError(f"lexicon entries that are not single words: {bad}")


# Every word that a match of `_WORD_RES[key][0]` can be (see `word_set`).
_LEXICON_WORDS = {key: _with_proclitics(lexicon) for key, lexicon in _LEXICONS.items()}
check_single_words(_LEXICON_WORDS["any"])
TRIGGER_WORDS: frozenset[str] = _LEXICON_WORDS["any"]
"""Words without one of which a text holds no figure in words (whatever its language)."""

# Between two words of one compound: a conjunction (و as its own word, and), spaces, or a hyphen.
_JOIN_RE = re.compile(r"\s+(?P<conj>و|and)\s+|\s+|-")
# Persian `سه شنبه` (Tuesday) and the other weekday names written in two words.
_WEEKDAY_AFTER_RE = re.compile(r"\s*" + fold("شنبه") + NOT_BEFORE_WORD)

# Digits in the folded text. Lookbehind: not glued to a Latin letter, digit or `_`, nor after
# `.`, `,`, `/`, `:` or a letter-hyphen (`COVID-19`). Arabic letters are checked in code, since a
# one-letter proclitic may be glued to digits (`ب600`).
_DIGITS_RE = re.compile(
    r"(?<![A-Za-z0-9_.,/:])(?<![^\W\d_]-)"
    r"(?:"
    r"(?P<rev>0\d\d(?: \d{3})* [1-9]\d{0,2})(?![\d])"  # `000 110`: groups stored in reverse
    r"|(?P<comma>[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?)"  # 110,000 and 1,234.5
    r"|(?P<space>[1-9]\d{0,2}(?: \d{3})+)(?![\d.,])"  # 110 000
    r"|(?P<plain>\d+(?:\.\d+)?)"  # 80, 178.3
    r")"
    r"(?![0-9_]|(?!km|bn)[a-z]|[.,:/]\d|-[^\W\d_])"
)
_MAX_PLAIN_DIGITS = 10
_ANY_DIGIT_RE = re.compile(DIGIT_FIRST)  # the first character of every `_DIGITS_RE` match


# Scale words that may follow digits (`110 آلاف`, `670 مليون`, `۱۵ هزار`, `8 million`).
_SCALES: dict[str, Word] = {
    key: word
    for lex in (ARABIC, PERSIAN, ENGLISH)
    for key, word in lex.items()
    if word.cat in (Cat.SCALE, Cat.SCALE_MULT)
}
_SCALE_AFTER_DIGITS_RE = re.compile(r"\s*(?P<w>" + alternation(_SCALES) + ")" + NOT_BEFORE_WORD)


@dataclass(frozen=True, slots=True)
class NumberToken:
    """A figure found in the folded text: `[start, end)` are folded-text offsets.

    `digits` is the digit string as written (ASCII, separators removed) when the figure is in
    digits, so callers can tell `2254` from `2,254` and years from counts. `grouped` is true when
    the digits carried group separators (a year is never written `2,019`).
    """

    start: int
    end: int
    value: Decimal
    words: bool  # written in words (wholly or the leading figure)
    scale: Decimal | None = None  # the scale word applied, if any
    digits: str | None = None
    grouped: bool = False
    weak: bool = False
    dual: bool = False  # an Arabic dual scale word (ألفين): the 2 is implicit


def clean_decimal(value: Decimal) -> Decimal:
    """`178300000.0` -> `178300000`, `27.00` -> `27`, `12.50` -> `12.5`: same value, tidy exponent."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_digits(text: str) -> Decimal | None:
    """The value of one folded digit string (`110,000`, `178.3`, `110 000`, `000 110`), or None."""
    m = _DIGITS_RE.fullmatch(text)
    if m is None:
        return None
    return _digit_value(m)


def _digit_value(m: re.Match[str]) -> Decimal:
    if m.group("rev") is not None:
        groups = m.group("rev").split(" ")
        return Decimal("".join(reversed(groups)))
    raw = m.group(0)
    return Decimal(raw.replace(",", "").replace(" ", ""))


def _digit_matches(text: str) -> Iterator[re.Match[str]]:
    """`_DIGITS_RE.finditer(text)`, attempted only where a digit stands.

    Why: the pattern opens with lookbehinds, so `re` cannot skip ahead to a digit by itself and
    runs the whole pattern at every position of the sentence (most sentences hold no figure).
    Every match starts with a digit, and lookbehinds see the text before `pos`, so matching at
    each digit from the end of the previous match finds the same matches as `finditer`.
    """
    pos = 0
    while (digit := _ANY_DIGIT_RE.search(text, pos)) is not None:
        m = _DIGITS_RE.match(text, digit.start())
        if m is None:
            pos = digit.start() + 1
        else:
            yield m
            pos = m.end()


def _proclitic_ok(text: str, start: int) -> bool:
    """Digits right after an Arabic letter are a figure only behind a one-letter proclitic."""
    if start == 0:
        return True
    prev = text[start - 1]
    if not prev.isalpha():
        return True
    if prev not in ARABIC_PROCLITICS:
        return False
    return start < 2 or not re.match(WORD_CHAR, text[start - 2])


def find_digit_numbers(text: str) -> list[NumberToken]:
    """Every figure written in digits, with a following scale word applied (`110 آلاف`)."""
    return _digit_numbers(text, None)[0]


def _digit_numbers(
    text: str, dropped: Callable[[int, int], bool] | None
) -> tuple[list[NumberToken], list[tuple[int, int]]]:
    """`find_digit_numbers(text)` but for the figures whose span `dropped` says the caller drops,
    and the spans of all of them.

    Why: most figures of a news sentence are parts of dates, which the quantity extractor drops;
    building their tokens (decimal values, frozen dataclasses) was a sizeable part of its time.
    Their spans are still returned: they keep the words inside them from being read as figures.
    """
    out: list[NumberToken] = []
    spans: list[tuple[int, int]] = []
    for m in _digit_matches(text):
        start, end = m.span()
        if not _proclitic_ok(text, start):
            continue
        plain = m.group("plain")
        if plain is not None:
            int_part = plain.split(".")[0]
            if len(int_part) > 1 and int_part.startswith("0"):
                continue  # a code or a phone number, not a count
            if len(int_part) > _MAX_PLAIN_DIGITS:
                continue
        sm = _SCALE_AFTER_DIGITS_RE.match(text, end)
        if sm is not None:
            end = sm.end()
        spans.append((start, end))
        if dropped is not None and dropped(start, end):
            continue
        value = clean_decimal(_digit_value(m))
        digits = str(value) if m.group("rev") is not None else m.group(0).replace(",", "").replace(" ", "")
        scale: Decimal | None = None
        if sm is not None:
            scale = _SCALES[sm.group("w")].value
            value = clean_decimal(value * scale)
        out.append(
            NumberToken(
                start=start,
                end=end,
                value=value,
                words=False,
                scale=scale,
                digits=digits,
                grouped=plain is None,
            )
        )
    return out, spans


@dataclass(slots=True)
class _Tok:
    start: int  # start of the word itself (after any proclitic)
    end: int
    word: Word
    conj: bool  # joined to the previous word by و / and


def _read_tokens(text: str, m: re.Match[str], cont_re: re.Pattern[str], lexicon: dict[str, Word]) -> list[_Tok]:
    """The run of number words starting at match `m`, as far as they could be one figure."""
    toks: list[_Tok] = []
    cur: re.Match[str] | None = m
    conj = False
    while cur is not None:
        w = cur.group("w")
        pre = cur.group("pre")
        if pre and (w not in _ARABIC_KEYS or len(w) < _MIN_PROCLITIC_WORD):
            break
        if toks and pre and pre != "و":
            break  # only `و` joins the words of one number
        toks.append(_Tok(cur.start("w"), cur.end("w"), lexicon[w], conj or pre == "و"))
        j = _JOIN_RE.match(text, cur.end())
        if j is None:
            break
        conj = j.group("conj") is not None
        cur = cont_re.match(text, j.end())
    return toks


def _combine(toks: list[_Tok]) -> tuple[Decimal, int, bool]:
    """Read a run of number words as one figure.

    Returns (value, number of words used, whether it is a lone Arabic dual scale word). Stops at the
    first word that cannot continue the figure (`ثلاثة أربعة` is two figures, or none).
    """
    total = Decimal(0)
    group = Decimal(0)
    slots: set[str] = set()  # hundreds / tens / units already filled in the current group
    last_scale: Decimal | None = None
    used = 0
    dual = False
    i = 0
    while i < len(toks):
        tok = toks[i]
        cat = tok.word.cat
        value = tok.word.value
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        step = 1
        if tok.word.compound_only and (not tok.conj if i else nxt is not None and not nxt.conj):
            break  # واحد joins a compound only through و
        if cat in (Cat.UNIT, Cat.TEEN_PREFIX) and nxt is not None and nxt.word.cat == Cat.TEN and not nxt.conj:
            # ثلاثة عشر, أحد عشر: a teen in two words
            if slots & {"units", "tens"}:
                break
            group += value + nxt.word.value
            slots |= {"units", "tens"}
            step = 2
        elif cat == Cat.TEEN_PREFIX:
            break
        elif cat == Cat.UNIT and nxt is not None and nxt.word.cat == Cat.HUNDRED and not nxt.conj:
            # ثلاث مئة, three hundred
            if slots:
                break
            group += value * nxt.word.value
            slots.add("hundreds")
            step = 2
        elif cat in (Cat.UNIT, Cat.TEN, Cat.TEEN, Cat.TENS):
            need = {"units"} if cat == Cat.UNIT else {"tens"} if cat == Cat.TENS else {"units", "tens"}
            if slots & need:
                break
            group += value
            slots |= need
        elif cat in (Cat.HUNDRED, Cat.HUNDREDS):
            if slots:
                break
            group += value
            slots.add("hundreds")
        elif cat in (Cat.SCALE, Cat.SCALE_MULT):
            if last_scale is not None and value >= last_scale:
                break
            if group == 0:
                if cat == Cat.SCALE_MULT:
                    break
                group = Decimal(1)
            total += group * value
            group = Decimal(0)
            slots = set()
            last_scale = value
        elif cat == Cat.DUAL_SCALE:
            if group != 0 or (last_scale is not None and value >= last_scale):
                break
            total += value
            last_scale = value / 2
            dual = used == 0
        used += step
        i += step
    return total + group, used, dual


def find_word_numbers(
    text: str,
    *,
    language: str,
    taken: list[tuple[int, int]] | None = None,
    words: AbstractSet[str] | None = None,
) -> list[NumberToken]:
    """Every figure written in words (`ثمانية ملايين`, `صد و بیست`, `twenty-five`).

    `taken` are spans already read as figures (digits with their scale word); words inside them
    are skipped. `words` is `word_set(text)` when the caller has it (or the part of it that holds
    every `TRIGGER_WORDS` word in it): then the pattern is tried only where the lexicon words among
    them occur (`finditer_from_words`).
    """
    key = _lexicon_for(language)
    find_re, cont_re = _WORD_RES[key]
    if words is None:
        matches: Iterable[re.Match[str]] = find_re.finditer(text)
    else:
        found = _LEXICON_WORDS[key].intersection(words)
        if not found:
            return []
        matches = finditer_from_words(find_re, text, found)
    lexicon = _LEXICONS[key]
    taken_sorted = sorted(taken or [])
    starts = [s for s, _ in taken_sorted]
    ends = [e for _, e in taken_sorted]
    out: list[NumberToken] = []
    pos = 0
    for m in matches:
        if m.start() < pos or overlaps_sorted(starts, ends, m.start(), m.end()):
            continue
        toks = _read_tokens(text, m, cont_re, lexicon)
        if not toks:
            continue
        value, used, dual = _combine(toks)
        if used == 0 or value == 0:
            continue
        toks = toks[:used]
        start, end = toks[0].start, toks[-1].end
        if used == 1 and toks[0].word.compound_only and not _NEGATIVE_WORD_RE.search(text, max(0, start - 12), start):
            continue  # a bare واحد is not a figure, but `سالب واحد` is −1
        if overlaps_sorted(starts, ends, start, end):
            continue
        if used == 1 and toks[0].word.cat == Cat.UNIT and _WEEKDAY_AFTER_RE.match(text, end):
            continue  # سه شنبه is Tuesday
        weak = used == 1 and toks[0].word.weak
        out.append(NumberToken(start=start, end=end, value=value, words=True, scale=None, weak=weak, dual=dual))
        pos = end
    return out


def find_numbers(
    text: str,
    *,
    language: str,
    words: AbstractSet[str] | None = None,
    dropped: Callable[[int, int], bool] | None = None,
    has_digit: bool | None = None,
) -> list[NumberToken]:
    """Every figure in the folded `text`, digits and words, in order of position.

    `words` is `word_set(text)` when the caller has it (a shortcut, see `find_word_numbers`).
    `dropped(start, end)` says which figures in digits the caller will drop: those are left out
    (their words still count as taken, see `_digit_numbers`). `has_digit` says whether `text`
    holds a digit, when the caller knows (a scan of the text saved).
    """
    digits, spans = _digit_numbers(text, dropped) if has_digit is not False else ([], [])
    in_words = find_word_numbers(text, language=language, taken=spans, words=words)
    found = digits if not in_words else sorted(digits + in_words, key=lambda t: t.start)
    return [_negated(text, tok) for tok in found]


# A sign before a figure: a word (`سالب عشرة`, `منفی پنج`, `minus 5`), or a minus sign glued to the
# digits at the start of the text or after a space or a comparison sign (`-5`, `<-30`). A hyphen
# between two figures (`50-60`, `COVID-19`) follows a digit or a letter, so it is not a sign.
_NEGATIVE_WORD_RE = re.compile(
    NOT_AFTER_WORD + "(?:" + alternation(fold(w) for w in ("سالب", "منفی", "minus", "negative")) + r")\s+$"
)
_MINUS_SIGNS = ("-", "\u2212")
_BEFORE_SIGN = " \t\n<>=≤≥("


def _negated(text: str, tok: NumberToken) -> NumberToken:
    """`tok` with a negative value and its span widened, when a sign stands right before it."""
    start = tok.start
    if start and text[start - 1] in _MINUS_SIGNS and not tok.words:
        if start == 1 or text[start - 2] in _BEFORE_SIGN:
            return replace(tok, start=start - 1, value=-tok.value)
        return tok
    if start and text[start - 1].isspace():
        m = _NEGATIVE_WORD_RE.search(text, max(0, start - 12), start)
        if m is not None:
            return replace(tok, start=m.start(), value=-tok.value)
    return tok


def words_to_number(phrase: str, *, language: str = "") -> Decimal | None:
    """The value of a phrase that is wholly one figure in words or digits, or None.

    Convenience for tests and curators: `words_to_number("صد و بیست")` is 120.
    """
    text = fold(phrase.strip())
    found = find_numbers(text, language=language)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].value
    return None


def overlaps_sorted(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    """Whether `[start, end)` overlaps one of the sorted, non-overlapping spans `zip(starts, ends)`.

    A binary search, so checking every candidate of a long article stays linear-logarithmic.
    """
    i = bisect_right(ends, start)
    return i < len(starts) and starts[i] < end
