"""The curator's lists, the fact comparison page, one history and the script-folding search."""

from __future__ import annotations

import html
import json
from decimal import Decimal

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType

from claims import services
from claims.models import Claim, Entity, Fact, Property, Revision
from tests.api.test_verdict_explanations import _fact as toll_fact
from tests.factories import DocumentFactory, EntityFactory, SourceFactory, claim_with_evidence


@pytest.fixture
def curator_client(client, curator: User):
    curator.is_staff = True
    curator.save()
    client.force_login(curator)
    return client


def conflicting_fact(curator: User) -> tuple[Fact, Claim, Claim, Claim]:
    """Three outlets on one fact: two agree on about 80 countries, one says 120."""
    coalition = EntityFactory(name="Test Coalition", slug="test-coalition")
    claims = []
    for outlet, quote, figure in (
        ("Outlet A", "80 بلداً", 80),
        ("Outlet B", "۸۰ کشور", 80),
        ("Outlet C", "120 بلداً", 120),
    ):
        document = DocumentFactory(
            source=SourceFactory(name=outlet),
            text=f"العنوان\nويضم التحالف اليوم {quote} ومنظمة دولية.",
            published_on="2022-05-0" + str(len(claims) + 1),
            published_precision="day",
            published_basis="stated",
        )
        claim = claim_with_evidence(
            document=document, quote=quote, nominal=str(figure), lower=Decimal(figure), upper=Decimal(figure)
        )
        services.claim_update(claim=claim, expected_version=1, user=curator, via="admin", subject=coalition)
        claim.refresh_from_db()
        services.claims_set_status(claims=[claim], status="accepted", user=curator, via="admin")
        claims.append(Claim.objects.get(pk=claim.pk))
    fact = Fact.objects.get(pk=claims[0].fact_id)
    return fact, *claims


@pytest.mark.django_db
class TestClaimList:
    def test_rows_read_value_status_subject_property_source_and_snippet(self, curator_client) -> None:
        claim_with_evidence(
            quote="بأكثر من 600 مليون دولار",
            nominal="600000000",
            lower=600_000_000,
            upper=None,
            lower_open=True,
            modifier="more_than",
            unit="USD",
        )

        page = curator_client.get("/admin/claims/claim/").content.decode()

        for column in (
            "value_display",
            "status_display",
            "subject",
            "property_display",
            "source_name",
            "quote_display",
        ):
            assert f"column-{column}" in page
        assert "more than 600,000,000 USD" in page
        assert '<span class="sanad-status sanad-status-proposed">proposed</span>' in page
        assert "member count" in page
        assert "<mark>بأكثر من 600 مليون دولار</mark>" in page

    @pytest.mark.parametrize("query", ["110", "١١٠", "۱۱۰"])
    def test_a_quote_is_found_in_any_digit_script(self, curator_client, query: str) -> None:
        persian = claim_with_evidence(quote="۱۱۰ هزار")
        arabic = claim_with_evidence(quote="110 آلاف")
        other = claim_with_evidence(quote="80 بلداً")

        page = curator_client.get("/admin/claims/claim/", {"q": query}).content.decode()

        assert f"/admin/claims/claim/{persian.pk}/change/" in page
        assert f"/admin/claims/claim/{arabic.pk}/change/" in page
        assert f"/admin/claims/claim/{other.pk}/change/" not in page

    def test_a_subject_name_is_found_across_letter_variants(self, curator_client, curator) -> None:
        claim = claim_with_evidence()
        entity = EntityFactory(name="کابل", slug="kabul-in-persian-script")
        services.claim_update(claim=claim, expected_version=1, user=curator, via="admin", subject=entity)

        page = curator_client.get("/admin/claims/claim/", {"q": "كابل"}).content.decode()

        assert f"/admin/claims/claim/{claim.pk}/change/" in page

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({"missing": "subject"}, {"no_subject"}),
            ({"missing": "property"}, {"no_property"}),
            ({"missing": "either"}, {"no_subject", "no_property"}),
            ({"confidence": "high"}, {"confident"}),
            ({"confidence": "low"}, {"no_subject", "no_property"}),
            ({"verdict": "none"}, {"no_subject", "no_property"}),
            ({"verdict": "single"}, {"confident"}),
        ],
    )
    def test_filters(self, curator_client, curator, params, expected) -> None:
        subject = EntityFactory()
        claims = {
            "no_subject": claim_with_evidence(),
            "no_property": claim_with_evidence(property=None),
            "confident": claim_with_evidence(confidence=Decimal("0.9")),
        }
        services.claim_update(claim=claims["confident"], expected_version=1, user=curator, via="admin", subject=subject)
        services.claim_update(
            claim=claims["no_property"], expected_version=1, user=curator, via="admin", subject=subject
        )
        services.claims_set_status(
            claims=[Claim.objects.get(pk=claims["confident"].pk)], status="accepted", user=curator, via="admin"
        )

        page = curator_client.get("/admin/claims/claim/", params).content.decode()

        shown = {name for name, c in claims.items() if f"/admin/claims/claim/{c.pk}/change/" in page}
        assert shown == expected

    def test_the_document_filter_takes_any_document(self, curator_client) -> None:
        first, second = claim_with_evidence(), claim_with_evidence()

        page = curator_client.get("/admin/claims/claim/", {"document": first.document_id}).content.decode()

        assert f"/admin/claims/claim/{first.pk}/change/" in page
        assert f"/admin/claims/claim/{second.pk}/change/" not in page


