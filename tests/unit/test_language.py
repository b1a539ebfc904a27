"""Language detection (pure, no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.domain.language import detect_language
from corpus.domain.text import nfc

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
METADATA = json.loads((SEEDS_DIR / "metadata.json").read_text(encoding="utf-8"))


class TestDetectLanguage:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # Arabic
            ("قال الوزير إن الاجتماع عقد في باريس.", "ar"),
            ("هذه مدينة كبيرة على الساحل.", "ar"),
            ("التحالف الدولي ضد داعش", "ar"),
            ("بلغت قيمتها ١٧٨٫٣ مليون دولار", "ar"),
            # Persian (Farsi and Dari)
            ("این کشور عضو ائتلاف است.", "fa"),
            ("او از کابل آمد.", "fa"),
            ("کابل پایتخت افغانستان است", "fa"),
            ("جلسهء روئسای سیاسی", "fa"),
            ("گزارش می‌شود که سی کشور حضور داشتند.", "fa"),
            ("ائتلاف بين المللي را تشكيل مي دهد", "fa"),  # legacy Arabic-keyboard yeh and kaf
            # English
            ("The coalition met in Paris.", "en"),
            ("More than 55 members of the security forces were killed in Palma.", "en"),
            ("ISIS (داعش) was defeated in Baghouz in March 2019.", "en"),
        ],
    )
    def test_short_sentence(self, text: str, expected: str) -> None:
        language = detect_language(text)

        assert language == expected

    @pytest.mark.parametrize("name", sorted(METADATA))
    def test_seed_language_matches_metadata(self, name: str) -> None:
        text = nfc((SEEDS_DIR / name).read_text(encoding="utf-8"))

        language = detect_language(text)

        assert language == METADATA[name]["language"]

    @pytest.mark.parametrize("text", ["", "2019 - 08/07", "   \n"])
    def test_text_without_letters_gets_the_default(self, text: str) -> None:
        language = detect_language(text, default="en")

        assert language == "en"
