"""Claims API: reads, filters, writes with If-Match, permissions, query counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from claims.models import Claim, Revision
from claims.tokens import token_create
from tests.factories import DocumentFactory, EntityFactory, SourceFactory, claim_with_evidence


@pytest.fixture
def viewer(db) -> User:
    from claims.accounts import groups_ensure

    _, viewer_group = groups_ensure()
    user = User.objects.create_user("victor", password="x-viewer-pass-1")
    user.groups.add(viewer_group)
    return user


def _client_for(api_client, user):
    api_client.force_authenticate(user)
    return api_client


@pytest.mark.django_db
class TestClaimReads:
    def test_detail_has_value_evidence_and_etag(self, api_client) -> None:
        claim = claim_with_evidence()

        response = api_client.get(f"/api/v1/claims/{claim.pk}/")

        body = response.json()
        assert response["ETag"] == '"1"'
        assert body["value"] == {
            "nominal": "80",
            "lower": "80",
            "upper": "80",
            "lower_open": False,
            "upper_open": False,
            "unit": "country",
            "modifier": "exact",
            "rule": "hedge.exact",
            "precision": None,
            "calendar": None,
        }
        [evidence] = body["evidence"]
        assert evidence["quote"] == "80 بلداً"
        assert evidence["sentence_text"][evidence["start"] - 8 : evidence["end"] - 8] == "80 بلداً"
        assert (evidence["document"], evidence["language"]) == (claim.document_id, "ar")

    @pytest.mark.parametrize("rows", [2, 50])
    def test_list_runs_a_constant_number_of_queries(self, api_client, django_assert_num_queries, rows) -> None:
        source = SourceFactory()
        for _ in range(rows):
            claim_with_evidence(document=DocumentFactory(source=source, text="العنوان\nويضم التحالف 80 بلداً."))

        # 1. the page of claims with subject, property, fact, document and source joined
        # 2. their evidence with sentences (one prefetch); cursor pagination needs no COUNT(*)
        with django_assert_num_queries(2):
            response = api_client.get("/api/v1/claims/")

        assert len(response.json()["results"]) == rows

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("value_min=81", {"more600m"}),
            ("value_max=79", set()),
            ("value_min=80", {"exact80", "more600m"}),
            ("value_max=100", {"exact80"}),
            ("value_min=600000000", {"more600m"}),
            ("value_max=600000000", {"exact80"}),  # (600M, ∞) does not reach 600M itself
            ("property=member_count", {"exact80"}),
            ("status=accepted", {"more600m"}),
            ("language=ar", {"exact80", "more600m"}),
            ("search=مليون", {"more600m"}),
        ],
    )
    def test_filters(self, api_client, query, expected) -> None:
        exact = claim_with_evidence()
        more = claim_with_evidence(
            quote="أكثر من 600 مليون دولار",
            property=None,
            nominal="600000000",
            lower=Decimal(600_000_000),
            upper=None,
            lower_open=True,
            modifier="more_than",
            unit="USD",
            status="accepted",
        )
        names = {exact.pk: "exact80", more.pk: "more600m"}

        response = api_client.get(f"/api/v1/claims/?{query}")

        assert response.status_code == 200
        assert {names[c["id"]] for c in response.json()["results"]} == expected

    def test_unknown_filter_value_is_a_400(self, api_client, db) -> None:
        response = api_client.get("/api/v1/claims/?status=maybe")

        assert response.status_code == 400
        assert "status" in response.json()


@pytest.mark.django_db
class TestClaimWrites:
    def test_patch_with_the_current_etag_succeeds_and_writes_a_revision(self, api_client, curator) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        client = _client_for(api_client, curator)

        response = client.patch(
            f"/api/v1/claims/{claim.pk}/", {"status": "accepted"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 200, response.json()
        assert response["ETag"] == '"2"'
        assert response.json()["status"] == "accepted"
        assert Revision.objects.filter(model="claim", object_id=claim.pk, via="api").count() == 1

    def test_patch_with_a_stale_etag_is_412_and_changes_nothing(self, api_client, curator) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        client = _client_for(api_client, curator)
        client.patch(f"/api/v1/claims/{claim.pk}/", {"status": "accepted"}, format="json", HTTP_IF_MATCH='"1"')

        response = client.patch(
            f"/api/v1/claims/{claim.pk}/", {"status": "rejected"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 412
        assert Claim.objects.get(pk=claim.pk).status == "accepted"

    def test_patch_without_if_match_is_428(self, api_client, curator) -> None:
        claim = claim_with_evidence()

        response = _client_for(api_client, curator).patch(
            f"/api/v1/claims/{claim.pk}/", {"status": "accepted"}, format="json"
        )

        assert response.status_code == 428

    def test_lower_above_upper_is_a_400_naming_the_field(self, api_client, curator) -> None:
        claim = claim_with_evidence()

        response = _client_for(api_client, curator).patch(
            f"/api/v1/claims/{claim.pk}/", {"lower": "90"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 400
        assert Claim.objects.get(pk=claim.pk).lower == 80

    def test_create_with_evidence_checks_the_quote(self, api_client, curator) -> None:
        claim = claim_with_evidence()
        doc = claim.document
        start = doc.text.index("80")
        client = _client_for(api_client, curator)
        payload = {
            "subject": None,
            "property": "member_count",
            "nominal": "80",
            "lower": "80",
            "upper": "80",
            "unit": "member",
            "evidence": {"document": doc.pk, "start": start, "end": start + 2, "quote": "86"},
        }

        refused = client.post("/api/v1/claims/", payload, format="json")
        payload["evidence"]["quote"] = "80"
        created = client.post("/api/v1/claims/", payload, format="json")

        assert refused.status_code == 400
        assert "evidence" in refused.json()
        assert created.status_code == 201, created.json()
        assert created.json()["origin"] == "curated"
        assert created.json()["evidence"][0]["quote"] == "80"

    def test_unknown_fields_are_refused(self, api_client, curator) -> None:
        claim = claim_with_evidence()

        response = _client_for(api_client, curator).patch(
            f"/api/v1/claims/{claim.pk}/", {"colour": "red"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 400
        assert "colour" in response.json()

    def test_delete_records_a_revision(self, api_client, curator) -> None:
        claim = claim_with_evidence()

        response = _client_for(api_client, curator).delete(f"/api/v1/claims/{claim.pk}/", HTTP_IF_MATCH='"1"')

        assert response.status_code == 204
        assert not Claim.objects.exists()
        assert Revision.objects.get(action="delete").object_id == claim.pk


@pytest.mark.django_db
class TestPermissions:
    def test_anonymous_can_read_but_not_write(self, api_client) -> None:
        claim = claim_with_evidence()

        read = api_client.get("/api/v1/claims/")
        write = api_client.patch(
            f"/api/v1/claims/{claim.pk}/", {"status": "accepted"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert read.status_code == 200
        assert write.status_code in (401, 403)

    def test_anonymous_reads_can_be_turned_off(self, api_client, settings) -> None:
        settings.ANONYMOUS_READS = False

        assert api_client.get("/api/v1/claims/").status_code in (401, 403)

    def test_viewer_cannot_write(self, api_client, viewer) -> None:
        claim = claim_with_evidence()

        response = _client_for(api_client, viewer).patch(
            f"/api/v1/claims/{claim.pk}/", {"status": "accepted"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 403

    def test_hashed_token_authenticates_and_expired_token_is_refused(self, api_client, curator) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        _, key = token_create(user=curator, name="test")
        old, old_key = token_create(user=curator, name="old", days=1)
        type(old).objects.filter(pk=old.pk).update(expires_at=old.created_at - dt.timedelta(seconds=1))

        ok = api_client.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"status": "accepted"},
            format="json",
            HTTP_IF_MATCH='"1"',
            HTTP_AUTHORIZATION=f"Token {key}",
        )
        expired = api_client.get("/api/v1/claims/", HTTP_AUTHORIZATION=f"Token {old_key}")

        assert ok.status_code == 200
        assert expired.status_code == 401
        from claims.models import ApiToken

        assert key not in {t.key_hash for t in ApiToken.objects.all()}


@pytest.mark.django_db
class TestEntities:
    def test_search_matches_aliases_across_script_variants(self, api_client, seed_vocabulary) -> None:
        # Persian spelling with ی/ک finds the alias stored in Arabic spelling and vice versa.
        persian = api_client.get("/api/v1/entities/", {"name": "ائتلاف بین المللی"}).json()["results"]
        arabic = api_client.get("/api/v1/entities/", {"name": "التحالف الدولي"}).json()["results"]

        assert persian
        assert {e["slug"] for e in persian} == {e["slug"] for e in arabic}

    def test_properties_are_the_starter_vocabulary(self, api_client, db) -> None:
        slugs = {p["slug"] for p in api_client.get("/api/v1/properties/?page_size=100").json()["results"]}

        assert {"member_count", "territory_area", "founded_on", "occurred_on", "killed"} <= slugs


@pytest.mark.django_db
def test_list_rows_equal_the_detail(api_client, proposed_seeds) -> None:
    listed = api_client.get("/api/v1/claims/?page_size=500").json()["results"]

    assert len(listed) > 30
    for row in listed[:40]:
        detail = api_client.get(f"/api/v1/claims/{row['id']}/").json()
        assert row == detail


@pytest.mark.django_db
def test_the_schema_declares_what_the_presenter_shows(api_client, proposed_seeds) -> None:
    """`ClaimSerializer` only declares the schema; every key the presenter writes is declared,
    every declared field is written, and a null appears only where the schema allows one."""
    from claims.serializers import ClaimSerializer

    def check(data: dict, serializer) -> None:
        fields = serializer.fields
        assert set(data) == set(fields)
        for name, value in data.items():
            field = fields[name]
            if value is None:
                assert field.allow_null, name
            elif hasattr(field, "child") and isinstance(value, list):
                for item in value:
                    check(item, field.child)
            elif hasattr(field, "fields") and isinstance(value, dict):
                check(value, field)

    listed = api_client.get("/api/v1/claims/?page_size=500").json()["results"]
    assert any(row["evidence"] for row in listed)
    assert any(row["subject"] is None for row in listed) or any(row["value"]["lower"] is None for row in listed)
    for row in listed:
        check(row, ClaimSerializer())


@pytest.fixture
def proposed_seeds(seeded):
    from claims.proposals import document_propose

    for doc in seeded.values():
        document_propose(document=doc)
    return seeded