@pytest.mark.django_db
class TestFactList:
    def test_facts_are_named_by_subject_and_property_never_by_key(self, curator_client, curator) -> None:
        fact, *_ = conflicting_fact(curator)

        page = curator_client.get("/admin/claims/fact/").content.decode()

        assert "Test Coalition · member count" in page
        assert fact.key not in page
        assert '<span class="sanad-verdict sanad-verdict-conflict">conflict</span>' in page
        assert '<td class="field-source_count">3</td>' in page

    def test_a_fact_reads_its_name_when_loaded_with_its_relations_and_its_id_otherwise(self, curator) -> None:
        fact, *_ = conflicting_fact(curator)

        assert str(Fact.objects.with_relations().get(pk=fact.pk)) == "Test Coalition · member count"
        assert str(Fact.objects.get(pk=fact.pk)) == f"fact {fact.pk}"


@pytest.mark.django_db
class TestFactPage:
    def test_sources_side_by_side_with_explanation_and_chart_data(self, curator_client, curator) -> None:
        fact, a, b, c = conflicting_fact(curator)

        response = curator_client.get(f"/admin/claims/fact/{fact.pk}/change/")
        page = response.content.decode()

        assert '<h1 dir="auto">Test Coalition · member count</h1>' in page
        assert page.count('class="fact-card fact-card-accepted') == 3
        assert "The sources conflict: no value fits every claim." in page
        assert (
            "Most sources agree: 2 of 3 sources (Outlet A in Arabic and Outlet B in Arabic) say [75, 85] countries; "
            "outside that: 120 countries (Outlet C in Arabic, exact)."
        ) in page
        assert (
            "80 countries (Outlet A in Arabic, exact) lies entirely below 120 countries (Outlet C in Arabic, exact) "
            "even read as rounded figures: [75, 85] countries against [115, 125] countries."
        ) in page
        # Each card: its interval as stated, and as the verdict widened it, with the rule.
        assert "stated [120, 120] country" in page
        assert "widened to [115, 125] countries (rounding_half_unit, ±5)" in page
        assert f'id="card-{c.pk}"' in page
        assert "fact-card-outlier" in page
        chart = json.loads(
            page.split('<script id="fact-chart-data" type="application/json">', 1)[1].split("</script>")[0]
        )
        assert [(x["source"], x["lower"], x["outlier"]) for x in chart["claims"]] == [
            ("Outlet A (ar)", 80.0, False),
            ("Outlet B (ar)", 80.0, False),
            ("Outlet C (ar)", 120.0, True),
        ]
        band = chart["bands"][0]  # the agreeing pair, widened by the rounding of "80"
        assert band["lower"] <= 80 <= band["upper"] < 120
        assert band["label"] == "largest agreeing group"
        assert chart["claims"][0]["date"] == "2022-05-01"
        assert "claims/vendor/chartjs-4.6.2/chart.umd.min.js" in page

    def test_a_rising_toll_reads_as_a_timeline_with_its_latest_figure(self, curator_client) -> None:
        fact = toll_fact("killed", [("Outlet A", 900, "2024-04-01"), ("Outlet B", 1500, "2024-04-03")])

        page = html.unescape(curator_client.get(f"/admin/claims/fact/{fact.pk}/change/").content.decode())

        assert "sanad-verdict-timeline" in page
        assert (
            "The figure is cumulative, ordered by when each claim holds: "
            "[900, 900] people on 2024-04-01, then [1,500, 1,500] people on 2024-04-03."
        ) in page
        assert 'latest figure <strong id="fact-latest">[1,500, 1,500] people (2024-04-03)</strong>' in page
        assert "2 claims, 2 accepted from 2 sources" in page

    def test_a_figure_read_as_rounded_is_named_with_its_widened_interval(self, curator_client) -> None:
        subject = EntityFactory(name="Test Group")
        prop = Property.objects.get(slug="territory_area")
        fact = services.fact_for(subject=subject, prop=prop, qualifiers={})
        for outlet, quote, modifier, lower, lower_open in (
            ("Outlet A", "أكثر من 110 آلاف كيلومتر مربع", "more_than", 110000, True),
            ("Outlet B", "110000 کیلومتر مربع", "exact", 110000, False),
        ):
            claim_with_evidence(
                document=DocumentFactory(source=SourceFactory(name=outlet), text=f"العنوان\nسيطر على {quote} سابقاً."),
                quote=quote,
                property=prop,
                subject=subject,
                fact=fact,
                status="accepted",
                nominal="110000",
                modifier=modifier,
                lower=Decimal(lower),
                lower_open=lower_open,
                upper=None if modifier == "more_than" else Decimal(110000),
                unit="km2",
            )
        services.facts_refresh(fact_ids=[fact.pk])

        page = html.unescape(curator_client.get(f"/admin/claims/fact/{fact.pk}/change/").content.decode())

        assert "sanad-verdict-consistent_within_rounding" in page
        assert (
            "110,000 km² (Outlet B in Arabic, exact) agrees with 'more than 110,000 km²' only once 110,000 is read "
            "as a rounded figure, ±500 (rule rounding_half_unit)."
        ) in page
        assert "Read so, all 2 sources agree on (110,000, 110,500] km²." in page
        assert "widened to [109,500, 110,500] km² (rounding_half_unit, ±500)" in page

    def test_preferred_claim_choices_show_source_value_and_quote(self, curator_client, curator) -> None:
        fact, a, *_ = conflicting_fact(curator)

        page = curator_client.get(f"/admin/claims/fact/{fact.pk}/change/").content.decode()

        assert 'type="radio" name="preferred_claim"' in page
        assert "Outlet A (ar) · 80 countries · «\u206880 بلداً\u2069» · accepted" in page
        assert f"claim {a.pk}: 80" not in page

    def _save(self, client, fact: Fact, claim: Claim, version: int):
        return client.post(
            f"/admin/claims/fact/{fact.pk}/change/",
            {"preferred_claim": claim.pk, "resolution_note": "", "version": version},
        )

    def test_choosing_the_preferred_claim_writes_a_revision(self, curator_client, curator) -> None:
        fact, a, *_ = conflicting_fact(curator)

        response = self._save(curator_client, fact, a, fact.version)

        fact.refresh_from_db()
        assert response.status_code == 302
        assert fact.preferred_claim == a
        assert fact.version == 2
        revision = Revision.objects.get(model="fact", object_id=fact.pk)
        assert revision.changes == {"preferred_claim": [None, a.pk]}
        assert revision.via == "admin"

    def test_a_stale_save_is_refused_and_changes_nothing(self, curator_client, curator) -> None:
        fact, a, b, _ = conflicting_fact(curator)
        self._save(curator_client, fact, a, fact.version)

        response = self._save(curator_client, fact, b, fact.version)  # read before the first save

        fact.refresh_from_db()
        assert response.status_code == 200
        assert "changed by someone else while you were reading it" in response.content.decode()
        assert fact.preferred_claim == a
        assert fact.version == 2


