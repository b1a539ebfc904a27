"""Offset-preserving text normalization for parsing Arabic, Persian and English.

`Document.text` is stored exactly as received (after NFC). Parsers need a folded copy in
which letter variants, digits and invisible controls no longer matter; anything they find
in that copy must map back to an exact `[start, end)` span of the original text. So the
normalizer never edits in place: it returns the folded copy together with, for each of its
code points, the index of the original code point it came from.

Pure standard library: shared by ingestion (segmentation, chrome, language, dates) and the
claims extractor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

ZWNJ = "\u200c"

# Code points removed from the parsing copy. The Persian zero-width non-joiner (U+200C) is
# deliberately absent: it joins the parts of a word (`ده‌ها`, `می‌شود`) and parsers rely on it.
_REMOVED = (
    "\u0640"  # tatweel
    "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"  # harakat, Quranic marks
    "\u200b\u200d\u2060\ufeff"  # zero-width space, joiner, word joiner, BOM
    "\u200e\u200f\u061c"  # LRM, RLM, Arabic letter mark
    "\u202a-\u202e\u2066-\u2069"  # bidi embeddings, overrides and isolates
    "\u00ad"  # soft hyphen
)
REMOVED_RE = re.compile(f"[{_REMOVED}]")

_FOLDS: dict[str, str] = {
    # Yeh and kaf variants: Persian and Arabic spell the same word with different letters.
    "\u06cc": "\u064a",  # Persian yeh ی -> ي
    "\u0649": "\u064a",  # alef maksura ى -> ي
    "\u06d2": "\u064a",  # yeh barree
    "\u06a9": "\u0643",  # keheh ک -> ك
    "\u0629": "\u0647",  # teh marbuta ة -> ه
    "\u06c0": "\u0647",  # heh with yeh above ۀ -> ه
    "\u06d5": "\u0647",  # ae
    # Hamza carriers fold to their bare letters.
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0624": "\u0648",  # ؤ -> و
    "\u0626": "\u064a",  # ئ -> ي
    # Separators that parsers treat like their ASCII counterparts.
    "\u066b": ".",  # Arabic decimal separator ٫
    "\u066c": ",",  # Arabic thousands separator ٬
    "\u00a0": " ",  # no-break space
    "\u202f": " ",  # narrow no-break space
    "\u2009": " ",  # thin space
    "\u2007": " ",  # figure space
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash
    "\u00ab": '"',  # «
    "\u00bb": '"',  # »
    "\u201c": '"',  # “
    "\u201d": '"',  # ”
    "\u2018": "'",
    "\u2019": "'",
}
for _i in range(10):
    _FOLDS[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLDS[chr(0x06F0 + _i)] = str(_i)  # Extended Arabic-Indic (Persian) digits


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {ord(ch): repl for ch, repl in _FOLDS.items()}
    for ch in _iter_class(_REMOVED):
        table[ord(ch)] = ""
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    # Arabic presentation forms (ligatures such as ﻻ) expand to their letters.
    for code in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        expanded = unicodedata.normalize("NFKC", chr(code))
        if expanded != chr(code):
            table[code] = "".join(_FOLDS.get(c, c) for c in expanded)
    return table


def _iter_class(spec: str) -> list[str]:
    """Expand a regex character-class body of single code points and `a-b` ranges."""
    out: list[str] = []
    i = 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return out


_TABLE = _build_table()
# Code points whose replacement is not exactly one code point: only these break the identity map.
_IRREGULAR_RE = re.compile("[" + "".join(re.escape(chr(c)) for c, r in _TABLE.items() if len(r) != 1) + "]")

# Why not `str.translate(_TABLE)`: it looks every code point up in the table and, with a dict,
# raises and clears a KeyError for each one that folds to itself: folding cost a sixth of the
# extractor's time. Most code points fold to themselves, so `_fold` finds the first one that does
# not (a C scan with a bitmap character class) and replaces all of its occurrences with
# `str.replace`, then looks for the next from there: one pass per distinct code point that folds,
# a handful in most sentences (even ten passes cost less than `translate` with a list indexed by
# code point). One replacement after another gives what the simultaneous `translate` gives
# because no replacement holds a code point that folds, except those of a few presentation
# forms (`_CHAINED`), which take `translate`.
_REPLACEMENTS: dict[str, str] = {chr(code): replacement for code, replacement in _TABLE.items()}
_FOLDING_RE = re.compile("[" + "".join(re.escape(ch) for ch in _REPLACEMENTS) + "]")
_CHAINED = frozenset(ch for ch, r in _REPLACEMENTS.items() if any(c in _REPLACEMENTS for c in r))
_IRREGULAR = frozenset(ch for ch, r in _REPLACEMENTS.items() if len(r) != 1)


def _fold(text: str) -> tuple[str, bool]:
    """`text.translate(_TABLE)`, and whether an irregular code point (see `_IRREGULAR_RE`) was folded."""
    folded = text
    irregular = False
    pos = 0
    while (m := _FOLDING_RE.search(folded, pos)) is not None:
        ch = m.group()
        if ch in _CHAINED:
            return text.translate(_TABLE), not _IRREGULAR.isdisjoint(text)
        irregular = irregular or ch in _IRREGULAR
        folded = folded.replace(ch, _REPLACEMENTS[ch])
        pos = m.start()  # nothing before `m` folds, and its replacement does not either
    return folded, irregular


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A folded copy of `original` and the way back.

    `index_map[i]` is the index in `original` of the code point that produced `text[i]`
    (`None` means the identity map: nothing was removed or expanded). It is built the first
    time it is read: most sentences the extractor folds have no mention to map back.
    """

    original: str
    text: str
    # The map, or True while it is not built yet (see `index_map`).
    lazy_index_map: tuple[int, ...] | None | bool

    @property
    def index_map(self) -> tuple[int, ...] | None:
        built = self.lazy_index_map
        if built is True:
            built = _index_map(self.original)
            object.__setattr__(self, "lazy_index_map", built)
        return built  # type: ignore[return-value]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the folded copy to the half-open span of the original.

        The span covers every original code point that produced the folded ones, so a
        removed control inside the span (a tatweel, an LRM) stays inside the quote.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside normalized text of length {len(self.text)}")
        if self.index_map is None:
            return start, end
        return self.index_map[start], self.index_map[end - 1] + 1

    def original_span_text(self, start: int, end: int) -> str:
        """The exact original text behind a span of the folded copy."""
        ostart, oend = self.to_original(start, end)
        return self.original[ostart:oend]


