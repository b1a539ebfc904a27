"""Number tokens: figures written in digits or in words, read into exact `Decimal` values.

The first stage after scanning: before anyone asks what a figure counts or how it is hedged,
this module says where each figure is and what it says, on the folded copy of a text made by
`corpus.domain.text.normalize` (Arabic-Indic and Persian digits are already ASCII, `٫` is `.`,
`٬` is `,`, no-break spaces are spaces, letter variants are folded). Its words are the
locale's (`corpus.extraction.locale`): Arabic text reads Arabic number words, English text
English ones, and nothing else.

Digits
    `80`, `178.3`, `110,000`, `110 000` (space-grouped), and the right-to-left layout accident
    `۰۰۰ ۱۱۰`: a Persian page typed as two "words" that a bidi-unaware editor stored in the
    wrong logical order. We read groups in reverse only when the FIRST group starts with `0`:
    a number written in the normal order never begins with a zero group, so this reading can
    never change the value of a correctly stored number (and `۱۱۰ ۰۰۰` still reads 110000).
    A comma followed by one or two digits (`2,5`) is ambiguous (decimal in some Maghreb papers,
    a list elsewhere) and is not read at all. Digits glued to Latin letters or codes (`G20`,
    `COVID-19`, `km2`), to `/` or `:` (dates, times), plain strings with a leading zero (`0791…`,
    codes and phone numbers) and plain strings longer than ten digits are not figures; letters
    the locale lists as glued suffixes (`5km`, `3bn`) are allowed. Digits right after a letter
    are a figure only behind one of the locale's one-letter clitics standing alone (`ب600`).
    A scale word of the locale may follow the digits: `110 آلاف`, `670 مليون`, `8 million`.

Words
    Cardinals with compounds (`خمسة وعشرون`, `صد و بیست`, `ثلاثة عشر`, `ثلاث مئة`, `ثمانية
    ملايين`, `twenty-five`), each word in a category (`locale.Cat`) that says how it combines.
    A word may carry one of the locale's clitics (`وعشرون`, `بثلاثة`) when it is at least
    `min_prefixed_word` letters long; only a number conjunction joins the words of one figure.

    Weak words (`یک`, the indefinite article in `یک مرحله`; `one`) are returned with
    `weak=True`; the quantity extractor keeps a weak token only when it counts a noun it knows.
    Inside a compound or before a scale word (`یک میلیون`) they are not weak. Compound-only
    words (Arabic `واحد`) are a figure only inside a compound joined by a conjunction, or after
    a minus word (`سالب واحد`). A number word that begins a weekday name (`سه شنبه`, Tuesday) is
    not a figure there. Ordinals and the Arabic weekday names (`الأحد`: number words are never
    read with the article) are not number words.

Signs
    A minus word of the locale before a figure, or a minus sign glued to its digits at the start
    of the text or after a space or a comparison sign (`-5`, `<-30`), makes the figure negative
    and widens its span. A hyphen after a digit or a letter (`50-60`, `COVID-19`) is no sign.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from corpus.domain.text import fold
from corpus.extraction.locale import Cat, Locale, NumberWord, get_locale
from corpus.extraction.scanning import (
    DIGIT_FIRST,
    NOT_AFTER_WORD,
    NOT_BEFORE_WORD,
    WORD_CHAR,
    Blocked,
    alternation,
    char_class,
    check_single_words,
    finditer_from_words,
    overlaps_sorted,
)

_WORD_CHAR_RE = re.compile(WORD_CHAR)
_MAX_PLAIN_DIGITS = 10
_ANY_DIGIT_RE = re.compile(DIGIT_FIRST)  # the first character of every digit match
_MINUS_SIGNS = ("-", "\u2212")
_BEFORE_SIGN = " \t\n<>=≤≥("


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


@dataclass(frozen=True, eq=False)
class NumberGrammar:
    """The compiled patterns of one locale's numbers (built once per locale, see `grammar`)."""

    locale: Locale
    words: dict[str, NumberWord]
    prefixes: frozenset[str]
    find_re: re.Pattern[str]  # a number word at a word start, with an optional clitic
    cont_re: re.Pattern[str]  # the same, anchored where the previous word's join ended
    join_re: re.Pattern[str]  # between two words of one compound
    digits_re: re.Pattern[str]
    scales: dict[str, NumberWord]
    scale_after_re: re.Pattern[str] | None
    negative_re: re.Pattern[str] | None
    weekday_re: re.Pattern[str] | None
    trigger_words: frozenset[str]  # every word a `find_re` match can be (see `scanning.word_set`)


