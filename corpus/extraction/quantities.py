"""Quantity and identifier mentions: what a figure counts, and how firmly it is stated.

`find_quantities(norm, language=..., blocked=...)` is the quantity half of the extractor (see
`corpus.extraction.extraction`). It works on the folded copy of the text and reports original
offsets. For every figure (`corpus.extraction.numbers`), vague amount (`عشرات`, `هزاران`) and
Arabic dual noun (`مركزين`, `لمركزي`) it looks:

- left, for a hedge (`أكثر من`, `نحو`, `دستکم`, `about`; a verb such as `تفوق` may stand up to two
  words away: `تفوق مساحتها 110 آلاف`; a comparison sign `>`, `<=`, `≥`), a range opener
  (`بين 50 و60`, `از ۵۰ تا ۶۰`), a currency sign (`$600`) or an identifier word (`رقم`,
  `المادة`, `resolution`);
- right, for the unit or counted noun (`بلداً`, `کشور`, `كيلومتر مربع`, `من قوات الأمن`) and a
  trailing hedge (`على الأقل`, `أو أقل`; a clause-final `أو يساوي` closes a strict hedge:
  `أقل من ٥٠٠٠ أو يساوي` is at most 5000).

A lower and an upper one-sided hedge joined by `و`/`and` (`أكبر من ١٠٠ وأصغر من ٣٠٠`) make one
range mention (rule `hedge.between`), each end open or closed as its own hedge says.

The mention spans hedge + figure + scale + noun as written, so the quote reads naturally; a
one-letter Arabic proclitic on the first word (`بأكثر`, `لمركزي`) stays outside it. Every bound
comes from `policy.toml` and the mention names the rule it used.

Decisions that keep the output quiet:
- A bare four-digit number in 1300-1500 or 1900-2100 (no scale word, no unit, no group
  separator) is a year: dates are the date extractor's job, and `2019` alone is never a count
  we could check. `2,000`, `2000 شخص` and `2 مليار` are still quantities.
- A day number next to a month name (`26 يونيو`, `11 من أيار`, `۴ سرطان`) is a date even when
  the date extractor did not block it.
- Weak number words (`یک` as an article, see `numbers`) count only before a known noun.
- Dual nouns come from a curated list: a word ending in `ين` is not a dual by itself. The
  construct form ending in `ي` (`لمركزي هداية`) is accepted only behind a preposition
  proclitic (`ل`, `ب`, `ك`) and without the article, because `مركزي` alone is "central".
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

from corpus.domain.text import NormalizedText, fold
from corpus.extraction.mentions import IdentifierValue, Kind, Mention, Modifier, QuantityValue
from corpus.extraction.numbers import (
    NOT_AFTER_WORD,
    NOT_BEFORE_WORD,
    NumberToken,
    alternation,
    check_single_words,
    clean_decimal,
    find_numbers,
    finditer_from_words,
    last_words,
    overlaps_sorted,
    search_before,
    search_hinted,
    word_set,
)
from corpus.extraction.numbers import TRIGGER_WORDS as _NUMBER_WORDS
from corpus.extraction.policy import POLICY

Span = tuple[int, int]

ZWNJ = "\u200c"


def _alternation(phrases: list[str]) -> str:
    """Longest phrases first, so `ما يقرب من` wins over `يقرب من` (a trie: see `numbers.alternation`)."""
    return alternation(fold(p) for p in phrases)


def _key(text: str) -> str:
    """Lookup key of a matched phrase: folded words joined by single spaces."""
    return " ".join(text.split())


# --- Units and counted nouns --------------------------------------------------------------
# Natural spelling; folded at import. A noun may carry the article (`المدنيين`, `للمدنيين`).
_UNITS: dict[str, tuple[str, ...]] = {
    "km2": (
        "كيلومتر مربع",
        "كيلومتراً مربعاً",
        "كيلومترات مربعة",
        "كيلو متر مربع",
        "كلم مربع",
        "كلم2",
        "كم مربع",
        "كم2",
        "کیلومتر مربع",
        "کیلومترمربع",
        "کلیومترمربع",
        "کلیومتر مربع",
        "کیلو متر مربع",
        "km²",
        "km2",
        "sq km",
        "square kilometres",
        "square kilometers",
        "square kilometre",
        "square kilometer",
    ),
    "km": ("كيلومتر", "كيلومتراً", "كيلومترات", "كلم", "کیلومتر", "km", "kilometres", "kilometers"),
    "USD": (
        "دولار",
        "دولاراً",
        "دولارات",
        "دولار أمريكي",
        "دولار أميركي",
        "دالر",
        "دلار",
        "$",
        "usd",
        "us$",
        "dollars",
        "dollar",
    ),
    "EUR": ("يورو", "یورو", "euro", "euros", "€"),
    "percent": ("%", "٪", "في المئة", "في المائة", "بالمئة", "بالمائة", "درصد", "percent", "per cent"),
    "country": ("بلد", "بلداً", "بلدان", "دولة", "دول", "کشور", "کشورها", "country", "countries", "nations"),
    "person": (
        "شخص",
        "شخصاً",
        "أشخاص",
        "نفر",
        "مدني",
        "مدنياً",
        "مدنيين",
        "مدنيون",
        "قتيل",
        "قتيلاً",
        "قتلى",
        "جريح",
        "جرحى",
        "مقاتل",
        "مقاتلاً",
        "مقاتلين",
        "مقاتلي",
        "جندي",
        "جندياً",
        "جنود",
        "عنصر",
        "عنصراً",
        "عناصر",
        "قوات الأمن",
        "عناصر الأمن",
        "رجال الأمن",
        "طفل",
        "طفلاً",
        "أطفال",
        "امرأة",
        "نساء",
        "لاجئ",
        "لاجئين",
        "نازح",
        "نازحين",
        "معتقل",
        "معتقلين",
        "سجين",
        "سجناء",
        "ضحية",
        "ضحايا",
        "غیرنظامی",
        "غیر نظامی",
        "سرباز",
        "جنگجو",
        "کودک",
        "کشته",
        "زخمی",
        "people",
        "persons",
        "person",
        "civilians",
        "civilian",
        "soldiers",
        "troops",
        "fighters",
        "children",
        "women",
        "refugees",
        "victims",
    ),
    "member": ("عضو", "عضواً", "أعضاء", "member", "members"),
    "organization": ("منظمة", "منظمات", "سازمان", "organization", "organizations", "organisations"),
    "year": ("عام", "عاماً", "أعوام", "سنة", "سنوات", "سنين", "سال", "year", "years"),
    "month": ("شهر", "شهراً", "أشهر", "شهور", "ماه", "month", "months"),
    "week": ("أسبوع", "أسبوعاً", "أسابيع", "هفته", "week", "weeks"),
    "day": ("يوم", "يوماً", "أيام", "روز", "day", "days"),
    "tonne": ("طن", "أطنان", "tonnes", "tons"),
}
_UNIT_OF: dict[str, str] = {_key(fold(word)): unit for unit, words in _UNITS.items() for word in words}
_NOUN_ALTS = _alternation([w for words in _UNITS.values() for w in words])
# After the figure: optional `من`/`of` (`55 من قوات الأمن`, `thousands of people`), then the noun.
_NOUN_RE = re.compile(
    r"\s*(?:(?:من|of)\s+)?(?P<noun>(?P<art>ال|لل)?(?P<w>" + _NOUN_ALTS + r"))(?:(?<=[$%٪€²])|" + NOT_BEFORE_WORD + ")"
)
# A currency sign or code written before the digits: `$600`, `USD 5`.
_CURRENCY_BEFORE_RE = re.compile(r"(?P<cur>us\$|\$|€|" + NOT_AFTER_WORD + r"(?:usd|eur))\s?$")
_CURRENCY_UNIT = {"$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR"}

# --- Hedges -------------------------------------------------------------------------------
_PRE_HEDGES: dict[str, tuple[str, ...]] = {
    "hedge.more_than": (
        "أكثر من",
        "ما يزيد عن",
        "ما يزيد على",
        "ما يربو على",
        "يربو على",
        "أزيد من",
        "ما يفوق",
        "بیش از",
        "بیشتر از",
        "افزون بر",
        "more than",
        "over",
        "in excess of",
        "upwards of",
        "أكبر من",
        "أعلى من",
        "فوق",
        "greater than",
        "larger than",
        "بزرگتر از",
    ),
    "hedge.at_least": (
        "ما لا يقل عن",
        "لا يقل عن",
        "على الأقل",
        "دستکم",
        "دست کم",
        "حداقل",
        "حد اقل",
        "at least",
        "no fewer than",
        "no less than",
        "أكبر من أو يساوي",
        "أكثر من أو يساوي",
        "أعلى من أو يساوي",
        "يساوي أو أكثر من",
        "يساوي أو أكبر من",
        "على الأقل أو يساوي",
        "لا أقل من",
        "greater than or equal to",
    ),
    "hedge.about": (
        "نحو",
        "حوالي",
        "حوالى",
        "قرابة",
        "زهاء",
        "ما يناهز",
        "يناهز",
        "ما يقارب",
        "يقارب",
        "تقريباً",
        "تقریباً",
        "حدود",
        "في حدود",
        "در حدود",
        "about",
        "around",
        "approximately",
        "roughly",
        "some",
        "an estimated",
    ),
    "hedge.nearly": (
        "ما يقرب من",
        "يقرب من",
        "نزدیک به",
        "قریب به",
        "nearly",
        "almost",
        "close to",
        "just under",
    ),
    "hedge.at_most": (
        "حتى",
        "ما لا يزيد عن",
        "ما لا يزيد على",
        "لا يزيد عن",
        "لا يزيد على",
        "حداکثر",
        "up to",
        "at most",
        "no more than",
        "أقل من أو يساوي",
        "أصغر من أو يساوي",
        "أدنى من أو يساوي",
        "أخفض أو يساوي",
        "يساوي أو أقل من",
        "يساوي أو أصغر من",
        "على الأكثر",
        "لا أكثر من",
        "يصل إلى",
        "تصل إلى",
        "less than or equal to",
    ),
    "hedge.less_than": (
        "أقل من",
        "أصغر من",
        "أدنى من",
        "تحت",
        "کمتر از",
        "کوچکتر از",
        "less than",
        "fewer than",
        "smaller than",
        "under",
        "below",
    ),
}
# Verbs that hedge a figure standing up to two words further on: `تفوق مساحتها 110 آلاف`.
_VERB_HEDGES: dict[str, tuple[str, ...]] = {
    "hedge.more_than": (
        "تفوق",
        "يفوق",
        "تتجاوز",
        "يتجاوز",
        "تجاوز",
        "تجاوزت",
        "يتخطى",
        "تتخطى",
        "تخطى",
        "تخطت",
        "يزيد",
        "تزيد",
        "exceeds",
        "exceeded",
        "exceeding",
    ),
}
_POST_HEDGES: dict[str, tuple[str, ...]] = {
    "hedge.at_least": ("على الأقل", "فأكثر", "أو أكثر", "وأكثر", "at least", "or more"),
    "hedge.at_most": ("على الأكثر", "أو أقل", "فأقل", "at most", "or less", "or fewer"),
    "hedge.about": ("تقريباً", "تقریباً", "approximately", "or so"),
}
_MAX_GAP_WORDS = 2
_HEDGE_WINDOW = 80


def _rule_table(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(fold(p)): rule for rule, phrases in table.items() for p in phrases}


_PRE_RULE = _rule_table(_PRE_HEDGES)
_VERB_RULE = _rule_table(_VERB_HEDGES)
_POST_RULE = _rule_table(_POST_HEDGES)
_PRE_HEDGE_RE = re.compile(NOT_AFTER_WORD + r"(?:[وفبل])?(?P<h>" + _alternation(list(_PRE_RULE)) + r")\s+$")
_GAP_WORD = r"[^\s\d\"'()\[\].,:;!?،؛]+"
_VERB_HEDGE_RE = re.compile(
    NOT_AFTER_WORD
    + r"(?:[وف])?(?P<h>"
    + _alternation(list(_VERB_RULE))
    + r")(?:\s+"
    + _GAP_WORD
    + rf"){{0,{_MAX_GAP_WORDS}}}\s+$"
)
# What a `_PRE_HEDGE_RE` match ends with (see `numbers.search_before`), and what every
# `_VERB_HEDGE_RE` match holds, gap words and all (see `numbers.search_hinted`).
_PRE_HEDGE_LAST_WORDS = last_words(_PRE_RULE)
_VERB_HEDGE_HINT_RE = re.compile(_alternation(list(_VERB_RULE)))
# Not before `من`/`than`: `٥٠٠٠ أو أقل من ٦٠٠٠` compares with the next figure, it does not hedge this one.
_POST_HEDGE_RE = re.compile(
    r"\s*(?P<h>" + _alternation(list(_POST_RULE)) + ")" + NOT_BEFORE_WORD + r"(?!\s+(?:من|than)\s+\w)"
)
# Comparison signs right before a figure (`>٣٠`, `<= 100`, `≥ 5`), and the strict hedges a
# trailing `أو يساوي` / `or equal` widens to their closed forms (`أقل من ٥٠٠٠ أو يساوي`).
_SYMBOL_RULE = {
    ">=": "hedge.at_least",
    "≥": "hedge.at_least",
    "<=": "hedge.at_most",
    "≤": "hedge.at_most",
    ">": "hedge.more_than",
    "<": "hedge.less_than",
}
_SYMBOL_HEDGE_RE = re.compile(r"(?P<h>>=|<=|[≥≤<>])\s*$")
# Only where the clause ends (`أقل من ٥٠٠٠ أو يساوي.`), not before another figure (`أو يساوي ٦٠٠٠`).
_OR_EQUAL_RE = re.compile(
    r"\s*(?P<h>" + _alternation(["أو يساوي", "or equal"]) + ")" + NOT_BEFORE_WORD + r"(?=\s*(?:$|[^\w\s]))"
)
_OR_EQUAL_RULE = {"hedge.less_than": "hedge.at_most", "hedge.more_than": "hedge.at_least"}

# --- Ranges -------------------------------------------------------------------------------
# Separators that need an opener (`بين 50 و60`, `between 50 and 60`, `من 50 إلى 60`) and
# separators that stand alone (`50-60`, `50 to 60`, `۵۰ تا ۶۰`).
_RANGE_SEPS = ("-", "و", "and", "إلى", "to", "تا")
_RANGE_OPENERS: dict[str, tuple[str, ...]] = {
    "بين": ("و",),
    "ما بين": ("و",),
    "between": ("and",),
    "من": ("إلى",),
    "from": ("to", "-"),
    "از": ("تا",),
}
_RANGE_SEP_RE = re.compile(r"\s*(?P<sep>" + _alternation(list(_RANGE_SEPS)) + r")\s*")
_RANGE_OPEN_RE = re.compile(NOT_AFTER_WORD + r"(?:[وف])?(?P<r>" + _alternation(list(_RANGE_OPENERS)) + r")\s+$")
_OPENER_SEPS = {_key(fold(k)): tuple(fold(s) for s in v) for k, v in _RANGE_OPENERS.items()}
# Separators that need an opener: a bare `و` or `and` joins two figures, it does not span them.
_SEP_NEEDS_OPENER = {
    fold(sep): tuple(o for o, seps in _OPENER_SEPS.items() if fold(sep) in seps) for sep in ("و", "and", "إلى")
}

# --- Identifiers --------------------------------------------------------------------------
_ID_TRIGGERS: dict[str, tuple[str, ...]] = {
    "number": ("رقم", "قرار", "القرار", "resolution", "no.", "number", "#", "شماره", "قطعنامه"),
    "article": ("المادة", "مادة", "ماده", "article", "art.", "البند", "بند", "الفقرة", "فقرة"),
}
_ID_SCHEME = {_key(fold(t)): scheme for scheme, words in _ID_TRIGGERS.items() for t in words}
_ID_BEFORE_RE = re.compile(
    NOT_AFTER_WORD + r"(?:[وفبل])?(?P<t>" + _alternation(list(_ID_SCHEME)) + r")\s*(?P<open>[(\[\"'])?\s*$"
)
_ID_HINT_RE = re.compile(_alternation(list(_ID_SCHEME)))  # held by every `_ID_BEFORE_RE` match
_ID_CLOSE_RE = re.compile(r"\s*[)\]\"']")
_UNSC_RE = re.compile(
    NOT_AFTER_WORD
    + r"(?:[وفبل])?(?P<u>"
    + _alternation(["قرار مجلس الأمن", "القرار مجلس الأمن", "قرارات مجلس الأمن", "security council", "شورای امنیت"])
    + ")"
)
_UNSC_WINDOW = 120
_SENTENCE_END_RE = re.compile(r"[.!?؟\n]")
UNSC_SCHEME = "un_security_council_resolution"

# --- Dates that the date extractor may not have blocked -----------------------------------
_MONTH_LINES = (
    "يناير فبراير مارس أبريل ابريل مايو يونيو يونيه يوليو يوليه أغسطس اغسطس سبتمبر أكتوبر نوفمبر ديسمبر",
    "كانون شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين",
    "جنوری فبروری مارچ اپریل جون جولای آگست سپتمبر اکتوبر نومبر دسمبر",
    "حمل ثور جوزا سرطان اسد سنبله میزان عقرب قوس جدی دلو حوت",
    "فروردین اردیبهشت خرداد تیر مرداد شهریور مهر آبان آذر بهمن اسفند",
    "january february march april may june july august september october november december",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
)
_MONTH_ALTS = _alternation([word for line in _MONTH_LINES for word in line.split()])
_MONTH_AFTER_RE = re.compile(r"\s*(?:من\s+)?(?:" + _MONTH_ALTS + ")" + NOT_BEFORE_WORD)
_MONTH_BEFORE_RE = re.compile(NOT_AFTER_WORD + r"(?:" + _MONTH_ALTS + r")\s+$")
_MONTH_HINT_RE = re.compile(_MONTH_ALTS)  # held by every `_MONTH_BEFORE_RE` match
_MAX_DAY = 31
_MIN_HYPHEN_CHAIN = 3
_YEAR_RANGES = ((1300, 1500), (1900, 2100))

# --- Vague amounts and dual nouns ---------------------------------------------------------
_VAGUE_RULE: dict[str, str] = {}
for _name, _table in POLICY["vague"].items():
    for _word in _table["words"]:
        _folded = _key(fold(_word))
        # `ده‌ها` is also typed `دهها` and `ده ها`
        for _variant in {_folded, _folded.replace(ZWNJ, ""), _folded.replace(ZWNJ, " ")}:
            _VAGUE_RULE[_variant] = f"vague.{_name}"
_VAGUE_RE = re.compile(
    NOT_AFTER_WORD
    + r"(?:[وف]?(?:لل|[بلك])?)(?P<w>(?:ال)?(?:"
    + _alternation(list(_VAGUE_RULE))
    + "))"
    + NOT_BEFORE_WORD
)

_DUALS: dict[str, str] = {
    "مركزين": "center",
    "مركزان": "center",
    "بلدين": "country",
    "دولتين": "country",
    "دولتان": "country",
    "شخصين": "person",
    "شخصان": "person",
    "عامين": "year",
    "عامان": "year",
    "سنتين": "year",
    "سنتان": "year",
    "شهرين": "month",
    "شهران": "month",
    "يومين": "day",
    "يومان": "day",
    "أسبوعين": "week",
    "أسبوعان": "week",
    "منظمتين": "organization",
    "منظمتان": "organization",
}
# The construct dual drops its ن (`لمركزي هداية`): ambiguous with adjectives, so it needs a
# preposition proclitic and a following word.
_CONSTRUCT_DUALS: dict[str, str] = {"مركزي": "center", "عامي": "year"}
_DUAL_UNIT = {fold(k): v for k, v in (_DUALS | _CONSTRUCT_DUALS).items()}
UNITS: frozenset[str] = frozenset(_UNITS) | frozenset(_CURRENCY_UNIT.values()) | frozenset(_DUAL_UNIT.values())
"""Every unit a quantity mention may carry (`QuantityValue.unit`); `corpus.extraction.units` builds on it."""
_DUAL_RE = re.compile(
    NOT_AFTER_WORD
    + r"(?:"
    + r"[وف]?(?:لل|[بلك])?(?P<w>(?:ال)?(?:"
    + _alternation(list(_DUALS))
    + "))"
    + r"|[وف]?[بلك](?P<c>"
    + _alternation(list(_CONSTRUCT_DUALS))
    + r")(?=\s+[^\W\d_])"
    + ")"
    + NOT_BEFORE_WORD
)


def _prefixed(words: Iterable[str], prefixes: Iterable[str]) -> frozenset[str]:
    """Each word's first word (a phrase's words are whole words too) behind each prefix."""
    firsts = {w.split()[0] for w in words}
    return frozenset(p + w for w in firsts for p in prefixes)


# The words a match of `_VAGUE_RE` or `_DUAL_RE` starts with, proclitics and article included
# (see `numbers.word_set`): the patterns are tried only where those of them a text holds occur
# (`numbers.finditer_from_words`).
_CLITICS = [c + p for c in ("", "و", "ف") for p in ("", "لل", "ب", "ل", "ك")]
_VAGUE_WORDS = _prefixed(_VAGUE_RULE, [c + a for c in _CLITICS for a in ("", "ال")])
_DUAL_WORDS = _prefixed(map(fold, _DUALS), [c + a for c in _CLITICS for a in ("", "ال")]) | _prefixed(
    map(fold, _CONSTRUCT_DUALS), [c + p for c in ("", "و", "ف") for p in "بلك"]
)
check_single_words(_VAGUE_WORDS | _DUAL_WORDS)
TRIGGER_WORDS: frozenset[str] = _NUMBER_WORDS | _VAGUE_WORDS | _DUAL_WORDS
"""Words without one of which a text with no digit holds no quantity or identifier."""

# Harakat that may trail a word in the original (`بلداً`): kept inside the quote.
_TRAILING_MARKS_RE = re.compile("[\u064b-\u065f\u0670]+")


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

    def __post_init__(self) -> None:
        if self.start < 0:
            self.start = self.core_start
        if self.end < 0:
            self.end = self.core_end


class _Blocked:
    """Sorted, merged blocked spans with an O(log n) overlap test."""

    def __init__(self, spans: list[Span]) -> None:
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


def find_quantities(
    norm: NormalizedText,
    *,
    language: str,
    blocked: list[tuple[int, int]],
    words: AbstractSet[str] | None = None,
    has_digit: bool | None = None,
) -> list[Mention]:
    """Every quantity and identifier mention in `norm`, sorted by position.

    `blocked` are spans of the folded text (URLs, times, dates) where nothing is reported.
    `words` is `numbers.word_set(norm.text)` when the caller has it already, or the part of it
    that holds every word of `TRIGGER_WORDS` in it; `has_digit`, whether `norm.text` holds a
    digit, when the caller knows. Mentions carry original offsets and
    `text == norm.original[start:end]`.
    """
    text = norm.text
    if words is None:
        words = word_set(text)
    block = _Blocked(list(blocked))
    found_numbers = find_numbers(text, language=language, words=words, dropped=block.hit, has_digit=has_digit)
    vague_words = _VAGUE_WORDS.intersection(words)
    dual_words = _DUAL_WORDS.intersection(words)
    if not (found_numbers or vague_words or dual_words):
        return []  # nothing to assemble a mention from
    numbers = [t for t in found_numbers if not block.hit(t.start, t.end)]
    numbers = _drop_hyphen_chains(text, numbers)

    mentions: list[Mention] = []
    candidates: list[_Candidate] = []
    used: set[int] = set()  # indexes of numbers consumed by a range
    for i, tok in enumerate(numbers):
        if i in used:
            continue
        ident = _identifier(norm, tok, block)
        if ident is not None:
            mentions.append(ident)
            continue
        if _is_date_part(text, tok):
            continue
        cand = _range(text, numbers, i, block)
        if cand is not None:
            used.add(i + 1)
        else:
            cand = _Candidate(tok.start, tok.end, tok.value, "dual" if tok.dual else "hedge.exact", token=tok)
        candidates.append(cand)

    taken = _Blocked([(t.start, t.end) for t in numbers] if vague_words or dual_words else [])
    for m in finditer_from_words(_VAGUE_RE, text, vague_words):
        s, e = m.span("w")
        if taken.hit(s, e) or block.hit(s, e):
            continue
        rule = _VAGUE_RULE[_key(_strip_article(m.group("w")))]
        candidates.append(_Candidate(s, e, Decimal(POLICY["vague"][rule.split(".", 1)[1]]["lower"]), rule))

    for m in finditer_from_words(_DUAL_RE, text, dual_words):
        group = "w" if m.group("w") is not None else "c"
        s, e = m.span(group)
        if taken.hit(s, e) or block.hit(s, e):
            continue
        word = _strip_article(m.group(group))
        cand = _Candidate(s, e, Decimal(POLICY["dual"]["value"]), "dual", unit=_DUAL_UNIT[word], noun_span=(s, e))
        candidates.append(cand)

    assembled: list[tuple[_Candidate, Mention]] = []
    for cand in candidates:
        mention = _assemble(norm, cand, block)
        if mention is not None:
            assembled.append((cand, mention))
    mentions.extend(_join_bounds(norm, assembled))
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


# A lower and an upper one-sided hedge joined by `و`/`and` bound one figure from both sides:
# `أكبر من ١٠٠ وأصغر من ٣٠٠` is (100, 300), `على الأكثر 100 و على الأقل 20` is [20, 100].
_LOWER_HEDGES = frozenset({"hedge.more_than", "hedge.at_least"})
_UPPER_HEDGES = frozenset({"hedge.less_than", "hedge.at_most"})
_BOUND_JOIN_RE = re.compile(r"\s*(?:و|and)\s*")


def _join_bounds(norm: NormalizedText, assembled: list[tuple[_Candidate, Mention]]) -> list[Mention]:
    """The mentions, with each pair of adjacent opposite one-sided hedges joined into one range."""
    out: list[Mention] = []
    i = 0
    while i < len(assembled):
        cand, mention = assembled[i]
        if i + 1 < len(assembled):
            joined = _joined(norm, cand, mention, *assembled[i + 1])
            if joined is not None:
                out.append(joined)
                i += 2
                continue
        out.append(mention)
        i += 1
    return out


def _joined(norm: NormalizedText, a: _Candidate, ma: Mention, b: _Candidate, mb: Mention) -> Mention | None:
    pair = {a.hedge, b.hedge}
    if not (pair & _LOWER_HEDGES and pair & _UPPER_HEDGES) or a.unit != b.unit:
        return None
    if _BOUND_JOIN_RE.fullmatch(norm.text, a.end, b.start) is None:
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


_BARE_WORDS = frozenset(_VAGUE_RULE) | frozenset(_DUAL_UNIT)


def _strip_article(word: str) -> str:
    """`المدنيين` -> `مدنيين` when the bare word is the lexicon entry."""
    if word.startswith("ال") and _key(word[2:]) in _BARE_WORDS:
        return word[2:]
    return word


def _drop_hyphen_chains(text: str, numbers: list[NumberToken]) -> list[NumberToken]:
    """Drop three or more figures glued by hyphens (`12-7-30`): a date or a code, not counts."""
    keep: list[NumberToken] = []
    chain: list[NumberToken] = []
    for tok in numbers:
        if chain and tok.start == chain[-1].end + 1 and text[chain[-1].end] == "-":
            chain.append(tok)
            continue
        if len(chain) < _MIN_HYPHEN_CHAIN:
            keep.extend(chain)
        chain = [tok]
    if len(chain) < _MIN_HYPHEN_CHAIN:
        keep.extend(chain)
    return keep


def _is_year(tok: NumberToken) -> bool:
    """A bare four-digit number that reads as a year (see module docstring)."""
    if tok.words or tok.grouped or tok.scale is not None or tok.digits is None:
        return False
    if len(tok.digits) != 4 or not tok.digits.isdigit():
        return False
    value = int(tok.digits)
    return any(lo <= value <= hi for lo, hi in _YEAR_RANGES)


def _is_date_part(text: str, tok: NumberToken) -> bool:
    """A day or year glued to a month name: a date, whatever the date extractor said."""
    if tok.words or tok.scale is not None or tok.grouped:
        return False
    if _MONTH_AFTER_RE.match(text, tok.end):
        return True
    window = text[max(0, tok.start - 20) : tok.start]
    return tok.value <= _MAX_DAY and search_hinted(_MONTH_HINT_RE, _MONTH_BEFORE_RE, window, 0, len(window)) is not None


def _range(text: str, numbers: list[NumberToken], i: int, block: _Blocked) -> _Candidate | None:
    """`بين 50 و60`, `از ۵۰ تا ۶۰`, `50-60`: numbers[i] and numbers[i+1] as one interval."""
    if i + 1 >= len(numbers):
        return None
    a, b = numbers[i], numbers[i + 1]
    sep_m = _RANGE_SEP_RE.fullmatch(text, a.end, b.start)
    if sep_m is None or b.dual or a.dual:
        return None
    sep = sep_m.group("sep")
    window = text[max(0, a.start - 20) : a.start]
    opener = _RANGE_OPEN_RE.search(window)
    opener_word = _key(opener.group("r")) if opener else None
    if opener_word is not None and sep not in _OPENER_SEPS[opener_word]:
        opener = opener_word = None
    if sep in _SEP_NEEDS_OPENER and opener_word not in _SEP_NEEDS_OPENER[sep]:
        return None
    if sep == "-" and (text.startswith("-", b.end) or (a.start > 0 and text[a.start - 1] == "-")):
        return None  # a chain such as 12-7-30 is a date or a code, not a range
    if _is_year(a) and _is_year(b):
        return None
    low = a.value
    if b.scale is not None and a.scale is None and not a.words and low * b.scale <= b.value:
        low = clean_decimal(low * b.scale)  # بين 50 و60 مليون
    if low >= b.value:
        return None
    start = a.start
    if opener is not None:
        opener_start = max(0, a.start - 20) + opener.start("r")
        if not block.hit(opener_start, a.start):
            start = opener_start
    return _Candidate(a.start, b.end, low, "hedge.range", upper_nominal=b.value, start=start, token=a)


def _identifier(norm: NormalizedText, tok: NumberToken, block: _Blocked) -> Mention | None:
    """`رقم 2254`, `القرار (2254)`, `المادة 5`, `resolution 2254` as an identifier mention."""
    if tok.words or tok.digits is None or tok.scale is not None:
        return None
    text = norm.text
    wstart = max(0, tok.start - 30)
    m = search_hinted(_ID_HINT_RE, _ID_BEFORE_RE, text, wstart, tok.start)
    if m is None:
        return None
    trigger = _key(m.group("t"))
    scheme = _ID_SCHEME[trigger]
    start = m.start("t")
    end = tok.end
    if m.group("open"):
        close = _ID_CLOSE_RE.match(text, end)
        if close is not None:
            end = close.end()
    if scheme == "number":
        ustart = max(0, start - _UNSC_WINDOW)
        last = None
        for u in _UNSC_RE.finditer(text, ustart, start + 1):
            last = u
        if last is not None and not _SENTENCE_END_RE.search(text, last.start("u"), start):
            scheme = UNSC_SCHEME
            if not block.hit(last.start("u"), start):
                start = last.start("u")
    if block.hit(start, tok.start):
        start = m.start("t") if not block.hit(m.start("t"), tok.start) else tok.start
    value = IdentifierValue(nominal=tok.digits, scheme=scheme)
    return _mention(norm, start, end, Kind.IDENTIFIER, Modifier.EXACT, "identifier", value)


def _assemble(norm: NormalizedText, cand: _Candidate, block: _Blocked) -> Mention | None:
    """Find the noun, the hedge and the currency of one candidate, then build its mention."""
    text = norm.text
    tok = cand.token
    # Right: the counted noun or unit (not for a dual, which is its own noun).
    if cand.noun_span is None:
        nm = _NOUN_RE.match(text, cand.core_end)
        if nm is not None and not block.hit(nm.start("noun"), nm.end("noun")):
            cand.noun_span = nm.span("noun")
            cand.unit = _UNIT_OF[_key(nm.group("w"))]
            cand.end = nm.end("noun")
    # Left: a currency sign, then a hedge.
    left = cand.start
    if cand.rule != "hedge.range":
        cm = _CURRENCY_BEFORE_RE.search(text, max(0, left - 4), left)
        if cm is not None and not block.hit(cm.start("cur"), left):
            cand.unit = cand.unit or _CURRENCY_UNIT[cm.group("cur")]
            left = cand.start = cm.start("cur")
        if not cand.rule.startswith("vague."):
            found = _hedge_before(text, left, block)
            if found is not None:
                cand.hedge_start, cand.hedge = found
                cand.start = cand.hedge_start
    # Right again: a trailing hedge when none stood before.
    if cand.rule == "hedge.exact" or (cand.rule == "dual" and cand.hedge is None):
        pm = _POST_HEDGE_RE.match(text, cand.end)
        if cand.hedge is None and pm is not None and not block.hit(pm.start("h"), pm.end("h")):
            cand.hedge = _POST_RULE[_key(pm.group("h"))]
            cand.end = pm.end("h")
    if cand.hedge in _OR_EQUAL_RULE:
        em = _OR_EQUAL_RE.match(text, cand.end)
        if em is not None and not block.hit(em.start("h"), em.end("h")):
            cand.hedge = _OR_EQUAL_RULE[cand.hedge]
            cand.end = em.end("h")

    if tok is not None and tok.weak and cand.unit is None:
        return None
    if tok is not None and _is_year(tok) and cand.unit is None and cand.rule != "hedge.range":
        return None
    return _quantity_mention(norm, cand)


def _closes_tag(text: str, at: int) -> bool:
    """Whether the `>` at `at` closes a markup tag (`<b>5`), not a comparison."""
    if text[at] != ">":
        return False
    before = text[max(0, at - 40) : at]
    return before.rfind("<") > before.rfind(">")


def _hedge_before(text: str, left: int, block: _Blocked) -> tuple[int, str] | None:
    """The hedge ending right before `left`, as (start, rule), or None."""
    wstart = max(0, left - _HEDGE_WINDOW)
    if text[max(0, left - 4) : left].rstrip()[-1:] in ("<", ">", "≤", "≥", "="):
        m = _SYMBOL_HEDGE_RE.search(text, max(0, left - 4), left)
        if m is not None and not block.hit(m.start("h"), left) and not _closes_tag(text, m.start("h")):
            return m.start("h"), _SYMBOL_RULE[m.group("h")]
    m = search_before(_PRE_HEDGE_RE, text, wstart, left, _PRE_HEDGE_LAST_WORDS)
    if m is not None and not block.hit(m.start("h"), left):
        return m.start("h"), _PRE_RULE[_key(m.group("h"))]
    m = search_hinted(_VERB_HEDGE_HINT_RE, _VERB_HEDGE_RE, text, wstart, left)
    if m is not None and not block.hit(m.start("h"), left):
        return m.start("h"), _VERB_RULE[_key(m.group("h"))]
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
        lower, upper = Decimal(table["lower"]), Decimal(table["upper"])
        value = QuantityValue(n, lower, upper, unit=cand.unit, noun=noun)
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
