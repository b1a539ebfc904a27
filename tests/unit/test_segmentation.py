"""Sentence segmentation (pure, no database)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from corpus.domain.chrome import classify_lines, find_headline
from corpus.domain.segmentation import SentenceSpan, segment, sentences
from corpus.domain.text import nfc

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_PREFIXES = sorted(path.name[:3] for path in SEEDS_DIR.glob("*.txt"))


@cache
def seed_text(prefix: str) -> str:
    """The seed whose file name starts with `prefix`, as ingestion stores it (NFC)."""
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return nfc(path.read_text(encoding="utf-8"))


def texts(spans: list[SentenceSpan]) -> list[str]:
    return [span.text for span in spans]


class TestSegmentTable:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            # terminators
            ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
            ("هل انتهى التهديد؟ لا.", ["هل انتهى التهديد؟", "لا."]),
            ("آیا تهدید ختم شد؟ نه.", ["آیا تهدید ختم شد؟", "نه."]),
            ("Really?! Yes.", ["Really?!", "Yes."]),
            # line breaks always end a sentence
            ("عنوان بلا نقطة\nجملة أولى.", ["عنوان بلا نقطة", "جملة أولى."]),
            # decimals in every digit system
            ("بلغت قيمتها 178.3 مليون دولار. وانتهى", ["بلغت قيمتها 178.3 مليون دولار.", "وانتهى"]),
            ("ارزش آن ۱۷۸٫۳ میلیون دالر است. پایان", ["ارزش آن ۱۷۸٫۳ میلیون دالر است.", "پایان"]),
            ("It cost $1.5 million. Then", ["It cost $1.5 million.", "Then"]),
            # numeric dates
            ("تاریخ نشر 08/07/2019 است. بعد", ["تاریخ نشر 08/07/2019 است.", "بعد"]),
            ("Held on 2019.06.25 in Paris. Then", ["Held on 2019.06.25 in Paris.", "Then"]),
            # URLs and e-mail addresses
            (
                "See https://www.diplomatie.gouv.fr/fr/a.html for more. Next",
                ["See https://www.diplomatie.gouv.fr/fr/a.html for more.", "Next"],
            ),
            ("Visit www.example.com. Next", ["Visit www.example.com.", "Next"]),
            ("Write to press@state.gov today. Next", ["Write to press@state.gov today.", "Next"]),
            # abbreviations and initials
            ("U.S. troops left. Then", ["U.S. troops left.", "Then"]),
            ("Dr. Smith met Mr. Jones. Then", ["Dr. Smith met Mr. Jones.", "Then"]),
            ("Resolution No. 2254 was cited. Then", ["Resolution No. 2254 was cited.", "Then"]),
            ("Partners, e.g. France, agreed. Then", ["Partners, e.g. France, agreed.", "Then"]),
            ("J. Smith spoke. Then", ["J. Smith spoke.", "Then"]),
            ("It was approx. five. Then", ["It was approx. five.", "Then"]),
            ("قال د. أحمد حافظ إن الاجتماع انتهى. ثم", ["قال د. أحمد حافظ إن الاجتماع انتهى.", "ثم"]),
            # `،` and `؛` are not terminators
            ("قال الوزير، في بيان، إن الاجتماع انتهى.", ["قال الوزير، في بيان، إن الاجتماع انتهى."]),
            ("في هذه الجوانب؛ استنادا إلى خبرتها.", ["في هذه الجوانب؛ استنادا إلى خبرتها."]),
            # a double dot or an ellipsis is a pause
            ('نتائج الاجتماع ضد داعش.. "التفاصيل الكاملة"', ['نتائج الاجتماع ضد داعش.. "التفاصيل الكاملة"']),
            ("He paused... then went on. End", ["He paused... then went on.", "End"]),
            ("He paused… then went on.", ["He paused… then went on."]),
            # closing quotes and brackets stay with their sentence
            ("وأكد البيان «انتهى الاجتماع». ثم", ["وأكد البيان «انتهى الاجتماع».", "ثم"]),
            ("قال: «انتهى الاجتماع.» ثم غادر.", ["قال: «انتهى الاجتماع.»", "ثم غادر."]),
            ('He said "it is over." Then', ['He said "it is over."', "Then"]),
            ("جاء في البيان “الأولوية للتحالف”. وأضاف", ["جاء في البيان “الأولوية للتحالف”.", "وأضاف"]),
            ("(It ended.) Then", ["(It ended.)", "Then"]),
            # whitespace and empty pieces
            ("  leading and trailing  \n\n \u00a0 \n", ["leading and trailing"]),
            ("One. . Two.", ["One.", "Two."]),
            ("", []),
        ],
    )
    def test_segment_splits_as_expected(self, text: str, expected: list[str]) -> None:
        spans = segment(text)

        assert texts(spans) == expected
        assert all(text[span.start : span.end] == span.text for span in spans)
        assert [span.index for span in spans] == list(range(len(spans)))


class TestSentencesOnSeeds:
    @pytest.mark.parametrize("prefix", SEED_PREFIXES)
    def test_offsets_slice_the_text_exactly(self, prefix: str) -> None:
        text = seed_text(prefix)

        spans = sentences(text)

        assert spans
        assert all(text[span.start : span.end] == span.text for span in spans)
        assert all(span.text == span.text.strip() and "\n" not in span.text for span in spans)
        assert [span.index for span in spans] == list(range(len(spans)))
        assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))

    @pytest.mark.parametrize("prefix", SEED_PREFIXES)
    def test_headline_is_the_first_sentence(self, prefix: str) -> None:
        text = seed_text(prefix)
        headline = find_headline(classify_lines(text))

        spans = sentences(text)

        assert headline is not None
        assert spans[0].text == headline.text.strip()

    @pytest.mark.parametrize("prefix", SEED_PREFIXES)
    def test_passing_precomputed_lines_gives_the_same_sentences(self, prefix: str) -> None:
        text = seed_text(prefix)

        spans = sentences(text, classify_lines(text))

        assert spans == sentences(text)

    def test_coalition_founding_sentence_is_one_sentence(self) -> None:
        text = seed_text("000")

        spans = [s for s in sentences(text) if s.text.startswith("وأُنشِئ التحالف الدولي")]

        assert len(spans) == 1
        assert spans[0].text.endswith("بحسب بيان على موقع وزارة الخارجية الفرنسية.")
        assert "110 آلاف كيلومتر مربع" in spans[0].text

    def test_headline_with_double_dot_is_one_sentence(self) -> None:
        text = seed_text("004")

        first = sentences(text)[0]

        assert first.text == 'نتائج اجتماع وزراء خارجية دول التحالف الدولي ضد داعش.. "التفاصيل الكاملة"'

    def test_decimal_figure_stays_in_its_sentence(self) -> None:
        text = seed_text("004")

        spans = [s for s in sentences(text) if "178.3" in s.text]

        assert len(spans) == 1
        assert spans[0].text.endswith("178.3 مليون دولار.")

    def test_two_sentences_on_one_line_are_split(self) -> None:
        text = seed_text("004")

        spans = [s for s in sentences(text) if "بالما" in s.text or "مشروع ضخم" in s.text]

        assert texts(spans) == [
            "جدير بالذكر أن تنظيم داعش شن هجوماً منذ أسبوع على مدينة بالما شمال موزمبيق، انتهى بسيطرته عليها أمس "
            "الاثنين، حسب بيان صادر عن التنظيم.",
            "وتقع المدينة قبل مشروع ضخم لإنتاج الغاز سيبدأ العمل فيه عام 2024.",
        ]

    @pytest.mark.parametrize(("prefix", "count"), [("000", 12), ("001", 15), ("002", 15), ("003", 16), ("004", 37)])
    def test_seed_sentence_count(self, prefix: str, count: int) -> None:
        text = seed_text(prefix)

        spans = sentences(text)

        assert len(spans) == count