@cache
def grammar(locale: Locale) -> NumberGrammar:
    words = dict(locale.number_words)
    prefixes = frozenset((*locale.conjunctions, *locale.prepositions))
    body = f"(?P<pre>{char_class(prefixes)})??(?P<w>{alternation(words)}){NOT_BEFORE_WORD}"
    conjunctions = alternation(locale.number_conjunctions)
    join_re = re.compile(r"\s+(?P<conj>" + conjunctions + r")\s+|\s+|-")
    suffixes = alternation(locale.glued_suffixes)
    # Digits in the folded text. Lookbehind: not glued to a Latin letter, digit or `_`, nor after
    # `.`, `,`, `/`, `:` or a letter-hyphen (`COVID-19`). Letters of other scripts are checked in
    # code (`_clitic_ok`), since a one-letter clitic may be glued to digits (`ب600`).
    digits_re = re.compile(
        r"(?<![A-Za-z0-9_.,/:])(?<![^\W\d_]-)"
        r"(?:"
        r"(?P<rev>0\d\d(?: \d{3})* [1-9]\d{0,2})(?![\d])"  # `000 110`: groups stored in reverse
        r"|(?P<comma>[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?)"  # 110,000 and 1,234.5
        r"|(?P<space>[1-9]\d{0,2}(?: \d{3})+)(?![\d.,])"  # 110 000
        r"|(?P<plain>\d+(?:\.\d+)?)"  # 80, 178.3
        r")"
        r"(?![0-9_]|(?!" + suffixes + r")[a-z]|[.,:/]\d|-[^\W\d_])"
    )
    scales = {w: word for w, word in words.items() if word.cat in (Cat.SCALE, Cat.SCALE_PLURAL)}
    scale_after_re = re.compile(r"\s*(?P<w>" + alternation(scales) + ")" + NOT_BEFORE_WORD) if scales else None
    negative_re = (
        re.compile(NOT_AFTER_WORD + "(?:" + alternation(locale.minus_words) + r")\s+$") if locale.minus_words else None
    )
    weekday_re = re.compile(alternation(locale.weekdays) + NOT_BEFORE_WORD) if locale.weekdays else None
    trigger_words = frozenset(p + w for w in words for p in ("", *prefixes))
    check_single_words(trigger_words)
    return NumberGrammar(
        locale=locale,
        words=words,
        prefixes=prefixes,
        find_re=re.compile(NOT_AFTER_WORD + body),
        cont_re=re.compile(body),
        join_re=join_re,
        digits_re=digits_re,
        scales=scales,
        scale_after_re=scale_after_re,
        negative_re=negative_re,
        weekday_re=weekday_re,
        trigger_words=trigger_words,
    )


def clean_decimal(value: Decimal) -> Decimal:
    """`178300000.0` -> `178300000`, `27.00` -> `27`, `12.50` -> `12.5`: same value, tidy exponent."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def parse_digits(text: str, *, language: str | Locale) -> Decimal | None:
    """The value of one folded digit string (`110,000`, `178.3`, `110 000`, `000 110`), or None."""
    m = grammar(get_locale(language)).digits_re.fullmatch(text)
    if m is None:
        return None
    return _digit_value(m)


def _digit_value(m: re.Match[str]) -> Decimal:
    if m.group("rev") is not None:
        groups = m.group("rev").split(" ")
        return Decimal("".join(reversed(groups)))
    raw = m.group(0)
    return Decimal(raw.replace(",", "").replace(" ", ""))


def _digit_matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for the digits pattern, attempted only where a digit stands.

    Why: the pattern opens with lookbehinds, so `re` cannot skip ahead to a digit by itself and
    runs the whole pattern at every position of the sentence (most sentences hold no figure).
    Every match starts with a digit, and lookbehinds see the text before `pos`, so matching at
    each digit from the end of the previous match finds the same matches as `finditer`.
    """
    pos = 0
    while (digit := _ANY_DIGIT_RE.search(text, pos)) is not None:
        m = pattern.match(text, digit.start())
        if m is None:
            pos = digit.start() + 1
        else:
            yield m
            pos = m.end()


