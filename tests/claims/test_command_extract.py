"""`manage.py extract`: the ingest pipeline's mentions as JSON or text, nothing stored."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from corpus.models import Document
from tests.conftest import SEEDS_DIR


def _extract(*args: str) -> list[dict]:
    out = StringIO()
    call_command("extract", *args, stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def _values(result: dict, kind: str) -> list[tuple]:
    return [
        (m["value"]["nominal"], m["modifier"], m["value"].get("lower"), m["value"].get("upper"))
        for m in result["mentions"]
        if m["kind"] == kind
    ]


@pytest.mark.django_db
class TestExtractCommand:
    def test_seed_000_uses_its_stated_date_and_offsets_hold(self) -> None:
        path = SEEDS_DIR / "000_3688c653d33eb61c.txt"

        [result] = _extract(str(path))

        text = path.read_text(encoding="utf-8")
        assert (result["language"], result["published_on"]) == ("ar", "2019-06-26")
        for mention in result["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
            assert set(mention) >= {"start", "end", "text", "sentence_index", "kind", "modifier", "rule", "value"}
        assert ("80", "exact", "80", "80") in _values(result, "quantity")
        assert Document.objects.count() == 0

    def test_seed_002_with_a_reference_date(self) -> None:
        [result] = _extract(str(SEEDS_DIR / "002_d43b59b6488a0f92.txt"), "--reference-date", "2021-10-01")

        dates = _values(result, "date")
        assert any(d[2] == d[3] == "2021-08-26" for d in dates)
        assert any(d[2] == "2021-06-01" and d[3] == "2021-06-30" for d in dates)

    def test_seed_003_with_a_reference_date(self) -> None:
        [result] = _extract(str(SEEDS_DIR / "003_8279783cd2d21695.txt"), "--reference-date", "2022-05-12")

        dates = _values(result, "date")
        assert any(d[2] == "2022-05-11" for d in dates)
        assert any(d[2] == "2022-01-01" and d[3] == "2022-01-31" for d in dates)
        assert [m["kind"] for m in result["mentions"] if "2254" in m["text"]] == ["identifier", "identifier"]

    def test_text_format_prints_one_line_per_mention(self) -> None:
        out = StringIO()
        call_command("extract", str(SEEDS_DIR / "004_93b21bcfa360256c.txt"), "--format", "text", stdout=out)

        assert "178300000" in out.getvalue()

    def test_a_date_that_does_not_exist_is_listed_as_refused_not_as_a_mention(self, tmp_path) -> None:
        path = tmp_path / "article.txt"
        path.write_text("قال المسؤول إن الهجوم وقع في ۳۱ حوت ۱۳۹۸ وقتل فيه ۱۲ شخصا.\n", encoding="utf-8")

        [result] = _extract(str(path), "--reference-date", "2020-04-01")
        out = StringIO()
        call_command("extract", str(path), "--format", "text", stdout=out)

        assert [m["text"] for m in result["mentions"]] == ["۱۲ شخصا"]
        assert [(r["text"], r["rule"]) for r in result["refused"]] == [("۳۱ حوت ۱۳۹۸", "date.no_such_day")]
        assert "has 29 days" in result["refused"][0]["reason"]
        assert "refused" in out.getvalue()
        assert "۳۱ حوت ۱۳۹۸" in out.getvalue()

    def test_bad_reference_date_is_refused(self) -> None:
        with pytest.raises(CommandError, match="not a YYYY-MM-DD date"):
            call_command("extract", str(SEEDS_DIR), "--reference-date", "2021-02-30", stdout=StringIO())
