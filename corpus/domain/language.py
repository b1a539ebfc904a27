"""Tell Arabic, Persian (Farsi and Dari) and English apart by script and letter statistics.

The three languages of the corpus need no statistical model: English is the only one in
Latin script, and Arabic and Persian share a script but not an alphabet or function words.
Persian has letters Arabic lacks (پ چ ژ گ) and writes yeh and kaf as ی and ک; Arabic has
ة and writes ي ى ك. Letter evidence alone misleads on legacy Persian text typed with an
Arabic keyboard (ي ك), so frequent function words vote too: Persian است این را می از که,
Arabic في من على الذي التي. Dari uses the same letters and words as Farsi and is `fa`.

Pure standard library; callers may pass the whole page, but chrome (Latin widget names, a
URL) is drowned out by the body anyway.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType

from corpus.domain.text import REMOVED_RE

LANGUAGES = ("ar", "fa", "en")


def _words(*groups: str) -> frozenset[str]:
    """Word lists are written as space-separated groups, one group per spelling."""
    return frozenset(word for group in groups for word in group.split())


# Weight of each letter as evidence: the letters foreign to the other language count most.
PERSIAN_LETTERS: Mapping[str, int] = MappingProxyType({"پ": 3, "چ": 3, "ژ": 3, "گ": 3, "ک": 1, "ی": 1})
ARABIC_LETTERS: Mapping[str, int] = MappingProxyType({"ة": 2, "ي": 1, "ى": 1, "ك": 1})

# Frequent function words, in their own spelling (not folded: "این" and Arabic "أين" fold alike).
# Words both languages use ("به", "هم", legacy-typed "بين") are left out. The second group is
# Persian words typed on an Arabic keyboard (ي ك), which no Arabic text contains.
PERSIAN_WORDS = _words(
    "است این آن را می از که برای های شده شد کرد کند بود خود نیز تا یک در اند ها میان",
    "مي كه براي هاي كند يك ميان",
)
ARABIC_WORDS = _words(
    "في من على إلى الى عن أن إن الذي التي الذين هذا هذه ذلك تلك كان كانت قد مع بعد حتى كما أو ثم لم لن"
)
WORD_WEIGHT = 3

_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str, *, default: str = "ar") -> str:
    """Return `"ar"`, `"fa"` or `"en"`; `default` when `text` has no letters at all.

    `default` is Arabic because most of the corpus is; ingestion passes the source's
    declared language when it has one.
    """
    text = REMOVED_RE.sub("", unicodedata.normalize("NFC", text))
    arabic_script = latin = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff" or "\u0750" <= ch <= "\u077f":
            arabic_script += 1
        elif ch.isascii() or "\u00c0" <= ch <= "\u024f":
            latin += 1
    if arabic_script == 0 and latin == 0:
        return default
    if latin > arabic_script:
        return "en"
    persian, arabic = _script_scores(text)
    return "fa" if persian > arabic else "ar"


def _script_scores(text: str) -> tuple[int, int]:
    """Persian and Arabic evidence in Arabic-script text: weighted letters plus function words."""
    persian = sum(PERSIAN_LETTERS.get(ch, 0) for ch in text)
    arabic = sum(ARABIC_LETTERS.get(ch, 0) for ch in text)
    for word in _WORD_RE.findall(text.replace("\u200c", " ")):
        if word in PERSIAN_WORDS:
            persian += WORD_WEIGHT
        elif word in ARABIC_WORDS:
            arabic += WORD_WEIGHT
    return persian, arabic