def _clitic_ok(text: str, start: int, prefixes: frozenset[str]) -> bool:
    """Digits right after a letter are a figure only behind a one-letter clitic standing alone."""
    if start == 0:
        return True
    prev = text[start - 1]
    if not prev.isalpha():
        return True
    if prev not in prefixes:
        return False
    return start < 2 or not _WORD_CHAR_RE.match(text[start - 2])


def _digit_numbers(
    g: NumberGrammar, text: str, skip: Blocked | None
) -> tuple[list[NumberToken], list[tuple[int, int]]]:
    """The figures written in digits (a following scale word applied) but those `skip` covers,
    and the spans of all of them.

    Why `skip`: most figures of a news sentence are parts of dates, which the quantity extractor
    drops; building their tokens (decimal values, frozen dataclasses) was a sizeable part of its
    time. Their spans are still returned: they keep the words inside them from being read as
    figures.
    """
    out: list[NumberToken] = []
    spans: list[tuple[int, int]] = []
    for m in _digit_matches(g.digits_re, text):
        start, end = m.span()
        if not _clitic_ok(text, start, g.prefixes):
            continue
        plain = m.group("plain")
        if plain is not None:
            int_part = plain.split(".")[0]
            if len(int_part) > 1 and int_part.startswith("0"):
                continue  # a code or a phone number, not a count
            if len(int_part) > _MAX_PLAIN_DIGITS:
                continue
        sm = g.scale_after_re.match(text, end) if g.scale_after_re is not None else None
        if sm is not None:
            end = sm.end()
        spans.append((start, end))
        if skip is not None and skip.hit(start, end):
            continue
        value = clean_decimal(_digit_value(m))
        digits = str(value) if m.group("rev") is not None else m.group(0).replace(",", "").replace(" ", "")
        scale: Decimal | None = None
        if sm is not None:
            scale = g.scales[sm.group("w")].value
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
    start: int  # start of the word itself (after any clitic)
    end: int
    word: NumberWord
    conj: bool  # joined to the previous word by a conjunction


