"""Search patterns that match across scripts: "110" finds "۱۱۰", "كيلومتر" finds "کیلومتر".

Stored text (quotes, names) keeps its own spelling, so a search cannot compare folded columns;
instead the search term is folded with `corpus.domain.text.fold` (the extractor's own fold) and
turned into a regular expression in which each character stands for every character that folds
to it (`1` → `[1١۱]`, `ي` → `[يیىئ…]`), with the characters the fold removes (tatweel,
diacritics, bidi controls) and the Persian ZWNJ allowed between any two. The same pattern is
read by SQLite (Django's Python REGEXP) and PostgreSQL (`~*`), so it keeps to the syntax both
share: bracket expressions of literal characters, backslash-escaped punctuation, `\\s`, `*`, `+`.

Pure: no Django import.
"""

from __future__ import annotations

import re
from functools import cache

from corpus.domain.text import ZWNJ, fold

# The code points whose fold is worth knowing: ASCII, Latin-1, the Arabic block and its
# presentation forms, and the general punctuation the fold handles (spaces, dashes, quotes,
# bidi and zero-width controls).
_CANDIDATE_RANGES = (
    (0x20, 0x7F),
    (0xA0, 0x100),
    (0x0600, 0x0700),
    (0x2000, 0x2070),
    (0x2212, 0x2213),
    (0xFB50, 0xFE00),
    (0xFE70, 0xFF00),
    (0xFEFF, 0xFF00),
)
# Characters that mean something inside a bracket expression, in one dialect or the other.
_BRACKET_SPECIAL = frozenset("]\\^-[")


@cache
def _variant_table() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Folded character -> every candidate character folding to it; and the removed characters."""
    groups: dict[str, set[str]] = {}
    removed: list[str] = [ZWNJ]  # kept by the extractor's fold, but spelling-optional for a search
    for low, high in _CANDIDATE_RANGES:
        for code in range(low, high):
            char = chr(code)
            folded = fold(char)
            if folded == "":
                removed.append(char)
            elif len(folded) == 1 and not folded.isspace():
                groups.setdefault(folded, {folded}).add(char)
    return {k: tuple(sorted(v)) for k, v in groups.items()}, tuple(dict.fromkeys(removed))


def _literal(char: str) -> str:
    # Letters and digits (any script) stand for themselves; anything else is escaped, which both
    # dialects read as the character itself when it is not alphanumeric.
    return char if char.isalnum() or char == "_" else "\\" + char


def _char_class(chars: tuple[str, ...]) -> str:
    if len(chars) == 1:
        return _literal(chars[0])
    plain = [c for c in chars if c not in _BRACKET_SPECIAL]
    if len(plain) != len(chars):
        # Rare (a dash with its variants): alternatives avoid bracket-expression special cases.
        return "(" + "|".join(_literal(c) for c in chars) + ")"
    return "[" + "".join(plain) + "]"


def folded_term(term: str) -> str:
    """The search term as the fold sees it: folded, ZWNJ dropped, spaces collapsed."""
    return " ".join(fold(term).replace(ZWNJ, "").split())


def folded_pattern(term: str) -> str:
    """A regular expression matching `term` in any digit script and Arabic/Persian spelling.

    Case-insensitive matching (`iregex`) is left to the caller; an empty term gives "".
    """
    groups, removed = _variant_table()
    optional = "[" + "".join(c for c in removed if c not in _BRACKET_SPECIAL) + "]*"
    folded = folded_term(term)
    out: list[str] = []
    for index, char in enumerate(folded):
        if index and (_arabic(char) or _arabic(folded[index - 1])):
            # Diacritics, tatweel and ZWNJ only occur in Arabic-script words.
            out.append(optional)
        out.append("\\s+" if char == " " else _char_class(groups.get(char, (char,))))
    return "".join(out)


def _arabic(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff"


def folded_contains(pattern: str, text: str) -> bool:
    """Whether `text` matches a `folded_pattern` (for filtering rows already in memory)."""
    return bool(pattern) and re.search(pattern, text, flags=re.IGNORECASE) is not None
