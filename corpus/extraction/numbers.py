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
    # The scale the figure ends on (`12 مليون`, `ثلاثة آلاف`), which a smaller figure after it
    # may continue: `12 مليون 345 ألف و678`.
    last_scale: Decimal | None = None
    fraction: bool = False  # a fraction word (`ثلث`, `دو سوم`): a part, not a count
    after_noun: bool = False  # a lone `واحد`: a figure only after the noun it counts (`قتيل واحد`)


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
    scales: dict[str, Decimal]
    scale_after_re: re.Pattern[str] | None
    compound_join_re: re.Pattern[str]  # between the parts of a figure across scales
    conjunction_re: re.Pattern[str]  # a number conjunction, glued or spaced
    decimal_word_re: re.Pattern[str] | None  # `یک ممیز پنج`
    glued_code_re: re.Pattern[str] | None  # a currency code right before digits (`Rs1,800`)
    fraction_re: re.Pattern[str] | None
    negative_re: re.Pattern[str] | None
    weekday_re: re.Pattern[str] | None
    trigger_words: frozenset[str]  # every word a `find_re` match can be (see `scanning.word_set`)
    fraction_words: frozenset[str]  # the words a fraction starts with


def _digits_pattern(locale: Locale) -> str:
    """The digits of one figure, as the locale writes them (module docstring, "Digits")."""
    forms = [r"(?P<rev>0\d\d(?: \d{3})* [1-9]\d{0,2})(?![\d])"]  # `000 110`: groups stored in reverse
    if locale.reversed_decimal:
        # `5ر2` is 2.5: the Saudi decimal mark, digits stored in reverse around it
        forms.append(r"(?P<rdec>\d+" + char_class(locale.reversed_decimal) + r"\d+)(?!\d)")
    if locale.dot_groups:
        # `12.400`, `(320.000.000.000)`: dots group thousands (a decimal comma may follow)
        tail = r"(?:[,،]\d+)?" if locale.decimal_comma else ""
        forms.append(r"(?P<dots>[1-9]\d{0,2}(?:\.\d{3})+" + tail + r")(?![\d.,،])")
    if locale.indian_groups:
        forms.append(r"(?P<indian>[1-9]\d?(?:,\d\d)+,\d{3}(?:\.\d+)?)")  # 1,12,079.57: twos above a thousand
    forms.append(r"(?P<comma>[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?)")  # 110,000 and 1,234.5
    if locale.decimal_comma:
        forms.append(r"(?P<dcomma>\d+[,،]\d{1,2})(?![\d]|[,،.]\d)")  # `2,5`, `30،20`: a decimal comma
    if locale.guarded_decimal_marks:
        # `۲/۵ میلیارد`, `۱۲,۵ درصد`: marks that are a decimal point only before a scale word or a
        # unit, since a bare `12/5` may be a day and month and `۲،۳` a list
        after = alternation((*_scale_words(locale), *locale.units))
        marks = char_class(locale.guarded_decimal_marks)
        forms.append(r"(?P<gdec>\d+" + marks + r"\d{1,2})(?![\d/,،])(?=\s*(?:" + after + r")(?![\w\u200c]))")
    forms.append(r"(?P<space>[1-9]\d{0,2}(?: \d{3})+)(?![\d.,])")  # 110 000
    forms.append(r"(?P<plain>\d+(?:\.\d+)?)")  # 80, 178.3
    suffixes = alternation((*locale.glued_suffixes, *locale.glued_scales))
    # A hyphen and a unit after the digits (`12-member`, `30-year`) still leave a figure, and so
    # does a measure word the locale lists (`a 7.5-magnitude quake`).
    hyphen_units = alternation([*(u for u in locale.units if u[:1].isalpha()), *locale.hyphen_words])
    # Lookbehind: not glued to a Latin letter, digit or `_`, nor after `.`, `,`, `/`, `:` or a
    # letter-hyphen (`COVID-19`). Letters of other scripts are checked in code (`_glue_ok`).
    # A currency code may be glued to the digits (`Rs1,800`, `usd500`): each code is its own
    # fixed-width lookbehind, and the code must start a word.
    codes = sorted(c for c in locale.currency_before if c[:1].isalpha())
    glued_codes = "".join(r"|(?<=(?<![A-Za-z])" + re.escape(c) + ")" for c in codes)
    return (
        r"(?:(?<![A-Za-z0-9_.,/:])"
        + glued_codes
        + r")(?<![^\W\d_]-)(?:"
        + "|".join(forms)
        + r")(?![0-9_]|(?!"
        + suffixes
        + r")[a-z]|[.,:/]\d|-(?!"
        + hyphen_units
        + r"(?![\w\u200c]))[^\W\d_])"
    )


