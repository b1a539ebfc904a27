"""The `bench_api` data generator keeps the ledger's invariants, so its figures mean something."""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks import api as bench
from benchmarks import synthetic
from claims import selectors
from claims.domain.crosscheck import crosscheck
from claims.models import Claim, Evidence, Fact
from corpus.models import Document, Sentence


@pytest.fixture
def generated(db) -> synthetic.Generated:
    # A high conflict rate so that 20 facts surely include some conflicts.
    return synthetic.generate(claims=200, facts=20, conflict_rate=0.3)


@pytest.fixture
def chunked(db) -> synthetic.Generated:
    # Chunks of ~50 claims: ids consecutive across chunks, facts whole within one.
    return synthetic.generate(claims=200, facts=20, conflict_rate=0.3, chunk_claims=50)


@pytest.mark.django_db
class TestBenchGenerator:
    def test_counts(self, generated) -> None:
        assert Claim.objects.count() == 200
        assert Fact.objects.count() == 20
        assert Evidence.objects.count() == Document.objects.count() == Sentence.objects.count() == 200
        assert set(Claim.objects.values_list("id", flat=True)) == set(generated.claim_ids)
        assert Counter(Claim.objects.values_list("status", flat=True))["accepted"] > 150

    def test_the_generated_vocabulary_compiles_so_articles_can_be_submitted(self, generated) -> None:
        # An entity slug with a hyphen made every document submission of the load benchmark a 500.
        from claims.vocabulary.cache import vocabulary_build

        vocabulary = vocabulary_build()

        assert sum(1 for e in vocabulary.entities if e.slug.startswith("bench_entity_")) > 0

    def test_every_quote_is_the_document_text_at_its_span(self, generated) -> None:
        for ev in Evidence.objects.select_related("document", "sentence", "claim"):
            assert ev.document.text[ev.start : ev.end] == ev.quote
            assert ev.sentence.text == ev.document.text[ev.sentence.start : ev.sentence.end]
            assert ev.claim.document_id == ev.document_id
            ev.clean()  # the services' own provenance rule

    def test_stored_verdicts_and_the_scan_agree_with_the_per_fact_engine(self, generated) -> None:
        loop = set()
        for fact in Fact.objects.select_related("property"):
            rows = selectors.fact_claim_rows([fact.pk]).get(fact.pk, [])
            report = (
                crosscheck(
                    [selectors.claim_value_from_row(r) for r in rows],
                    time_varying=fact.property.time_varying,
                    cumulative=fact.property.cumulative,
                )
                if rows
                else None
            )
            assert fact.verdict == (str(report.verdict) if report else "")
            assert fact.claim_count == len(rows)
            if report and report.verdict == "conflict":
                loop.add(fact.pk)

        assert loop, "the generator should have made some conflicts"
        assert (
            set(selectors.facts_in_conflict())
            == loop
            == bench.batched_loop()
            == bench.per_fact_loop(Fact.objects.values_list("id", flat=True))
        )

    def test_chunks_keep_ids_consecutive_and_facts_whole(self, chunked) -> None:
        assert set(Claim.objects.values_list("id", flat=True)) == set(chunked.claim_ids)
        assert Fact.objects.count() == 20
        for fact in Fact.objects.all():
            accepted = Claim.objects.filter(fact=fact, status="accepted").count()
            assert fact.claim_count == accepted
        assert set(selectors.facts_in_conflict()) == bench.batched_loop()

    def test_cleanup_removes_what_was_generated(self, generated) -> None:
        synthetic.cleanup(generated)

        assert not Claim.objects.exists()
        assert not Document.objects.exists()

    def test_a_database_with_claims_is_refused(self, generated) -> None:
        with pytest.raises(synthetic.BenchRefused, match="already holds claims"):
            synthetic.ensure_safe_target()
        with pytest.raises(synthetic.BenchRefused, match="--confirm-database"):
            synthetic.ensure_safe_target(force=True, confirm_database="some-other-db")
        synthetic.ensure_safe_target(force=True, confirm_database=synthetic.database_label())
