"""The curators' admin: list queries, highlighted evidence, actions, stale edits."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from claims.models import Claim, Revision
from tests.factories import EntityFactory, SourceFactory, claim_with_evidence


@pytest.fixture
def curator_client(client, curator: User):
    curator.is_staff = True
    curator.save()
    client.force_login(curator)
    return client


@pytest.mark.django_db
class TestClaimChangelist:
    @pytest.mark.parametrize("rows", [2, 30])
    def test_list_page_runs_a_bounded_number_of_queries(
        self, curator_client, django_assert_max_num_queries, rows
    ) -> None:
        source = SourceFactory()
        from tests.factories import DocumentFactory

        for _ in range(rows):
            claim_with_evidence(document=DocumentFactory(source=source, text="العنوان\nويضم التحالف 80 بلداً."))

        # session + user + groups/permissions, counts for the paginator and filters, the page of
        # claims with joins, one prefetch of evidence with sentences, filter sidebars (property,
        # source): a constant, whatever the number of rows.
        with django_assert_max_num_queries(14):
            response = curator_client.get("/admin/claims/claim/")

        assert response.status_code == 200
        assert response.content.count(b"<mark>") == rows

    def test_list_shows_the_value_as_a_person_reads_it(self, curator_client) -> None:
        claim_with_evidence(
            quote="بأكثر من 600 مليون دولار",
            nominal="600000000",
            lower=600_000_000,
            upper=None,
            lower_open=True,
            modifier="more_than",
            unit="USD",
        )

        response = curator_client.get("/admin/claims/claim/")

        assert "more than 600,000,000 USD" in response.content.decode()

    def test_accept_action_writes_a_revision_per_claim(self, curator_client, curator) -> None:
        claims = [claim_with_evidence(subject=EntityFactory()) for _ in range(2)]

        response = curator_client.post(
            "/admin/claims/claim/", {"action": "accept", "_selected_action": [c.pk for c in claims]}
        )

        assert response.status_code == 302
        assert set(Claim.objects.values_list("status", flat=True)) == {"accepted"}
        assert Revision.objects.filter(model="claim", user=curator, via="admin").count() == 2


@pytest.mark.django_db
class TestClaimChangeForm:
    def test_page_highlights_the_span_right_to_left_with_context_and_history(self, curator_client) -> None:
        claim = claim_with_evidence()

        page = curator_client.get(f"/admin/claims/claim/{claim.pk}/change/").content.decode()

        assert '<div dir="auto" class="sanad-evidence">ويضم التحالف اليوم <mark>80 بلداً</mark>' in page
        assert "العنوان" in page  # the sentence before, for context
        assert "no changes recorded" in page

    def _post(self, client, claim: Claim, version: int, **fields):
        data = {
            "subject": claim.subject_id or "",
            "property": claim.property_id,
            "qualifiers": "{}",
            "fact": claim.fact_id or "",
            "status": claim.status,
            "nominal": claim.nominal,
            "modifier": claim.modifier,
            "lower": claim.lower,
            "upper": claim.upper,
            "unit": claim.unit,
            "date_precision": "",
            "calendar": "",
            "confidence": "0",
            "version": version,
            **fields,
        }
        return client.post(f"/admin/claims/claim/{claim.pk}/change/", data)

    def test_saving_through_the_form_writes_a_revision(self, curator_client) -> None:
        claim = claim_with_evidence(subject=EntityFactory())

        response = self._post(curator_client, claim, version=1, status="accepted")

        claim.refresh_from_db()
        assert response.status_code == 302
        assert (claim.status, claim.version) == ("accepted", 2)
        assert Revision.objects.get(model="claim").changes == {"status": ["proposed", "accepted"]}

    def test_an_edit_on_a_stale_version_is_refused_with_a_clear_message(self, curator_client) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        self._post(curator_client, claim, version=1, status="accepted")

        response = self._post(curator_client, claim, version=1, status="rejected", nominal="81")

        claim.refresh_from_db()
        assert response.status_code == 200
        assert "changed by someone else" in response.content.decode()
        assert (claim.status, claim.nominal, claim.version) == ("accepted", "80", 2)


@pytest.mark.django_db
def test_admin_requires_login(client) -> None:
    response = client.get("/admin/claims/claim/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_viewer_can_read_but_not_change(client) -> None:
    from claims.accounts import groups_ensure

    _, viewer_group = groups_ensure()
    viewer = User.objects.create_user("victor", password="x-viewer-pass-1", is_staff=True)
    viewer.groups.add(viewer_group)
    client.force_login(viewer)
    claim = claim_with_evidence()

    page = client.get(f"/admin/claims/claim/{claim.pk}/change/")
    post = client.post("/admin/claims/claim/", {"action": "accept", "_selected_action": [claim.pk]})

    assert page.status_code == 200
    assert claim.status == Claim.objects.get(pk=claim.pk).status == "proposed"
    assert post.status_code in (200, 302, 403)


@pytest.mark.django_db
def test_entity_names_lose_bidi_controls_and_invisible_names_are_refused(curator_client) -> None:
    from claims.models import Entity

    base = {
        "kind": "organization",
        "slug": "test-org",
        "wikidata_id": "",
        "status": "confirmed",
        "aliases-TOTAL_FORMS": "1",
        "aliases-INITIAL_FORMS": "0",
        "aliases-0-name": "\u2067داعش\u2069",
        "aliases-0-language": "ar",
        "aliases-0-status": "confirmed",
    }

    refused = curator_client.post("/admin/claims/entity/add/", {**base, "name": "\u200c\u200e"})
    saved = curator_client.post("/admin/claims/entity/add/", {**base, "name": "\u202eISIS\u202c"})

    assert refused.status_code == 200
    assert "no visible character" in refused.content.decode()
    assert saved.status_code == 302
    entity = Entity.objects.get(slug="test-org")
    assert entity.name == "ISIS"
    assert entity.aliases.get().name == "داعش"
