"""Quantity and identifier mentions: what a figure counts, and how firmly it is stated.

`find_quantities(norm, language=..., blocked=...)` is the quantity half of the extractor (see
`corpus.extraction.extraction`). It works on the folded copy of the text and reports original
offsets. For every figure (`corpus.extraction.numbers`), vague amount (`عشرات`, `هزاران`) and
Arabic dual noun (`مركزين`, `لمركزي`) it looks, with the locale's words:

- left, for a hedge (`أكثر من`, `نحو`, `دستکم`, `about`; a verb such as `تفوق` may stand up to two
  words away: `تفوق مساحتها 110 آلاف`; a comparison sign `>`, `<=`, `≥`), a range opener
  (`بين 50 و60`, `از ۵۰ تا ۶۰`), a currency sign (`$600`) or an identifier word (`رقم`,
  `المادة`, `resolution`);
- right, for the unit or counted noun (`بلداً`, `کشور`, `كيلومتر مربع`, `من قوات الأمن`) and a
  trailing hedge (`على الأقل`, `أو أقل`; a clause-final `أو يساوي` closes a strict hedge:
  `أقل من ٥٠٠٠ أو يساوي` is at most 5000).

A lower and an upper one-sided hedge joined by a conjunction (`أكبر من ١٠٠ وأصغر من ٣٠٠`) make
one range mention (rule `hedge.between`), each end open or closed as its own hedge says.

The mention spans hedge + figure + scale + noun as written, so the quote reads naturally; a
one-letter clitic on the first word (`بأكثر`, `لمركزي`) stays outside it. Every bound comes from
`policy.toml` and the mention names the rule it used.

Decisions that keep the output quiet:
- A bare four-digit number in one of the locale's year ranges (no scale word, no unit, no group
  separator) is a year: dates are the date extractor's job, and `2019` alone is never a count
  we could check. `2,000`, `2000 شخص` and `2 مليار` are still quantities.
- A day number next to a month name (`26 يونيو`, `11 من أيار`, `۴ سرطان`) is a date even when
  the date extractor did not block it.
- Weak number words (`یک` as an article, see `numbers`) count only before a known noun.
- Dual nouns come from the locale's list: a word ending in `ين` is not a dual by itself. Their
  construct form (`لمركزي هداية`) is accepted only behind a preposition clitic and without the
  article, before a word, because `مركزي` alone is "central". With the article a dual refers
  back to things already named (`البلدين`, "the two countries") and is no count, except a span
  of time (`خلال اليومين الماضيين`).
- A number after an identifier word is an identifier, not a quantity.

`nominal` is the stated figure. Two kinds of mention state none, and carry a documented
stand-in: a vague word's nominal is the lower bound of its policy range (`عشرات` -> 20), and a
range's nominal is its first figure (the second is in `extra["nominal_upper"]`). The cross-check
compares the bounds, never these stand-ins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from corpus.domain.text import NormalizedText
from corpus.extraction import numbers
from corpus.extraction.locale import Locale, get_locale, shipped
from corpus.extraction.mentions import IdentifierValue, Kind, Mention, Modifier, QuantityValue
from corpus.extraction.numbers import NumberToken, clean_decimal, find_numbers
from corpus.extraction.policy import POLICY
from corpus.extraction.scanning import (
    NOT_AFTER_WORD,
    NOT_BEFORE_WORD,
    Blocked,
    alternation,
    char_class,
    check_single_words,
    finditer_from_words,
    last_words,
    search_before,
    search_hinted,
    word_set,
)

Span = tuple[int, int]

_MAX_GAP_WORDS = 2
_HEDGE_WINDOW = 80
_GAP_WORD = r"[^\s\d\"'()\[\].,:;!?،؛]+"
_MAX_DAY = 31
_MIN_HYPHEN_CHAIN = 3
_UNSC_WINDOW = 120
_SENTENCE_END_RE = re.compile(r"[.!?؟\n]")
_ID_CLOSE_RE = re.compile(r"\s*[)\]\"']")
_OR_EQUAL_RULE = {"hedge.less_than": "hedge.at_most", "hedge.more_than": "hedge.at_least"}
# A lower and an upper one-sided hedge joined by a conjunction bound one figure from both sides.
_LOWER_HEDGES = frozenset({"hedge.more_than", "hedge.at_least"})
_UPPER_HEDGES = frozenset({"hedge.less_than", "hedge.at_most"})
# Harakat that may trail a word in the original (`بلداً`): kept inside the quote.
_TRAILING_MARKS_RE = re.compile("[\u064b-\u065f\u0670]+")
UNSC_SCHEME = "un_security_council_resolution"


def _key(text: str) -> str:
    """Lookup key of a matched phrase: folded words joined by single spaces."""
    return " ".join(text.split())


@dataclass(frozen=True, eq=False)
class QuantityGrammar:
    """The compiled patterns of one locale's quantities (built once per locale, see `grammar`)."""

    locale: Locale
    noun_re: re.Pattern[str]
    currency_before_re: re.Pattern[str]
    pre_hedge_re: re.Pattern[str]
    pre_hedge_last_words: tuple[str, ...]
    verb_hedge_re: re.Pattern[str]
    verb_hedge_hint_re: re.Pattern[str]
    post_hedge_re: re.Pattern[str]
    post_hedge_gap_re: re.Pattern[str]
    symbol_hedge_re: re.Pattern[str]
    symbol_chars: frozenset[str]
    or_equal_re: re.Pattern[str]
    range_sep_re: re.Pattern[str]
    range_open_re: re.Pattern[str]
    sep_needs_opener: dict[str, tuple[str, ...]]
    id_before_re: re.Pattern[str]
    id_hint_re: re.Pattern[str]
    unsc_re: re.Pattern[str]
    month_after_re: re.Pattern[str]
    month_before_re: re.Pattern[str]
    month_hint_re: re.Pattern[str]
    bound_join_re: re.Pattern[str]
    vague_re: re.Pattern[str]
    dual_re: re.Pattern[str]
    noun_before_re: re.Pattern[str]
    unit_mark_after_re: re.Pattern[str] | None
    figure_verb_re: re.Pattern[str] | None
    figure_verb_hint_re: re.Pattern[str] | None
    figure_verb_after_re: re.Pattern[str] | None
    construct_duals: dict[str, str]
    bare_words: frozenset[str]
    vague_words: frozenset[str]
    dual_words: frozenset[str]
    trigger_words: frozenset[str]


