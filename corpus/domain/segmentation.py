"""Sentence segmentation for Arabic, Persian and English news text.

A `Sentence` is the unit a claim's evidence points into, so a split in the wrong place cuts
a figure from its subject ("178." | "3 million") and a missed split glues two claims
together. The rules, decided once for all three languages:

- A sentence ends at a line break, or at `.` `!` `?` `؟` (or a run of them such as `?!`)
  followed by whitespace or the end of the line. Closing quotes and brackets right after
  the terminator (`."` `».` is already covered, `.»` `?)`) belong to the sentence.
- A terminator followed directly by a non-space character never ends a sentence: that keeps
  decimals (`178.3`), dotted dates (`2019.06.25`), URLs, e-mail addresses and dotted
  abbreviations (`U.S.A`) whole. `٫` (Arabic decimal separator), `/` dates, `،` and `؛`
  are never terminators.
- Two or more dots (`..`, `...`) and `…` are a pause, not an end: Arabic headlines use
  `..` as a dash (`داعش.. "التفاصيل الكاملة"`, `سوريا.. دعم وحلول مستدامة`).
- A single `.` after an abbreviation (`Dr.`, `No.`, `e.g.`, `U.S.`), after a single letter
  (the initial in `J. Smith`, Arabic `د.` for doctor) or before a lowercase Latin word
  does not end a sentence. The cost: "… in the U.S. The next …" stays one sentence.
- Leading and trailing whitespace and invisible bidi controls are trimmed from each span;
  pieces with no letter or digit (a stray `-`) are dropped.

Offsets are code points into the text, half-open: `text[span.start:span.end] == span.text`.
Pure standard library.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from corpus.domain.chrome import Line, classify_lines, iter_line_spans

_TERMINATOR_RE = re.compile(r"([.!?؟…]+)([\"'”’»›)\]}]*)")
_OPENERS = "\"'“‘«‹([{"
# Trimmed from span edges: Python whitespace plus invisible format controls.
_TRIM = "\u200b\u200c\u200d\u200e\u200f\u061c\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# Lowercased, without their final dot. Only words that usually precede something else:
# a sentence rarely ends in "Dr." but often ends in "etc.", which is therefore absent.
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "rev", "hon", "gen", "col", "lt", "sgt",
        "capt", "cmdr", "adm", "gov", "sen", "rep", "pres", "amb", "no", "nos", "vol", "fig", "figs", "p",
        "pp", "ch", "art", "sec", "para", "approx", "ca", "cf", "vs", "e.g", "i.e", "al", "inc", "ltd", "co",
        "corp", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
        "dec", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u",
    }
)  # fmt: skip
# Dotted initialisms (`U.S`, `e.g`, `a.m`): letters separated by dots.
_DOTTED_RE = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]$")


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A sentence of a document: `text == document[start:end]`, code points, half-open."""

    index: int
    start: int
    end: int
    text: str


def segment(text: str) -> list[SentenceSpan]:
    """Split all of `text` into sentences, chrome included (see `sentences` to skip it)."""
    pieces = [piece for start, end in iter_line_spans(text) for piece in _split_line(text, start, end)]
    return [SentenceSpan(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(pieces)]


def sentences(text: str, lines: Sequence[Line] | None = None) -> list[SentenceSpan]:
    """The article's sentences: content lines only, numbered in document order.

    Pass `lines` when the caller already ran `classify_lines` (to read the dateline, say),
    so the page is classified once.
    """
    if lines is None:
        lines = classify_lines(text)
    pieces = [piece for line in lines if line.chrome is None for piece in _split_line(text, line.start, line.end)]
    return [SentenceSpan(index=i, start=s, end=e, text=text[s:e]) for i, (s, e) in enumerate(pieces)]


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside one line `text[start:end]` (which holds no line break)."""
    piece_start = start
    for match in _TERMINATOR_RE.finditer(text, start, end):
        stop = match.end()
        if stop < end and not text[stop].isspace():
            continue  # 178.3, 2019.06.25, example.com, U.S.A, a@b.org
        if not _ends_sentence(text, piece_start, match, end):
            continue
        trimmed = _trim(text, piece_start, stop)
        if trimmed is not None:
            yield trimmed
        piece_start = stop
    trimmed = _trim(text, piece_start, end)
    if trimmed is not None:
        yield trimmed


def _ends_sentence(text: str, piece_start: int, match: re.Match[str], end: int) -> bool:
    """Whether a terminator followed by a space (or the line's end) closes the sentence."""
    terminator = match.group(1)
    if set(terminator) <= {".", "…"} and terminator != ".":
        return False  # ellipsis or Arabic `..`: a pause
    if terminator != ".":
        return True  # ! ? ؟ and mixed runs such as ?! or ؟!
    if match.end() >= end:
        return True
    token = _token_before(text, piece_start, match.start())
    if _is_abbreviation(token):
        return False
    following = text[match.end() : end].lstrip().lstrip(_OPENERS)
    # English sentences start with a capital: "approx. five" and "e.g. this" go on.
    return not (following and following[0].isascii() and following[0].islower())


def _token_before(text: str, piece_start: int, dot: int) -> str:
    """The word that a dot at `dot` ends, without its opening quotes or brackets."""
    begin = dot
    while begin > piece_start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:dot].lstrip(_OPENERS)


def _is_abbreviation(token: str) -> bool:
    if not token:
        return False
    if len(token) == 1 and token.isalpha():
        return True  # an initial: "J. Smith", "د. أحمد"
    lowered = token.lower()
    return lowered in ABBREVIATIONS or bool(_DOTTED_RE.match(token))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink `[start, end)` past whitespace and bidi controls; None when nothing is left to say."""
    while start < end and (text[start].isspace() or text[start] in _TRIM):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _TRIM):
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return start, end
