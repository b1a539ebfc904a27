"""Curators' phrases compiled to patterns, and the word geometry the matcher ranks by.

A vocabulary phrase (an alias such as `التحالف الدولي`, a cue such as `لقي* مصرع*`) is written
in natural spelling and folded like the article text (`corpus.domain.text.fold`), so letter
variants, diacritics, digits and case never matter. The syntax:

- whole words only; an Arabic (or any-language) phrase may carry the attached proclitics و ف
  (and), ب ل ك (by, for, as) and لل (ل + ال); a Persian one only a `به` that lost its space
  (`برای` is not ب + `رای`);
- an Arabic cue word (not an alias) may also carry the article ال (`قتلى` matches `القتلى`); an
  alias may not, so that `مالي` (Mali) never matches `المالي` (financial);
- words of a phrase may be separated by any run of spaces, ZWNJ, quotes and brackets, and two
  Arabic-script words also by nothing at all (`زمین لرزه` matches `زمین‌لرزه` and the
  `زمینلرزه` of a page that lost its ZWNJ); a ZWNJ written inside a word is optional too;
- `*` at the end of a word accepts any ending (`قتيل*` matches `قتيلا`);
- ` … ` (an ellipsis between spaces) accepts any words in between within one sentence
  (aliases only: `اجتماع* … في باريس`).

Pure standard library: no Django.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from corpus.domain.text import NormalizedText, fold
from corpus.extraction.locale import get_locale

ZWNJ = "\u200c"
_PROCLITICS = "(?:[وف]?[بلك]?|به)"
_LAM_LAM = "[وف]?لل"
_SEP = r"[\s\u200c\"'()\[\]]+"
_ARABIC_SEP = r"[\s\u200c\"'()\[\]]*"
_GAP = r"[^.!?؟\n]{1,400}?"
_GAP_SPLIT_RE = re.compile(r"\s*(?:…|\.\.\.)\s*")
_TOKEN_SPLIT_RE = re.compile(r"[\s\"'()\[\]]+")
_ARABIC_LETTER_RE = re.compile(r"[\u0600-\u06ff]")
# Clause breaks: Arabic/Latin commas (not a digit group separator), semicolons, colons (not in a
# clock time `11:47`), dashes set off by spaces (`– lower than any`), and line breaks.
CLAUSE_BREAK_RE = re.compile(r"[،؛;\n]|(?<!\d):|:(?!\d)|,(?!\d)|(?<!\d),|\s[-–—]\s")
# Asides: a pair of spaced dashes or round brackets (`9.6 million citizens – with a population
# of 35 million – had registered`). Words inside one neither separate nor tie what is outside.
_ASIDE_RE = re.compile(r"\s[-–—]\s[^-–—.!?؟\n]{1,200}?\s[-–—]\s|\([^()\n]{1,200}\)")
# Words counted for distances; one-letter pieces are detached proclitics (`ب` of `بأكثر`).
WORD_RE = re.compile(r"\w{2,}")


class PhraseError(ValueError):
    """A phrase that cannot be compiled (empty, or a lone `*`)."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase (an alias or a cue word) ready to match.

    The regex is compiled on first use: a vocabulary holds thousands of names, most of which an
    article never contains (its `probe` literal is absent), so compiling them all up front would
    cost more than matching.
    """

    source: str  # the regex
    probe: str  # a literal every match contains: a cheap test before running the regex
    label: str  # the phrase as the curator wrote it
    gapped: bool

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.source)

    def finditer(self, text: str) -> Iterator[tuple[int, int]]:
        """`[start, end)` of every match in folded `text`, attached proclitics excluded."""
        if self.probe not in text:
            return
        for m in self.regex.finditer(text):
            start = m.start("name") if m.group("name") is not None else m.start("lamlam")
            yield start, m.end()

    def search(self, text: str) -> bool:
        return next(self.finditer(text), None) is not None


def normalize_alias(name: str) -> str:
    """The folded, whitespace-collapsed form stored in `EntityAlias.normalized`."""
    return " ".join(fold(name).split())


def _token_regex(token: str) -> str:
    wild = token.endswith("*")
    body = token[:-1] if wild else token
    # A ZWNJ inside a word joins its parts; pages drop it or write a space instead.
    parts = [re.escape(p) for p in body.split(ZWNJ) if p]
    regex = r"[\s\u200c]?".join(parts)
    return regex + r"\w*" if wild else regex


def _segment_regex(segment: str, *, first: bool, article: bool, persian: bool) -> tuple[str, str]:
    """The regex of one contiguous phrase and the longest literal it contains."""
    tokens = [t for t in _TOKEN_SPLIT_RE.split(segment) if t.strip(ZWNJ)]
    if not tokens or any(t.strip(ZWNJ) == "*" for t in tokens):
        raise PhraseError(f"empty word in phrase {segment!r}")
    arabic = bool(_ARABIC_LETTER_RE.match(tokens[0]))
    body = (_ARABIC_SEP if arabic else _SEP).join(_token_regex(t) for t in tokens)
    literals = [max(t.rstrip("*").split(ZWNJ), key=len) for t in tokens]
    name = "(?P<name>" if first else "(?:"
    if not arabic:
        return rf"(?<!\w){name}{body})(?!\w)", max(literals, key=len)
    if persian:
        # Persian attaches no و ف ب ل ك to a noun (`برای` is not ب + `رای`), only a `به` that
        # lost its space.
        return rf"(?<!\w)(?:به)?{name}{body})(?!\w)", max(literals, key=len)
    definite = tokens[0].startswith("ال") and len(tokens[0].rstrip("*")) > 3
    alternatives = [f"{_PROCLITICS}{'(?:ال)?' if article and not definite else ''}{name}{body})"]
    stem = tokens[0][2:] if definite else tokens[0] if article else ""
    if stem:
        if definite:
            literals[0] = max(stem.rstrip("*").split(ZWNJ), key=len)  # `للتحالف` holds `تحالف`
        rest = (_ARABIC_SEP if arabic else _SEP).join([_token_regex(stem), *(_token_regex(t) for t in tokens[1:])])
        alternatives.append(f"{_LAM_LAM}{'(?P<lamlam>' if first else '(?:'}{rest})")
    return rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)", max(literals, key=len)


def compile_phrase(phrase: str, *, article: bool = False, gaps: bool = True, language: str = "") -> Phrase:
    """Compile a curator's phrase (see the module docstring for the syntax).

    `article` lets an Arabic-script phrase carry the definite article (cue words do, aliases
    do not); `gaps=False` refuses ` … `; `language` `fa` reads the phrase as Persian, whose
    words take no Arabic proclitics.
    """
    folded = normalize_alias(phrase)
    segments = [s for s in _GAP_SPLIT_RE.split(folded) if s]
    if not segments:
        raise PhraseError(f"empty phrase {phrase!r}")
    if len(segments) > 1 and not gaps:
        raise PhraseError(f"phrase {phrase!r}: gaps are for entity aliases only")
    persian = language == "fa"
    parts = [
        _segment_regex(s, first=i == 0, article=article and not persian, persian=persian)
        for i, s in enumerate(segments)
    ]
    regex = _GAP.join(p for p, _ in parts)
    probe = max((p for _, p in parts), key=len)
    return Phrase(regex, probe, phrase, len(segments) > 1)


@cache
def _compiled(source: str) -> re.Pattern[str]:
    return re.compile(source)


# --- word geometry ---------------------------------------------------------------------------

Span = tuple[int, int]


def norm_span(norm: NormalizedText, start: int, end: int) -> Span:
    """The span of the folded text that an original `[start, end)` became."""
    if norm.index_map is None:
        return start, end
    return bisect_left(norm.index_map, start), bisect_left(norm.index_map, end)


def gap(a: Span, b: Span) -> Span | None:
    """The text between two spans, or None when they overlap or touch."""
    lo, hi = (a, b) if a[0] <= b[0] else (b, a)
    if hi[0] <= lo[1]:
        return None
    return lo[1], hi[0]


def word_distance(text: str, a: Span, b: Span) -> int:
    """Words standing between two spans of `text`."""
    between = gap(a, b)
    return 0 if between is None else len(WORD_RE.findall(text, between[0], between[1]))


def same_clause(text: str, a: Span, b: Span) -> bool:
    """Whether no clause break stands between two spans."""
    between = gap(a, b)
    return between is None or CLAUSE_BREAK_RE.search(text, between[0], between[1]) is None


def asides(text: str) -> list[Span]:
    """The `[start, end)` of each aside (dashes or brackets included) in `text`."""
    return [m.span() for m in _ASIDE_RE.finditer(text)]


def mask(text: str, spans: list[Span]) -> str:
    """`text` with the spans blanked out (same length, so offsets still hold)."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def fills_clause(text: str, span: Span, others: Sequence[Span] = ()) -> bool:
    """Whether `span` is a clause on its own, give or take two words (`، اليوم الاثنين،`,
    `، فجر يوم الاثنين؛`): such a figure (a date set off by commas, an item of a list) takes its
    cue from the clauses around it. Words inside `others` (the sentence's other figures, a clock
    time) do not count."""
    before = [m.end() for m in CLAUSE_BREAK_RE.finditer(text, 0, span[0])]
    start = before[-1] if before else 0
    following = CLAUSE_BREAK_RE.search(text, span[1])
    end = following.start() if following else len(text)
    words = [m.span() for m in WORD_RE.finditer(text, start, end) if m.end() <= span[0] or m.start() >= span[1]]
    free = [w for w in words if not any(o[0] <= w[0] and w[1] <= o[1] for o in others)]
    return len(free) <= 2


def is_fronted(text: str, span: Span) -> bool:
    """Whether `span` fills the sentence's first clause on its own (`وفي حزيران 2021، …`).

    A fronted time adverbial scopes the whole sentence, so cues of every clause apply to it.
    """
    first_break = CLAUSE_BREAK_RE.search(text)
    if first_break is None or span[1] > first_break.start():
        return False
    rest = len(WORD_RE.findall(text, 0, span[0])) + len(WORD_RE.findall(text, span[1], first_break.start()))
    return rest <= 1


def inside_any(span: Span, spans: Sequence[Span]) -> bool:
    """Whether `span` lies inside one of `spans` (a figure in a masked aside stands nowhere)."""
    return any(s[0] <= span[0] and span[1] <= s[1] for s in spans)


def conjunction_re(language: str) -> re.Pattern[str] | None:
    """Standalone coordinating conjunctions of the article's language (`and`, `و`), from its locale."""
    try:
        locale = get_locale(language)
    except LookupError:
        return None
    words = sorted({*locale.conjunctions, *locale.number_conjunctions}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
