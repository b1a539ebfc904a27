"""Free text that curators type (entity names, aliases, resolution notes).

Rule: bidi embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are removed —
they can make a name display as something else ("Trojan Source") and never carry meaning here;
the Persian zero-width non-joiner (U+200C) is kept, it is part of how words are spelled
(`می‌شود`). A value left with nothing visible is refused.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = {"Cf", "Zs", "Zl", "Zp", "Cc", "Mn"}


class InvisibleText(ValueError):
    """The text has no visible character."""


def clean_text(text: str) -> str:
    """`text` without bidi controls; raises `InvisibleText` when nothing visible is left."""
    cleaned = BIDI_CONTROLS.sub("", text)
    if not any(unicodedata.category(ch) not in _INVISIBLE for ch in cleaned):
        raise InvisibleText("The value has no visible character.")
    return cleaned