def _prefixed(words: Iterable[str], prefixes: Iterable[str]) -> frozenset[str]:
    """Each phrase's first word (a phrase's words are whole words too) behind each prefix."""
    firsts = {w.split()[0] for w in words}
    return frozenset(p + w for w in firsts for p in prefixes)


# Units whose definite dual is still a count: a span of time (`خلال اليومين الماضيين`).
_DURATION_UNITS = frozenset({"year", "month", "week", "day", "hour"})


@cache
def grammar(locale: Locale) -> QuantityGrammar:
    lo = locale
    conj = char_class(lo.conjunctions)
    clitic = char_class((*lo.conjunctions, *lo.prepositions))
    article = alternation([lo.article])
    preposition = alternation((*lo.prepositions, *lo.contractions))
    definite = alternation(lo.definite)
    links = alternation(lo.noun_links)
    # After the figure: an optional link word (`55 من قوات الأمن`, `thousands of people`), then the
    # noun, which may carry the article; a unit that ends in a sign (`%`, `$`) needs no word end.
    # A hyphen may join a figure to its unit: `12-member`, `30-year`, `one-year`.
    # A suffix the locale lists may close the unit (`۵۰ درصدی`, `۱۲ ساله`: adjectives of measure).
    suffix = "(?:" + alternation(lo.unit_suffixes) + ")?" if lo.unit_suffixes else ""
    noun_re = re.compile(
        r"(?:-|\s*(?:"
        + links
        + r"\s+)?)(?P<noun>(?P<art>"
        + definite
        + r")?(?P<w>"
        + alternation(lo.units)
        + ")"
        + suffix
        + ")"
        r"(?:(?<![\w\u200c])|" + NOT_BEFORE_WORD + ")"
    )
    signs = [c for c in lo.currency_before if not c[0].isalnum()]
    codes = [c for c in lo.currency_before if c[0].isalnum()]
    currency_before_re = re.compile(
        r"(?P<cur>" + alternation(signs) + "|" + NOT_AFTER_WORD + alternation(codes) + r")\s?$"
    )
    pre_hedge_re = re.compile(NOT_AFTER_WORD + "(?:" + clitic + ")?(?P<h>" + alternation(lo.hedges_before) + r")\s+$")
    verb_alts = alternation(lo.hedge_verbs)
    verb_hedge_re = re.compile(
        NOT_AFTER_WORD
        + "(?:"
        + conj
        + ")?(?P<h>"
        + verb_alts
        + r")(?:\s+"
        + _GAP_WORD
        + rf"){{0,{_MAX_GAP_WORDS}}}\s+$"
    )
    # Not before a comparison word (`من`, `than`): `٥٠٠٠ أو أقل من ٦٠٠٠` compares with the next
    # figure, it does not hedge this one.
    post_hedge_re = re.compile(
        r"\s*(?P<h>"
        + alternation(lo.hedges_after)
        + ")"
        + NOT_BEFORE_WORD
        + r"(?!\s+(?:"
        + alternation(lo.comparison_words)
        + r")\s+\w)"
    )
    # One word may stand between the noun and a hedge that ends its clause:
    # `107 أشخاص آخرين على الأقل.` (not before a figure: `واعتقل على الأقل 3` hedges the 3).
    post_hedge_gap_re = re.compile(
        r"\s+"
        + _GAP_WORD
        + r"\s+(?P<h>"
        + alternation(lo.hedges_after)
        + ")"
        + NOT_BEFORE_WORD
        + r"(?=\s*(?:$|[^\w\s]))"
    )
    symbol_hedge_re = re.compile(r"(?P<h>" + alternation(lo.hedge_signs) + r")\s*$")
    # Only where the clause ends (`أقل من ٥٠٠٠ أو يساوي.`), not before another figure.
    or_equal_re = re.compile(r"\s*(?P<h>" + alternation(lo.or_equal) + ")" + NOT_BEFORE_WORD + r"(?=\s*(?:$|[^\w\s]))")
    # Separators that stand alone (`50-60`, `50 to 60`, `۵۰ تا ۶۰`) and separators that need an
    # opener (`بين 50 و60`, `between 50 and 60`): a bare `و` or `and` joins two figures.
    opener_seps = {sep for seps in lo.range_openers.values() for sep in seps}
    range_sep_re = re.compile(r"\s*(?P<sep>" + alternation((*lo.range_separators, *opener_seps)) + r")\s*")
    range_open_re = re.compile(NOT_AFTER_WORD + "(?:" + conj + ")?(?P<r>" + alternation(lo.range_openers) + r")\s+$")
    sep_needs_opener = {
        sep: tuple(o for o, seps in lo.range_openers.items() if sep in seps)
        for sep in opener_seps
        if sep not in lo.range_separators
    }
    id_alts = alternation(lo.identifiers)
    id_before_re = re.compile(NOT_AFTER_WORD + "(?:" + clitic + r")?(?P<t>" + id_alts + r")\s*(?P<open>[(\[\"'])?\s*$")
    unsc_re = re.compile(NOT_AFTER_WORD + "(?:" + clitic + ")?(?P<u>" + alternation(lo.security_council) + ")")
    # A strict month name (`می`, `may`) needs more than a number next to it: the date finder decides.
    months = alternation(name for name, entry in lo.months.items() if not entry.strict)
    month_after_re = re.compile(
        r"\s*(?:(?:" + alternation(lo.day_month_links) + r")\s+)?(?:" + months + ")" + NOT_BEFORE_WORD
    )
    month_before_re = re.compile(NOT_AFTER_WORD + r"(?:" + months + r")\s+$")
    vague_re = re.compile(
        NOT_AFTER_WORD
        + "(?:"
        + conj
        + ")?(?:"
        + preposition
        + ")?(?P<w>(?:"
        + article
        + ")?(?:"
        + alternation(lo.vague)
        + "))"
        + NOT_BEFORE_WORD
    )
    construct = {
        word[: -len(ending)] + short: unit
        for word, unit in lo.duals.items()
        for ending, short in lo.construct_endings.items()
        if word.endswith(ending)
    }
    dual_re = re.compile(
        NOT_AFTER_WORD
        + "(?:"
        + "(?:"
        + conj
        + ")?(?:"
        + preposition
        + ")?(?P<w>(?:"
        + article
        + ")?(?:"
        + alternation(lo.duals)
        + "))"
        + "|(?:"
        + conj
        + ")?"
        + char_class(lo.prepositions)
        + "(?P<c>"
        + alternation(construct)
        + r")(?=\s+[^\W\d_])"
        + ")"
        + NOT_BEFORE_WORD
    )
    # A noun right before a lone `واحد`: `قتيل واحد` is one person.
    noun_before_re = re.compile(
        NOT_AFTER_WORD + "(?:" + clitic + r")?(?P<noun>(?:" + definite + ")?(?P<w>" + alternation(lo.units) + r"))\s+$"
    )
    figure_verb_re = figure_verb_hint_re = figure_verb_after_re = None
    if lo.figure_verbs:
        verbs = alternation(lo.figure_verbs)
        figure_verb_re = re.compile(
            NOT_AFTER_WORD + "(?:" + conj + ")?(?:" + verbs + r")(?:\s+" + _GAP_WORD + r"){0,4}\s+$"
        )
        figure_verb_hint_re = re.compile(verbs)
    if lo.figure_verbs_after:
        figure_verb_after_re = re.compile(
            r"\s+(?:" + _GAP_WORD + r"\s+)?(?:" + alternation(lo.figure_verbs_after) + ")" + NOT_BEFORE_WORD
        )
    clitics = [c + p for c in ("", *lo.conjunctions) for p in ("", *lo.prepositions, *lo.contractions)]
    with_article = [c + a for c in clitics for a in ("", lo.article)]
    vague_words = _prefixed(lo.vague, with_article)
    dual_words = _prefixed(lo.duals, with_article) | _prefixed(
        construct, [c + p for c in ("", *lo.conjunctions) for p in lo.prepositions]
    )
    check_single_words(vague_words | dual_words)
    return QuantityGrammar(
        locale=lo,
        noun_re=noun_re,
        currency_before_re=currency_before_re,
        pre_hedge_re=pre_hedge_re,
        pre_hedge_last_words=last_words(lo.hedges_before),
        verb_hedge_re=verb_hedge_re,
        verb_hedge_hint_re=re.compile(verb_alts),
        post_hedge_re=post_hedge_re,
        post_hedge_gap_re=post_hedge_gap_re,
        symbol_hedge_re=symbol_hedge_re,
        symbol_chars=frozenset(ch for sign in lo.hedge_signs for ch in sign),
        or_equal_re=or_equal_re,
        range_sep_re=range_sep_re,
        range_open_re=range_open_re,
        sep_needs_opener=sep_needs_opener,
        id_before_re=id_before_re,
        id_hint_re=re.compile(id_alts),  # held by every `id_before_re` match
        unsc_re=unsc_re,
        month_after_re=month_after_re,
        month_before_re=month_before_re,
        month_hint_re=re.compile(months),  # held by every `month_before_re` match
        bound_join_re=re.compile(r"\s*(?:" + alternation(lo.number_conjunctions) + r")\s*"),
        vague_re=vague_re,
        dual_re=dual_re,
        noun_before_re=noun_before_re,
        unit_mark_after_re=(
            re.compile(r"\s+(?:" + alternation(lo.era_glued_only) + ")" + NOT_BEFORE_WORD)
            if lo.era_glued_only
            else None
        ),
        figure_verb_re=figure_verb_re,
        figure_verb_hint_re=figure_verb_hint_re,
        figure_verb_after_re=figure_verb_after_re,
        construct_duals=construct,
        bare_words=frozenset(lo.vague) | frozenset(lo.duals) | frozenset(construct),
        vague_words=vague_words,
        dual_words=dual_words,
        trigger_words=numbers.grammar(lo).trigger_words | vague_words | dual_words,
    )


