"""The evaluation's rules (pure, no database): how cases are split into halves and labels matched."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from benchmarks.evaluation import devset, halves
from benchmarks.evaluation.cases import Case
from corpus.extraction.article import analyze_article


def case(text: str, suite: str = "suite") -> Case:
    return Case(suite, "group", text, "ar", "number", Decimal(1))


class TestHalves:
    def test_the_half_is_fixed_by_the_suite_and_the_text(self) -> None:
        texts = [f"جملة رقم {i}" for i in range(400)]

        first = [halves.hashed_half("suite", t) for t in texts]

        assert first == [halves.hashed_half("suite", t) for t in texts]
        assert 150 < first.count(halves.TEST) < 250

    @pytest.mark.parametrize(
        ("text", "copied"),
        [
            ("عدد السيارات أكبر من ٤٥٦٥", True),  # the whole sentence is in a test
            ("عدد  السيارات أكبر من ٤٥٦٥", True),  # whitespace does not hide it
            ("قال إن عدد السيارات أكبر من ٤٥٦٥", True),  # most of it
            ("ثلاثة", True),  # a word, letters enough
            ("1", False),  # a bare figure says nothing of the rules
            ("سأعود الأسبوع الماضي يوم الأحد مع فريق العمل كله", False),  # a common phrase inside
        ],
    )
    def test_a_text_copied_into_a_unit_test_is_recognised(self, text: str, copied: bool) -> None:
        strings = frozenset({"عدد السيارات أكبر من ٤٥٦٥", "ثلاثة", "1", "الأسبوع الماضي"})

        assert halves.copied_into_tests(text, strings) is copied

    def test_copied_cases_go_to_the_development_half_whatever_their_hash(self) -> None:
        cases = [case(f"نص طويل بما يكفي رقم {i}") for i in range(40)]
        copied = frozenset(c.text for c in cases)

        assert set(halves.assign(cases, copied).values()) == {halves.DEV}
        assert set(halves.assign(cases, frozenset()).values()) == {halves.DEV, halves.TEST}

    def test_the_unit_tests_strings_include_this_files(self) -> None:
        assert "عدد السيارات أكبر من ٤٥٦٥" in halves.unit_test_strings()


def mention(kind: str, modifier: str, **value: object) -> SimpleNamespace:
    return SimpleNamespace(kind=kind, modifier=modifier, value=SimpleNamespace(**value))


class TestDevsetMatching:
    @pytest.mark.parametrize(
        ("label", "value", "right"),
        [
            ({"kind": "quantity", "nominal": "2200"}, {"nominal": Decimal(2200)}, True),
            ({"kind": "quantity", "nominal": "2200.0"}, {"nominal": Decimal(2200)}, True),
            ({"kind": "quantity", "nominal": "2200"}, {"nominal": Decimal(22)}, False),
            (
                {"kind": "quantity", "nominal": None, "lower": "20", "upper": "99"},
                {"nominal": Decimal(20), "lower": Decimal(20), "upper": Decimal(99)},
                True,
            ),
        ],
    )
    def test_a_figure_is_compared_by_its_nominal(self, label: dict, value: dict, right: bool) -> None:
        assert devset.value_right(mention("quantity", "exact", **value), label) is right

    def test_a_date_is_compared_by_its_days_and_since_by_its_first(self) -> None:
        day = dt.date(2024, 12, 1)
        month = {"lower": day, "upper": dt.date(2024, 12, 31), "nominal": "2024-12"}
        since = {"lower": day, "upper": dt.date(2025, 4, 30), "nominal": "2024-12"}
        label = {"kind": "date", "lower": "2024-12-01", "upper": "2024-12-31", "modifier": "exact"}

        assert devset.value_right(mention("date", "exact", **month), label)
        assert not devset.value_right(mention("date", "since", **since), label)
        assert devset.value_right(mention("date", "since", **since), {**label, "modifier": "since"})

    def test_an_unresolvable_relative_date_is_right_when_read_as_relative(self) -> None:
        label = {"kind": "date", "lower": None, "upper": None, "nominal": None, "modifier": "relative"}

        assert devset.value_right(mention("date", "relative", lower=None, upper=None, nominal=None), label)
        assert not devset.value_right(mention("date", "exact", lower=None, upper=None, nominal="2020"), label)

    def test_an_article_is_scored_against_its_labels(self) -> None:
        text = "قتل 12 شخصا في 5 مارس 2023. وأصيب نحو 40 آخرين."
        labels = (
            {"start": 4, "end": 12, "text": "12 شخصا", "kind": "quantity", "nominal": "12", "modifier": "exact"},
            {
                "start": 15,
                "end": 26,
                "text": "5 مارس 2023",
                "kind": "date",
                "nominal": "2023-03-05",
                "lower": "2023-03-05",
                "upper": "2023-03-05",
                "modifier": "exact",
            },
            {"start": 33, "end": 39, "text": "نحو 40", "kind": "quantity", "nominal": "40", "modifier": "more_than"},
        )
        article = devset.Article("ar-test-01", "ar", "dev", None, text, labels)

        score = devset.score_article(article, analyze_article)

        assert (score.labels, score.value, score.modifier) == (3, 3, 2)
        assert (score.mentions, score.on_label, score.date_labels, score.sanad_dates) == (3, 3, 1, 1)
