"""Three imports of the same file at once store each claim, entity and fact once.

The claim's identity (document, span, property) is a unique constraint; a batch that loses
the race to another import fails on it, re-reads what that import committed and stores only
what is still new. New entities and facts are inserted skipping conflicts and read back.
Three threads, each on its own database connection, import the same file; a barrier starts
them together, and small batches make them interleave.

PostgreSQL only: on SQLite each batch holds the database's only write lock from its first
statement, so imports queue up instead of racing (and the in-memory test database cannot
be shared by threads; `tests/concurrency/conftest.py::file_database` explains).
"""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections

from claims.exchange import ImportResult, claims_import, export_rows, importing, read_rows, write_csv
from claims.models import Claim, Entity, Evidence, Fact, Revision
from tests.conftest import ROOT

CURATED_FIXTURE = ROOT / "fixtures" / "curated" / "seeds.json"
IMPORTS = 3
BATCH = 8


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite batches hold the only write lock, so imports queue instead of racing",
)
@pytest.mark.django_db(transaction=True)
class TestConcurrentImports:
    @pytest.fixture
    def csv_file(self, tmp_path):
        """The curated claims as a CSV file whose subjects are new entities, with the claims,
        facts and those entities absent from the database: every import must create them."""
        call_command("loaddata", str(CURATED_FIXTURE), verbosity=0)
        rows = list(export_rows())
        Claim.objects.all().delete()
        Fact.objects.all().delete()
        for row in rows:
            if row["subject"]:
                row["subject"] = f"imported-{row['subject']}"
        path = tmp_path / "claims.csv"
        write_csv(path, rows)
        return path, rows

    def test_three_imports_of_one_file_at_once_store_each_claim_once(self, csv_file) -> None:
        path, rows = csv_file

        results = _import_at_once(path)

        _assert_each_claim_stored_once(results, rows)
        subjects = {row["subject"] for row in rows if row["subject"]}
        assert Entity.objects.filter(slug__in=subjects).count() == len(subjects)
        facts = set(Claim.objects.exclude(fact=None).values_list("fact_id", flat=True))
        assert Fact.objects.count() == len(facts) > 0

    def test_imports_that_lose_the_race_for_a_claim_read_it_back_and_skip_it(self, tmp_path, monkeypatch) -> None:
        """The race made certain: entities and facts exist (nothing else makes the imports
        wait for one another), and every import reads the claims at its first batch's spans
        before any of them stores one, so two of them must fail on the constraint and retry."""
        call_command("loaddata", str(CURATED_FIXTURE), verbosity=0)
        rows = list(export_rows())
        path = tmp_path / "claims.csv"
        write_csv(path, rows)
        claims_import(rows=read_rows(path))  # the facts under this database's keys
        Claim.objects.all().delete()
        Revision.objects.all().delete()
        all_read = threading.Barrier(IMPORTS)
        first_read = threading.local()
        original = importing._claims_at_spans

        def read_then_wait(ready):
            found = original(ready)
            if not getattr(first_read, "done", False):
                first_read.done = True
                all_read.wait(timeout=30)
            return found

        monkeypatch.setattr(importing, "_claims_at_spans", read_then_wait)

        results = _import_at_once(path)

        _assert_each_claim_stored_once(results, rows)


def _import_at_once(path) -> list[ImportResult]:
    """`IMPORTS` imports of the file, one thread and connection each, started together."""
    barrier = threading.Barrier(IMPORTS)
    results: list[ImportResult] = []
    failures: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(claims_import(rows=read_rows(path), batch_size=BATCH))
        except BaseException as exc:  # reported by the caller
            failures.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run) for _ in range(IMPORTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not failures, failures
    return results


def _assert_each_claim_stored_once(results: list[ImportResult], rows: list[dict]) -> None:
    assert len(results) == IMPORTS
    assert [r.errors for r in results] == [[]] * IMPORTS
    # Each row was created by exactly one import and found unchanged by the two others.
    assert sum(r.created for r in results) == len(rows)
    assert sum(r.skipped for r in results) == (IMPORTS - 1) * len(rows)
    assert sum(r.updated for r in results) == 0
    identities = set(Claim.objects.values_list("document_id", "span_start", "span_end", "property_id"))
    assert Claim.objects.count() == len(identities) == len(rows)
    assert Evidence.objects.count() == len(rows)
    assert Revision.objects.filter(model="claim", action="create").count() == len(rows)