def trigger_words(language: str | Locale) -> frozenset[str]:
    """Words without one of which a text with no digit holds no quantity or identifier."""
    return grammar(get_locale(language)).trigger_words


UNITS: frozenset[str] = frozenset().union(*(get_locale(code).unit_codes for code in shipped()))
"""Every unit a quantity mention may carry (`QuantityValue.unit`) in a shipped locale;
`corpus.extraction.units` builds on it."""


@dataclass(slots=True)
class _Candidate:
    """One figure, vague word or dual being assembled into a mention (folded-text offsets)."""

    core_start: int
    core_end: int
    nominal: Decimal
    rule: str  # the rule the core implies without a hedge: exact, vague.*, dual
    upper_nominal: Decimal | None = None  # second figure of a range
    start: int = -1
    end: int = -1
    hedge: str | None = None  # the hedge rule, if a hedge was found
    hedge_start: int | None = None  # where a hedge before the figure starts
    unit: str | None = None
    noun_span: Span | None = None
    token: NumberToken | None = None
    scale: Decimal | None = None  # a scale word after a vague word multiplies its range

    def __post_init__(self) -> None:
        if self.start < 0:
            self.start = self.core_start
        if self.end < 0:
            self.end = self.core_end


def find_quantities(
    norm: NormalizedText,
    *,
    language: str | Locale,
    blocked: list[tuple[int, int]],
    words: AbstractSet[str] | None = None,
    has_digit: bool | None = None,
    tokens: list[NumberToken] | None = None,
    years: list[NumberToken] | None = None,
) -> list[Mention]:
    """Every quantity and identifier mention in `norm`, sorted by position.

    `blocked` are spans of the folded text (URLs, times, dates) where nothing is reported.
    `words` is `scanning.word_set(norm.text)` when the caller has it already, or the part of it
    that holds every word of `trigger_words` in it; `has_digit`, whether `norm.text` holds a
    digit, when the caller knows; `tokens`, the figures of `numbers.find_numbers` when the
    caller found them already. Mentions carry original offsets and
    `text == norm.original[start:end]`. `years`, when given, receives the year-shaped figures
    that are no count (no counted noun, no hedge, no verb of reaching, not part of a range), for
    the caller to read as years.
    """
    q = grammar(get_locale(language))
    text = norm.text
    if words is None:
        words = word_set(text)
    block = Blocked(blocked)
    if tokens is None:
        tokens = find_numbers(text, language=q.locale, words=words, skip=block, has_digit=has_digit)
    vague_words = q.vague_words.intersection(words)
    dual_words = q.dual_words.intersection(words)
    if not (tokens or vague_words or dual_words):
        return []  # nothing to assemble a mention from
    numbers_ = [t for t in tokens if not block.hit(t.start, t.end)]
    numbers_ = _drop_hyphen_chains(text, numbers_)

    mentions: list[Mention] = []
    candidates: list[_Candidate] = []
    used: set[int] = set()  # indexes of numbers consumed by a range
    for i, tok in enumerate(numbers_):
        if i in used:
            continue
        if tok.after_noun:
            cand = _one_after_noun(q, text, tok, block)
            if cand is not None:
                candidates.append(cand)
            continue
        ident = _identifier(q, norm, tok, block)
        if ident is not None:
            mentions.append(ident)
            continue
        if _is_date_part(q, text, tok):
            continue
        cand = _range(q, text, numbers_, i, block)
        if cand is not None:
            used.add(i + 1)
        else:
            cand = _Candidate(tok.start, tok.end, tok.value, "dual" if tok.dual else "hedge.exact", token=tok)
        candidates.append(cand)

    taken = Blocked([(t.start, t.end) for t in numbers_] if vague_words or dual_words else [])
    for m in finditer_from_words(q.vague_re, text, vague_words):
        s, e = m.span("w")
        if taken.hit(s, e) or block.hit(s, e):
            continue
        rule = q.locale.vague[_key(_strip_article(q, m.group("w")))]
        cand = _Candidate(s, e, Decimal(POLICY["vague"][rule.split(".", 1)[1]]["lower"]), rule)
        scaled = numbers.scale_after(numbers.grammar(q.locale), text, e)
        if scaled is not None and not scaled[2]:  # `هزاران میلیارد`: thousands of billions
            cand.scale, cand.end, cand.core_end = scaled[0], scaled[1], scaled[1]
            cand.nominal *= scaled[0]
            # the scale word is the vague amount's, not a figure of its own
            candidates = [c for c in candidates if c.token is None or not (s <= c.core_start < cand.end)]
        candidates.append(cand)

    for m in finditer_from_words(q.dual_re, text, dual_words):
        group = "w" if m.group("w") is not None else "c"
        s, e = m.span(group)
        if taken.hit(s, e) or block.hit(s, e):
            continue
        word = _strip_article(q, m.group(group))
        unit = q.locale.duals.get(word) or q.construct_duals[word]
        if word != m.group(group) and unit not in _DURATION_UNITS:
            continue  # `البلدين`, `الدولتين`: "the two countries" points back, it counts nothing new
        candidates.append(_Candidate(s, e, Decimal(POLICY["dual"]["value"]), "dual", unit=unit, noun_span=(s, e)))

    assembled: list[tuple[_Candidate, Mention]] = []
    for cand in candidates:
        mention = _assemble(q, norm, cand, block)
        if mention is not None:
            assembled.append((cand, mention))
        elif years is not None and cand.token is not None and _bare_year(q, text, cand):
            years.append(cand.token)
    mentions.extend(_join_bounds(q, norm, assembled))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _join_bounds(
    q: QuantityGrammar, norm: NormalizedText, assembled: list[tuple[_Candidate, Mention]]
) -> list[Mention]:
    """The mentions, with each pair of adjacent opposite one-sided hedges joined into one range.

    `أكبر من ١٠٠ وأصغر من ٣٠٠` is (100, 300), `على الأكثر 100 و على الأقل 20` is [20, 100].
    """
    out: list[Mention] = []
    i = 0
    while i < len(assembled):
        cand, mention = assembled[i]
        if i + 1 < len(assembled):
            joined = _joined(q, norm, cand, mention, *assembled[i + 1])
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(mention)
        i += 1
    return out