def normalize(text: str) -> NormalizedText:
    """Fold `text` for parsing and keep the map back to it (see module docstring)."""
    if text.isascii():  # only A-Z fold in ASCII, one code point each: `lower` is the fold
        return NormalizedText(text, text.lower(), None)
    folded, irregular = _fold(text)
    if not irregular:
        return NormalizedText(text, folded, None)
    return NormalizedText(text, folded, True)


def _index_map(text: str) -> tuple[int, ...]:
    """The index in `text` of the code point behind each code point of its folded copy.

    Built from runs between irregular code points (C-speed `range` extends), not one code point
    at a time: most Arabic sentences carry a diacritic or tatweel somewhere.
    """
    index_map: list[int] = []
    previous = 0
    for match in _IRREGULAR_RE.finditer(text):
        position = match.start()
        index_map.extend(range(previous, position))
        index_map.extend([position] * len(_TABLE[ord(text[position])]))
        previous = position + 1
    index_map.extend(range(previous, len(text)))
    return tuple(index_map)


def fold(text: str) -> str:
    """The folded form alone: use it for lexicon entries so they match normalized text."""
    if text.isascii():
        return text.lower()
    return _fold(text)[0]


def nfc(text: str) -> str:
    """Unicode NFC, the only change made to a document's text before it is stored."""
    return unicodedata.normalize("NFC", text)