@pytest.mark.django_db
class TestHistory:
    def test_a_claims_history_lists_its_revisions_with_names_before_and_after(self, curator_client, curator) -> None:
        claim = claim_with_evidence()
        entity = EntityFactory(name="Test Coalition")
        services.claim_update(claim=claim, expected_version=1, user=curator, via="api", subject=entity)

        page = curator_client.get(f"/admin/claims/claim/{claim.pk}/history/").content.decode()

        assert "<td>alice</td>" in page
        assert "<td>api</td>" in page
        assert '<span class="field">subject</span>: <span dir="auto" class="before">—</span> → ' in page
        assert '<span dir="auto" class="after">Test Coalition</span>' in page
        assert "Changed" not in page

    def test_a_facts_history_names_the_preferred_claim(self, curator_client, curator) -> None:
        fact, a, *_ = conflicting_fact(curator)
        curator_client.post(f"/admin/claims/fact/{fact.pk}/change/", {"preferred_claim": a.pk, "version": 1})

        page = curator_client.get(f"/admin/claims/fact/{fact.pk}/history/").content.decode()

        assert f"claim {a.pk} (Outlet A)" in page

    def test_an_entitys_history_keeps_admin_log_entries_without_a_revision(self, curator_client, curator) -> None:
        entity = EntityFactory(name="Lonely")
        LogEntry.objects.log_actions(
            user_id=curator.pk,
            queryset=[entity],
            action_flag=CHANGE,
            change_message="Changed name.",
            single_object=True,
        )

        page = curator_client.get(f"/admin/claims/entity/{entity.pk}/history/").content.decode()

        assert "admin (no revision)" in page
        assert "Changed name." in page
        assert ContentType.objects.get_for_model(Entity)  # the log entry's type resolves

    def test_an_entity_created_on_the_review_page_has_its_creation_in_history(self, curator_client, curator) -> None:
        from claims import curation

        entity = curation.entity_create(name="سیلاب‌های هرات", language="fa", kind="event", user=curator)

        page = curator_client.get(f"/admin/claims/entity/{entity.pk}/history/").content.decode()

        assert "<td>create</td>" in page
        assert "سیلاب‌های هرات (fa, confirmed)" in page


@pytest.mark.django_db
def test_entity_search_folds_scripts(curator_client) -> None:
    EntityFactory(name="کابل", slug="kabul-in-persian-script")

    page = curator_client.get("/admin/claims/entity/", {"q": "كابل"}).content.decode()

    assert "/change/" in page
    assert "کابل" in page


@pytest.mark.django_db
def test_favicon_is_served(client) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO header