def _joined(
    q: QuantityGrammar, norm: NormalizedText, a: _Candidate, ma: Mention, b: _Candidate, mb: Mention
) -> Mention | None:
    pair = {a.hedge, b.hedge}
    if not (pair & _LOWER_HEDGES and pair & _UPPER_HEDGES) or a.unit != b.unit:
        return None
    if q.bound_join_re.fullmatch(norm.text, a.end, b.start) is None:
        return None
    low, high = (ma, mb) if a.hedge in _LOWER_HEDGES else (mb, ma)
    lo, hi = low.value, high.value
    assert isinstance(lo, QuantityValue)
    assert isinstance(hi, QuantityValue)
    if lo.lower is None or hi.upper is None or lo.lower >= hi.upper:
        return None
    value = QuantityValue(
        lo.nominal, lo.lower, hi.upper, lo.lower_open, hi.upper_open, unit=lo.unit or hi.unit, noun=hi.noun or lo.noun
    )
    extra = {"nominal_upper": str(hi.nominal)}
    return _mention(norm, a.start, b.end, Kind.QUANTITY, Modifier.RANGE, "hedge.between", value, extra)


def _strip_article(q: QuantityGrammar, word: str) -> str:
    """`المدنيين` -> `مدنيين` when the bare word is the lexicon entry."""
    article = q.locale.article
    if article and word.startswith(article) and _key(word[len(article) :]) in q.bare_words:
        return word[len(article) :]
    return word


