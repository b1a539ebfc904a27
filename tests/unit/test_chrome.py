"""Page-chrome detection (pure, no database)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from corpus.domain.chrome import RULES, ChromeKind, Line, chrome_rule_for, classify_lines, find_headline
from corpus.domain.segmentation import sentences
from corpus.domain.text import fold, nfc

SEEDS_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SEED_NAMES = sorted(path.name for path in SEEDS_DIR.glob("*.txt"))


@cache
def seed_text(prefix: str) -> str:
    """The seed whose file name starts with `prefix`, as ingestion stores it (NFC)."""
    (path,) = SEEDS_DIR.glob(f"{prefix}_*.txt")
    return nfc(path.read_text(encoding="utf-8"))


def seed_lines(prefix: str) -> list[Line]:
    return classify_lines(seed_text(prefix))


def line_starting_with(lines: list[Line], prefix: str) -> Line:
    return next(line for line in lines if line.text.strip().startswith(prefix))


# (seed, the start of a chrome line): each such line must not reach any sentence.
SEED_CHROME = [
    ("000", "Atwasat"),
    ("000", "القاهرة - بوابة الوسط الأربعاء 26 يونيو 2019, 05:49 مساء"),
    ("000", "WTV_Frequency"),
    ("000", "المزيد من بوابة الوسط"),
    ("000", "تعليقات"),
    ("000", "عناوين ذات صلة"),
    ("000", "توقيف رجل بعد تطويق قنصلية إيران في باريس"),
    ("000", "الاتحاد الأوروبي يفرض عقوبات على أربعة مستوطنين صهاينة متطرفين"),
    ("000", "«ناتو» يوافق على تزويد أوكرانيا بمزيد من أنظمة الدفاع الجوي"),
    ("000", "بعد استهداف إيران.. باريس تدعو الى وقف التصعيد العسكري"),
    ("000", "اختيار هيئة المحلفين في المحاكمة التاريخية لترامب"),
    ("000", "المزيد"),
    ("000", "الاكثر تفضيلا في هذا القسم"),
    ("001", "JPEG"),
    ("001", "جهت دریافت معلومات مزید :"),
    ("001", "https://www.diplomatie.gouv.fr/"),
    ("001", "تاریخ نشر 08/07/2019"),
    ("001", "قسمت بالایی صفحه"),
    ("002", "جاري تحميل ... المشرق بوست"),
    ("002", "إعلان الرئيسية"),
    ("002", "أخبار"),
    ("002", "إعلان في أعلي التدوينة"),
    ("002", "أخبارالعالم العربيدولي"),
    ("002", "ليست هناك تعليقات"),
    ("002", "إرسال تعليق"),
    ("002", "إعلان في أسفل التدوينة"),
    ("002", "إتصل بنا"),
    ("002", "نموذج الاتصال"),
    ("002", "الاسم"),
    ("002", "بريد إلكتروني *"),
    ("002", "رسالة *"),
    ("003", "–"),
    ("003", "اذا كنت تعتقد/تعتقدين"),
    ("003", "إذا كنت تعتقد/تعتقدين"),
    ("003", "-"),
    ("003", "تابعنا على :"),
    ("004", "عاجل"),
    ("004", "الجمعة 29 مارس 2024"),
    ("004", "رئيس مجلس الإدارة"),
    ("004", "هبة صادق"),
    ("004", "رئيس التحرير"),
    ("004", "أيمن عبد المجيد"),
    ("004", "اعلان we"),
    ("004", "البنك الاهلي"),
    ("004", "تابع بوابة روزا اليوسف علي"),
    ("004", "جوجل نيوز"),
]


class TestChromeOnSeeds:
    @pytest.mark.parametrize(("seed", "chrome"), SEED_CHROME)
    def test_chrome_line_is_inside_no_sentence(self, seed: str, chrome: str) -> None:
        text = seed_text(seed)
        occurrences = [m.start() for m in re.finditer(r"(?m)^[ \t\u00a0]*" + re.escape(chrome), text)]

        spans = sentences(text)

        assert occurrences, f"{chrome!r} is not at the start of a line of seed {seed}"
        for start in occurrences:
            end = text.find("\n", start) if "\n" in text[start:] else len(text)
            overlapping = [s.text for s in spans if s.start < end and start < s.end]
            assert overlapping == []

    @pytest.mark.parametrize(
        ("seed", "line_start", "kind"),
        [
            ("000", "Atwasat", ChromeKind.SITE_NAME),
            ("000", "القاهرة - بوابة الوسط", ChromeKind.DATELINE),
            ("000", "WTV_Frequency", ChromeKind.WIDGET),
            ("000", "عناوين ذات صلة", ChromeKind.RELATED),
            ("000", "اختيار هيئة المحلفين", ChromeKind.RELATED),
            ("001", "JPEG", ChromeKind.CAPTION),
            ("001", "https://", ChromeKind.LINK),
            ("001", "تاریخ نشر", ChromeKind.DATELINE),
            ("001", "قسمت بالایی صفحه", ChromeKind.NAVIGATION),
            ("002", "إعلان الرئيسية", ChromeKind.ADVERT),
            ("002", "ليست هناك تعليقات", ChromeKind.COMMENTS),
            ("002", "بريد إلكتروني", ChromeKind.FORM),
            ("003", "اذا كنت تعتقد", ChromeKind.BOILERPLATE),
            ("003", "–", ChromeKind.SEPARATOR),
            ("003", "تابعنا على", ChromeKind.SHARE),
            ("004", "الجمعة 29 مارس 2024", ChromeKind.PAGE_HEADER),
            ("004", "رئيس مجلس الإدارة", ChromeKind.MASTHEAD),
            ("004", "هبة صادق", ChromeKind.MASTHEAD),
            ("004", "أيمن عبد المجيد", ChromeKind.MASTHEAD),
        ],
    )
    def test_chrome_line_has_its_kind(self, seed: str, line_start: str, kind: ChromeKind) -> None:
        lines = seed_lines(seed)

        line = line_starting_with(lines, line_start)

        assert line.chrome == kind

    @pytest.mark.parametrize(
        ("seed", "line_start"),
        [
            ("001", "جلسهء روئسای سیاسی"),
            ("003", "تهديد مستمر"),
            ("003", "سوريا.. دعم وحلول مستدامة"),
            ("004", "وشدد الوزراء على ضرورة الالتزام"),
            ("004", "وصرح السفير أحمد حافظ"),
        ],
    )
    def test_subheadings_and_indented_paragraphs_are_content(self, seed: str, line_start: str) -> None:
        lines = seed_lines(seed)

        line = line_starting_with(lines, line_start)

        assert line.chrome is None

    @pytest.mark.parametrize("name", SEED_NAMES)
    def test_headline_is_the_metadata_title(self, name: str) -> None:
        metadata = json.loads((SEEDS_DIR / "metadata.json").read_text(encoding="utf-8"))
        lines = seed_lines(name[:3])

        headline = find_headline(lines)

        assert headline is not None
        assert headline.text.strip() == nfc(metadata[name]["title"])

    @pytest.mark.parametrize("name", SEED_NAMES)
    def test_lines_tile_the_text(self, name: str) -> None:
        text = seed_text(name[:3])

        lines = classify_lines(text)

        assert all(text[line.start : line.end] == line.text for line in lines)
        assert all("\n" not in line.text for line in lines)
        assert "\n".join(line.text for line in lines) == text

    def test_every_line_after_the_related_marker_is_chrome(self) -> None:
        lines = seed_lines("000")
        marker = next(i for i, line in enumerate(lines) if line.text == "عناوين ذات صلة")

        tail = lines[marker:]

        assert [line for line in tail if line.chrome is None] == []


class TestChromeRules:
    @pytest.mark.parametrize(
        ("line", "kind"),
        [
            ("Advertisement", ChromeKind.ADVERT),
            ("إعلان جانبي", ChromeKind.ADVERT),
            ("Related articles", ChromeKind.RELATED),
            ("اقرأ أيضاً", ChromeKind.RELATED),
            ("Leave a comment", ChromeKind.COMMENTS),
            ("12 تعليقات", ChromeKind.COMMENTS),
            ("Follow us on Twitter", ChromeKind.SHARE),
            ("تابعونا عبر فيسبوك", ChromeKind.SHARE),
            ("Telegram", ChromeKind.SHARE),
            ("photo.jpg", None),
            ("PNG", ChromeKind.CAPTION),
            ("{{ article.author }}", ChromeKind.WIDGET),
            ("ad_slot_top", ChromeKind.WIDGET),
            ("© 2024 Sanad News", ChromeKind.BOILERPLATE),
            ("جميع الحقوق محفوظة لبوابة الوسط", ChromeKind.BOILERPLATE),
            ("Editor-in-Chief", ChromeKind.MASTHEAD),
            ("العودة إلى الأعلى", ChromeKind.NAVIGATION),
            ("لمزيد من المعلومات:", ChromeKind.LINK),
        ],
    )
    def test_table_rule_matches_whole_line(self, line: str, kind: ChromeKind | None) -> None:
        rule = chrome_rule_for(line)

        assert (rule.kind if rule else None) == kind

    @pytest.mark.parametrize(
        "line",
        [
            "إعلان وقف إطلاق النار في غزة اليوم",
            "The comments section was closed after the vote.",
            "تابع الوزير حديثه عن الاجتماع في باريس.",
            "وقال رئيس التحرير إن الصحيفة ستواصل النشر.",
            "More than 55 members of the security forces were killed.",
        ],
    )
    def test_body_line_that_mentions_chrome_words_matches_no_rule(self, line: str) -> None:
        rule = chrome_rule_for(line)

        assert rule is None

    def test_every_rule_has_a_reason_and_a_folded_pattern(self) -> None:
        for rule in RULES:
            assert rule.reason
            assert fold(rule.pattern.pattern) == rule.pattern.pattern


class TestStructuralRules:
    def test_short_lines_above_the_headline_are_preamble(self) -> None:
        text = "Sanad\n\nHome\nWorld\n\nCoalition ministers meet in Rome\n\nThe ministers met on Tuesday."

        lines = classify_lines(text)

        assert [line.chrome for line in lines if line.text] == ["site_name", "navigation", "navigation", None, None]
        assert find_headline(lines) == lines[5]

    def test_text_without_a_headline_has_no_preamble(self) -> None:
        text = "Hi there\nOK"

        lines = classify_lines(text)

        assert [line.chrome for line in lines] == [None, None]

    def test_date_line_above_the_headline_is_the_page_header_and_below_it_the_dateline(self) -> None:
        text = "Friday 29 March 2024\nCoalition ministers meet in Rome\nRome - Tuesday 30 March 2021, 10:00 GMT\nBody."

        lines = classify_lines(text)

        assert [line.chrome for line in lines] == ["page_header", None, "dateline", None]

    def test_headline_that_contains_a_date_is_not_a_dateline(self) -> None:
        text = "Kabul attack on 26 August 2021\nBody text follows here."

        lines = classify_lines(text)

        assert lines[0].chrome is None

    def test_label_claims_only_the_next_short_line(self) -> None:
        text = "رئيس التحرير\nأيمن عبد المجيد\nاجتماع وزراء خارجية دول التحالف الدولي"

        lines = classify_lines(text)

        assert [line.chrome for line in lines] == ["masthead", "masthead", None]

    def test_end_of_article_marker_above_the_headline_does_not_swallow_the_article(self) -> None:
        text = "Related\nCoalition ministers meet in Rome\nThe ministers met on Tuesday."

        lines = classify_lines(text)

        assert [line.chrome for line in lines] == ["related", None, None]

    @pytest.mark.parametrize("terminator", ["\n", "\r\n", "\r", "\u2028"])
    def test_every_line_terminator_splits_lines(self, terminator: str) -> None:
        text = f"First line here{terminator}Second line here"

        lines = classify_lines(text)

        assert [(line.start, line.end) for line in lines] == [(0, 15), (15 + len(terminator), len(text))]
