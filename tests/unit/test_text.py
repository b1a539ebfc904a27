"""Offset-preserving normalization (pure, no database)."""

from __future__ import annotations

import pytest

from corpus.domain.text import ZWNJ, fold, nfc, normalize


class TestFolding:
    @pytest.mark.parametrize(
        ("raw", "folded"),
        [
            ("٠١٢٣٤٥٦٧٨٩", "0123456789"),  # Arabic-Indic digits
            ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),  # Persian digits
            ("۱۷۸٫۳", "178.3"),  # Arabic decimal separator
            ("۱۲٬۰۰۰", "12,000"),  # Arabic thousands separator
            ("کشور", "كشور"),  # keheh -> kaf
            ("ایران", "ايران"),  # Persian yeh -> Arabic yeh
            ("على", "علي"),  # alef maksura -> yeh
            ("مدينة", "مدينه"),  # teh marbuta -> heh
            ("أإآٱ", "اااا"),  # hamza carriers
            ("مؤتمر", "موتمر"),
            ("رئيس", "رييس"),
            ("مُحَمَّد", "محمد"),  # diacritics removed
            ("اجتمـــاع", "اجتماع"),  # tatweel removed
            ("a\u200eb\u200fc\u202bd\u202ce\u2067f\u2069", "abcdef"),  # bidi controls removed
            ("x\u200by\u200dz\ufeff", "xyz"),  # zero-width space/joiner, BOM removed
            ("110\u00a0000", "110 000"),  # no-break space
            ("ISIS", "isis"),
            ("ﻻ", "لا"),  # presentation-form ligature expands to two letters
        ],
    )
    def test_folds_variants_to_one_form(self, raw: str, folded: str) -> None:
        result = normalize(raw)

        assert result.text == folded

    def test_keeps_the_persian_zero_width_non_joiner(self) -> None:
        result = normalize(f"ده{ZWNJ}ها")

        assert result.text == f"ده{ZWNJ}ها"

    def test_fold_matches_normalize(self) -> None:
        assert fold("ائتلاف بین المللی") == normalize("ائتلاف بین المللی").text == "ايتلاف بين المللي"


class TestOffsetMap:
    def test_identity_map_when_nothing_is_removed(self) -> None:
        result = normalize("تستضيف ۸۰ كشور")

        assert result.index_map is None
        assert result.to_original(7, 9) == (7, 9)

    @pytest.mark.parametrize(
        ("raw", "needle", "expected"),
        [
            ("سی‌ و ۰۰۰ ۱۱۰ کیلومتر مربّع", "110", "۱۱۰"),
            ("سی‌ و ۰۰۰ ۱۱۰ کیلومتر مربّع", "مربع", "مربّع"),
            ("وأُنشِئ التحالف", "وانشي", "وأُنشِئ"),
            ("\u200fاجتمـــاع\u200f في باريس", "اجتماع", "اجتمـــاع"),
            ("ﻻ يزال", "لا", "ﻻ"),
            ("ﻻ يزال", "يزال", "يزال"),
        ],
    )
    def test_found_spans_map_back_to_exact_original_text(self, raw: str, needle: str, expected: str) -> None:
        result = normalize(raw)
        start = result.text.index(needle)

        ostart, oend = result.to_original(start, start + len(needle))

        assert raw[ostart:oend] == expected
        assert result.original_span_text(start, start + len(needle)) == expected

    def test_spans_outside_the_text_are_refused(self) -> None:
        result = normalize("abc")

        with pytest.raises(ValueError, match="outside"):
            result.to_original(2, 4)


def test_nfc_composes_decomposed_text() -> None:
    assert nfc("e\u0301") == "\u00e9"