def _drop_hyphen_chains(text: str, tokens: list[NumberToken]) -> list[NumberToken]:
    """Drop three or more figures glued by hyphens (`12-7-30`): a date or a code, not counts."""
    keep: list[NumberToken] = []
    chain: list[NumberToken] = []
    for tok in tokens:
        if chain and tok.start == chain[-1].end + 1 and text[chain[-1].end] == "-":
            chain.append(tok)
            continue
        if len(chain) < _MIN_HYPHEN_CHAIN:
            keep.extend(chain)
        chain = [tok]
    if len(chain) < _MIN_HYPHEN_CHAIN:
        keep.extend(chain)
    return keep


def _is_year(q: QuantityGrammar, tok: NumberToken) -> bool:
    """A bare four-digit number that reads as a year (see module docstring)."""
    if tok.words or tok.grouped or tok.scale is not None or tok.digits is None:
        return False
    if len(tok.digits) != 4 or not tok.digits.isdigit():
        return False
    value = int(tok.digits)
    return any(lo <= value <= hi for lo, hi in q.locale.year_like)


def _is_date_part(q: QuantityGrammar, text: str, tok: NumberToken) -> bool:
    """A day or year glued to a month name: a date, whatever the date extractor said."""
    if tok.words or tok.scale is not None or tok.grouped:
        return False
    if q.month_after_re.match(text, tok.end):
        return True
    window = text[max(0, tok.start - 20) : tok.start]
    return (
        tok.value <= _MAX_DAY and search_hinted(q.month_hint_re, q.month_before_re, window, 0, len(window)) is not None
    )