def _glued_code_re(locale: Locale) -> re.Pattern[str] | None:
    codes = [c for c in locale.currency_before if c[:1].isalpha()]
    return re.compile(r"(?<![A-Za-z])(?:" + alternation(codes) + r")$") if codes else None


def _scale_words(locale: Locale) -> list[str]:
    return [w for w, word in locale.number_words.items() if word.cat in (Cat.SCALE, Cat.SCALE_PLURAL)]


@cache
def grammar(locale: Locale) -> NumberGrammar:
    words = dict(locale.number_words)
    prefixes = frozenset((*locale.conjunctions, *locale.prepositions))
    body = f"(?P<pre>{char_class(prefixes)})??(?P<w>{alternation(words)}){NOT_BEFORE_WORD}"
    conjunctions = alternation(locale.number_conjunctions)
    join_re = re.compile(r"\s+(?P<conj>" + conjunctions + r")\s+|\s+|-")
    scales = {w: word.value for w, word in words.items() if word.cat in (Cat.SCALE, Cat.SCALE_PLURAL)}
    glued = dict(locale.glued_scales)
    scale_after_re = None
    if scales or glued:
        # `110 آلاف`, `8 million`, and glued only: `3.4m`, `$1.2bn`
        scale_after_re = re.compile(
            r"(?:(?P<g>"
            + alternation(glued)
            + r")(?![\w\u200c])|\s*(?P<w>"
            + alternation(scales)
            + ")"
            + NOT_BEFORE_WORD
            + ")"
        )
    negative_re = (
        re.compile(NOT_AFTER_WORD + "(?:" + alternation(locale.minus_words) + r")\s+$") if locale.minus_words else None
    )
    weekday_re = re.compile(alternation(locale.weekdays) + NOT_BEFORE_WORD) if locale.weekdays else None
    decimal_word_re = None
    if locale.decimal_words:
        decimal_word_re = re.compile(r"\s+(?:" + alternation(locale.decimal_words) + r")\s+")
    fraction_re = None
    if locale.fractions:
        fraction_re = re.compile(
            NOT_AFTER_WORD
            + "(?:"
            + char_class(prefixes)
            + ")??(?P<f>"
            + alternation(locale.fractions)
            + ")"
            + NOT_BEFORE_WORD
        )
    trigger_words = frozenset(p + w for w in words for p in ("", *prefixes))
    fraction_words = frozenset(p + f.split()[0] for f in locale.fractions for p in ("", *prefixes))
    trigger_words |= fraction_words
    check_single_words(trigger_words)
    return NumberGrammar(
        locale=locale,
        words=words,
        prefixes=prefixes,
        find_re=re.compile(NOT_AFTER_WORD + body),
        cont_re=re.compile(body),
        join_re=join_re,
        digits_re=re.compile(_digits_pattern(locale)),
        scales={**scales, **glued},
        scale_after_re=scale_after_re,
        compound_join_re=re.compile(r"\s+|\s*(?:" + conjunctions + r")\s*"),
        conjunction_re=re.compile(r"\s*(?:" + conjunctions + r")\s*"),
        decimal_word_re=decimal_word_re,
        glued_code_re=_glued_code_re(locale),
        fraction_re=fraction_re,
        negative_re=negative_re,
        weekday_re=weekday_re,
        trigger_words=trigger_words,
        fraction_words=fraction_words,
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
    groups = m.groupdict()
    if groups.get("rdec"):
        whole_reversed = re.split(r"\D", groups["rdec"])
        return Decimal(f"{whole_reversed[1]}.{whole_reversed[0]}")
    if groups.get("dots"):
        return Decimal(groups["dots"].replace(".", "").replace(",", ".").replace("،", "."))
    if groups.get("dcomma"):
        return Decimal(groups["dcomma"].replace(",", ".").replace("،", "."))
    if groups.get("gdec"):
        return Decimal(re.sub(r"\D", ".", groups["gdec"]))
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


_MIN_GLUED_WORD = 2
_LETTERS_BEFORE_RE = re.compile(r"[^\W\d_]+$")


def _glue_ok(g: NumberGrammar, text: str, start: int, end: int) -> bool:
    """Whether digits right after a letter are a figure.

    Behind one of the locale's one-letter clitics standing alone (`ب600`, `و2310`) they are. Where
    the locale says so (`glued_after_words`: news copy that dropped a space, `مقتل87`, `من137.7`,
    `الـ11`), digits glued to the end of a word of two letters or more are too, unless word and
    digits are together a unit the locale knows (`كلم2`).
    """
    if start == 0:
        return True
    prev = text[start - 1]
    if not prev.isalpha():
        return True
    if prev in g.prefixes and (start < 2 or not _WORD_CHAR_RE.match(text[start - 2])):
        return True
    if g.glued_code_re is not None and g.glued_code_re.search(text, max(0, start - 8), start):
        return True  # `Rs1,800`: a currency code glued to the digits
    if not g.locale.glued_after_words:
        return False
    word = _LETTERS_BEFORE_RE.search(text, max(0, start - 40), start)
    if word is None or len(word.group()) < _MIN_GLUED_WORD:
        return False
    return text[word.start() : end] not in g.locale.units


def scale_after(g: NumberGrammar, text: str, end: int) -> tuple[Decimal, int, bool] | None:
    """The scale after digits ending at `end`: (its value, where it ends, whether it is glued).

    A larger scale right after a scale multiplies it: `۴۵ هزار میلیارد` is 45 x 10^12.
    """
    if g.scale_after_re is None:
        return None
    sm = g.scale_after_re.match(text, end)
    if sm is None:
        return None
    glued = sm.group("g") is not None
    scale = g.scales[sm.group("g") or sm.group("w")]
    end = sm.end()
    while not glued and (nxt := g.scale_after_re.match(text, end)) is not None and nxt.group("w"):
        bigger = g.scales[nxt.group("w")]
        if bigger <= scale:
            break
        scale *= bigger
        end = nxt.end()
    return scale, end, glued


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
        if not _glue_ok(g, text, start, end):
            continue
        plain = m.group("plain")
        if plain is not None:
            int_part = plain.split(".")[0]
            if len(int_part) > 1 and int_part.startswith("0"):
                continue  # a code or a phone number, not a count
            if len(int_part) > _MAX_PLAIN_DIGITS:
                continue
        scaled = scale_after(g, text, end)
        if scaled is not None:
            end = scaled[1]
        spans.append((start, end))
        if skip is not None and skip.hit(start, end):
            continue
        value = clean_decimal(_digit_value(m))
        dots = m.groupdict().get("dots")
        if dots and scaled is not None and dots.count(".") == 1 and not scaled[2]:
            value = Decimal(dots)  # `15.700 ألف`: before a scale word, a single dot is a decimal point
        digits = m.group(0).replace(",", "").replace(" ", "") if plain is not None or m.group("comma") else str(value)
        scale: Decimal | None = None
        if scaled is not None:
            scale = scaled[0]
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
                last_scale=scale,
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


def _combine(toks: list[_Tok]) -> tuple[Decimal, int, bool, Decimal | None]:
    """Read a run of number words as one figure.

    Returns (value, number of words used, whether it is a lone Arabic dual scale word, the scale
    the figure ends on when it ends on one: `ثلاثة آلاف` ends on 1000, `ثلاثة آلاف وخمسمئة` on
    none). Stops at the first word that cannot continue the figure (`ثلاثة أربعة` is two figures,
    or none). A larger scale right after a scale multiplies it: `پنج هزار میلیارد` is 5 x 10^12.
    """
    total = Decimal(0)
    group = Decimal(0)
    chunk = Decimal(0)  # what the last scale word added to `total`
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
            if last_scale is not None and value > last_scale and group == 0 and used and not tok.conj:
                total += chunk * (value - 1)  # هزار میلیارد: a thousand billion
                chunk *= value
                last_scale *= value
                used += step
                i += step
                continue
            if last_scale is not None and value >= last_scale:
                break
            if group == 0:
                if cat == Cat.SCALE_PLURAL:
                    break
                group = Decimal(1)
            chunk = group * value
            total += chunk
            group = Decimal(0)
            slots = set()
            last_scale = value
        elif cat == Cat.SCALE_DUAL:
            if group != 0 or (last_scale is not None and value >= last_scale):
                break
            total += value
            chunk = value
            last_scale = value / 2
            dual = used == 0
        used += step
        i += step
    return total + group, used, dual, last_scale if group == 0 else None


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
        value, used, dual, last_scale = _combine(toks)
        if used == 0 or value == 0:
            continue
        toks = toks[:used]
        start, end = toks[0].start, toks[-1].end
        if overlaps_sorted(starts, ends, start, end):
            continue
        if used == 1 and toks[0].word.compound_only and not _after_minus(g, text, start):
            # A bare واحد is not a figure (`في آن واحد`), but `سالب واحد` is −1, and after the noun
            # it counts (`قتيل واحد`) it is one of it: the quantity finder decides.
            out.append(NumberToken(start=start, end=end, value=value, words=True, weak=True, after_noun=True))
            pos = end
            continue
        if used == 1 and g.weekday_re is not None and (wd := g.weekday_re.match(text, start)) and wd.end() > end:
            continue  # سه شنبه is Tuesday
        weak = used == 1 and toks[0].word.weak
        out.append(
            NumberToken(start=start, end=end, value=value, words=True, weak=weak, dual=dual, last_scale=last_scale)
        )
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
    """Every figure in the folded `text`, digits, words and fractions, in order of position.

    `words` is `scanning.word_set(text)` when the caller has it (a shortcut, see
    `find_word_numbers`). Figures in digits that `skip` covers are left out (their words still
    count as taken, see `_digit_numbers`). `has_digit` says whether `text` holds a digit, when
    the caller knows (a scan of the text saved). Parts of one figure are joined (`_join_parts`).
    """
    g = grammar(get_locale(language))
    digits, spans = _digit_numbers(g, text, skip) if has_digit is not False else ([], [])
    fractions = _fractions(g, text, words, spans)
    in_words = find_word_numbers(
        text, language=g.locale, taken=spans + [(t.start, t.end) for t in fractions], words=words
    )
    found = digits if not (in_words or fractions) else sorted(digits + in_words + fractions, key=lambda t: t.start)
    if len(found) > 1:
        found = _join_parts(g, text, found)
    return [_negated(g, text, tok) for tok in found]


def _fractions(
    g: NumberGrammar, text: str, words: Iterable[str] | None, taken: list[tuple[int, int]]
) -> list[NumberToken]:
    """Fraction words (`ثلث`, `ثلثي`, `دو سوم`, `half`), times a scale word after them (`نصف مليون`)."""
    if g.fraction_re is None:
        return []
    if words is not None and g.fraction_words.isdisjoint(words):
        return []
    starts = [s for s, _ in sorted(taken)]
    ends = [e for _, e in sorted(taken)]
    out = []
    for m in g.fraction_re.finditer(text):
        start, end = m.span("f")
        if overlaps_sorted(starts, ends, start, end):
            continue
        value = g.locale.fractions[" ".join(m.group("f").split())]
        scaled = scale_after(g, text, end)
        if scaled is not None and not scaled[2]:
            value, end = value * scaled[0], scaled[1]
        out.append(NumberToken(start, end, clean_decimal(value), words=True, fraction=scaled is None))
    return out


def _join_parts(g: NumberGrammar, text: str, tokens: list[NumberToken]) -> list[NumberToken]:
    """Figures that are parts of one figure, joined into it.

    - across scales: a figure that ends on a scale and a smaller one after it, joined by a space
      or a number conjunction (`12 مليون 345 ألف و678` is 12,345,678; `۳ میلیون و ۴۵۰ هزار`;
      `15 ألفا و320`; `یک هزار و 624`);
    - a whole figure and a fraction joined by a conjunction (`عشرة ونصف`, `دوازده و نیم`);
    - a whole figure, a decimal word and a figure (`یک ممیز پنج` is 1.5, `ثلاثة فاصلة خمسة` 3.5).
    """
    out = [tokens[0]]
    for tok in tokens[1:]:
        prev = out[-1]
        if tok.value <= 0 or prev.fraction or prev.after_noun or tok.after_noun:
            out.append(tok)
            continue
        joined: NumberToken | None = None
        if (
            prev.last_scale is not None
            and not tok.fraction
            and tok.value < prev.last_scale
            and (tok.last_scale is None or tok.last_scale < prev.last_scale)
            and g.compound_join_re.fullmatch(text, prev.end, tok.start)
        ):
            joined = replace(prev, end=tok.end, value=prev.value + tok.value, last_scale=tok.last_scale, weak=False)
        elif (
            tok.fraction
            and tok.value < 1
            and prev.value == prev.value.to_integral_value()
            and g.conjunction_re.fullmatch(text, prev.end, tok.start)
        ):
            joined = replace(prev, end=tok.end, value=prev.value + tok.value, last_scale=None, weak=False)
        elif (
            g.decimal_word_re is not None
            and not tok.fraction
            and prev.value == prev.value.to_integral_value()
            and tok.value == tok.value.to_integral_value()
            and g.decimal_word_re.fullmatch(text, prev.end, tok.start)
        ):
            places = len(str(int(tok.value)))
            value = clean_decimal(prev.value + tok.value / Decimal(10) ** places)
            joined = replace(prev, end=tok.end, value=value, last_scale=None, weak=False)
        if joined is None:
            out.append(tok)
            continue
        if joined.digits is not None:
            joined = replace(joined, digits=str(joined.value), grouped=True, scale=joined.scale or prev.last_scale)
        out[-1] = joined
    return out


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