def _read_tokens(g: NumberGrammar, text: str, m: re.Match[str]) -> list[_Tok]:
    """The run of number words starting at match `m`, as far as they could be one figure."""
    toks: list[_Tok] = []
    cur: re.Match[str] | None = m
    conj = False
    joiners = g.locale.number_conjunctions
    while cur is not None:
        w = cur.group("w")
        pre = cur.group("pre")
        if pre and len(w) < g.locale.min_prefixed_word:
            break
        if toks and pre and pre not in joiners:
            break  # only a conjunction joins the words of one number
        toks.append(_Tok(cur.start("w"), cur.end("w"), g.words[w], conj or pre in joiners))
        j = g.join_re.match(text, cur.end())
        if j is None:
            break
        conj = j.group("conj") is not None
        cur = g.cont_re.match(text, j.end())
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
        elif cat in (Cat.SCALE, Cat.SCALE_PLURAL):
            if last_scale is not None and value >= last_scale:
                break
            if group == 0:
                if cat == Cat.SCALE_PLURAL:
                    break
                group = Decimal(1)
            total += group * value
            group = Decimal(0)
            slots = set()
            last_scale = value
        elif cat == Cat.SCALE_DUAL:
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
    language: str | Locale,
    taken: list[tuple[int, int]] | None = None,
    words: Iterable[str] | None = None,
) -> list[NumberToken]:
    """Every figure written in words (`ثمانية ملايين`, `صد و بیست`, `twenty-five`).

    `taken` are spans already read as figures (digits with their scale word); words inside them
    are skipped. `words` is `scanning.word_set(text)` when the caller has it (or the part of it
    that holds every trigger word in it): then the pattern is tried only where the lexicon words
    among them occur (`finditer_from_words`).
    """
    g = grammar(get_locale(language))
    if words is None:
        matches: Iterable[re.Match[str]] = g.find_re.finditer(text)
    else:
        found = g.trigger_words.intersection(words)
        if not found:
            return []
        matches = finditer_from_words(g.find_re, text, found)
    taken_sorted = sorted(taken or [])
    starts = [s for s, _ in taken_sorted]
    ends = [e for _, e in taken_sorted]
    out: list[NumberToken] = []
    pos = 0
    for m in matches:
        if m.start() < pos or overlaps_sorted(starts, ends, m.start(), m.end()):
            continue
        toks = _read_tokens(g, text, m)
        if not toks:
            continue
        value, used, dual = _combine(toks)
        if used == 0 or value == 0:
            continue
        toks = toks[:used]
        start, end = toks[0].start, toks[-1].end
        if used == 1 and toks[0].word.compound_only and not _after_minus(g, text, start):
            continue  # a bare واحد is not a figure, but `سالب واحد` is −1
        if overlaps_sorted(starts, ends, start, end):
            continue
        if used == 1 and g.weekday_re is not None and (wd := g.weekday_re.match(text, start)) and wd.end() > end:
            continue  # سه شنبه is Tuesday
        weak = used == 1 and toks[0].word.weak
        out.append(NumberToken(start=start, end=end, value=value, words=True, scale=None, weak=weak, dual=dual))
        pos = end
    return out


def find_numbers(
    text: str,
    *,
    language: str | Locale,
    words: Iterable[str] | None = None,
    skip: Blocked | None = None,
    has_digit: bool | None = None,
) -> list[NumberToken]:
    """Every figure in the folded `text`, digits and words, in order of position.

    `words` is `scanning.word_set(text)` when the caller has it (a shortcut, see
    `find_word_numbers`). Figures in digits that `skip` covers are left out (their words still
    count as taken, see `_digit_numbers`). `has_digit` says whether `text` holds a digit, when
    the caller knows (a scan of the text saved).
    """
    g = grammar(get_locale(language))
    digits, spans = _digit_numbers(g, text, skip) if has_digit is not False else ([], [])
    in_words = find_word_numbers(text, language=g.locale, taken=spans, words=words)
    found = digits if not in_words else sorted(digits + in_words, key=lambda t: t.start)
    return [_negated(g, text, tok) for tok in found]


def _after_minus(g: NumberGrammar, text: str, start: int) -> re.Match[str] | None:
    """The minus word right before `start` (`سالب`, `منفی`, `minus`), if there is one."""
    if g.negative_re is None:
        return None
    return g.negative_re.search(text, max(0, start - 12), start)


def _negated(g: NumberGrammar, text: str, tok: NumberToken) -> NumberToken:
    """`tok` with a negative value and its span widened, when a sign stands right before it."""
    start = tok.start
    if start and text[start - 1] in _MINUS_SIGNS and not tok.words:
        if start == 1 or text[start - 2] in _BEFORE_SIGN:
            return replace(tok, start=start - 1, value=-tok.value)
        return tok
    if start and text[start - 1].isspace():
        m = _after_minus(g, text, start)
        if m is not None:
            return replace(tok, start=m.start(), value=-tok.value)
    return tok


def words_to_number(phrase: str, *, language: str | Locale) -> Decimal | None:
    """The value of a phrase that is wholly one figure in words or digits, or None.

    Convenience for tests and curators: `words_to_number("صد و بیست", language="fa")` is 120.
    """
    text = fold(phrase.strip())
    found = find_numbers(text, language=language)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        return found[0].value
    return None