def _range(q: QuantityGrammar, text: str, tokens: list[NumberToken], i: int, block: Blocked) -> _Candidate | None:
    """`بين 50 و60`, `از ۵۰ تا ۶۰`, `50-60`: tokens[i] and tokens[i+1] as one interval."""
    if i + 1 >= len(tokens):
        return None
    a, b = tokens[i], tokens[i + 1]
    sep_m = q.range_sep_re.fullmatch(text, a.end, b.start)
    if sep_m is None or b.dual or a.dual:
        return None
    sep = _key(sep_m.group("sep"))
    window = text[max(0, a.start - 20) : a.start]
    opener = q.range_open_re.search(window)
    opener_word = _key(opener.group("r")) if opener else None
    if opener_word is not None and sep not in q.locale.range_openers[opener_word]:
        opener = opener_word = None
    if sep in q.sep_needs_opener and opener_word not in q.sep_needs_opener[sep]:
        return None
    if sep == "-" and (text.startswith("-", b.end) or (a.start > 0 and text[a.start - 1] == "-")):
        return None  # a chain such as 12-7-30 is a date or a code, not a range
    if _is_year(q, a) and _is_year(q, b):
        return None
    low, high = a.value, b.value
    if b.scale is not None and a.scale is None and not a.words and low * b.scale <= b.value:
        low = clean_decimal(low * b.scale)  # بين 50 و60 مليون
    if low > high and opener is not None and sep in q.locale.number_conjunctions:
        low, high = high, low  # `بين 25 و20`: between, in either order (but `من 50 إلى 40` fell)
    if low >= high:
        return None
    start = a.start
    if opener is not None:
        opener_start = max(0, a.start - 20) + opener.start("r")
        if not block.hit(opener_start, a.start):
            start = opener_start
    return _Candidate(a.start, b.end, low, "hedge.range", upper_nominal=high, start=start, token=a)


def _identifier(q: QuantityGrammar, norm: NormalizedText, tok: NumberToken, block: Blocked) -> Mention | None:
    """`رقم 2254`, `القرار (2254)`, `المادة 5`, `resolution 2254` as an identifier mention."""
    if tok.words or tok.digits is None or tok.scale is not None:
        return None
    text = norm.text
    wstart = max(0, tok.start - 30)
    m = search_hinted(q.id_hint_re, q.id_before_re, text, wstart, tok.start)
    if m is None:
        return None
    scheme = q.locale.identifiers[_key(m.group("t"))]
    start = m.start("t")
    end = tok.end
    if m.group("open"):
        close = _ID_CLOSE_RE.match(text, end)
        if close is not None:
            end = close.end()
    if scheme == "number":
        ustart = max(0, start - _UNSC_WINDOW)
        last = None
        for u in q.unsc_re.finditer(text, ustart, start + 1):
            last = u
        if last is not None and not _SENTENCE_END_RE.search(text, last.start("u"), start):
            scheme = UNSC_SCHEME
            if not block.hit(last.start("u"), start):
                start = last.start("u")
    if block.hit(start, tok.start):
        start = m.start("t") if not block.hit(m.start("t"), tok.start) else tok.start
    value = IdentifierValue(nominal=tok.digits, scheme=scheme)
    return _mention(norm, start, end, Kind.IDENTIFIER, Modifier.EXACT, "identifier", value)


