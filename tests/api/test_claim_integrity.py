"""One write path for claims (issue 13): the same value rules, identity and revisions whether a
claim is written through the API or the admin, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from decimal import Decimal

import pytest

from claims import services
from claims.models import Claim, Evidence, Fact, Property, Revision
from tests.factories import DocumentFactory, EntityFactory, claim_create_body, claim_with_evidence

TEXT = "العنوان\nوقال المتحدث إن التحالف يضم نحو 80 بلداً ومنظمة دولية."
QUOTE = "80 بلداً"


@pytest.fixture
def document(db):
    from corpus.models import Sentence

    doc = DocumentFactory(text=TEXT)
    Sentence.objects.create(document=doc, index=0, start=0, end=7, text=TEXT[:7])
    Sentence.objects.create(document=doc, index=1, start=8, end=len(TEXT), text=TEXT[8:])
    return doc


@pytest.fixture
def curator_client(client, curator):
    """The admin, as a curator."""
    curator.is_staff = True
    curator.save()
    client.force_login(curator)
    return client


@pytest.fixture
def api(api_client, curator):
    api_client.force_authenticate(curator)
    return api_client


def _create(api, document, **fields):
    start = TEXT.index(QUOTE)
    body = claim_create_body(document_id=document.pk, start=start, end=start + len(QUOTE), quote=QUOTE, **fields)
    return api.post("/api/v1/claims/", body, format="json")


@pytest.mark.django_db
class TestIdentity:
    def test_a_second_claim_on_the_same_span_and_property_is_409_pointing_at_the_first(self, api, document) -> None:
        first = _create(api, document)
        second = _create(api, document, nominal="81", lower="81", upper="81")

        assert first.status_code == 201, first.json()
        assert second.status_code == 409, second.json()
        url = f"/api/v1/claims/{first.json()['id']}/"
        assert second["Location"].endswith(url)
        assert second.json()["existing"].endswith(url)
        assert Claim.objects.count() == 1
        assert Claim.objects.get().nominal == "80"

    def test_another_property_at_the_same_span_is_another_claim(self, api, document) -> None:
        first = _create(api, document)
        second = _create(api, document, property="meeting_attendance")

        assert (first.status_code, second.status_code) == (201, 201)
        assert Claim.objects.count() == 2

    def test_moving_a_claim_onto_the_identity_of_another_is_refused(self, api, document) -> None:
        _create(api, document)
        other = _create(api, document, property="meeting_attendance").json()

        response = api.patch(
            f"/api/v1/claims/{other['id']}/", {"property": "member_count"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 409
        assert Claim.objects.get(pk=other["id"]).property.slug == "meeting_attendance"

    def test_a_duplicate_that_slips_past_the_services_read_is_still_409(self, api, document, monkeypatch) -> None:
        """Two creates at once both read "no such claim"; the constraint decides, and the loser
        answers 409 as if it had seen the winner."""
        first = _create(api, document)
        # What a concurrent create sees: both of its reads before the insert find nothing.
        monkeypatch.setattr(services, "_refuse_duplicate", lambda claim: None)
        monkeypatch.setattr(Claim, "validate_constraints", lambda self, exclude=None: None)

        second = _create(api, document)

        assert second.status_code == 409, second.json()
        assert second["Location"].endswith(f"/api/v1/claims/{first.json()['id']}/")
        assert Claim.objects.count() == Evidence.objects.count() == 1

    def test_the_database_refuses_a_duplicate_that_skips_the_service(self, document) -> None:
        from django.db import IntegrityError, transaction

        prop = Property.objects.get(slug="member_count")
        Claim.objects.create(document=document, span_start=40, span_end=48, property=prop)

        with pytest.raises(IntegrityError), transaction.atomic():
            Claim.objects.create(document=document, span_start=40, span_end=48, property=prop)

    def test_two_claims_without_property_on_one_span_are_refused_by_the_database(self, document) -> None:
        from django.db import IntegrityError, transaction

        Claim.objects.create(document=document, span_start=40, span_end=48)

        with pytest.raises(IntegrityError), transaction.atomic():
            Claim.objects.create(document=document, span_start=40, span_end=48)

    def test_a_create_may_say_when_the_claim_holds(self, api, document) -> None:
        response = _create(api, document, as_of="2021-03-01")

        assert response.status_code == 201, response.json()
        assert Claim.objects.get().as_of.isoformat() == "2021-03-01"


@pytest.mark.django_db
class TestValueRules:
    @pytest.mark.parametrize(
        ("fields", "named", "message"),
        [
            ({"unit": "USD"}, "unit", "takes country, member, organization"),
            ({"unit": ""}, "unit", "needs a unit"),
            ({"date_lower": "2021-01-01"}, "date_lower", "belongs to date claims"),
            ({"calendar": "gregorian"}, "calendar", "belongs to date claims"),
            (
                {"qualifiers": {"victim_group": "civilians"}},
                "qualifiers",
                "does not take the qualifier(s) victim_group",
            ),
            ({"nominal": "8\u202e0"}, "nominal", "U+202E"),
            ({"nominal": "80\u200b"}, "nominal", "U+200B"),
            ({"qualifiers": {"year": "20\u200f21"}}, "qualifiers", "U+200F"),
            ({"lower": "72", "upper": "79", "nominal": "80"}, "upper", "leaves out the stated figure 80"),
            ({"status": "accepted"}, "subject", "needs a subject"),
        ],
    )
    def test_a_bad_value_is_400_naming_the_field_on_create_and_nothing_is_stored(
        self, api, document, fields, named, message
    ) -> None:
        response = _create(api, document, **fields)

        assert response.status_code == 400, response.json()
        assert message in " ".join(response.json()[named])
        assert not Claim.objects.exists()
        assert not Evidence.objects.exists()

    @pytest.mark.parametrize(
        ("fields", "named"),
        [
            ({"unit": "person"}, "unit"),
            ({"date_upper": "2021-01-01"}, "date_upper"),
            ({"qualifiers": {"year": 2021}}, "qualifiers"),
            ({"nominal": "\u202d80"}, "nominal"),
            ({"lower": "81"}, "lower"),
            ({"status": "accepted"}, "subject"),
        ],
    )
    def test_a_bad_value_is_400_naming_the_field_on_patch_and_nothing_changes(self, api, fields, named) -> None:
        claim = claim_with_evidence(unit="country")

        response = api.patch(f"/api/v1/claims/{claim.pk}/", fields, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 400, response.json()
        assert named in response.json()
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.version, stored.status, stored.unit, stored.nominal) == (1, "proposed", "country", "80")
        assert not Revision.objects.filter(model="claim").exists()

    @pytest.mark.parametrize(("fields", "named"), [({"lower": "738000"}, "lower"), ({"unit": "day"}, "unit")])
    def test_a_date_claim_refuses_figures_naming_the_field(self, api, fields, named) -> None:
        claim = claim_with_evidence(
            property=Property.objects.get(slug="founded_on"), value_type="date", unit="", lower=None, upper=None
        )

        response = api.patch(f"/api/v1/claims/{claim.pk}/", fields, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 400, response.json()
        assert named in response.json()
        assert Claim.objects.get(pk=claim.pk).version == 1

    @pytest.mark.parametrize(
        "evidence",
        [{"document": 1, "start": 0, "end": 3}, {"start": 5}, None, "moved", []],
    )
    def test_a_patch_that_sends_evidence_is_400_naming_it(self, api, evidence) -> None:
        claim = claim_with_evidence()

        response = api.patch(
            f"/api/v1/claims/{claim.pk}/", {"evidence": evidence, "nominal": "81"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 400
        assert "evidence" in response.json()
        assert Claim.objects.get(pk=claim.pk).version == 1

    def test_a_new_figure_re_derives_the_bounds_by_the_policy(self, api) -> None:
        claim = claim_with_evidence(
            nominal="80", lower=Decimal(72), upper=Decimal(80), modifier="nearly", rule="hedge.nearly"
        )

        response = api.patch(f"/api/v1/claims/{claim.pk}/", {"nominal": "90"}, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 200, response.json()
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.lower, stored.upper, stored.rule) == (Decimal(81), Decimal(90), "hedge.nearly")
        changes = Revision.objects.get(model="claim").changes
        assert (changes["lower"], changes["upper"]) == (["72", "81"], ["80", "90"])

    def test_a_new_hedge_re_derives_the_bounds(self, api) -> None:
        claim = claim_with_evidence()

        response = api.patch(
            f"/api/v1/claims/{claim.pk}/", {"modifier": "more_than"}, format="json", HTTP_IF_MATCH='"1"'
        )

        assert response.status_code == 200, response.json()
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.lower, stored.upper, stored.lower_open, stored.upper_open) == (Decimal(80), None, True, False)

    def test_bounds_given_with_the_figure_are_kept(self, api) -> None:
        claim = claim_with_evidence()

        response = api.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"nominal": "90", "modifier": "about", "lower": "85", "upper": "95"},
            format="json",
            HTTP_IF_MATCH='"1"',
        )

        assert response.status_code == 200, response.json()
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.lower, stored.upper) == (Decimal(85), Decimal(95))

    def test_accepting_a_claim_with_subject_and_property_is_allowed(self, api) -> None:
        claim = claim_with_evidence(subject=EntityFactory())

        response = api.patch(f"/api/v1/claims/{claim.pk}/", {"status": "accepted"}, format="json", HTTP_IF_MATCH='"1"')

        assert response.status_code == 200, response.json()
        assert Claim.objects.get(pk=claim.pk).fact is not None


@pytest.mark.django_db
def test_accepting_a_claim_files_it_in_its_fact(curator) -> None:
    claim = claim_with_evidence(subject=EntityFactory())
    Claim.objects.filter(pk=claim.pk).update(fact=None)  # stored before it had one
    claim.refresh_from_db()

    services.claim_update(claim=claim, expected_version=1, user=curator, via="api", status="accepted")

    claim.refresh_from_db()
    fact = Fact.objects.get(pk=claim.fact_id)
    assert (fact.subject_id, fact.property_id, fact.claim_count, fact.verdict) == (
        claim.subject_id,
        claim.property_id,
        1,
        "single",
    )


def _admin_post(client, claim: Claim, **fields):
    data = {
        "subject": claim.subject_id or "",
        "property": claim.property_id or "",
        "qualifiers": "{}",
        "fact": claim.fact_id or "",
        "status": claim.status,
        "nominal": claim.nominal,
        "modifier": claim.modifier,
        "lower": "" if claim.lower is None else claim.lower,
        "upper": "" if claim.upper is None else claim.upper,
        "unit": claim.unit,
        "date_precision": "",
        "calendar": "",
        "confidence": "0",
        "version": claim.version,
        **fields,
    }
    return client.post(f"/admin/claims/claim/{claim.pk}/change/", data)


@pytest.mark.django_db
class TestAdmin:
    def test_editing_nearly_80_to_81_moves_the_bounds_with_it(self, curator_client) -> None:
        claim = claim_with_evidence(
            nominal="80", lower=Decimal(72), upper=Decimal(80), modifier="nearly", rule="hedge.nearly"
        )

        response = _admin_post(curator_client, claim, nominal="81")

        assert response.status_code == 302
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.nominal, stored.lower, stored.upper) == ("81", Decimal("72.9"), Decimal(81))

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            ({"nominal": "81", "upper": "80.5"}, "leaves out the stated figure 81"),
            ({"unit": "USD"}, "takes country, member, organization"),
            ({"qualifiers": '{"place": "x"}'}, "does not take the qualifier(s) place"),
            ({"nominal": "8\u200e1"}, "U+200E"),
            ({"status": "accepted"}, "needs a subject"),
        ],
    )
    def test_a_bad_edit_is_an_error_on_the_form_and_nothing_is_saved(self, curator_client, fields, message) -> None:
        claim = claim_with_evidence()

        response = _admin_post(curator_client, claim, **fields)

        assert response.status_code == 200
        assert message in response.content.decode()
        stored = Claim.objects.get(pk=claim.pk)
        assert (stored.version, stored.nominal, stored.unit, stored.status) == (1, "80", "country", "proposed")

    def test_the_accept_action_refuses_a_claim_without_subject_and_changes_nothing(self, curator_client) -> None:
        ready = claim_with_evidence(subject=EntityFactory())
        orphan = claim_with_evidence()

        response = curator_client.post(
            "/admin/claims/claim/", {"action": "accept", "_selected_action": [ready.pk, orphan.pk]}, follow=True
        )

        assert f"claim {orphan.pk}: an accepted claim needs a subject" in response.content.decode()
        assert set(Claim.objects.values_list("status", flat=True)) == {"proposed"}

    def test_deleting_a_claim_writes_a_revision_and_refreshes_its_fact(self, curator_client, curator) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        services.claims_set_status(claims=[claim], status="accepted", user=curator, via="admin")
        fact = Fact.objects.get(pk=claim.fact_id)
        assert (fact.claim_count, fact.verdict) == (1, "single")

        response = curator_client.post(f"/admin/claims/claim/{claim.pk}/delete/", {"post": "yes"})

        assert response.status_code == 302
        assert not Claim.objects.filter(pk=claim.pk).exists()
        revision = Revision.objects.get(model="claim", object_id=claim.pk, action="delete")
        assert (revision.via, revision.user) == ("admin", curator)
        fact.refresh_from_db()
        assert (fact.claim_count, fact.verdict) == (0, "")

    def test_the_bulk_delete_action_writes_a_revision_per_claim(self, curator_client) -> None:
        claims = [claim_with_evidence(), claim_with_evidence()]

        curator_client.post(
            "/admin/claims/claim/",
            {"action": "delete_selected", "_selected_action": [c.pk for c in claims], "post": "yes"},
        )

        assert not Claim.objects.exists()
        assert Revision.objects.filter(model="claim", action="delete").count() == 2

    def test_evidence_cannot_be_edited_or_deleted_on_its_own(self, curator_client) -> None:
        claim = claim_with_evidence()
        evidence = claim.evidence.get()
        start = evidence.start
        url = f"/admin/claims/evidence/{evidence.pk}/"

        page = curator_client.get(f"{url}change/")
        edit = curator_client.post(f"{url}change/", {"start": 0, "end": 3, "quote": "الع"})
        delete = curator_client.post(f"{url}delete/", {"post": "yes"})

        assert page.status_code == 200
        assert 'name="quote"' not in page.content.decode()
        assert edit.status_code == 403
        assert delete.status_code == 403
        evidence.refresh_from_db()
        assert (evidence.quote, evidence.start) == (QUOTE, start)

    def test_a_stale_fact_save_is_refused_and_the_first_curators_note_stays(self, curator_client, curator) -> None:
        claim = claim_with_evidence(subject=EntityFactory())
        fact = Fact.objects.get(pk=claim.fact_id)
        url = f"/admin/claims/fact/{fact.pk}/change/"
        first = curator_client.post(url, {"resolution_note": "Checked with the ministry.", "version": 1})

        second = curator_client.post(url, {"resolution_note": "Overwritten.", "version": 1})

        assert first.status_code == 302
        assert second.status_code == 200
        assert "changed by someone else" in second.content.decode()
        fact.refresh_from_db()
        assert (fact.resolution_note, fact.version) == ("Checked with the ministry.", 2)

    def test_a_fact_cannot_be_deleted_behind_its_claims_back(self, curator_client) -> None:
        claim = claim_with_evidence(subject=EntityFactory())

        response = curator_client.post(f"/admin/claims/fact/{claim.fact_id}/delete/", {"post": "yes"})

        assert response.status_code == 403
        assert Fact.objects.filter(pk=claim.fact_id).exists()
