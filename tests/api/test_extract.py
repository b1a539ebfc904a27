"""`POST /api/v1/extract/`: mentions of a posted text, nothing stored."""

from __future__ import annotations

import pytest

from claims.models import Claim
from corpus.models import Document


@pytest.mark.django_db
class TestExtractEndpoint:
    def test_returns_mentions_with_exact_offsets_and_stores_nothing(self, api_client) -> None:
        text = "ويضم التحالف اليوم 80 بلداً ومنظمة دولية، وتفوق مساحتها 110 آلاف كيلومتر مربع."

        response = api_client.post("/api/v1/extract/", {"text": text, "language": "ar"}, format="json")

        body = response.json()
        assert response.status_code == 200
        assert body["language"] == "ar"
        values = {
            (m["value"]["nominal"], m["modifier"], m["value"]["unit"])
            for m in body["mentions"]
            if m["kind"] == "quantity"
        }
        assert ("80", "exact", "country") in values
        assert ("110000", "more_than", "km2") in values
        for mention in body["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
        assert Document.objects.count() == 0
        assert Claim.objects.count() == 0

    def test_a_day_that_does_not_exist_is_refused_with_its_reason(self, api_client) -> None:
        text = "وفي ۳۱ حوت ۱۳۹۸ اعلام شد که ۱۲ نفر کشته شدند."

        response = api_client.post("/api/v1/extract/", {"text": text, "language": "fa"}, format="json")

        body = response.json()
        assert response.status_code == 200
        [refused] = body["refused"]
        assert refused["text"] == "۳۱ حوت ۱۳۹۸" == text[refused["start"] : refused["end"]]
        assert refused["rule"] == "date.no_such_day"
        assert "29 days" in refused["reason"]
        # Neither the month Hoot 1398 nor the figure 31 is proposed from the refused span; the
        # 12 people still are.
        assert [m["value"]["nominal"] for m in body["mentions"]] == ["12"]
        assert refused["kind"] == "date"

    def test_reference_date_resolves_relative_dates(self, api_client) -> None:
        text = "وأعلنت الوزارة أن الهجوم وقع أمس الاثنين في المدينة."

        response = api_client.post(
            "/api/v1/extract/", {"text": text, "language": "ar", "reference_date": "2021-03-30"}, format="json"
        )

        dates = [m for m in response.json()["mentions"] if m["kind"] == "date"]
        assert dates[0]["value"]["lower"] == "2021-03-29"
        assert dates[0]["value"]["reference"] == "2021-03-30"

    def test_language_is_detected_when_not_given(self, api_client) -> None:
        response = api_client.post(
            "/api/v1/extract/", {"text": "اکنون ائتلاف ۸۰ کشور را گردهم آورده است."}, format="json"
        )

        assert response.json()["language"] == "fa"

    @pytest.mark.parametrize(
        ("payload", "field"),
        [
            ({}, "text"),
            ({"text": "نص", "language": "xx"}, "language"),
            ({"text": "نص", "reference_date": "2021-02-30"}, "reference_date"),
            ({"text": "a\x00b"}, "text"),
        ],
    )
    def test_bad_input_is_a_400_naming_the_field(self, api_client, payload, field) -> None:
        response = api_client.post("/api/v1/extract/", payload, format="json")

        assert response.status_code == 400
        assert field in response.json()

    def test_body_over_one_megabyte_is_413(self, api_client) -> None:
        response = api_client.post(
            "/api/v1/extract/", '{"text": "' + "ا" * 600_000 + '"}', content_type="application/json"
        )

        assert response.status_code == 413

    def test_malformed_json_is_a_400(self, api_client) -> None:
        response = api_client.post("/api/v1/extract/", '{"text": ', content_type="application/json")

        assert response.status_code == 400