def _assemble(q: QuantityGrammar, norm: NormalizedText, cand: _Candidate, block: Blocked) -> Mention | None:
    """Find the noun, the hedge and the currency of one candidate, then build its mention."""
    text = norm.text
    tok = cand.token
    # Right: the counted noun or unit (not for a dual, which is its own noun).
    if cand.noun_span is None:
        nm = q.noun_re.match(text, cand.core_end)
        if nm is not None and not block.hit(nm.start("noun"), nm.end("noun")):
            cand.noun_span = nm.span("noun")
            cand.unit = q.locale.units[_key(nm.group("w"))]
            cand.end = nm.end("noun")
    # Left: a currency sign, then a hedge.
    left = cand.start
    if cand.rule != "hedge.range":
        cm = q.currency_before_re.search(text, max(0, left - 4), left)
        if cm is not None and not block.hit(cm.start("cur"), left):
            cand.unit = cand.unit or q.locale.currency_before[cm.group("cur")]
            left = cand.start = cm.start("cur")
        if not cand.rule.startswith("vague."):
            found = _hedge_before(q, text, left, block)
            if found is not None:
                cand.hedge_start, cand.hedge = found
                cand.start = cand.hedge_start
    # Right again: a trailing hedge when none stood before.
    if cand.rule == "hedge.exact" or (cand.rule == "dual" and cand.hedge is None):
        pm = q.post_hedge_re.match(text, cand.end)
        if pm is None and cand.noun_span is not None:
            pm = q.post_hedge_gap_re.match(text, cand.end)
        if cand.hedge is None and pm is not None and not block.hit(pm.start("h"), pm.end("h")):
            cand.hedge = q.locale.hedges_after[_key(pm.group("h"))]
            cand.end = pm.end("h")
    if cand.hedge in _OR_EQUAL_RULE:
        em = q.or_equal_re.match(text, cand.end)
        if em is not None and not block.hit(em.start("h"), em.end("h")):
            cand.hedge = _OR_EQUAL_RULE[cand.hedge]
            cand.end = em.end("h")

    if tok is not None and tok.weak and cand.unit is None:
        return None
    if (
        tok is not None
        and _is_year(q, tok)
        and cand.unit is None
        and cand.hedge is None
        and cand.rule != "hedge.range"
        and not _reached(q, text, tok)
    ):
        return None  # a year, not a count: `أكثر من 2000` is, `في مؤتمر 2014` is not
    return _quantity_mention(norm, cand)


def _bare_year(q: QuantityGrammar, text: str, cand: _Candidate) -> bool:
    """Whether a candidate `_assemble` refused is a bare year (its token year-shaped, no count).

    Not when a one-letter mark that is also a unit follows, spaced (`ارتفاع 2000 م`: metres).
    """
    tok = cand.token
    return (
        tok is not None
        and cand.rule == "hedge.exact"
        and not tok.weak
        and _is_year(q, tok)
        and (q.unit_mark_after_re is None or q.unit_mark_after_re.match(text, tok.end) is None)
    )


def _reached(q: QuantityGrammar, text: str, tok: NumberToken) -> bool:
    """Whether a verb of reaching or rising makes a year-shaped figure a count (`بلغ ... 1980`)."""
    if q.figure_verb_re is not None and q.figure_verb_hint_re is not None:
        wstart = max(0, tok.start - _HEDGE_WINDOW)
        if search_hinted(q.figure_verb_hint_re, q.figure_verb_re, text, wstart, tok.start) is not None:
            return True
    return q.figure_verb_after_re is not None and q.figure_verb_after_re.match(text, tok.end) is not None


def _one_after_noun(q: QuantityGrammar, text: str, tok: NumberToken, block: Blocked) -> _Candidate | None:
    """A lone `واحد` after the noun it counts: `قتيل واحد`, `شخص واحد` is one of it."""
    m = q.noun_before_re.search(text, max(0, tok.start - 40), tok.start)
    if m is None or block.hit(m.start("noun"), tok.end):
        return None
    start = m.start("noun")
    return _Candidate(
        start,
        tok.end,
        tok.value,
        "hedge.exact",
        unit=q.locale.units[_key(m.group("w"))],
        noun_span=m.span("noun"),
        start=start,
    )


def _closes_tag(text: str, at: int) -> bool:
    """Whether the `>` at `at` closes a markup tag (`<b>5`), not a comparison."""
    if text[at] != ">":
        return False
    before = text[max(0, at - 40) : at]
    return before.rfind("<") > before.rfind(">")


