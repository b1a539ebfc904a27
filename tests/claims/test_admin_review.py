"""The review workspace's server side: the queue, the page, its JSON endpoints and pickers."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from claims.models import Claim, Entity, EntityAlias, Property, Revision
from claims.proposals import document_propose
from claims.services import claims_link_mentions
from corpus.models import Mention
from tests.review_articles import ingest_article


@pytest.fixture
def staff_curator(curator: User) -> User:
    curator.is_staff = True
    curator.save()
    return curator


@pytest.fixture
def curator_client(client, staff_curator: User):
    client.force_login(staff_curator)
    return client


@pytest.fixture
def viewer_client(db) -> Client:
    from claims.accounts import groups_ensure

    _, viewer_group = groups_ensure()
    viewer = User.objects.create_user("victor", password="x-viewer-pass-1", is_staff=True)
    viewer.groups.add(viewer_group)
    client = Client()
    client.force_login(viewer)
    return client


def proposed(language: str, suffix: str = ""):
    """A freshly ingested test article with its proposals (claims linked to their mentions)."""
    document = ingest_article(language, suffix=suffix)
    document_propose(document=document)
    claims_link_mentions(document_ids=[document.pk])
    return document


def base(document) -> str:
    return f"/admin/corpus/document/{document.pk}/review/"


def post(client, url: str, body: dict):
    return client.post(url, json.dumps(body), content_type="application/json")


def claim_at(document, quote: str) -> Claim:
    return Claim.objects.get(document=document, evidence__quote=quote)


def mention_at(document, quote: str) -> Mention:
    """The stored mention of `quote`, left without a claim (the proposer may or may not have made one)."""
    mention = Mention.objects.get(document=document, text=quote)
    Claim.objects.filter(mention=mention).delete()
    return mention


@pytest.mark.django_db
class TestQueue:
    def test_it_lists_documents_with_proposals_left_newest_first(self, curator_client) -> None:
        arabic, dari = proposed("ar"), proposed("fa")  # articles of 2022-05-12 and 2022-04-09

        page = curator_client.get("/admin/corpus/document/review-queue/").content.decode()

        assert page.index(f"{base(arabic)}") < page.index(f"{base(dari)}")
        left = Claim.objects.filter(document=arabic, status="proposed").count()
        assert f'<span class="count">{left}</span> of {left}' in page
        assert "Arabic" in page
        assert "Persian/Dari" in page
        assert "Sanad test desk (ar)" in page

    def test_a_document_with_nothing_left_leaves_the_queue(self, curator_client) -> None:
        arabic, dari = proposed("ar"), proposed("fa")
        Claim.objects.filter(document=arabic).update(status="rejected")

        page = curator_client.get("/admin/corpus/document/review-queue/").content.decode()

        assert base(arabic) not in page
        assert base(dari) in page

    def test_the_queue_costs_the_same_queries_for_any_number_of_documents(
        self, curator_client, django_assert_num_queries
    ) -> None:
        proposed("ar")

        # session, user, permissions (2: the user's and the groups'), the queue with its counts
        # aggregated and the source joined.
        with django_assert_num_queries(5):
            curator_client.get("/admin/corpus/document/review-queue/")
        proposed("fa")
        proposed("ar", suffix=" ")
        with django_assert_num_queries(5):
            response = curator_client.get("/admin/corpus/document/review-queue/")
        assert response.content.decode().count('<td class="title">') == 3

    def test_next_walks_the_queue_in_order_and_wraps(self, curator_client) -> None:
        arabic, dari = proposed("ar"), proposed("fa")
        url = "/admin/corpus/document/review-queue/next/?after="

        assert curator_client.get(f"{url}{arabic.pk}")["Location"] == base(dari)
        assert curator_client.get(f"{url}{dari.pk}")["Location"] == base(arabic)

    def test_next_without_work_left_returns_to_the_queue(self, curator_client) -> None:
        arabic = proposed("ar")
        Claim.objects.update(status="accepted")

        response = curator_client.get(f"/admin/corpus/document/review-queue/next/?after={arabic.pk}")

        assert response["Location"] == "/admin/corpus/document/review-queue/"


@pytest.mark.django_db
class TestReviewPage:
    def test_the_whole_article_is_shown_right_to_left_with_every_mention_marked(self, curator_client) -> None:
        document = proposed("ar")

        page = curator_client.get(base(document)).content.decode()

        assert '<article id="article" class="article" dir="rtl" lang="ar">' in page
        mentions = Mention.objects.filter(document=document).count()
        assert page.count('<mark class="m" data-mark=') >= mentions
        assert "مقتل" in page
        assert "أسعار الذهب" in page
        assert "article date <strong" in page
        assert "2022-05-12" in page
        assert "stated in the article" in page
        total = Claim.objects.filter(document=document).count()
        assert f"0 of {total} reviewed" in page

    def test_text_outside_every_sentence_is_greyed_as_chrome(self, curator_client) -> None:
        document = proposed("fa")
        covered = [(s.start, s.end) for s in document.sentences.all()]
        outside = next(
            i for i, ch in enumerate(document.text) if ch.strip() and not any(a <= i < b for a, b in covered)
        )

        page = curator_client.get(base(document)).content.decode()

        article = page.split('<article id="article"', 1)[1].split("</article>", 1)[0]
        chrome = [part.split("</span>", 1)[0] for part in article.split('<span class="chrome">')[1:]]
        assert chrome
        assert any(document.text[outside] in part for part in chrome)

    def test_state_has_one_item_per_claim_and_per_mention_without_a_claim(self, curator_client) -> None:
        document = proposed("ar")
        unclaimed = set(Mention.objects.filter(document=document, claims__isnull=True).values_list("id", flat=True))
        lonely = Claim.objects.filter(document=document).order_by("id").first()
        lonely.delete()  # its mention now has no claim

        state = curator_client.get(base(document) + "state/").json()

        keys = [item["key"] for item in state["items"]]
        assert len(keys) == Mention.objects.filter(document=document).count()
        none = [item for item in state["items"] if item["state"] == "none"]
        assert {item["mention"]["id"] for item in none} == unclaimed | {lonely.mention_id}
        starts = [item["start"] for item in state["items"]]
        assert starts == sorted(starts)

    def test_a_page_in_english_reads_left_to_right(self, curator_client) -> None:
        from corpus.services import DocumentMetadata, document_ingest

        text = "Home | News\nThe coalition now has 86 members, the ministry said on Monday.\n"
        document = document_ingest(
            raw=text.encode(), file_name="en.txt", metadata=DocumentMetadata(source="Desk", language="en")
        ).document

        page = curator_client.get(base(document)).content.decode()

        assert 'dir="ltr" lang="en"' in page

    def test_the_state_costs_the_same_queries_for_any_number_of_mentions(
        self, curator_client, django_assert_num_queries
    ) -> None:
        small, large = proposed("fa"), proposed("ar")

        # session, user, permissions (2: the user's and the groups'), the document (without its
        # text), its mentions, its claims with subject, property and fact joined, their evidence.
        for document in (small, large):
            with django_assert_num_queries(8):
                curator_client.get(base(document) + "state/")

    def test_a_viewer_may_read_but_not_write(self, viewer_client) -> None:
        document = proposed("ar")
        claim = Claim.objects.filter(document=document).first()

        assert viewer_client.get(base(document)).status_code == 200
        response = post(
            viewer_client, f"{base(document)}claims/{claim.pk}/status/", {"status": "rejected", "version": 1}
        )
        assert response.status_code == 403
        assert Claim.objects.get(pk=claim.pk).status == "proposed"

    def test_anonymous_visitors_are_sent_to_the_login(self, client, db) -> None:
        document = proposed("ar")

        assert "/admin/login/" in client.get(base(document))["Location"]


@pytest.mark.django_db
class TestStatus:
    def test_accepting_writes_a_revision_and_answers_the_new_state(self, curator_client, staff_curator) -> None:
        document = proposed("ar")
        claim = claim_at(document, "12 مليون دولار")

        response = post(
            curator_client, f"{base(document)}claims/{claim.pk}/status/", {"status": "accepted", "version": 1}
        )

        claim.refresh_from_db()
        assert response.status_code == 200
        assert (claim.status, claim.version) == ("accepted", 2)
        revision = Revision.objects.filter(model="claim", object_id=claim.pk, action="update").get()
        assert (revision.user, revision.via, revision.changes) == (
            staff_curator,
            "admin",
            {"status": ["proposed", "accepted"]},
        )
        state = response.json()
        assert state["reviewed"] == 1
        item = next(i for i in state["items"] if i["key"] == f"c{claim.pk}")
        assert item["state"] == "accepted"
        assert item["claim"]["fact"]["verdict"] == "single"

    def test_a_stale_version_is_refused_with_the_current_state(self, curator_client) -> None:
        document = proposed("ar")
        claim = claim_at(document, "12 مليون دولار")
        post(curator_client, f"{base(document)}claims/{claim.pk}/status/", {"status": "accepted", "version": 1})

        response = post(
            curator_client, f"{base(document)}claims/{claim.pk}/status/", {"status": "rejected", "version": 1}
        )

        assert response.status_code == 409
        assert "changed by someone else" in response.json()["error"]
        assert Claim.objects.get(pk=claim.pk).status == "accepted"
        item = next(i for i in response.json()["state"]["items"] if i["key"] == f"c{claim.pk}")
        assert item["claim"]["version"] == 2

    def test_a_claim_without_a_subject_cannot_be_accepted(self, curator_client) -> None:
        document = proposed("ar")
        claim = Claim.objects.filter(document=document, subject__isnull=True, property__isnull=False).first()

        response = post(
            curator_client, f"{base(document)}claims/{claim.pk}/status/", {"status": "accepted", "version": 1}
        )

        assert response.status_code == 400
        assert response.json()["error"] == "Pick a subject before accepting this claim."
        assert Claim.objects.get(pk=claim.pk).status == "proposed"

    def test_writes_need_the_csrf_token(self, staff_curator) -> None:
        document = proposed("ar")
        claim = Claim.objects.filter(document=document).first()
        client = Client(enforce_csrf_checks=True)
        client.force_login(staff_curator)

        response = post(client, f"{base(document)}claims/{claim.pk}/status/", {"status": "rejected", "version": 1})

        assert response.status_code == 403
        assert Claim.objects.get(pk=claim.pk).status == "proposed"

    def test_a_claim_of_another_document_is_not_found(self, curator_client) -> None:
        arabic, dari = proposed("ar"), proposed("fa")
        other = Claim.objects.filter(document=dari).first()

        response = post(
            curator_client, f"{base(arabic)}claims/{other.pk}/status/", {"status": "rejected", "version": 1}
        )

        assert response.status_code == 404

    @pytest.mark.parametrize("body", [{"status": "accepted"}, {"status": "accepted", "version": "x"}, []])
    def test_a_malformed_request_is_refused_by_name(self, curator_client, body) -> None:
        document = proposed("ar")
        claim = claim_at(document, "12 مليون دولار")

        response = post(curator_client, f"{base(document)}claims/{claim.pk}/status/", body)

        assert response.status_code == 400
        assert response.json()["error"]

    def test_get_is_not_allowed(self, curator_client) -> None:
        document = proposed("ar")
        claim = Claim.objects.filter(document=document).first()

        assert curator_client.get(f"{base(document)}claims/{claim.pk}/status/").status_code == 405


@pytest.mark.django_db
class TestEdit:
    def test_setting_the_subject_puts_the_claim_in_its_fact(self, curator_client) -> None:
        document = proposed("fa")
        claim = claim_at(document, "دستکم ۲۵")
        un = Entity.objects.get(slug="united_nations")

        response = post(curator_client, f"{base(document)}claims/{claim.pk}/", {"version": 1, "subject": un.pk})

        claim.refresh_from_db()
        assert response.status_code == 200
        assert claim.subject == un
        assert claim.fact is not None
        item = next(i for i in response.json()["items"] if i["key"] == f"c{claim.pk}")
        assert item["claim"]["fact"]["name"] == "United Nations · killed"

    def test_a_property_of_another_value_type_is_refused(self, curator_client) -> None:
        document = proposed("ar")
        claim = claim_at(document, "12 مليون دولار")
        dated = Property.objects.get(slug="founded_on")

        response = post(curator_client, f"{base(document)}claims/{claim.pk}/", {"version": 1, "property": dated.pk})

        assert response.status_code == 400
        assert "takes date values" in response.json()["error"]

    def test_qualifiers_are_typed_and_limited_to_the_property(self, curator_client) -> None:
        document = proposed("ar")
        claim = claim_at(document, "41 شخصاً على الأقل")  # killed: victim_group

        ok = post(
            curator_client,
            f"{base(document)}claims/{claim.pk}/",
            {"version": 1, "qualifiers": {"victim_group": "civilians"}},
        )
        bad = post(
            curator_client, f"{base(document)}claims/{claim.pk}/", {"version": 2, "qualifiers": {"year": "2021"}}
        )

        assert ok.status_code == 200
        assert Claim.objects.get(pk=claim.pk).qualifiers == {"victim_group": "civilians"}
        assert bad.status_code == 400
        assert "no qualifier 'year'" in bad.json()["error"]

    def test_editing_the_value_makes_the_claim_curated(self, curator_client) -> None:
        document = proposed("ar")
        claim = claim_at(document, "نحو 3 آلاف عائلة")

        response = post(
            curator_client,
            f"{base(document)}claims/{claim.pk}/",
            {"version": 1, "modifier": "exact", "lower": "3000", "upper": "3000", "unit": "person"},
        )

        claim.refresh_from_db()
        assert response.status_code == 200, response.json()
        assert (claim.modifier, claim.lower, claim.upper, claim.origin) == ("exact", 3000, 3000, "curated")

    def test_a_bad_number_is_refused_by_field(self, curator_client) -> None:
        document = proposed("ar")
        claim = claim_at(document, "نحو 3 آلاف عائلة")

        response = post(curator_client, f"{base(document)}claims/{claim.pk}/", {"version": 1, "lower": "three"})

        assert response.status_code == 400
        assert "lower" in response.json()["fields"]


@pytest.mark.django_db
class TestIdentity:
    def test_giving_a_claim_the_property_another_claim_states_at_its_span_is_409(self, curator_client) -> None:
        document = proposed("ar")
        claim = claim_at(document, "نحو 3 آلاف عائلة")
        other = Property.objects.exclude(pk=claim.property_id).filter(value_type="quantity").order_by("slug").first()
        Claim.objects.create(
            document=document, span_start=claim.span_start, span_end=claim.span_end, property=other, nominal="3000"
        )

        response = post(
            curator_client, f"{base(document)}claims/{claim.pk}/", {"version": claim.version, "property": other.pk}
        )

        assert response.status_code == 409
        assert "already states" in response.json()["error"]
        claim.refresh_from_db()
        assert claim.property_id != other.pk


@pytest.mark.django_db
class TestCreateAndEntities:
    def test_a_mention_without_a_claim_gets_one_from_its_property(self, curator_client) -> None:
        document = proposed("ar")
        mention = mention_at(document, "ثلاثة أيام")
        prop = Property.objects.get(slug="duration")  # days: a unit of its family

        response = post(curator_client, f"{base(document)}mentions/{mention.pk}/claim/", {"property": prop.pk})

        assert response.status_code == 200
        created = Claim.objects.get(document=document, mention=mention)
        assert (created.property, created.nominal, created.origin, created.status) == (prop, "3", "curated", "proposed")
        assert created.evidence.get().quote == mention.text
        assert response.json()["selected"] == f"c{created.pk}"

    def test_a_mention_in_a_unit_the_property_does_not_take_is_refused(self, curator_client) -> None:
        document = proposed("ar")
        mention = mention_at(document, "ثلاثة أيام")
        prop = Property.objects.get(slug="killed")  # counts people, not days

        response = post(curator_client, f"{base(document)}mentions/{mention.pk}/claim/", {"property": prop.pk})

        assert response.status_code == 400
        assert "unit" in response.json()["fields"]
        assert not Claim.objects.filter(document=document, mention=mention).exists()

    def test_a_date_mention_refuses_a_quantity_property(self, curator_client) -> None:
        document = proposed("ar")
        mention = mention_at(document, "أمس الأربعاء")

        response = post(
            curator_client,
            f"{base(document)}mentions/{mention.pk}/claim/",
            {"property": Property.objects.get(slug="killed").pk},
        )

        assert response.status_code == 400
        assert not Claim.objects.filter(mention=mention).exists()

    def test_new_entity_from_the_selected_words_becomes_the_subject(self, curator_client, staff_curator) -> None:
        document = proposed("fa")
        claim = claim_at(document, "دستکم ۲۵")

        response = post(
            curator_client,
            f"{base(document)}entities/",
            {"name": " سیلاب‌های هرات ", "kind": "event", "claim": claim.pk, "version": 1},
        )

        assert response.status_code == 200
        entity = Entity.objects.get(name="سیلاب‌های هرات")
        assert entity.kind == "event"
        assert EntityAlias.objects.filter(entity=entity, language="fa").exists()
        assert Claim.objects.get(pk=claim.pk).subject == entity
        assert Revision.objects.filter(model="entity", object_id=entity.pk, user=staff_curator).exists()

    def test_the_same_words_twice_name_the_same_entity(self, curator_client) -> None:
        document = proposed("fa")
        first, second = claim_at(document, "دستکم ۲۵"), claim_at(document, "بیش از ۱۲۰۰ خانواده")
        url = f"{base(document)}entities/"

        post(curator_client, url, {"name": "سیلاب‌های هرات", "kind": "event", "claim": first.pk, "version": 1})
        post(curator_client, url, {"name": "سیلابهای هرات", "kind": "event", "claim": second.pk, "version": 1})

        assert Entity.objects.filter(name__contains="هرات").count() == 1
        assert Claim.objects.get(pk=first.pk).subject_id == Claim.objects.get(pk=second.pk).subject_id

    def test_an_invisible_name_is_refused(self, curator_client) -> None:
        document = proposed("fa")

        response = post(curator_client, f"{base(document)}entities/", {"name": "\u200c\u200f ", "kind": "event"})

        assert response.status_code == 400


@pytest.mark.django_db
class TestPickers:
    @pytest.mark.parametrize(
        ("query", "slug"),
        [
            ("الامارات", "united_arab_emirates"),  # no hamza
            ("امارات", "united_arab_emirates"),
            ("سازمان ملل", "united_nations"),
            ("الامم المتحده", "united_nations"),  # teh marbuta as heh
            ("united", "united_nations"),
        ],
    )
    def test_entities_are_found_in_any_script_and_spelling(self, curator_client, query, slug) -> None:
        proposed("ar")  # syncs the lexicon's entities

        results = curator_client.get("/admin/corpus/document/review/lookup/entities/", {"q": query}).json()["results"]

        assert slug in {Entity.objects.get(pk=r["id"]).slug for r in results}

    def test_properties_are_found_by_arabic_persian_or_english_label(self, curator_client) -> None:
        prop = Property.objects.get(slug="killed")
        Property.objects.filter(pk=prop.pk).update(label_ar="قتلى", label_fa="کشته‌ها")
        url = "/admin/corpus/document/review/lookup/properties/"

        for query in ("قتلي", "کشته", "killed", "KILL"):
            results = curator_client.get(url, {"q": query}).json()["results"]
            assert prop.pk in [r["id"] for r in results], query

    def test_properties_can_be_limited_to_dates(self, curator_client) -> None:
        results = curator_client.get(
            "/admin/corpus/document/review/lookup/properties/", {"q": "", "type": "date"}
        ).json()["results"]

        assert results
        assert {r["value_type"] for r in results} == {"date"}