def _hedge_before(q: QuantityGrammar, text: str, left: int, block: Blocked) -> tuple[int, str] | None:
    """The hedge ending right before `left`, as (start, rule), or None."""
    wstart = max(0, left - _HEDGE_WINDOW)
    if text[max(0, left - 4) : left].rstrip()[-1:] in q.symbol_chars:
        m = q.symbol_hedge_re.search(text, max(0, left - 4), left)
        if m is not None and not block.hit(m.start("h"), left) and not _closes_tag(text, m.start("h")):
            return m.start("h"), q.locale.hedge_signs[m.group("h")]
    m = search_before(q.pre_hedge_re, text, wstart, left, q.pre_hedge_last_words)
    if m is not None and not block.hit(m.start("h"), left):
        return m.start("h"), q.locale.hedges_before[_key(m.group("h"))]
    m = search_hinted(q.verb_hedge_hint_re, q.verb_hedge_re, text, wstart, left)
    if m is not None and not block.hit(m.start("h"), left):
        return m.start("h"), q.locale.hedge_verbs[_key(m.group("h"))]
    return None


def _quantity_mention(norm: NormalizedText, cand: _Candidate) -> Mention:
    rule = cand.hedge or cand.rule
    start = cand.start
    n = cand.nominal
    noun = _written(norm, cand.noun_span) if cand.noun_span else None
    if rule == "hedge.range":
        assert cand.upper_nominal is not None
        value = QuantityValue(n, n, cand.upper_nominal, unit=cand.unit, noun=noun)
        extra = {"nominal_upper": str(cand.upper_nominal)}
        return _mention(norm, start, cand.end, Kind.QUANTITY, Modifier.RANGE, rule, value, extra)
    if rule.startswith("vague."):
        table = POLICY["vague"][rule.split(".", 1)[1]]
        vague_lower, vague_upper = Decimal(table["lower"]), Decimal(table["upper"])
        if cand.scale is not None:
            vague_lower = clean_decimal(vague_lower * cand.scale)
            vague_upper = clean_decimal(vague_upper * cand.scale)
        value = QuantityValue(n, vague_lower, vague_upper, unit=cand.unit, noun=noun)
        return _mention(norm, start, cand.end, Kind.QUANTITY, Modifier.VAGUE, rule, value)
    if rule == "dual":
        value = QuantityValue(n, n, n, unit=cand.unit, noun=noun)
        return _mention(norm, start, cand.end, Kind.QUANTITY, Modifier.EXACT, rule, value)
    modifier, lower, upper, lower_open, upper_open = interval(rule, n)
    value = QuantityValue(n, lower, upper, lower_open, upper_open, unit=cand.unit, noun=noun)
    return _mention(norm, start, cand.end, Kind.QUANTITY, modifier, rule, value)


def interval(rule: str, n: Decimal) -> tuple[Modifier, Decimal | None, Decimal | None, bool, bool]:
    """The interval a hedge rule gives a stated figure `n`: (modifier, lower, upper, lower_open, upper_open).

    Tolerances come from `policy.toml`; this function only knows the shape of each rule.
    """
    name = rule.split(".", 1)[1]
    table = POLICY["hedge"][name]
    modifier = Modifier(table["modifier"])
    if name == "about":
        tol = abs(n) * Decimal(table["relative_tolerance"])
        return modifier, clean_decimal(n - tol), clean_decimal(n + tol), False, False
    if name == "nearly":
        tol = abs(n) * Decimal(table["relative_tolerance"])
        return modifier, clean_decimal(n - tol), n, False, False
    if name == "at_least":
        return modifier, n, None, False, False
    if name == "more_than":
        return modifier, n, None, True, False
    if name == "at_most":
        return modifier, None, n, False, False
    if name == "less_than":
        return modifier, None, n, False, True
    return modifier, n, n, False, False


def _written(norm: NormalizedText, span: Span) -> str:
    """The original text of a folded span, with the harakat that trail its last letter."""
    ostart, oend = norm.to_original(*span)
    tail = _TRAILING_MARKS_RE.match(norm.original, oend)
    return norm.original[ostart : tail.end() if tail else oend]


def _mention(
    norm: NormalizedText,
    start: int,
    end: int,
    kind: Kind,
    modifier: Modifier,
    rule: str,
    value: QuantityValue | IdentifierValue,
    extra: dict[str, str] | None = None,
) -> Mention:
    """Map a folded-text span to the original, keeping trailing harakat (`بلداً`) in the quote."""
    ostart, oend = norm.to_original(start, end)
    tail = _TRAILING_MARKS_RE.match(norm.original, oend)
    if tail is not None:
        oend = tail.end()
    return Mention(
        start=ostart,
        end=oend,
        text=norm.original[ostart:oend],
        kind=kind,
        modifier=modifier,
        rule=rule,
        value=value,
        extra=dict(extra or {}),
    )
